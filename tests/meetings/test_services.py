import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convenor.core.errors import Conflict, InvalidInput, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.directory.models import Organisation
from convenor.meetings import services
from convenor.meetings.ldc import is_ldc, ldc_list
from convenor.meetings.models import AccreditedOrganisation, RegistrationStatus, TablePlacement

from .conftest import register

pytestmark = pytest.mark.django_db


def test_ldc_list_has_44_countries_with_date_and_source():
    data = ldc_list()
    assert len(data.countries) == 44
    assert data.as_of.year == 2024 and data.as_of.month == 12
    assert "Committee for Development Policy" in data.source
    assert is_ldc("ht") and not is_ldc("ST") and not is_ldc("BT")


def test_registration_records_ldc_eligibility(meeting):
    r = register(meeting, "Ana", country="NP", travel_support=True)
    assert r.status == RegistrationStatus.PENDING and r.ldc_eligible
    assert not register(meeting, "Ben", country="MX").ldc_eligible


def test_same_email_registers_once(meeting):
    register(meeting, "Ana")
    with pytest.raises(Conflict):
        register(meeting, "Ana again", email="ana@example.org")


def test_bad_email_is_refused(meeting):
    with pytest.raises(Unprocessable) as error:
        register(meeting, "Ana", email="not-an-email")
    assert error.value.field == "email"


def test_accept_beyond_capacity_goes_to_waiting_list_and_is_promoted(meeting, coordinator):
    people = [register(meeting, f"P{i}") for i in range(4)]
    for r in people:
        services.registration_decide(actor=coordinator, registration=r, status="accepted")
    statuses = [r.status for r in people]
    assert statuses == ["accepted", "accepted", "accepted", "waitlisted"]
    services.registration_decide(actor=coordinator, registration=people[0], status="withdrawn")
    people[3].refresh_from_db()
    assert people[3].status == RegistrationStatus.ACCEPTED
    assert AuditEntry.objects.filter(action="meetings.registration.promote").count() == 1


def test_member_cannot_decide(meeting, member):
    r = register(meeting, "Ana")
    with pytest.raises(PermissionDenied):
        services.registration_decide(actor=member, registration=r, status="accepted")


def test_government_led_meeting_needs_accreditation(meeting, coordinator):
    meeting.government_led = True
    meeting.save()
    r = register(meeting, "Ana", organisation_name="Small NGO")
    with pytest.raises(Unprocessable) as error:
        services.registration_decide(actor=coordinator, registration=r, status="accepted")
    assert error.value.code == "not_accredited"
    upload = SimpleUploadedFile("list.csv", b"name\nSmall NGO\nOther NGO\n", "text/csv")
    assert services.accreditation_import_csv(actor=coordinator, upload=upload) == 2
    services.registration_decide(actor=coordinator, registration=r, status="accepted")
    assert r.status == RegistrationStatus.ACCEPTED


def test_ecosoc_status_counts_as_accreditation(meeting, coordinator):
    meeting.government_led = True
    meeting.save()
    Organisation.objects.create(name="Big NGO", slug="big-ngo", ecosoc_status="special")
    r = register(meeting, "Ana", organisation_name="Big NGO")
    services.registration_decide(actor=coordinator, registration=r, status="accepted")
    assert r.status == RegistrationStatus.ACCEPTED


def test_accreditation_csv_with_problems_imports_nothing(coordinator):
    upload = SimpleUploadedFile("list.csv", b"name\nA NGO\n\nA  ngo\n", "text/csv")
    with pytest.raises(InvalidInput) as error:
        services.accreditation_import_csv(actor=coordinator, upload=upload)
    assert any("line 4" in line for line in error.value.lines)
    assert AccreditedOrganisation.objects.count() == 0
    upload = SimpleUploadedFile("list.csv", b"title\nA NGO\n", "text/csv")
    with pytest.raises(InvalidInput):
        services.accreditation_import_csv(actor=coordinator, upload=upload)


def _accepted(meeting, coordinator, parallel, n_cs=4, n_gov=2):
    people = []
    for i in range(n_cs):
        r = register(meeting, f"CS {i}", parallel_session=parallel[i % 2])
        people.append(r)
    for i in range(n_gov):
        people.append(register(meeting, f"Gov {i}", kind="government"))
    meeting.capacity = 50
    meeting.save()
    for r in people:
        services.registration_decide(actor=coordinator, registration=r, status="accepted")
    return people


def test_table_run_assigns_two_rounds_keeping_pins(
    meeting, coordinator, parallel, tables, django_capture_on_commit_callbacks
):
    people = _accepted(meeting, coordinator, parallel)
    services.pin_set(actor=coordinator, registration=people[0], round=2, table=tables[1])
    with django_capture_on_commit_callbacks(execute=True):
        run = services.table_run_start(actor=coordinator, meeting=meeting, time_limit=3)
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert run.result["status"] in ("optimal", "feasible")
    placements = TablePlacement.objects.filter(run=run)
    assert placements.count() == len(people) * 2
    assert placements.get(registration=people[0], round=2).table == tables[1]


def test_rerun_changes_as_little_as_possible(
    meeting, coordinator, parallel, tables, django_capture_on_commit_callbacks
):
    people = _accepted(meeting, coordinator, parallel)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.table_run_start(actor=coordinator, meeting=meeting, time_limit=3)
    services.switch_request(actor=coordinator, registration=people[1], table=tables[0])
    with django_capture_on_commit_callbacks(execute=True):
        second = services.table_run_start(actor=coordinator, meeting=meeting, time_limit=3)
    second.refresh_from_db()
    assert second.input["previous"], "the last plan is given to the engine"
    assert second.input["switches"] == [
        {"participant": f"r{people[1].pk}", "round": 2, "table": f"t{tables[0].pk}"}
    ]
    before = {(p.registration_id, p.round): p.table_id for p in first.placements.all()}
    after = {(p.registration_id, p.round): p.table_id for p in second.placements.all()}
    changed = sum(1 for k in before if before[k] != after[k])
    assert changed <= 3


def test_table_run_without_tables_is_refused(meeting, coordinator):
    with pytest.raises(Unprocessable):
        services.table_run_start(actor=coordinator, meeting=meeting)


def test_pdfs_are_pdfs(meeting, coordinator, parallel, tables, django_capture_on_commit_callbacks):
    from convenor.meetings import pdf, selectors

    people = _accepted(meeting, coordinator, parallel)
    with django_capture_on_commit_callbacks(execute=True):
        services.table_run_start(actor=coordinator, meeting=meeting, time_limit=2)
    rounds = selectors.plan(meeting=meeting)["rounds"]
    for content in (
        pdf.programme_pdf(meeting, selectors.programme(meeting=meeting)),
        pdf.badges_pdf(meeting, people),
        pdf.table_lists_pdf(meeting, rounds),
        pdf.place_cards_pdf(meeting, rounds),
    ):
        assert content.startswith(b"%PDF-")
