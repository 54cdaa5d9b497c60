"""gunicorn settings for Convenor:

    gunicorn -c python:convenor.config.gunicorn convenor.config.wsgi

Threaded workers with keep-alive, page reads on threads of their own (see `worker.py`), and
SO_REUSEPORT so that the kernel spreads connections over the workers. Each setting can be
overridden on the command line (`--workers 8`) or with GUNICORN_CMD_ARGS.
"""

import os

bind = os.environ.get("CONVENOR_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("CONVENOR_WORKERS", str(2 * (os.cpu_count() or 1))))
threads = int(os.environ.get("CONVENOR_THREADS", "4"))
worker_class = "convenor.config.worker.ReadLaneWorker"
reuse_port = True
keepalive = 30
backlog = 2048
graceful_timeout = 5
