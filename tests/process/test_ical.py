import datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from .conftest import make_event, make_org, make_person, make_process, make_region

D = datetime.date


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return list(cal.walk("VEVENT"))


@pytest.mark.django_db
def test_one_event_all_day_with_exclusive_end(process):
    make_event(
        process,
        slug="bangkok",
        title="Asia consultation",
        city="Bangkok",
        country="TH",
        venue="Hotel",
        start_date=D(2017, 8, 4),
        end_date=D(2017, 8, 5),
        anchors=[make_org("mfa", name="Migrant Forum in Asia")],
        focal_points=[make_person("public-person", name="Public Person")],
    )
    (vevent,) = _events(Client().get(reverse("process:event_calendar", args=["bangkok"])))
    assert vevent.decoded("dtstart") == D(2017, 8, 4)
    assert vevent.decoded("dtend") == D(2017, 8, 6)
    assert str(vevent["summary"]) == "Asia consultation"
    assert str(vevent["location"]) == "Hotel, Bangkok, Thailand"
    assert "Migrant Forum in Asia" in str(vevent["description"])
    assert "Public Person" in str(vevent["description"])
    assert str(vevent["url"]).endswith("/events/bangkok/")


@pytest.mark.django_db
def test_uid_is_stable_across_renames(process):
    event = make_event(process, slug="a")
    url = reverse("process:event_calendar", args=["a"])
    (first,) = _events(Client().get(url))
    event.title = "Renamed"
    event.save()
    (second,) = _events(Client().get(url))
    assert str(first["uid"]) == str(second["uid"])


@pytest.mark.django_db
def test_event_with_times_uses_utc_datetimes(process):
    make_event(
        process,
        slug="hearing",
        start_date=D(2017, 10, 11),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
        time_zone="Europe/Zurich",
    )
    (vevent,) = _events(Client().get(reverse("process:event_calendar", args=["hearing"])))
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    assert start == datetime.datetime(2017, 10, 11, 8, 0, tzinfo=datetime.UTC)
    assert end == datetime.datetime(2017, 10, 11, 11, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_calendar_never_names_do_not_publish_people(process, coordinator_client):
    make_event(
        process,
        slug="x",
        focal_points=[make_person("secret", name="Secret Person", do_not_publish=True)],
    )
    for client in (Client(), coordinator_client):
        assert (
            b"Secret Person"
            not in client.get(reverse("process:event_calendar", args=["x"])).content
        )
        assert b"Secret Person" not in client.get(reverse("process:events_calendar")).content


@pytest.mark.django_db
def test_feed_per_process_and_per_region(process):
    other = make_process("other")
    asia = make_region("asia")
    make_event(process, slug="a", title="In Asia", region=asia)
    make_event(process, slug="b", title="Elsewhere")
    make_event(other, slug="c", title="Other process", region=asia)
    url = reverse("process:events_calendar")
    assert {str(e["summary"]) for e in _events(Client().get(url))} == {
        "In Asia",
        "Elsewhere",
        "Other process",
    }
    by_process = _events(Client().get(url, {"process": "gcm"}))
    assert {str(e["summary"]) for e in by_process} == {"In Asia", "Elsewhere"}
    by_region = _events(Client().get(url, {"region": "asia"}))
    assert {str(e["summary"]) for e in by_region} == {"In Asia", "Other process"}
    both = _events(Client().get(url, {"process": "gcm", "region": "asia"}))
    assert [str(e["summary"]) for e in both] == ["In Asia"]


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"process": "nope"}, {"region": "atlantis"}])
def test_feed_bad_filter_is_400(process, params):
    response = Client().get(reverse("process:events_calendar"), params)
    assert response.status_code == 400


@pytest.mark.django_db
def test_events_list_calendar_link_carries_every_filter_and_the_feed_honours_them(process, phases):
    make_event(
        process,
        slug="bangkok",
        title="Bangkok consultation",
        kind="regional_consultation",
        phase=phases["consultations"],
        start_date=datetime.date(2017, 9, 6),
        end_date=datetime.date(2017, 9, 7),
    )
    make_event(
        process,
        slug="webinar",
        title="Webinar",
        kind="webinar",
        phase=phases["consultations"],
        start_date=datetime.date(2017, 11, 8),
        end_date=datetime.date(2017, 11, 8),
    )
    make_event(
        process,
        slug="later",
        title="Bangkok follow-up",
        kind="regional_consultation",
        phase=phases["negotiations"],
        start_date=datetime.date(2018, 3, 1),
        end_date=datetime.date(2018, 3, 1),
    )
    params = {
        "q": "bangkok",
        "phase": "consultations",
        "kind": "regional_consultation",
        "date_from": "2017-04-01",
        "date_to": "2017-12-31",
    }
    body = Client().get(reverse("process:event_list"), params).content.decode()
    calendar = reverse("process:events_calendar")
    query = (
        "q=bangkok&amp;phase=consultations&amp;kind=regional_consultation"
        "&amp;date_from=2017-04-01&amp;date_to=2017-12-31"
    )
    assert f'href="{calendar}?{query}"' in body
    feed = _events(Client().get(calendar, params))
    assert [str(e["summary"]) for e in feed] == ["Bangkok consultation"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"kind": "party"},
        {"phase": "nope"},
        {"date_from": "2017-02-30"},
        {"date_from": "2018-01-01", "date_to": "2017-01-01"},
    ],
)
def test_feed_bad_list_filter_is_400(process, phases, params):
    response = Client().get(reverse("process:events_calendar"), params)
    assert response.status_code == 400
