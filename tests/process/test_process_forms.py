"""Pages that create, edit and delete processes and their phases (coordinators only)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from convenor.core.models import AuditEntry
from convenor.process.models import Phase, Process

from .conftest import make_event, make_phases, make_process


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


PROCESS_DATA = {
    "name": "Global Compact on Refugees",
    "slug": "gcr",
    "short_name": "GCR",
    "description": "The refugee compact.",
    "start_date": "2016-09-19",
    "end_date": "2018-12-17",
    "website": "https://www.unhcr.org/",
}

PHASE_DATA = {
    "name": "Thematic discussions",
    "slug": "thematic",
    "start_date": "2017-07-10",
    "end_date": "2017-11-14",
}


# Processes --------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinator_creates_a_process_and_an_audit_entry(coordinator, coordinator_client):
    url = reverse("process:process_create")
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, PROCESS_DATA)
    assert response.status_code == 302
    assert response["Location"] == reverse("process:process_detail", args=["gcr"])
    process = Process.objects.get(slug="gcr")
    assert (process.name, process.end_date) == (
        "Global Compact on Refugees",
        datetime.date(2018, 12, 17),
    )
    assert AuditEntry.objects.filter(action="process.create", actor=coordinator).count() == 1


@pytest.mark.django_db
def test_empty_identifier_is_made_from_the_short_name(coordinator_client):
    data = {**PROCESS_DATA, "slug": ""}
    response = coordinator_client.post(reverse("process:process_create"), data)
    assert response.status_code == 302
    assert Process.objects.filter(slug="gcr").exists()


@pytest.mark.django_db
def test_coordinator_edits_a_process(coordinator, coordinator_client):
    make_process("gcm", name="Old name")
    url = reverse("process:process_edit", args=["gcm"])
    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert 'value="Old name"' in page.content.decode()
    response = coordinator_client.post(url, {"name": "Global Compact for Migration"})
    assert response.status_code == 302
    assert Process.objects.get(slug="gcm").name == "Global Compact for Migration"
    entry = AuditEntry.objects.get(action="process.update", actor=coordinator)
    assert "name" in entry.changes


@pytest.mark.django_db
def test_coordinator_deletes_a_process_after_confirming(coordinator, coordinator_client):
    process = make_process("gcm")
    make_phases(process)
    make_event(process)
    url = reverse("process:process_delete", args=["gcm"])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "phases: 3, events: 1" in confirm.content.decode()
    assert Process.objects.exists()  # a GET deletes nothing
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("process:process_list")
    assert not Process.objects.exists()
    assert AuditEntry.objects.filter(action="process.delete", actor=coordinator).count() == 1


@pytest.mark.django_db
def test_process_end_before_start_is_a_form_error(coordinator_client):
    data = {**PROCESS_DATA, "start_date": "2018-01-01", "end_date": "2017-01-01"}
    response = coordinator_client.post(reverse("process:process_create"), data)
    assert response.status_code == 422
    assert "The end date is before the start date." in response.content.decode()
    assert not Process.objects.exists()


@pytest.mark.django_db
def test_process_edit_end_before_start_is_a_form_error_and_changes_nothing(coordinator_client):
    make_process("gcm", start_date=datetime.date(2017, 1, 1))
    url = reverse("process:process_edit", args=["gcm"])
    data = {"name": "X", "start_date": "2017-01-01", "end_date": "2016-01-01"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "The end date is before the start date." in html
    assert "Edit “Global Compact”" in html  # the heading names the saved process
    process = Process.objects.get()
    assert (process.name, process.end_date) == ("Global Compact", None)


@pytest.mark.django_db
def test_duplicate_process_identifier_is_a_form_error(coordinator_client):
    make_process("gcr")
    response = coordinator_client.post(reverse("process:process_create"), PROCESS_DATA)
    assert response.status_code == 409
    assert "This identifier is already used." in response.content.decode()
    assert Process.objects.count() == 1


@pytest.mark.django_db
def test_malformed_process_input_is_400(coordinator_client):
    data = {**PROCESS_DATA, "start_date": "not-a-date"}
    response = coordinator_client.post(reverse("process:process_create"), data)
    assert response.status_code == 400
    assert not Process.objects.exists()


# Phases -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinator_creates_a_phase(coordinator, coordinator_client):
    make_process("gcm")
    url = reverse("process:phase_create", args=["gcm"])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, PHASE_DATA)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("process:process_detail", args=["gcm"]))
    phase = Phase.objects.get(slug="thematic")
    assert (phase.process.slug, phase.order, phase.end_date) == (
        "gcm",
        1,
        datetime.date(2017, 11, 14),
    )
    assert AuditEntry.objects.filter(action="phase.create", actor=coordinator).count() == 1


@pytest.mark.django_db
def test_coordinator_edits_a_phase_and_empty_order_keeps_it(coordinator, coordinator_client):
    make_phases(make_process("gcm"))
    url = reverse("process:phase_edit", args=["gcm", "negotiations"])
    assert coordinator_client.get(url).status_code == 200
    data = {"name": "Intergovernmental negotiations", "start_date": "2018-02-05", "order": ""}
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    phase = Phase.objects.get(slug="negotiations")
    assert (phase.name, phase.start_date, phase.order, phase.end_date) == (
        "Intergovernmental negotiations",
        datetime.date(2018, 2, 5),
        2,
        None,
    )
    assert AuditEntry.objects.filter(action="phase.update", actor=coordinator).count() == 1


@pytest.mark.django_db
def test_coordinator_deletes_a_phase_after_confirming(coordinator, coordinator_client):
    make_phases(make_process("gcm"))
    url = reverse("process:phase_delete", args=["gcm", "consultations"])
    assert coordinator_client.get(url).status_code == 200
    assert Phase.objects.filter(slug="consultations").exists()
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert not Phase.objects.filter(slug="consultations").exists()
    assert Phase.objects.count() == 2
    assert AuditEntry.objects.filter(action="phase.delete", actor=coordinator).count() == 1


@pytest.mark.django_db
def test_phase_end_before_start_is_a_form_error(coordinator_client):
    make_process("gcm")
    data = {**PHASE_DATA, "end_date": "2017-07-01"}
    response = coordinator_client.post(reverse("process:phase_create", args=["gcm"]), data)
    assert response.status_code == 422
    assert "The end date is before the start date." in response.content.decode()
    assert not Phase.objects.exists()


@pytest.mark.django_db
def test_phase_edit_end_before_start_is_a_form_error_and_changes_nothing(coordinator_client):
    make_phases(make_process("gcm"))
    url = reverse("process:phase_edit", args=["gcm", "negotiations"])
    data = {"name": "X", "start_date": "2018-02-01", "end_date": "2018-01-01"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "The end date is before the start date." in html
    assert "Edit “Negotiations”" in html
    phase = Phase.objects.get(slug="negotiations")
    assert (phase.name, phase.end_date) == ("Negotiations", datetime.date(2018, 7, 31))
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_duplicate_phase_identifier_in_the_same_process_is_a_form_error(coordinator_client):
    make_phases(make_process("gcm"))
    data = {**PHASE_DATA, "slug": "negotiations"}
    response = coordinator_client.post(reverse("process:phase_create", args=["gcm"]), data)
    assert response.status_code == 409
    assert "This identifier is already used." in response.content.decode()
    assert Phase.objects.count() == 3


@pytest.mark.django_db
def test_same_phase_identifier_in_another_process_is_fine(coordinator_client):
    make_phases(make_process("gcm"))
    make_process("gcr", name="Refugees")
    data = {**PHASE_DATA, "slug": "negotiations"}
    response = coordinator_client.post(reverse("process:phase_create", args=["gcr"]), data)
    assert response.status_code == 302
    assert Phase.objects.filter(slug="negotiations").count() == 2


@pytest.mark.django_db
def test_phase_without_start_date_is_400(coordinator_client):
    make_process("gcm")
    data = {**PHASE_DATA, "start_date": ""}
    response = coordinator_client.post(reverse("process:phase_create", args=["gcm"]), data)
    assert response.status_code == 400
    assert not Phase.objects.exists()


# Who may ----------------------------------------------------------------------------


def _write_urls() -> list[str]:
    return [
        reverse("process:process_create"),
        reverse("process:process_edit", args=["gcm"]),
        reverse("process:process_delete", args=["gcm"]),
        reverse("process:phase_create", args=["gcm"]),
        reverse("process:phase_edit", args=["gcm", "consultations"]),
        reverse("process:phase_delete", args=["gcm", "consultations"]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["focal_point", "rapporteur", "member"])
def test_other_roles_get_403_and_change_nothing(request, role):
    make_phases(make_process("gcm"))
    client = _login(request.getfixturevalue(role))
    for url in _write_urls():
        assert client.get(url).status_code == 403, url
        assert client.post(url, {**PROCESS_DATA, **PHASE_DATA}).status_code == 403, url
    assert Process.objects.count() == 1
    assert Phase.objects.count() == 3
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client):
    make_phases(make_process("gcm"))
    for url in _write_urls():
        for response in (client.get(url), client.post(url, PROCESS_DATA)):
            assert response.status_code == 302, url
            assert "/accounts/login/" in response["Location"]
    assert Process.objects.count() == 1
    assert Phase.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,args",
    [
        ("process:process_edit", ["nope"]),
        ("process:process_delete", ["nope"]),
        ("process:phase_create", ["nope"]),
        ("process:phase_edit", ["nope", "consultations"]),
        ("process:phase_edit", ["gcm", "nope"]),
        ("process:phase_delete", ["gcm", "nope"]),
    ],
)
def test_unknown_identifiers_are_404(coordinator_client, name, args):
    make_phases(make_process("gcm"))
    assert coordinator_client.get(reverse(name, args=args)).status_code == 404
    assert coordinator_client.post(reverse(name, args=args)).status_code == 404


@pytest.mark.django_db
def test_phase_of_another_process_is_404(coordinator_client):
    make_phases(make_process("gcm"))
    make_process("gcr", name="Refugees")
    url = reverse("process:phase_edit", args=["gcr", "consultations"])
    assert coordinator_client.get(url).status_code == 404


# Links ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinators_see_the_write_links(coordinator_client):
    make_phases(make_process("gcm"))
    listing = coordinator_client.get(reverse("process:process_list")).content.decode()
    assert reverse("process:process_create") in listing
    detail = coordinator_client.get(reverse("process:process_detail", args=["gcm"]))
    html = detail.content.decode()
    for url in _write_urls()[1:]:
        assert url in html, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "focal_point", "member"])
def test_others_do_not_see_the_write_links(request, client, role):
    make_phases(make_process("gcm"))
    if role:
        client = _login(request.getfixturevalue(role))
    listing = client.get(reverse("process:process_list")).content.decode()
    detail = client.get(reverse("process:process_detail", args=["gcm"])).content.decode()
    for url in _write_urls():
        assert url not in listing + detail, url


@pytest.mark.django_db
def test_every_input_has_a_label(coordinator_client):
    make_phases(make_process("gcm"))
    for url in _write_urls()[:2] + _write_urls()[3:5]:
        html = coordinator_client.get(url).content.decode()
        for name in ("name", "start_date", "end_date", "description"):
            assert f'<label for="id_{name}">' in html, (url, name)
            assert f'id="id_{name}"' in html, (url, name)
