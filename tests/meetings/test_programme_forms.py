"""The coordinators' forms for the meeting, its programme and its small tables: they call
the services (audited), and only coordinators may use them."""

import datetime as dt

import pytest
from django.test import Client

from convenor.core.models import AuditEntry, Role
from convenor.meetings import services
from convenor.meetings.models import Meeting, ProgrammeDay, Session, SmallTable
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_meeting_settings_set_up_a_meeting_for_an_event(event, coordinator_client):
    response = coordinator_client.post(
        f"/meetings/{event.slug}/settings/",
        {"capacity": "80", "registration_open": "on", "time_zone": "America/Mexico_City"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(event=event)
    assert (meeting.capacity, meeting.time_zone) == (80, "America/Mexico_City")
    assert AuditEntry.objects.filter(action="meetings.meeting.update").exists()


def test_meeting_settings_refuse_an_unknown_time_zone(meeting, coordinator_client):
    response = coordinator_client.post(
        f"/meetings/{meeting.event.slug}/settings/",
        {"capacity": "80", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 422
    assert "Unknown time zone" in response.content.decode()


def test_day_and_session_forms_build_the_programme(meeting, acts, coordinator_client):
    slug = meeting.event.slug
    assert (
        coordinator_client.post(
            f"/meetings/{slug}/days/add/", {"date": "2017-12-02", "title": "Day 1"}
        ).status_code
        == 302
    )
    day = ProgrammeDay.objects.get(meeting=meeting)
    response = coordinator_client.post(
        f"/meetings/{slug}/days/{day.pk}/add-session/",
        {
            "kind": "parallel",
            "title": "ACT 2",
            "start_time": "14:30",
            "end_time": "17:00",
            "room": "Sala 1",
            "themes": [acts[0].pk],
            "chatham_house": "on",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(day=day)
    assert session.room == "Sala 1" and session.chatham_house
    assert list(session.themes.all()) == [acts[0]]
    page = Client().get(f"/meetings/{slug}/")
    assert "ACT 2" in page.content.decode()


def test_session_form_refuses_an_end_before_the_start(meeting, coordinator, coordinator_client):
    day = services.day_create(actor=coordinator, meeting=meeting, date=dt.date(2017, 12, 2))
    response = coordinator_client.post(
        f"/meetings/{meeting.event.slug}/days/{day.pk}/add-session/",
        {"kind": "plenary", "title": "Late", "start_time": "10:00", "end_time": "09:00"},
    )
    assert response.status_code == 422
    assert not Session.objects.exists()


def test_session_edit_and_delete(meeting, parallel, coordinator_client):
    session = parallel[0]
    url = f"/meetings/{meeting.event.slug}/sessions/{session.pk}/"
    response = coordinator_client.post(
        url,
        {
            "kind": "parallel",
            "title": "ACT 2 (renamed)",
            "start_time": "14:00",
            "end_time": "16:00",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "ACT 2 (renamed)" and session.start_time == dt.time(14, 0)
    assert list(session.themes.all()) == []
    assert coordinator_client.post(url, {"delete": "1"}).status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()
    assert AuditEntry.objects.filter(action="meetings.session.delete").exists()


def test_day_with_sessions_cannot_be_removed(meeting, parallel, coordinator_client):
    day = parallel[0].day
    coordinator_client.post(f"/meetings/{meeting.event.slug}/days/{day.pk}/", {"delete": "1"})
    assert ProgrammeDay.objects.filter(pk=day.pk).exists()


def test_small_table_forms(meeting, acts, tables, coordinator_client):
    slug = meeting.event.slug
    response = coordinator_client.post(
        f"/meetings/{slug}/tables/add/",
        {
            "number": "3",
            "name": "Act 3 bis",
            "theme": acts[1].pk,
            "min_size": "2",
            "max_size": "8",
            "min_gov": "1",
            "max_gov": "3",
        },
    )
    assert response.status_code == 302
    table = SmallTable.objects.get(meeting=meeting, number=3)
    url = f"/meetings/{slug}/tables/{table.pk}/"
    bad = coordinator_client.post(
        url,
        {
            "number": "3",
            "name": "x",
            "min_size": "9",
            "max_size": "2",
            "min_gov": "0",
            "max_gov": "1",
        },
    )
    assert bad.status_code == 422
    taken = coordinator_client.post(
        url,
        {
            "number": "1",
            "name": "x",
            "min_size": "0",
            "max_size": "2",
            "min_gov": "0",
            "max_gov": "1",
        },
    )
    assert taken.status_code == 409
    assert coordinator_client.post(url, {"delete": "1"}).status_code == 302
    assert not SmallTable.objects.filter(pk=table.pk).exists()


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.RAPPORTEUR, Role.MEMBER])
def test_only_coordinators_use_the_programme_forms(meeting, parallel, tables, role):
    client = _client(make_user(role, f"{role}-x@example.org"))
    slug = meeting.event.slug
    day = parallel[0].day
    urls = [
        f"/meetings/{slug}/settings/",
        f"/meetings/{slug}/days/add/",
        f"/meetings/{slug}/days/{day.pk}/",
        f"/meetings/{slug}/days/{day.pk}/add-session/",
        f"/meetings/{slug}/sessions/{parallel[0].pk}/",
        f"/meetings/{slug}/tables/add/",
        f"/meetings/{slug}/tables/{tables[0].pk}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"delete": "1"}).status_code == 403, url
    assert Session.objects.filter(pk=parallel[0].pk).exists()
    assert SmallTable.objects.filter(pk=tables[0].pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in(meeting):
    response = Client().get(f"/meetings/{meeting.event.slug}/days/add/")
    assert response.status_code == 302


def test_event_page_links_to_programme_and_registration(meeting):
    page = Client().get(f"/events/{meeting.event.slug}/").content.decode()
    assert f"/meetings/{meeting.event.slug}/" in page
    assert f"/meetings/{meeting.event.slug}/register/" in page
    assert "/settings/" not in page


def test_event_page_offers_coordinators_to_set_up_a_meeting(event, coordinator_client):
    page = coordinator_client.get(f"/events/{event.slug}/").content.decode()
    assert f"/meetings/{event.slug}/settings/" in page


def test_programme_ics_uses_the_meeting_time_zone(meeting, parallel, coordinator):
    services.meeting_update(
        actor=coordinator, meeting=meeting, data={"time_zone": "America/Mexico_City"}
    )
    ics = Client().get(f"/meetings/{meeting.event.slug}/programme.ics").content
    assert b"DTSTART:20171202T203000Z" in ics  # 14:30 CST
