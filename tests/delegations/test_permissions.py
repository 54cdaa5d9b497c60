import pytest
from django.test import Client

from convenor.core.errors import PermissionDenied
from convenor.delegations import selectors, services

from .conftest import nominate

pytestmark = pytest.mark.django_db


def test_nominator_sees_only_own_quota(round_, asia, women, nominator, other_nominator):
    nominate(nominator, asia, "Ai Lin")
    nominate(other_nominator, women, "Wu Na")
    names = [n.person.name for n in selectors.nominations_visible(round=round_, viewer=nominator)]
    assert names == ["Ai Lin"]
    assert [q.slug for q in selectors.quota_list(round=round_, viewer=nominator)] == ["asia"]


def test_nominator_cannot_edit_another_process(asia, women, nominator, other_nominator):
    (theirs,) = nominate(other_nominator, women, "Wu Na")
    with pytest.raises(PermissionDenied):
        services.nomination_move(actor=nominator, nomination=theirs, priority=1)
    with pytest.raises(PermissionDenied):
        services.nomination_remove(actor=nominator, nomination=theirs)


@pytest.mark.parametrize("role", ["focal_point", "rapporteur", "member"])
def test_only_coordinators_manage_rounds_runs_and_invitations(role, round_, asia, request):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.quota_create(actor=user, round=round_, process_name="X", seats=1)
    with pytest.raises(PermissionDenied):
        services.selection_run_start(actor=user, round=round_)
    with pytest.raises(PermissionDenied):
        services.round_update(actor=user, round=round_, data={"capacity": 3})
    with pytest.raises(PermissionDenied):
        services.target_create(actor=user, round=round_, attribute="gender", value="f", min_count=1)


def test_nominator_page_of_other_quota_is_forbidden(round_, asia, women, nominator):
    client = Client()
    client.force_login(nominator)
    assert client.get(f"/delegations/{round_.slug}/quotas/asia/").status_code == 200
    assert client.get(f"/delegations/{round_.slug}/quotas/women/").status_code == 403


def test_nominator_cannot_reach_other_process_nomination_by_id(
    round_, asia, women, nominator, other_nominator
):
    (theirs,) = nominate(other_nominator, women, "Wu Na")
    client = Client()
    client.force_login(nominator)
    response = client.post(f"/delegations/nominations/{theirs.pk}/remove/")
    assert response.status_code == 404
    assert women.nominations.count() == 1


def test_anonymous_is_sent_to_login(round_):
    response = Client().get(f"/delegations/{round_.slug}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_without_quota_cannot_see_round(round_, member):
    client = Client()
    client.force_login(member)
    assert client.get(f"/delegations/{round_.slug}/").status_code == 403


@pytest.mark.parametrize("role", ["focal_point", "rapporteur", "member"])
def test_users_without_the_quota_cannot_nominate_move_or_remove(role, asia, nominator, request):
    user = request.getfixturevalue(role)
    (mine,) = nominate(nominator, asia, "Ai Lin")
    with pytest.raises(PermissionDenied):
        nominate(user, asia, "Someone Else")
    with pytest.raises(PermissionDenied):
        services.nomination_move(actor=user, nomination=mine, priority=1)
    with pytest.raises(PermissionDenied):
        services.nomination_remove(actor=user, nomination=mine)


def test_coordinator_may_nominate_for_any_process(asia, women, coordinator):
    assert len(nominate(coordinator, women, "Wu Na")) == 1
