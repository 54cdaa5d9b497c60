"""Small builders for process tests (plain functions, no magic)."""

from __future__ import annotations

import datetime
import itertools
import uuid

import pytest

from convenor.directory.models import Organisation, Person, Region
from convenor.process.models import Document, Event, EventOrganisation, NewsItem, Phase, Process

_seq = itertools.count(1)


def make_process(slug: str = "gcm", **kw) -> Process:
    kw.setdefault("name", "Global Compact")
    return Process.objects.create(slug=slug, **kw)


def make_phases(process: Process) -> dict[str, Phase]:
    """Non-overlapping phases: 2017 consultations, 2018 negotiations, open implementation."""
    rows = [
        ("consultations", datetime.date(2017, 4, 1), datetime.date(2017, 11, 30)),
        ("negotiations", datetime.date(2018, 2, 1), datetime.date(2018, 7, 31)),
        ("implementation", datetime.date(2019, 1, 1), None),
    ]
    return {
        slug: Phase.objects.create(
            process=process, slug=slug, name=slug.title(), order=n, start_date=s, end_date=e
        )
        for n, (slug, s, e) in enumerate(rows, 1)
    }


def make_region(slug: str = "asia") -> Region:
    return Region.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]


def make_org(slug: str = "mfa", **kw) -> Organisation:
    kw.setdefault("name", slug.upper())
    return Organisation.objects.get_or_create(slug=slug, defaults=kw)[0]


def make_person(slug: str = "roula-hamati", **kw) -> Person:
    kw.setdefault("name", slug.replace("-", " ").title())
    return Person.objects.get_or_create(slug=slug, defaults=kw)[0]


def make_event(process: Process, **kw) -> Event:
    n = next(_seq)
    kw.setdefault("slug", f"event-{n}")
    kw.setdefault("title", f"Event {n}")
    kw.setdefault("kind", "regional_consultation")
    kw.setdefault("start_date", datetime.date(2017, 8, 4))
    kw.setdefault("end_date", kw["start_date"])
    anchors = kw.pop("anchors", [])
    people = kw.pop("focal_points", [])
    event = Event.objects.create(process=process, **kw)
    for order, org in enumerate(anchors):
        EventOrganisation.objects.create(event=event, organisation=org, order=order)
    event.focal_points.set(people)
    return event


def make_document(**kw) -> Document:
    n = next(_seq)
    kw.setdefault("title", f"Document {n}")
    kw.setdefault("kind", "report")
    kw.setdefault("language", "en")
    kw.setdefault("url", f"https://example.org/doc-{n}.pdf")
    kw.setdefault("translation_group", uuid.uuid4())
    orgs = kw.pop("organisations", [])
    doc = Document.objects.create(**kw)
    doc.organisations.set(orgs)
    return doc


def make_news(**kw) -> NewsItem:
    n = next(_seq)
    kw.setdefault("slug", f"news-{n}")
    kw.setdefault("title", f"News {n}")
    kw.setdefault("body", f"Body **{n}**")
    kw.setdefault("date", datetime.date(2017, 10, n % 28 + 1))
    return NewsItem.objects.create(**kw)


@pytest.fixture
def process(db) -> Process:
    return make_process()


@pytest.fixture
def phases(process) -> dict[str, Phase]:
    return make_phases(process)
