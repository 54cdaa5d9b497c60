import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from convenor.core.errors import Conflict, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.delegations import services
from convenor.delegations.models import (
    Invitation,
    InvitationStatus,
    MergeSuggestion,
    Nomination,
    RunStatus,
)

from .conftest import nominate

pytestmark = pytest.mark.django_db


def test_nomination_add_appends_in_priority_order_and_is_audited(asia, nominator):
    first, second = nominate(nominator, asia, "Ana Li", "Ben Ko")
    assert (first.priority, second.priority) == (1, 2)
    assert AuditEntry.objects.filter(action="delegations.nomination.create").count() == 2


def test_nomination_add_at_priority_moves_the_others_down(asia, nominator):
    nominate(nominator, asia, "Ana Li", "Ben Ko")
    services.nomination_add(
        actor=nominator, quota=asia, nominee=services.Nominee(name="Cy Do"), priority=1
    )
    order = list(asia.nominations.order_by("priority").values_list("person__name", flat=True))
    assert order == ["Cy Do", "Ana Li", "Ben Ko"]


def test_same_email_in_two_processes_is_one_person(asia, women, nominator, other_nominator):
    (a,) = nominate(nominator, asia, "Ana Li")
    b = services.nomination_add(
        actor=other_nominator,
        quota=women,
        nominee=services.Nominee(name="Ana LI", email="ANA.LI@example.org"),
    )
    assert a.person_id == b.person_id


def test_close_name_same_organisation_becomes_a_suggested_merge(
    asia, women, nominator, other_nominator, coordinator
):
    services.nomination_add(
        actor=nominator,
        quota=asia,
        nominee=services.Nominee(name="Rosa Márquez", organisation="MFA"),
    )
    services.nomination_add(
        actor=other_nominator,
        quota=women,
        nominee=services.Nominee(name="Rosa Marquez", organisation="mfa"),
    )
    merge = MergeSuggestion.objects.get()
    services.merge_decide(actor=coordinator, merge=merge, confirm=True)
    people = set(Nomination.objects.values_list("person_id", flat=True))
    assert people == {merge.person_id}


def test_nominator_cannot_nominate_for_another_process(women, nominator):
    with pytest.raises(PermissionDenied):
        nominate(nominator, women, "Eve Ng")


def test_nomination_after_deadline_is_refused(asia, nominator, round_):
    round_.deadline = timezone.now() - dt.timedelta(minutes=1)
    round_.save()
    asia.refresh_from_db()
    with pytest.raises(Unprocessable) as error:
        nominate(nominator, asia, "Late Comer")
    assert error.value.code == "deadline"


def test_max_names_is_enforced(asia, nominator):
    nominate(nominator, asia, "A One", "B Two", "C Three", "D Four")
    with pytest.raises(Unprocessable):
        nominate(nominator, asia, "E Five")


def test_same_person_twice_in_one_process_is_a_conflict(asia, nominator):
    nominate(nominator, asia, "Ana Li")
    with pytest.raises(Conflict):
        nominate(nominator, asia, "Ana Li")


def test_move_and_remove_keep_priorities_contiguous(asia, nominator):
    a, b, c = nominate(nominator, asia, "A One", "B Two", "C Three")
    services.nomination_move(actor=nominator, nomination=c, priority=1)
    assert list(asia.nominations.order_by("priority").values_list("pk", flat=True)) == [
        c.pk,
        a.pk,
        b.pk,
    ]
    services.nomination_remove(actor=nominator, nomination=a)
    assert list(asia.nominations.order_by("priority").values_list("priority", flat=True)) == [1, 2]


def _run(coordinator, round_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.selection_run_start(actor=coordinator, round=round_, time_limit=5)
    run.refresh_from_db()
    return run


def test_selection_run_records_input_and_result(
    asia, women, nominator, other_nominator, coordinator, round_, django_capture_on_commit_callbacks
):
    nominate(nominator, asia, "A One", "B Two", "C Three")
    nominate(other_nominator, women, "W One", "W Two", "W Three")
    run = _run(coordinator, round_, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE
    assert run.result["status"] == "optimal"
    assert len(run.result["selected"]) == 4
    assert run.input["capacity"] == 5
    assert run.progress.status == "done"


def test_selection_run_is_reproducible(
    asia, women, nominator, other_nominator, coordinator, round_, django_capture_on_commit_callbacks
):
    nominate(nominator, asia, "A One", "B Two", "C Three")
    nominate(other_nominator, women, "W One", "W Two", "W Three")
    one = _run(coordinator, round_, django_capture_on_commit_callbacks)
    two = _run(coordinator, round_, django_capture_on_commit_callbacks)
    assert one.input == two.input
    assert one.result["selected"] == two.result["selected"]


def test_infeasible_round_is_explained(
    asia, nominator, coordinator, round_, django_capture_on_commit_callbacks
):
    nominate(nominator, asia, "A One")
    run = _run(coordinator, round_, django_capture_on_commit_callbacks)
    assert run.result["status"] == "infeasible"
    kinds = {e["kind"] for e in run.result["explanation"]}
    assert "relaxation" in kinds


def test_decline_seats_next_person_without_moving_confirmed(
    asia, women, nominator, other_nominator, coordinator, round_, django_capture_on_commit_callbacks
):
    nominate(nominator, asia, "A One", "B Two", "C Three")
    nominate(other_nominator, women, "W One", "W Two", "W Three")
    run = _run(coordinator, round_, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        invitations = services.invitations_send(actor=coordinator, run=run)
    assert len(invitations) == 4
    assert len(mail.outbox) == 4
    by_name = {i.person.name: i for i in invitations}
    services.invitation_answer(token=by_name["W One"].token, accept=True)
    before = {(i.person_id, i.quota_id) for i in Invitation.objects.exclude(person__name="A One")}
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_answer(token=by_name["A One"].token, accept=False)
    after = {
        (i.person_id, i.quota_id)
        for i in Invitation.objects.filter(
            status__in=[InvitationStatus.INVITED, InvitationStatus.ACCEPTED]
        )
    }
    assert before <= after  # nobody already seated moved
    new = Invitation.objects.filter(status=InvitationStatus.INVITED, run__kind="replacement")
    assert [i.person.name for i in new] == ["C Three"]
    assert Invitation.objects.get(person__name="W One").status == InvitationStatus.ACCEPTED


def test_invited_organisations_leave_out_do_not_publish(
    asia, women, nominator, other_nominator, coordinator, round_, django_capture_on_commit_callbacks
):
    from convenor.delegations import selectors

    services.nomination_add(
        actor=nominator, quota=asia, nominee=services.Nominee(name="A One", organisation="Open Org")
    )
    services.nomination_add(
        actor=nominator,
        quota=asia,
        nominee=services.Nominee(name="B Two", organisation="Secret Org", do_not_publish=True),
    )
    nominate(other_nominator, women, "W One", "W Two")
    run = _run(coordinator, round_, django_capture_on_commit_callbacks)
    services.invitations_send(actor=coordinator, run=run)
    listing = selectors.invited_organisations(round=round_)
    assert "Open Org" in listing["organisations"]
    assert "Secret Org" not in listing["organisations"]
    assert listing["unlisted"] == 1
