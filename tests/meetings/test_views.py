import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.directory.models import Person
from convenor.meetings import services
from convenor.meetings.models import AccreditedOrganisation, ProgrammeDay, Registration, Session

from .conftest import register

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_programme_page_ics_and_pdf(meeting, parallel):
    slug = meeting.event.slug
    page = Client().get(f"/meetings/{slug}/")
    assert page.status_code == 200 and "ACT 2" in page.content.decode()
    ics = Client().get(f"/meetings/{slug}/programme.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.count(b"BEGIN:VEVENT") == 2
    pdf = Client().get(f"/meetings/{slug}/programme.pdf")
    assert pdf.content.startswith(b"%PDF-")


def test_programme_hides_do_not_publish_facilitators(meeting, parallel):
    hidden = Person.objects.create(name="Hidden Person", slug="hidden", do_not_publish=True)
    shown = Person.objects.create(name="Shown Person", slug="shown")
    parallel[0].facilitators.add(hidden, shown)
    html = Client().get(f"/meetings/{meeting.event.slug}/").content.decode()
    assert "Shown Person" in html and "Hidden Person" not in html
    assert (
        b"Hidden Person"
        not in Client().get(f"/meetings/{meeting.event.slug}/programme.pdf").content
    )


def test_unknown_meeting_is_404(db):
    assert Client().get("/meetings/nope/").status_code == 404


def test_registration_form(meeting, parallel):
    url = f"/meetings/{meeting.event.slug}/register/"
    assert Client().get(url).status_code == 200
    response = Client().post(
        url,
        {
            "name": "Ana",
            "email": "ana@example.org",
            "kind": "civil_society",
            "country": "NP",
            "travel_support": "on",
            "parallel_session": str(parallel[0].pk),
        },
    )
    assert response.status_code == 302
    r = Registration.objects.get()
    assert r.ldc_eligible and r.parallel_session == parallel[0]
    again = Client().post(url, {"name": "Ana", "email": "ana@example.org", "kind": "civil_society"})
    assert again.status_code == 409
    bad = Client().post(url, {"name": "Ana", "email": "x", "kind": "civil_society"})
    assert bad.status_code == 400


def test_coordinator_approves_on_the_page(meeting, coordinator_client):
    r = register(meeting, "Ana")
    coordinator_client.post(
        f"/meetings/{meeting.event.slug}/registrations/{r.pk}/decide/", {"status": "accepted"}
    )
    r.refresh_from_db()
    assert r.status == "accepted"
    badges = coordinator_client.get(f"/meetings/{meeting.event.slug}/badges.pdf")
    assert badges.content.startswith(b"%PDF-")


def test_registration_list_rejects_bad_status_filter(meeting, coordinator_client):
    response = coordinator_client.get(f"/meetings/{meeting.event.slug}/registrations/?status=zzz")
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["focal_point", "rapporteur", "member"])
def test_only_coordinators_see_registrations_and_tables(role, meeting, request):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    slug = meeting.event.slug
    for url in (
        f"/meetings/{slug}/registrations/",
        f"/meetings/{slug}/tables/",
        f"/meetings/{slug}/badges.pdf",
        f"/meetings/{slug}/accreditation/",
    ):
        assert client.get(url).status_code == 403
    r = register(meeting, f"{role} person")
    client.post(f"/meetings/{slug}/registrations/{r.pk}/decide/", {"status": "accepted"})
    r.refresh_from_db()
    assert r.status == "pending"
    assert client.post(f"/meetings/{slug}/tables/run/", {"time_limit": "2"}).status_code == 403


def test_accreditation_upload_page_reports_lines(meeting, coordinator_client):
    url = f"/meetings/{meeting.event.slug}/accreditation/"
    bad = SimpleUploadedFile("a.csv", b"name\nA\nA\n")
    response = coordinator_client.post(url, {"file": bad})
    assert response.status_code == 400 and "line 3" in response.content.decode()
    assert AccreditedOrganisation.objects.count() == 0
    good = SimpleUploadedFile("a.csv", b"name\nA\nB\n")
    assert coordinator_client.post(url, {"file": good}).status_code == 302
    assert AccreditedOrganisation.objects.count() == 2


def test_tables_page_run_pin_switch_and_pdfs(
    meeting, parallel, tables, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    meeting.capacity = 20
    meeting.save()
    people = [register(meeting, f"P{i}", parallel_session=parallel[i % 2]) for i in range(4)]
    for r in people:
        services.registration_decide(actor=coordinator, registration=r, status="accepted")
    slug = meeting.event.slug
    coordinator_client.post(
        f"/meetings/{slug}/tables/pin/",
        {"registration": people[0].pk, "round": "1", "table": tables[0].pk},
    )
    coordinator_client.post(
        f"/meetings/{slug}/tables/switch/", {"registration": people[1].pk, "table": tables[1].pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/meetings/{slug}/tables/run/", {"time_limit": "3"})
    assert response.status_code == 302 and "/tasks/" in response["Location"]
    page = coordinator_client.get(f"/meetings/{slug}/tables/").content.decode()
    assert "Current plan" in page and "P0" in page
    for name in ("tables.pdf", "place-cards.pdf"):
        assert coordinator_client.get(f"/meetings/{slug}/{name}").content.startswith(b"%PDF-")
    assert (
        coordinator_client.post(f"/meetings/{slug}/tables/run/", {"time_limit": "x"}).status_code
        == 400
    )


def test_programme_query_count_does_not_grow(meeting, acts):
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

    add(1)
    url = f"/meetings/{meeting.event.slug}/"
    one = _count(Client(), url)
    add(2)
    add(3)
    assert _count(Client(), url) == one


def test_registration_and_tables_pages_query_count_does_not_grow(
    meeting, tables, coordinator, coordinator_client
):
    meeting.capacity = 10
    meeting.save()
    slug = meeting.event.slug
    urls = [f"/meetings/{slug}/registrations/", f"/meetings/{slug}/tables/"]

    def add(name):
        r = register(meeting, name)
        services.registration_decide(actor=coordinator, registration=r, status="accepted")
        services.pin_set(actor=coordinator, registration=r, round=1, table=tables[0])
        services.switch_request(actor=coordinator, registration=r, table=tables[1])

    add("A")
    coordinator_client.get(urls[0])
    first = [_count(coordinator_client, u) for u in urls]
    add("B")
    add("C")
    assert [_count(coordinator_client, u) for u in urls] == first
