import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.core.services import api_token_create

from .conftest import nominate

pytestmark = pytest.mark.django_db


def _header(user):
    _, raw = api_token_create(user=user, name="t")
    return {"Authorization": f"Bearer {raw}"}


def test_rounds_list_shows_anonymous_callers_only_published_rounds(round_, coordinator, event):
    from convenor.delegations import services

    other = services.round_create(actor=coordinator, event=event, title="Other", capacity=3)
    services.round_publish(actor=coordinator, round=other)
    response = Client().get("/api/v1/delegations/rounds")
    assert response.status_code == 200
    assert [r["slug"] for r in response.json()["items"]] == [other.slug]


def test_rounds_list_shows_coordinators_every_round(round_, auth_header):
    response = Client().get("/api/v1/delegations/rounds", headers=auth_header)
    assert [r["slug"] for r in response.json()["items"]] == [round_.slug]


def test_rounds_list_shows_a_nominator_their_own_unpublished_round(round_, asia, nominator):
    response = Client().get("/api/v1/delegations/rounds", headers=_header(nominator))
    assert [r["slug"] for r in response.json()["items"]] == [round_.slug]


def test_unpublished_round_is_404_for_anonymous_and_403_for_a_stranger(round_, member):
    url = f"/api/v1/delegations/rounds/{round_.slug}"
    assert Client().get(url).status_code == 404
    assert Client().get(url, headers=_header(member)).status_code == 403


def test_published_round_is_public(round_, coordinator):
    from convenor.delegations import services

    services.round_publish(actor=coordinator, round=round_)
    response = Client().get(f"/api/v1/delegations/rounds/{round_.slug}")
    assert response.status_code == 200 and response.json()["status"] == "published"


def test_quotas_of_a_round_still_need_a_caller(round_):
    assert Client().get(f"/api/v1/delegations/rounds/{round_.slug}/quotas").status_code == 403


def test_nominator_lists_only_own_nominations(round_, asia, women, nominator, other_nominator):
    nominate(nominator, asia, "Ai Lin")
    nominate(other_nominator, women, "Wu Na")
    response = Client().get(
        f"/api/v1/delegations/rounds/{round_.slug}/nominations", headers=_header(nominator)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["items"][0]["name"] == "Ai Lin"


def test_nominator_posts_to_own_quota_only(round_, asia, women, nominator):
    headers = _header(nominator)
    ok = Client().post(
        f"/api/v1/delegations/rounds/{round_.slug}/quotas/asia/nominations",
        {"name": "Ai Lin", "email": "ai@example.org"},
        content_type="application/json",
        headers=headers,
    )
    assert ok.status_code == 201 and ok.json()["priority"] == 1
    refused = Client().post(
        f"/api/v1/delegations/rounds/{round_.slug}/quotas/women/nominations",
        {"name": "Wu Na"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 403
    bad = Client().post(
        f"/api/v1/delegations/rounds/{round_.slug}/quotas/asia/nominations",
        {"name": "B", "email": "nope"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422 and bad.json()["field"] == "email"


def test_writes_need_a_token(round_, asia):
    response = Client().post(
        f"/api/v1/delegations/rounds/{round_.slug}/quotas/asia/nominations",
        {"name": "X"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_run_post_then_get_result(
    round_,
    asia,
    women,
    nominator,
    other_nominator,
    auth_header,
    django_capture_on_commit_callbacks,
):
    nominate(nominator, asia, "A One", "B Two")
    nominate(other_nominator, women, "W One", "W Two")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            f"/api/v1/delegations/rounds/{round_.slug}/runs",
            {"time_limit": 5},
            content_type="application/json",
            headers=auth_header,
        )
    assert response.status_code == 202
    run_id = response.json()["id"]
    result = Client().get(f"/api/v1/delegations/runs/{run_id}", headers=auth_header).json()
    assert result["status"] == "done"
    assert result["result"]["status"] == "optimal"
    assert len(result["result"]["selected"]) == 4
    sent = Client().post(f"/api/v1/delegations/runs/{run_id}/invitations", headers=auth_header)
    assert sent.status_code == 201 and len(sent.json()) == 4
    listed = Client().get(
        f"/api/v1/delegations/rounds/{round_.slug}/invitations", headers=auth_header
    )
    assert listed.json()["count"] == 4


def test_nominator_cannot_start_runs_or_see_invitations(round_, asia, nominator):
    headers = _header(nominator)
    assert (
        Client()
        .post(
            f"/api/v1/delegations/rounds/{round_.slug}/runs",
            {},
            content_type="application/json",
            headers=headers,
        )
        .status_code
        == 403
    )
    assert (
        Client()
        .get(f"/api/v1/delegations/rounds/{round_.slug}/invitations", headers=headers)
        .status_code
        == 403
    )


def test_unknown_round_is_404(auth_header):
    assert Client().get("/api/v1/delegations/rounds/nope", headers=auth_header).status_code == 404


def _count(url, headers):
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url, headers=headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_endpoints_query_count_does_not_grow(
    round_, asia, nominator, coordinator, auth_header, event
):
    from convenor.delegations import services
    from convenor.delegations.models import Invitation

    urls = [
        "/api/v1/delegations/rounds",
        f"/api/v1/delegations/rounds/{round_.slug}/quotas",
        f"/api/v1/delegations/rounds/{round_.slug}/nominations",
        f"/api/v1/delegations/rounds/{round_.slug}/invitations",
    ]
    (a,) = nominate(nominator, asia, "A One")
    Invitation.objects.create(round=round_, person=a.person, quota=asia)
    Client().get(urls[0], headers=auth_header)  # the token's first use records last_used_at
    first = [_count(u, auth_header) for u in urls]
    for n in nominate(nominator, asia, "B Two", "C Three"):
        Invitation.objects.create(round=round_, person=n.person, quota=asia)
    for name in ("Q2", "Q3"):
        services.quota_create(actor=coordinator, round=round_, process_name=name, seats=1)
    for slug in ("r2", "r3"):
        services.round_create(actor=coordinator, event=event, title=slug, capacity=1, slug=slug)
    assert [_count(u, auth_header) for u in urls] == first
