import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.core.audit import audit_record
from convenor.core.models import AuditEntry


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_audit_log_is_forbidden_to_members(member_client):
    assert member_client.get("/audit/").status_code == 403


@pytest.mark.django_db
def test_audit_log_asks_visitors_to_sign_in(client):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_audit_log_shows_entries_to_coordinators(coordinator_client, coordinator, member):
    audit_record(actor=member, action="organisation.update", target=member)
    audit_record(actor=coordinator, action="api_token.create", target=coordinator)
    response = coordinator_client.get("/audit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "organisation.update" in body and "api_token.create" in body


@pytest.mark.django_db
def test_audit_log_filters_by_action_prefix_and_actor(coordinator_client, coordinator, member):
    audit_record(actor=member, action="organisation.update", target=member)
    audit_record(actor=coordinator, action="api_token.create", target=coordinator)
    body = coordinator_client.get("/audit/", {"action": "organisation."}).content.decode()
    assert "organisation.update" in body and "api_token.create" not in body
    body = coordinator_client.get("/audit/", {"actor": coordinator.email}).content.decode()
    assert "api_token.create" in body and "organisation.update" not in body


@pytest.mark.django_db
def test_audit_log_filters_by_date_range(coordinator_client, member):
    entry = audit_record(actor=member, action="old.thing", target=member)
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=dt.datetime(2018, 1, 1, tzinfo=dt.UTC))
    audit_record(actor=member, action="new.thing", target=member)
    body = coordinator_client.get(
        "/audit/", {"date_from": "2017-12-31", "date_to": "2018-01-02"}
    ).content.decode()
    assert "old.thing" in body and "new.thing" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "not-a-date"},
        {"date_to": "2018-13-45"},
        {"actor": "not an email"},
        {"date_from": "2019-01-02", "date_to": "2019-01-01"},
    ],
)
def test_audit_log_bad_filter_is_a_400_with_a_form_error(coordinator_client, params):
    response = coordinator_client.get("/audit/", params)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_audit_log_is_paginated(coordinator_client, member):
    for index in range(55):
        audit_record(actor=member, action=f"thing.{index}", target=member)
    body = coordinator_client.get("/audit/").content.decode()
    assert "Page 1 of 2" in body
    assert coordinator_client.get("/audit/", {"page": "2"}).status_code == 200
    assert coordinator_client.get("/audit/", {"page": "zzz"}).status_code == 200


@pytest.mark.django_db
def test_audit_log_query_count_does_not_grow_with_rows(coordinator_client, member, rapporteur):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get("/audit/").status_code == 200
        return len(queries)

    audit_record(actor=member, action="a.one", target=member)
    one = count()
    audit_record(actor=rapporteur, action="a.two", target=member)
    audit_record(actor=None, action="a.three", target=member)
    assert AuditEntry.objects.count() == 3
    assert count() == one
