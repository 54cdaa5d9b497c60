"""Every list page, list endpoint and feed runs the same number of queries for 1 and 3 rows."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import (
    make_document,
    make_event,
    make_news,
    make_org,
    make_person,
    make_phases,
    make_process,
    make_region,
)

URLS = [
    "/processes/",
    "/processes/p0/",
    "/events/",
    "/events/?region=asia&kind=regional_consultation&q=e",
    "/events/calendar.ics",
    "/events/calendar.ics?process=p0&region=asia",
    "/documents/",
    "/documents/?language=en",
    "/news/",
    "/news/feed.atom",
    "/api/v1/processes",
    "/api/v1/phases",
    "/api/v1/processes/p0/phases",
    "/api/v1/events",
    "/api/v1/events?region=asia&organisation=org-0",
    "/api/v1/documents",
    "/api/v1/news",
    "/events/e-0/",
    "/api/v1/events/e-0",
]


def _populate(n: int) -> None:
    region = make_region("asia")
    for i in range(n):
        process = make_process(f"p{i}", name=f"Process {i}")
        make_phases(process)
        org = make_org(f"org-{i}")
        person = make_person(f"person-{i}")
        event = make_event(
            process,
            slug=f"e-{i}",
            title=f"e {i}",
            region=region,
            anchors=[org],
            focal_points=[person],
            start_date=datetime.date(2017, 8, i + 1),
        )
        make_document(event=event, process=process, organisations=[org])
        make_document(process=process, language="fr", organisations=[org])
        make_news(event=event, organisation=org)


def _count(url: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_rows(url):
    _populate(1)
    one = _count(url)
    from convenor.process.models import Document, Event, NewsItem, Phase, Process

    for model in (NewsItem, Document, Event, Phase, Process):
        model.objects.all().delete()
    _populate(3)
    assert _count(url) == one
