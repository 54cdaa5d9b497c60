"""Fault test of signature submissions over real HTTP (gunicorn + PostgreSQL + Redis).

Under load (64 keep-alive connections): kill one web worker, restart PostgreSQL, then stop
the outbox worker for 30 s. Afterwards: every request that got a 2xx is in the database
exactly once, every signature's confirmation e-mail reached the local SMTP sink, and the
site answers again by itself. Prints what was lost (must be 0).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "src"),
]

from bench.campaigns import harness  # noqa: E402
from bench.campaigns.loadgen import run  # noqa: E402

CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
SECONDS = float(os.environ.get("BENCH_FAULT_SECONDS", "75"))
WORKER_PAUSE = 30.0
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "2525"))
DRAIN_SECONDS = 30.0
ROOT = harness.ROOT
SINK_FILE = ROOT / "var" / "bench" / "smtp_sink.jsonl"


def outbox_worker() -> subprocess.Popen:
    env = dict(harness.environment(), BENCH_SMTP_PORT=str(SMTP_PORT))
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "django",
            "campaigns_outbox",
            "--loop",
            "--interval",
            "0.5",
            "--max-seconds",
            "600",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def postgres_restart() -> str:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )
    return f"{time.monotonic() - started:.1f} s"


async def faults(server: subprocess.Popen, worker: list[subprocess.Popen], log: list[str]) -> None:
    loop = asyncio.get_running_loop()
    await asyncio.sleep(SECONDS * 0.15)
    victims = harness.gunicorn_worker_pids(server.pid)
    if victims:
        os.kill(victims[0], signal.SIGKILL)
        log.append(f"t={SECONDS * 0.15:.0f}s killed web worker {victims[0]}")
    await asyncio.sleep(SECONDS * 0.2)
    took = await loop.run_in_executor(None, postgres_restart)
    log.append(f"t~{SECONDS * 0.35:.0f}s restarted PostgreSQL ({took})")
    await asyncio.sleep(SECONDS * 0.1)
    worker[0].terminate()
    worker[0].wait(timeout=15)
    log.append(f"t~{SECONDS * 0.45:.0f}s stopped the outbox worker for {WORKER_PAUSE:.0f} s")
    await asyncio.sleep(WORKER_PAUSE)
    worker[0] = outbox_worker()
    log.append("outbox worker started again")


async def load(signatures, server, worker, log):
    tally, _ = await asyncio.gather(
        run(
            port=harness.PORT,
            connections=CONNECTIONS,
            seconds=SECONDS,
            make=signatures.make,
            seen=signatures.seen,
        ),
        faults(server, worker, log),
    )
    return tally


def main() -> int:
    SINK_FILE.parent.mkdir(parents=True, exist_ok=True)
    SINK_FILE.unlink(missing_ok=True)
    redis = harness.redis_start()
    sink = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "campaigns" / "smtp_sink.py"),
            str(SMTP_PORT),
            str(SINK_FILE),
            "900",
        ],
        start_new_session=True,
    )
    harness.database_reset()
    harness.django_setup()
    harness.statement_create()
    server = harness.gunicorn_start(4, 4)
    worker = [outbox_worker()]
    signatures = harness.Signatures(seed=11, prefix="f")
    signatures.prepare(100_000)
    log: list[str] = []
    try:
        tally = asyncio.run(load(signatures, server, worker, log))
        recovered_in = harness.wait_ready(timeout=60)
        from django.db import close_old_connections

        from convenor.campaigns.models import OutboxMessage

        close_old_connections()
        # Wait while the outbox drains: until it is empty, or it made no progress for
        # DRAIN_SECONDS (a backlog of thousands takes minutes at the sink's pace).
        pending, least, progress_at = -1, None, time.monotonic()
        while time.monotonic() - progress_at < DRAIN_SECONDS:
            try:
                pending = OutboxMessage.objects.filter(sent_at__isnull=True).count()
            except Exception:
                close_old_connections()
                pending = -1
            if pending == 0:
                break
            if pending >= 0 and (least is None or pending < least):
                least, progress_at = pending, time.monotonic()
            time.sleep(1)
    finally:
        harness.gunicorn_stop(server)
        for process in (worker[0], sink, redis):
            process.terminate()

    from convenor.campaigns.models import Signature

    stored = harness.db_signatures()
    accepted = signatures.accepted
    missing = [e for e, i in accepted.items() if i not in stored.get(e, [])]
    doubled = [e for e, ids in stored.items() if len(ids) != 1]
    mailed: dict[str, int] = {}
    for entry in SINK_FILE.read_text().splitlines() if SINK_FILE.exists() else []:
        for address in json.loads(entry)["to"]:
            mailed[address.lower()] = mailed.get(address.lower(), 0) + 1
    emails = list(
        Signature.objects.filter(statement__slug=harness.SLUG).values_list("email", flat=True)
    )
    unmailed = [e for e in emails if not mailed.get(e.lower())]
    most = max(mailed.values(), default=0)
    for entry in log:
        print("  " + entry)
    errors = {k: v for k, v in tally.statuses.items() if not 200 <= k < 300}
    print(
        f"{tally.ok} requests answered 2xx in {tally.seconds:.0f} s ({tally.rate():.1f}/s), "
        f"other answers {errors or 0}, socket errors {tally.errors}; site answered again "
        f"{recovered_in:.1f} s after the load"
    )
    print(
        f"{len(accepted)} distinct signatures accepted; {sum(len(v) for v in stored.values())} "
        f"rows; {len(emails)} signatures, {sum(mailed.values())} e-mails at the SMTP sink "
        f"(at most {most} to one address); outbox still pending: {pending}"
    )
    lost = len(missing) + len(doubled) + len(unmailed)
    print(
        f"lost: {lost} (accepted but not stored: {len(missing)}, stored more than once: "
        f"{len(doubled)}, confirmation never mailed: {len(unmailed)})"
    )
    from django.db import connections

    connections.close_all()
    harness.database_reset(drop_only=True)
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
