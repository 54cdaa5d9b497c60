import pytest

from convenor.campaigns.models import Signature
from convenor.campaigns.tokens import token_make

from .conftest import sign_and_confirm, signature_data

pytestmark = pytest.mark.django_db


def post(client, path, data, **headers):
    return client.post(path, data, content_type="application/json", headers=headers)


def url(statement):
    return f"/api/v1/campaigns/statements/{statement.slug}/signatures"


def test_create_statement_needs_a_coordinator_token(client, auth_header, member):
    body = {
        "slug": "open-letter",
        "title": "Civil Society Open Letter",
        "text": "Dear Member States",
        "language": "en",
        "signer_kinds": ["organisation"],
        "opens_at": "2018-02-01T00:00:00+00:00",
        "closes_at": "2030-07-13T00:00:00-04:00",
    }
    assert post(client, "/api/v1/campaigns/statements", body).status_code == 401
    response = post(client, "/api/v1/campaigns/statements", body, **auth_header)
    assert response.status_code == 201, response.content
    assert response.json()["signature_count"] == 0
    assert post(client, "/api/v1/campaigns/statements", body, **auth_header).status_code == 409


def test_member_token_cannot_create_statement(client, member):
    from convenor.core.services import api_token_create

    _, raw = api_token_create(user=member, name="t")
    response = post(
        client,
        "/api/v1/campaigns/statements",
        {"slug": "x", "title": "x", "text": "x", "opens_at": "2018-02-01T00:00:00Z"},
        Authorization=f"Bearer {raw}",
    )
    assert response.status_code == 403


def test_sign_answers_202_pending(client, statement):
    response = post(client, url(statement), signature_data())
    assert response.status_code == 202
    assert response.json()["status"] == "pending_confirmation"


def test_repeat_gives_identical_answer(client, statement):
    first = post(client, url(statement), signature_data(), **{"Idempotency-Key": "abc"})
    same_key = post(client, url(statement), signature_data(), **{"Idempotency-Key": "abc"})
    same_email = post(client, url(statement), signature_data(email="ANA@mfa.example.org"))
    assert first.json() == same_key.json() == same_email.json()
    assert first.status_code == same_key.status_code == same_email.status_code == 202
    assert Signature.objects.count() == 1


def test_same_key_different_body_is_422(client, statement):
    post(client, url(statement), signature_data(), **{"Idempotency-Key": "abc"})
    response = post(
        client, url(statement), signature_data(contact_name="Other"), **{"Idempotency-Key": "abc"}
    )
    assert response.status_code == 422


def test_invalid_fields_are_each_named(client, statement):
    response = post(client, url(statement), {"email": "nope", "consent": False})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"email", "consent", "country", "organisation_name", "contact_name"} <= fields


def test_closed_is_409_and_unknown_is_404(client, closed_statement):
    assert post(client, url(closed_statement), signature_data()).status_code == 409
    response = post(client, "/api/v1/campaigns/statements/nope/signatures", signature_data())
    assert response.status_code == 404


def test_rate_limited_is_429(settings, client, statement):
    settings.CAMPAIGNS_RATE_LIMITS = {"ip": (1, 600)}
    post(client, url(statement), signature_data())
    response = post(client, url(statement), signature_data(email="b@example.org"))
    assert response.status_code == 429


def test_confirm_then_detail_counts(client, statement):
    accepted = post(client, url(statement), signature_data()).json()
    token = token_make(public_id=accepted["id"], purpose="confirm")
    response = post(client, "/api/v1/campaigns/signatures/confirm", {"token": token})
    assert response.json() == {"id": accepted["id"], "status": "confirmed"}
    detail = client.get(f"/api/v1/campaigns/statements/{statement.slug}").json()
    assert detail["signature_count"] == 1
    assert detail["breakdown"]["regions"][0]["key"] == "asia"


def test_bad_token_is_422(client):
    response = post(client, "/api/v1/campaigns/signatures/confirm", {"token": "forged"})
    assert response.status_code == 422


def test_signatories_omit_unlisted_and_emails(client, statement):
    sign_and_confirm(statement)
    sign_and_confirm(
        statement, organisation_name="Hidden NGO", email="h@hidden.example", public_display=False
    )
    body = client.get(f"/api/v1/campaigns/statements/{statement.slug}/signatories").json()
    assert body["count"] == 1
    assert "Hidden" not in str(body) and "@" not in str(body)


def test_signatories_bad_filter_is_400(client, statement):
    response = client.get(f"/api/v1/campaigns/statements/{statement.slug}/signatories?country=ZZ")
    assert response.status_code == 400


def test_signatories_query_count_is_constant(client, statement):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = f"/api/v1/campaigns/statements/{statement.slug}/signatories"
    sign_and_confirm(statement, organisation_name="Org 1", email="1@a.example")
    with CaptureQueriesContext(connection) as one:
        client.get(path)
    for name in ("Caritas Internationalis", "Solidarity Center"):
        sign_and_confirm(statement, organisation_name=name, email=f"info@{name[:5]}.example")
    with CaptureQueriesContext(connection) as three:
        assert client.get(path).json()["count"] == 3
    assert len(one) == len(three)
