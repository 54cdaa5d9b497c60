"""Signature submissions over real HTTP: gunicorn (gthread workers) on PostgreSQL, loopback.

Phases, each with keep-alive connections from an asyncio load generator, after a warm-up:
  1. baseline: a minimal Django endpoint that inserts one row (half of BASELINE_SECONDS)
  2. signatures: POST /api/v1/campaigns/statements/<slug>/signatures, 10% repeats (LOAD_SECONDS)
  3. baseline again (the other half)
  4. paired: PAIRS rounds of baseline, signatures, signatures, baseline (PAIR_SECONDS each)
  5. mixed: the same signatures while other connections read the public statement page
The ratio compares signatures with the baseline in the paired phase. This machine's speed
drifts by a quarter and more within a minute, sometimes in a step: 60 s of signatures against
15 s of baseline on each side then measures the drift as much as the code. Short turns in
the order A B B A see the same machine on both sides; the ratio of the sustained phase to the
mean of phases 1 and 3 is printed too.
Afterwards: rows == distinct accepted signatures, no repeat got another id, and the count the
API shows == confirmed rows (after confirming a sample through the API).
Targets: >= 500 signatures/s, >= 0.8 x baseline, p99 < 250 ms, page >= 1,000 reads/s.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "src"),
]

from bench.campaigns import harness  # noqa: E402
from bench.campaigns.loadgen import Tally, request_bytes, run  # noqa: E402

CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
READERS = int(os.environ.get("BENCH_READERS", "32"))
BASELINE_SECONDS = float(os.environ.get("BENCH_BASELINE_SECONDS", "30"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
MIXED_SECONDS = float(os.environ.get("BENCH_MIXED_SECONDS", "30"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
WARM_UP_SECONDS = 3.0
PAIRS = int(os.environ.get("BENCH_PAIRS", "4"))
PAIR_SECONDS = float(os.environ.get("BENCH_PAIR_SECONDS", "4"))
CONFIRM_SAMPLE = 300
PREPARED = 100_000  # signature requests built before the load starts


def line(what: str, tally: Tally) -> str:
    other = {k: v for k, v in tally.statuses.items() if not 200 <= k < 300}
    return (
        f"{what:<34} {tally.ok:>7} ok in {tally.seconds:5.1f} s = {tally.rate():7.1f}/s  "
        f"p50 {tally.percentile(50):6.1f} ms  p99 {tally.percentile(99):6.1f} ms  "
        f"non-2xx {other or 0}  socket errors {tally.errors}"
    )


@dataclass
class Phases:
    warm_up: Tally
    before: Tally
    alone: Tally
    after: Tally
    paired_base: list[Tally]
    paired_sig: list[Tally]
    mixed_sig: Tally
    mixed_read: Tally


async def phases(signatures: harness.Signatures) -> Phases:
    n = [0]

    def baseline_request():
        n[0] += 1
        return request_bytes("POST", "/bench/insert", json.dumps({"n": n[0]}).encode()), None

    def baseline(seconds: float):
        return run(
            port=harness.PORT, connections=CONNECTIONS, seconds=seconds, make=baseline_request
        )

    def signing(seconds: float):
        return run(
            port=harness.PORT,
            connections=CONNECTIONS,
            seconds=seconds,
            make=signatures.make,
            seen=signatures.seen,
        )

    # Warm-up, not counted: each worker's first requests load what it loads once (the
    # validators' patterns, the Redis script, a prepared statement per connection).
    await baseline(WARM_UP_SECONDS)
    warm_up = await signing(WARM_UP_SECONDS)
    # The baseline runs half before and half after the signatures, so that a machine getting
    # slower or faster during the run moves both sides of the ratio alike.
    before = await baseline(BASELINE_SECONDS / 2)
    alone = await signing(LOAD_SECONDS)
    after = await baseline(BASELINE_SECONDS / 2)
    paired_base: list[Tally] = []
    paired_sig: list[Tally] = []
    for _round in range(PAIRS):
        paired_base.append(await baseline(PAIR_SECONDS))
        paired_sig.append(await signing(PAIR_SECONDS))
        paired_sig.append(await signing(PAIR_SECONDS))
        paired_base.append(await baseline(PAIR_SECONDS))
    page = request_bytes("GET", f"/statements/{harness.SLUG}/")
    mixed_sig, mixed_read = await asyncio.gather(
        signing(MIXED_SECONDS),
        run(
            port=harness.PORT, connections=READERS, seconds=MIXED_SECONDS, make=lambda: (page, None)
        ),
    )
    return Phases(warm_up, before, alone, after, paired_base, paired_sig, mixed_sig, mixed_read)


def pooled_rate(tallies: list[Tally]) -> float:
    seconds = sum(t.seconds for t in tallies)
    return sum(t.ok for t in tallies) / seconds if seconds else 0.0


def confirm_sample(signatures: harness.Signatures) -> int:
    """Confirm some accepted signatures through the API, as their owners would."""
    import urllib.request

    from convenor.campaigns.tokens import token_make

    ids = list(signatures.accepted.values())[:CONFIRM_SAMPLE]
    for public_id in ids:
        token = token_make(public_id=public_id, purpose="confirm", version=1)
        request = urllib.request.Request(
            f"http://127.0.0.1:{harness.PORT}/api/v1/campaigns/signatures/confirm",
            data=json.dumps({"token": token}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    return len(ids)


def main() -> int:
    redis = harness.redis_start()
    harness.database_reset()
    harness.django_setup()
    harness.statement_create()
    server = harness.gunicorn_start(WORKERS, THREADS)
    print(
        f"gunicorn {WORKERS} workers x {THREADS} threads on 127.0.0.1:{harness.PORT}, "
        f"PostgreSQL database {harness.DB_NAME}, {os.cpu_count()} CPUs; "
        f"{CONNECTIONS} connections (+{READERS} readers in the mixed phase)",
        flush=True,
    )
    signatures = harness.Signatures()
    signatures.prepare(PREPARED)
    try:
        measured = asyncio.run(phases(signatures))
        confirmed_sample = confirm_sample(signatures)
        time.sleep(0.5)
        import urllib.request

        with urllib.request.urlopen(
            f"http://127.0.0.1:{harness.PORT}/api/v1/campaigns/statements/{harness.SLUG}"
        ) as response:
            shown = json.loads(response.read())["signature_count"]
    finally:
        harness.gunicorn_stop(server)
        redis.terminate()

    from convenor.campaigns.models import Review, Signature, SignatureStatus

    stored = harness.db_signatures()
    rows = sum(len(v) for v in stored.values())
    confirmed_rows = Signature.objects.filter(
        statement__slug=harness.SLUG, status=SignatureStatus.CONFIRMED, review=Review.APPROVED
    ).count()
    distinct = len(signatures.accepted)
    lost = sum(
        1 for email, public_id in signatures.accepted.items() if stored.get(email) != [public_id]
    )
    before, alone, after = measured.before, measured.alone, measured.after
    paired_base, paired_sig = measured.paired_base, measured.paired_sig
    mixed_sig, mixed_read = measured.mixed_sig, measured.mixed_read
    answered = [measured.warm_up, alone, mixed_sig, *paired_sig]
    repeats = sum(sum(t.statuses.values()) for t in answered) - signatures.n

    print(line("baseline before the signatures", before))
    print(line("baseline after the signatures", after))
    baseline = before.rate() / 2 + after.rate() / 2
    print(f"baseline: insert one row           {baseline:7.1f}/s (the mean of both)")
    print(line("signatures alone", alone))
    print(line("signatures while pages are read", mixed_sig))
    print(line("public statement page (mixed)", mixed_read))
    print(
        "signatures alone, answers/s in each 10 s: "
        + " ".join(f"{rate:.0f}" for rate in alone.slices(10))
    )
    sustained_ratio = alone.rate() / baseline if baseline else 0
    paired = [
        f"{b.rate():.0f}/{s1.rate():.0f}/{s2.rate():.0f}/{b2.rate():.0f}"
        for b, b2, s1, s2 in zip(
            paired_base[::2], paired_base[1::2], paired_sig[::2], paired_sig[1::2], strict=True
        )
    ]
    print(
        f"paired, {PAIRS} rounds of baseline/signatures/signatures/baseline, "
        f"{PAIR_SECONDS:g} s each, answers/s: " + " ".join(paired)
    )
    base_rate, sig_rate = pooled_rate(paired_base), pooled_rate(paired_sig)
    ratio = sig_rate / base_rate if base_rate else 0
    print(
        f"paired: baseline {base_rate:.1f}/s, signatures {sig_rate:.1f}/s, ratio {ratio:.2f}; "
        f"the sustained signatures against the baseline before and after: {sustained_ratio:.2f}"
    )
    print(
        f"{signatures.n} distinct signatures sent, "
        f"about {max(repeats, 0)} repeats; {distinct} distinct accepted; {rows} rows stored; "
        f"repeats answered with another id: {signatures.mismatched}; accepted but missing: {lost}"
    )
    print(
        f"confirmed {confirmed_sample} through the API: confirmed rows {confirmed_rows}, "
        f"count shown {shown}"
    )
    checks = {
        "signatures >= 500/s": alone.rate() >= 500,
        "signatures >= 0.8 x baseline (paired)": ratio >= 0.8,
        "p99 < 250 ms": alone.percentile(99) < 250,
        "page >= 1000 reads/s while signing": mixed_read.rate() >= 1000,
        "rows == distinct accepted": rows == distinct and lost == 0,
        "count shown == confirmed rows": shown == confirmed_rows,
    }
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'}  {name}")
    from django.db import connections

    connections.close_all()
    harness.database_reset(drop_only=True)
    # Correctness must hold; throughput targets are reported (they depend on the machine).
    return (
        0 if checks["rows == distinct accepted"] and checks["count shown == confirmed rows"] else 1
    )


if __name__ == "__main__":
    raise SystemExit(main())
