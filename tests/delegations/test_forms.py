"""The coordinators' forms for rounds, quotas and balance targets, the "My nominations"
entry point and the event-page panel."""

import pytest
from django.test import Client

from convenor.core.models import AuditEntry, Role
from convenor.delegations import services
from convenor.delegations.models import BalanceTarget, Quota, SelectionRound
from tests.conftest import make_user

from .conftest import nominate

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_coordinator_creates_a_round(event, coordinator_client):
    response = coordinator_client.post(
        "/delegations/new/",
        {
            "event": event.pk,
            "title": "Delegates 2018",
            "capacity": "40",
            "deadline": "2018-01-15 18:00",
            "status": "closed",
        },
    )
    assert response.status_code == 302
    round_ = SelectionRound.objects.get(title="Delegates 2018")
    assert (round_.capacity, round_.status, round_.event) == (40, "closed", event)
    assert AuditEntry.objects.filter(action="delegations.round.create").exists()


def test_round_form_reports_bad_input_with_400(event, coordinator_client):
    response = coordinator_client.post(
        "/delegations/new/", {"event": event.pk, "title": "x", "capacity": "-1", "status": "open"}
    )
    assert response.status_code == 400
    assert not SelectionRound.objects.exists()


def test_coordinator_edits_a_round(round_, coordinator_client):
    response = coordinator_client.post(
        f"/delegations/{round_.slug}/edit/",
        {"event": round_.event.pk, "title": "Renamed", "capacity": "9", "status": "closed"},
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.title, round_.capacity, round_.status) == ("Renamed", 9, "closed")


def test_coordinator_adds_and_edits_a_quota(round_, nominator, coordinator_client):
    response = coordinator_client.post(
        f"/delegations/{round_.slug}/add-process/",
        {
            "process_name": "Youth",
            "coordinator": nominator.pk,
            "mode": "nominate",
            "max_names": "6",
            "seats": "3",
        },
    )
    assert response.status_code == 302
    quota = Quota.objects.get(round=round_, process_name="Youth")
    assert (quota.coordinator, quota.mode, quota.max_names, quota.seats) == (
        nominator,
        "nominate",
        6,
        3,
    )
    response = coordinator_client.post(
        f"/delegations/{round_.slug}/quotas/{quota.slug}/edit/",
        {"process_name": "Youth", "mode": "select", "max_names": "2", "seats": "3"},
    )
    assert response.status_code == 422  # fewer names than seats
    response = coordinator_client.post(
        f"/delegations/{round_.slug}/quotas/{quota.slug}/edit/",
        {"process_name": "Youth", "mode": "select", "max_names": "", "seats": "2"},
    )
    assert response.status_code == 302
    quota.refresh_from_db()
    assert (quota.mode, quota.max_names, quota.seats, quota.coordinator) == (
        "select",
        None,
        2,
        None,
    )


def test_a_quota_with_names_is_not_removed(round_, asia, nominator, coordinator_client):
    nominate(nominator, asia, "Ai Lin")
    url = f"/delegations/{round_.slug}/quotas/{asia.slug}/edit/"
    assert coordinator_client.post(url, {"delete": "1"}).status_code == 409
    assert Quota.objects.filter(pk=asia.pk).exists()


def test_an_empty_quota_is_removed(round_, women, coordinator_client):
    url = f"/delegations/{round_.slug}/quotas/{women.slug}/edit/"
    assert coordinator_client.post(url, {"delete": "1"}).status_code == 302
    assert not Quota.objects.filter(pk=women.pk).exists()


def test_coordinator_adds_edits_and_removes_a_target(round_, coordinator_client):
    response = coordinator_client.post(
        f"/delegations/{round_.slug}/add-target/",
        {"attribute": "gender", "value": "f", "min_share": "0.5", "weight": "1"},
    )
    assert response.status_code == 302
    target = BalanceTarget.objects.get(round=round_)
    both = coordinator_client.post(
        f"/delegations/targets/{target.pk}/",
        {"attribute": "gender", "value": "f", "min_share": "0.5", "min_count": "3", "weight": "1"},
    )
    assert both.status_code == 422
    response = coordinator_client.post(
        f"/delegations/targets/{target.pk}/",
        {"attribute": "youth", "value": "yes", "min_count": "2", "weight": "2", "hard": "on"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.attribute, target.min_share, target.min_count, target.hard) == (
        "youth",
        None,
        2,
        True,
    )
    assert (
        coordinator_client.post(f"/delegations/targets/{target.pk}/", {"delete": "1"}).status_code
        == 302
    )
    assert not BalanceTarget.objects.exists()


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.RAPPORTEUR, Role.MEMBER])
def test_only_coordinators_use_the_round_forms(round_, asia, nominator, coordinator, role):
    target = services.target_create(
        actor=coordinator, round=round_, attribute="gender", value="f", min_count=1
    )
    # The quota's own nominator may see the round but not change it.
    user = nominator if role == Role.FOCAL_POINT else make_user(role, f"{role}-y@example.org")
    client = _client(user)
    urls = [
        "/delegations/new/",
        f"/delegations/{round_.slug}/edit/",
        f"/delegations/{round_.slug}/add-process/",
        f"/delegations/{round_.slug}/quotas/{asia.slug}/edit/",
        f"/delegations/{round_.slug}/add-target/",
        f"/delegations/targets/{target.pk}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"delete": "1"}).status_code == 403, url
    assert Quota.objects.filter(pk=asia.pk).exists()
    assert BalanceTarget.objects.filter(pk=target.pk).exists()


def test_my_nominations_lists_the_nominators_own_processes(round_, asia, women, nominator):
    page = _client(nominator).get("/delegations/").content.decode()
    assert "My nominations" in page
    assert f"/delegations/{round_.slug}/quotas/asia/" in page
    assert "/quotas/women/" not in page


def test_event_page_shows_rounds_to_those_who_may_see_them(round_, asia, nominator, coordinator):
    url = f"/events/{round_.event.slug}/"
    assert round_.title not in Client().get(url).content.decode()
    mine = _client(nominator).get(url).content.decode()
    assert f"/delegations/{round_.slug}/quotas/asia/" in mine
    services.round_publish(actor=coordinator, round=round_)
    public = Client().get(url).content.decode()
    assert round_.title in public
    assert f"/delegations/{round_.slug}/invited/" in public
    assert f'href="/delegations/{round_.slug}/"' not in public
