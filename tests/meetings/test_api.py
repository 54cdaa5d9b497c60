import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.core.services import api_token_create
from convenor.directory.models import Person
from convenor.meetings.models import ProgrammeDay, Session

from .conftest import register

pytestmark = pytest.mark.django_db


def test_sessions_are_public_and_hide_do_not_publish(meeting, parallel):
    parallel[0].facilitators.add(
        Person.objects.create(name="Hidden", slug="h", do_not_publish=True)
    )
    body = Client().get(f"/api/v1/meetings/{meeting.event.slug}/sessions").json()
    assert body["count"] == 2
    assert body["items"][0]["themes"] == ["ten-acts:2"]
    assert body["items"][0]["facilitators"] == []


def test_registrations_list_is_for_coordinators(meeting, auth_header, member):
    register(meeting, "Ana")
    assert Client().get(f"/api/v1/meetings/{meeting.event.slug}/registrations").status_code == 403
    _, raw = api_token_create(user=member)
    member_header = {"Authorization": f"Bearer {raw}"}
    url = f"/api/v1/meetings/{meeting.event.slug}/registrations"
    assert Client().get(url, headers=member_header).status_code == 403
    assert Client().get(url, headers=auth_header).json()["count"] == 1


def test_register_and_decide(meeting, parallel, auth_header, member):
    _, raw = api_token_create(user=member)
    member_header = {"Authorization": f"Bearer {raw}"}
    url = f"/api/v1/meetings/{meeting.event.slug}/registrations"
    created = Client().post(
        url,
        {"name": "Ana", "email": "ana@example.org", "country": "HT", "parallel_session": "act-2"},
        content_type="application/json",
        headers=member_header,
    )
    assert created.status_code == 201 and created.json()["ldc_eligible"] is True
    pk = created.json()["id"]
    denied = Client().post(
        f"{url}/{pk}/decision",
        {"status": "accepted"},
        content_type="application/json",
        headers=member_header,
    )
    assert denied.status_code == 403
    ok = Client().post(
        f"{url}/{pk}/decision",
        {"status": "accepted"},
        content_type="application/json",
        headers=auth_header,
    )
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    bad = Client().post(
        url, {"name": "B", "email": "x"}, content_type="application/json", headers=member_header
    )
    assert bad.status_code == 422
    unknown = Client().post(
        url,
        {"name": "C", "email": "c@example.org", "parallel_session": "zzz"},
        content_type="application/json",
        headers=member_header,
    )
    assert unknown.status_code == 422
    assert (
        Client()
        .post(url, {"name": "D", "email": "d@example.org"}, content_type="application/json")
        .status_code
        == 401
    )


def _count(url, headers=None):
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url, headers=headers or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_endpoints_query_count_does_not_grow(meeting, acts, auth_header):
    day = ProgrammeDay.objects.create(meeting=meeting, date=dt.date(2017, 12, 2))
    person = Person.objects.create(name="F", slug="f")

    def add(n):
        s = Session.objects.create(
            day=day,
            slug=f"s{n}",
            kind="plenary",
            title=f"S{n}",
            start_time=dt.time(9, n),
            end_time=dt.time(10, n),
        )
        s.themes.add(acts[0])
        s.facilitators.add(person)
        register(meeting, f"P{n}")

    add(1)
    slug = meeting.event.slug
    urls = [f"/api/v1/meetings/{slug}/sessions", f"/api/v1/meetings/{slug}/registrations"]
    Client().get(urls[1], headers=auth_header)
    first = [_count(u, auth_header) for u in urls]
    add(2)
    add(3)
    assert [_count(u, auth_header) for u in urls] == first
