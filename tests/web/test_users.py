import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.core.models import AuditEntry, Role, User
from tests.conftest import make_user


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_users_page_is_for_coordinators_only(member_client, client, coordinator_client):
    assert member_client.get("/users/").status_code == 403
    assert client.get("/users/").status_code == 302
    assert coordinator_client.get("/users/").status_code == 200


@pytest.mark.django_db
def test_users_page_lists_and_filters_users(coordinator_client, member, rapporteur):
    body = coordinator_client.get("/users/").content.decode()
    assert member.email in body and rapporteur.email in body
    body = coordinator_client.get("/users/", {"role": "rapporteur"}).content.decode()
    assert rapporteur.email in body and member.email not in body
    assert coordinator_client.get("/users/", {"role": "king"}).status_code == 400


@pytest.mark.django_db
def test_coordinator_changes_a_role_and_it_is_audited(coordinator_client, coordinator, member):
    response = coordinator_client.post(f"/users/{member.pk}/role/", {"role": "focal_point"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.FOCAL_POINT
    entry = AuditEntry.objects.get(action="user.set_role")
    assert entry.actor == coordinator
    assert entry.changes == {"role": ["member", "focal_point"]}


@pytest.mark.django_db
def test_member_cannot_change_roles(member_client, member, rapporteur):
    response = member_client.post(f"/users/{rapporteur.pk}/role/", {"role": "coordinator"})
    assert response.status_code == 403
    rapporteur.refresh_from_db()
    assert rapporteur.role == Role.RAPPORTEUR


@pytest.mark.django_db
def test_unknown_role_or_user_is_rejected(coordinator_client, member):
    assert coordinator_client.post(f"/users/{member.pk}/role/", {"role": "x"}).status_code == 400
    assert coordinator_client.post("/users/999999/role/", {"role": "member"}).status_code == 404


@pytest.mark.django_db
def test_last_coordinator_cannot_step_down(coordinator_client, coordinator):
    response = coordinator_client.post(f"/users/{coordinator.pk}/role/", {"role": "member"})
    assert response.status_code == 422
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


@pytest.mark.django_db
def test_users_page_query_count_does_not_grow_with_rows(coordinator_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get("/users/").status_code == 200
        return len(queries)

    one = count()
    make_user(Role.MEMBER, "a@example.org")
    make_user(Role.RAPPORTEUR, "b@example.org")
    assert User.objects.count() == 3
    assert count() == one
