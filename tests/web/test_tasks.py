import pytest
from django.test import Client

from convenor.core.models import TaskProgress
from convenor.core.services import task_progress_create, task_progress_update


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_task_page_shows_progress_and_refreshes_while_running(member_client, member):
    progress = task_progress_create(
        kind="test.import", label="Importing", total=4, created_by=member
    )
    task_progress_update(progress_id=progress.pk, done=1, status="running", message="row 1")
    response = member_client.get(f"/tasks/{progress.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<progress id="task-bar" max="100" value="25"' in body
    assert 'http-equiv="refresh" content="2"' in body
    assert "row 1" in body and "Running" in body


@pytest.mark.django_db
def test_task_page_stops_refreshing_when_done(member_client, member):
    progress = task_progress_create(kind="test.import", total=2, created_by=member)
    task_progress_update(progress_id=progress.pk, done=2, status="done", message="all done")
    body = member_client.get(f"/tasks/{progress.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in body
    assert 'value="100"' in body


@pytest.mark.django_db
def test_task_page_is_visible_to_creator_and_coordinators_only(
    member_client, coordinator_client, rapporteur, client
):
    progress = task_progress_create(kind="test.import", created_by=rapporteur)
    assert member_client.get(f"/tasks/{progress.pk}/").status_code == 403
    assert coordinator_client.get(f"/tasks/{progress.pk}/").status_code == 200
    assert client.get(f"/tasks/{progress.pk}/").status_code == 302
    other = Client()
    other.force_login(rapporteur)
    assert other.get(f"/tasks/{progress.pk}/").status_code == 200


@pytest.mark.django_db
def test_unknown_task_is_404(coordinator_client):
    assert coordinator_client.get("/tasks/987654/").status_code == 404
    assert coordinator_client.get("/tasks/987654.json").status_code == 404


@pytest.mark.django_db
def test_task_progress_json(member_client, member):
    progress = task_progress_create(kind="test.import", total=10, created_by=member)
    task_progress_update(progress_id=progress.pk, done=5, status="running")
    data = member_client.get(f"/tasks/{progress.pk}.json").json()
    assert data["percent"] == 50
    assert data["status"] == TaskProgress.Status.RUNNING
    assert data["running"] is True


@pytest.mark.django_db
def test_htmx_request_gets_only_the_progress_fragment(member_client, member):
    progress = task_progress_create(kind="test.import", created_by=member)
    body = member_client.get(f"/tasks/{progress.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith('<div id="task-progress"')
    assert "<html" not in body
