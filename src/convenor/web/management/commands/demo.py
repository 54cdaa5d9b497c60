"""`convenor demo`: set up the database, load the demo data, then serve it with a worker.

Runs `migrate`, `collectstatic` and `load_demo --sync` (so the site is full when it opens),
prints the address and the coordinator's login, then starts `convenor worker` and a web
server (gunicorn with WhiteNoise; Django's runserver if gunicorn is missing) and stops both
on Ctrl-C or SIGTERM. DEBUG stays off.
"""

from __future__ import annotations

import importlib.util
import io
import signal
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from convenor.core.models import User
from convenor.web.demo import COORDINATOR_EMAIL

STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Migrate, load the demo data and serve it on 127.0.0.1:8000 with a worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="set up and load only; do not serve"
        )
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="give the demo coordinator a new random password",
        )

    def handle(self, *args, host: str, port: int, no_serve: bool, reset_password: bool, **opts):
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        if not no_serve:
            call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
        self.stdout.write("Loading the demo data…")
        existed = User.objects.filter(email__iexact=COORDINATOR_EMAIL).exists()
        call_command("load_demo", sync=True, reset_password=reset_password, stdout=self.stdout)
        if no_serve:
            return
        url = f"http://{host}:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Convenor demo: {url}"))
        if existed and not reset_password:
            self.stdout.write(
                f"Sign in as {COORDINATOR_EMAIL} with the password printed on the first run "
                "(`convenor demo --reset-password` prints a new one)."
            )
        else:
            self.stdout.write(f"Sign in as {COORDINATOR_EMAIL} (password printed above).")
        self.stdout.write("Press Ctrl-C to stop.")
        self.stdout.flush()
        self._serve(host, port)

    def _serve(self, host: str, port: int) -> None:
        worker = subprocess.Popen([sys.executable, "-m", "convenor.config.cli", "worker"])
        server = subprocess.Popen(self._server_command(host, port))
        children = [server, worker]
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            _stop_all(children)
        if not stopping:
            failed = [child.args for child in children if child.returncode not in (0, None)]
            if failed:
                self.stderr.write(f"Stopped because a process ended: {failed}")
                sys.exit(1)

    @staticmethod
    def _server_command(host: str, port: int) -> list[str]:
        if importlib.util.find_spec("gunicorn") is not None:
            return [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:convenor.config.gunicorn",  # as in production, smaller:
                "convenor.config.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--access-logfile",
                "-",
            ]
        return [
            sys.executable,
            "-m",
            "convenor.config.cli",
            "runserver",
            "--noreload",
            f"{host}:{port}",
        ]


def _stop_all(children: list[subprocess.Popen]) -> None:
    """Ask each child to stop (SIGTERM), then kill whatever is still running after a grace time."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
