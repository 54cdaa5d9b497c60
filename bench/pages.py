"""Server time of the main pages and their API equivalents on a large data set.

Generates 10,000 organisations, 20,000 people, 2,000 events and 5,000 documents in a
fresh SQLite database, then requests each page at least 200 times through Django's
test client (the whole request/response cycle, middleware included) and prints the
median and p95, the number of SQL queries per request on a tiny data set and on the
full one (they must be equal), and the ratio to a baseline measured in the same run:
a minimal endpoint (/healthz) that only pings the database.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
WORK.mkdir(parents=True, exist_ok=True)
DB = WORK / "pages.sqlite3"
for suffix in ("", "-wal", "-shm"):
    Path(str(DB) + suffix).unlink(missing_ok=True)
os.environ.update(
    DJANGO_SETTINGS_MODULE="convenor.config.settings",
    SQLITE_PATH=str(DB),
    STATIC_ROOT=str(WORK / "static"),
    DEBUG="0",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from convenor.directory.models import Organisation, OrganisationKind, Person, Region  # noqa: E402
from convenor.process.models import (  # noqa: E402
    Document,
    DocumentKind,
    Event,
    EventKind,
    EventOrganisation,
    Phase,
    Process,
)

SIZES = {"organisations": 10_000, "people": 20_000, "events": 2_000, "documents": 5_000}
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
P95_TARGET_MS = 50.0
COUNTRIES = ["TH", "LB", "ML", "US", "BE", "EC", "FJ", "MX", "CH", "PH", "SN", "DE", "KE", "IN"]
WORDS = [
    "migrant",
    "rights",
    "forum",
    "network",
    "action",
    "alliance",
    "workers",
    "women",
    "youth",
    "diaspora",
    "refugee",
    "solidarity",
    "council",
    "association",
    "centre",
    "platform",
    "justice",
    "human",
    "mobility",
    "development",
]


def generate(scale: float, rng: random.Random, offset: int) -> None:
    """Add `scale` x SIZES rows, slugs starting at `offset` so that calls can be repeated."""
    regions = list(Region.objects.all()) or [
        Region.objects.create(slug=s, name=s.title(), order=i)
        for i, s in enumerate(["africa", "asia", "mena", "europe", "americas", "pacific"])
    ]
    process, _ = Process.objects.get_or_create(
        slug="bench-process", defaults={"name": "Benchmark process"}
    )
    if not process.phases.exists():
        for i, name in enumerate(["consultations", "stocktaking", "negotiations"]):
            Phase.objects.create(
                process=process,
                slug=name,
                name=name.title(),
                order=i,
                start_date=date(2017, 4, 1) + timedelta(days=120 * i),
                end_date=date(2017, 4, 1) + timedelta(days=120 * i + 119),
            )
    phases = list(process.phases.all())
    kinds = [k for k, _ in OrganisationKind.choices]
    n_org = int(SIZES["organisations"] * scale)
    orgs = [
        Organisation(
            name=" ".join(rng.choices(WORDS, k=3)).title() + f" {offset + i}",
            slug=f"org-{offset + i}",
            acronym="".join(w[0] for w in rng.choices(WORDS, k=3)).upper(),
            kind=rng.choice(kinds),
            country=rng.choice(COUNTRIES),
            region=rng.choice(regions),
            website=f"https://example.org/{offset + i}",
        )
        for i in range(n_org)
    ]
    Organisation.objects.bulk_create(orgs, batch_size=2000)
    orgs = list(Organisation.objects.filter(slug__in=[o.slug for o in orgs]))
    people = [
        Person(
            name=f"Person {offset + i}",
            slug=f"person-{offset + i}",
            organisation=rng.choice(orgs),
            role="Member",
            languages=["en"],
            do_not_publish=rng.random() < 0.05,
        )
        for i in range(int(SIZES["people"] * scale))
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    event_kinds = [k for k, _ in EventKind.choices]
    events = []
    for i in range(int(SIZES["events"] * scale)):
        start = date(2017, 1, 1) + timedelta(days=rng.randrange(0, 700))
        events.append(
            Event(
                process=process,
                phase=rng.choice(phases),
                slug=f"event-{offset + i}",
                title=" ".join(rng.choices(WORDS, k=4)).title(),
                kind=rng.choice(event_kinds),
                start_date=start,
                end_date=start + timedelta(days=rng.randrange(0, 3)),
                city="City",
                country=rng.choice(COUNTRIES),
                region=rng.choice(regions),
            )
        )
    Event.objects.bulk_create(events, batch_size=2000)
    events = list(Event.objects.filter(slug__in=[e.slug for e in events]))
    EventOrganisation.objects.bulk_create(
        [
            EventOrganisation(event=e, organisation=o)
            for e in events
            for o in rng.sample(orgs, k=min(2, len(orgs)))
        ],
        batch_size=2000,
    )
    docs = [
        Document(
            title=" ".join(rng.choices(WORDS, k=5)).title(),
            kind=rng.choice([k for k, _ in DocumentKind.choices]),
            language=rng.choice(["en", "fr", "es"]),
            url=f"https://example.org/doc/{offset + i}.pdf",
            process=process,
            event=rng.choice(events),
        )
        for i in range(int(SIZES["documents"] * scale))
    ]
    Document.objects.bulk_create(docs, batch_size=2000)
    through = Document.organisations.through
    docs = list(Document.objects.filter(url__in=[d.url for d in docs]).only("pk"))
    through.objects.bulk_create(
        [through(document_id=d.pk, organisation_id=rng.choice(orgs).pk) for d in docs],
        batch_size=2000,
    )


def targets(rng: random.Random) -> dict[str, callable]:
    org_slugs = list(Organisation.objects.values_list("slug", flat=True))
    event_slugs = list(Event.objects.values_list("slug", flat=True))
    return {
        "baseline /healthz": lambda: "/healthz",
        "directory page": lambda: f"/organisations/?page={rng.randint(1, 20)}",
        "directory search": lambda: f"/organisations/?q={rng.choice(WORDS)}",
        "organisation page": lambda: f"/organisations/{rng.choice(org_slugs)}/",
        "event list page": lambda: f"/events/?page={rng.randint(1, 20)}",
        "event page": lambda: f"/events/{rng.choice(event_slugs)}/",
        "API organisations": lambda: f"/api/v1/organisations?offset={rng.randint(0, 500)}",
        "API organisation": lambda: f"/api/v1/organisations/{rng.choice(org_slugs)}",
        "API events": lambda: f"/api/v1/events?offset={rng.randint(0, 500)}",
        "API event": lambda: f"/api/v1/events/{rng.choice(event_slugs)}",
    }


def query_counts(client: Client, rng: random.Random) -> dict[str, int]:
    counts = {}
    for name, url in targets(rng).items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url())
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


def measure(client: Client, url, n: int) -> list[float]:
    for _ in range(10):  # warm up
        client.get(url())
    times = []
    for _ in range(n):
        path = url()
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return times


def main() -> int:
    rng = random.Random(2017)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    generate(0.001, rng, offset=0)
    small = query_counts(client, rng)
    t0 = time.perf_counter()
    generate(1.0, rng, offset=100_000)
    print(
        f"generated {Organisation.objects.count():,} organisations, {Person.objects.count():,} "
        f"people, {Event.objects.count():,} events, {Document.objects.count():,} documents "
        f"in {time.perf_counter() - t0:.1f} s (SQLite WAL, {REQUESTS} requests per page)"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    large = query_counts(client, rng)
    results = {}
    for name, url in targets(rng).items():
        times = sorted(measure(client, url, REQUESTS))
        results[name] = (statistics.median(times), times[int(0.95 * len(times)) - 1])
    base_p95 = results["baseline /healthz"][1]
    ok = True
    print(
        f"{'page':<22} {'median ms':>9} {'p95 ms':>8} {'x baseline p95':>15} "
        f"{'queries small/large':>20}"
    )
    for name, (median, p95) in results.items():
        same = small[name] == large[name]
        passed = p95 < P95_TARGET_MS and same
        ok &= passed
        print(
            f"{name:<22} {median:>9.1f} {p95:>8.1f} {p95 / base_p95:>15.1f} "
            f"{small[name]:>9}/{large[name]:<9} {'ok' if passed else 'MISSED'}"
        )
    print(
        f"target: p95 < {P95_TARGET_MS:.0f} ms and query count independent of data size: "
        f"{'met' if ok else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
