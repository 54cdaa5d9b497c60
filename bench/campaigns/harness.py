"""Shared set-up of the campaigns benchmarks: a dedicated PostgreSQL database, gunicorn
with its workers, a signature generator with repeats, and the checks afterwards."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = os.environ.get("BENCH_DB", "convenor_bench")
PG = "postgres://postgres@127.0.0.1:5432"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SLUG = "bench-statement"
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6391"))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "convenor.config.worker.ReadLaneWorker")


def redis_start() -> subprocess.Popen:
    """A private Redis: the cache shared by every gunicorn worker (rate limits, counts)."""
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(0.5)
    return process


SECRET = "convenor-bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def environment() -> dict[str, str]:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.campaigns.settings",
        DATABASE_URL=f"{PG}/{DB_NAME}",
        SECRET_KEY=SECRET,
        DEBUG="0",
        PYTHONPATH=f"{ROOT}:{ROOT / 'src'}",
        CONVENOR_VAR=str(ROOT / "var" / "bench"),
        LOG_LEVEL="ERROR",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        CONVENOR_LOG_LEVEL="ERROR",
    )


def database_reset(*, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [DB_NAME],
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def django_setup() -> None:
    os.environ.update(environment())
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload text)"
        )


def statement_create():
    import datetime as dt

    from django.utils import timezone

    from convenor.campaigns.models import Statement
    from convenor.campaigns.services import statement_create
    from convenor.core.models import Role, User

    Statement.objects.filter(slug=SLUG).delete()
    user, _ = User.objects.get_or_create(
        email="bench-coordinator@example.org", defaults={"role": Role.COORDINATOR}
    )
    return statement_create(
        actor=user,
        slug=SLUG,
        title="Now and How: Ten Acts for the Global Compact (benchmark)",
        text="We call on states to **act now**.\n\n" + "A civil society vision. " * 40,
        summary="A civil society vision for a transformative agenda.",
        language="en",
        signer_kinds=["organisation"],
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=1),
    )


def gunicorn_start(workers: int, threads: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "-c",
        "python:convenor.config.gunicorn",  # the settings the README gives for production
        "convenor.config.wsgi:application",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        WORKER_CLASS,
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env=environment(), cwd=ROOT, start_new_session=True)
    wait_ready()
    return process


def wait_ready(timeout: float = 60) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/statements/", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the site did not come up")


def gunicorn_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gunicorn_worker_pids(master: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    ).stdout
    return [int(p) for p in out.split()]


class Signatures:
    """New signature requests, 10% of them repeats of an earlier one (same key, same body).

    The requests are built ahead (`prepare`) and the answers kept raw and read afterwards, so
    that the load generator, which shares the machine's CPUs with the server, spends on a
    signature about what it spends on a baseline request."""

    def __init__(self, seed: int = 7, repeat_share: float = 0.10, prefix: str = "s"):
        from bench.campaigns.loadgen import request_bytes

        self.request_bytes = request_bytes
        self.rng = random.Random(seed)
        self.repeat_share = repeat_share
        self.prefix = prefix
        self.sent: list[tuple[str, bytes]] = []  # (key, whole request) of each new signature
        self._ready: list[tuple[str, bytes]] = []
        self._answers: list[tuple[str, int, bytes]] = []
        self._accepted: dict[str, str] = {}  # e-mail -> id answered (2xx)
        self._mismatched = 0
        self.n = 0
        self.countries = ["PH", "LB", "ML", "US", "BE", "EC", "FJ", "MX", "CH", "SN", "KE", "IN"]
        self.kinds = ["ngo", "migrant_association", "trade_union", "faith_based", "network"]

    def prepare(self, count: int) -> None:
        """Build the next `count` new signature requests now."""
        start = self.n + len(self._ready)
        new: list[tuple[str, bytes]] = []
        for n in range(start + 1, start + count + 1):
            key = f"{self.prefix}-{n}"
            words = [
                "".join(
                    self.rng.choice("bdfgklmnprstvz") + self.rng.choice("aeiou") for _ in range(3)
                ).capitalize()
                for _ in range(2)
            ]
            body = json.dumps(
                {
                    "organisation_name": f"{words[0]} {words[1]} {self.prefix.upper()}{n}",
                    "country": self.countries[n % len(self.countries)],
                    "organisation_kind": self.kinds[n % len(self.kinds)],
                    "contact_name": f"Contact {n}",
                    "email": f"contact{n}@org{self.prefix}{n}.example",
                    "public_display": n % 10 != 0,
                    "consent": True,
                    "language": "en",
                }
            ).encode()
            raw = self.request_bytes(
                "POST",
                f"/api/v1/campaigns/statements/{SLUG}/signatures",
                body,
                {"Idempotency-Key": key},
            )
            new.append((key, raw))
        # Popped from the end: the new ones go in front of those still waiting, reversed.
        self._ready[:0] = reversed(new)

    def make(self) -> tuple[bytes, str]:
        if self.sent and self.rng.random() < self.repeat_share:
            key, raw = self.sent[self.rng.randrange(len(self.sent))]
            return raw, key
        if not self._ready:
            self.prepare(1000)
        key, raw = self._ready.pop()
        self.n += 1
        self.sent.append((key, raw))
        return raw, key

    def seen(self, key: str, status: int, body: bytes) -> None:
        self._answers.append((key, status, body))

    def _settle(self) -> None:
        answers, self._answers = self._answers, []
        for key, status, body in answers:
            if not 200 <= status < 300:
                continue
            answer = json.loads(body)
            n = key.rsplit("-", 1)[1]
            email = f"contact{n}@org{self.prefix}{n}.example"
            if self._accepted.setdefault(email, answer["id"]) != answer["id"]:
                self._mismatched += 1

    @property
    def accepted(self) -> dict[str, str]:
        """E-mail -> the id answered (2xx), from every answer so far."""
        self._settle()
        return self._accepted

    @property
    def mismatched(self) -> int:
        """Repeats answered with another id than the first answer for their e-mail."""
        self._settle()
        return self._mismatched


def db_signatures(slug: str = SLUG) -> dict[str, list[str]]:
    """canonical e-mail -> public ids stored, read directly from the database."""
    from convenor.campaigns.models import Signature

    rows: dict[str, list[str]] = {}
    for email, public_id in Signature.objects.filter(statement__slug=slug).values_list(
        "canonical_email", "public_id"
    ):
        rows.setdefault(email, []).append(str(public_id))
    return rows
