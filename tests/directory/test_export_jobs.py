"""Large XLSX exports run in the background and are handed to their creator only."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from convenor.core.models import TaskProgress
from convenor.directory import export_jobs

from .conftest import client_for, make_organisations

pytestmark = pytest.mark.django_db
URL = "/organisations/export.xlsx"


@pytest.fixture
def large(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(export_jobs, "XLSX_DIRECT_LIMIT", 3)
    return make_organisations(5)


def _xlsx_names(data: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_small_export_is_answered_at_once(settings, tmp_path):
    make_organisations(2)
    response = Client().get(URL)
    assert response.status_code == 200
    assert len(_xlsx_names(response.content)) == 2
    assert not TaskProgress.objects.exists()


def test_a_large_export_runs_in_the_background_and_its_creator_downloads_it(
    large, coordinator, member, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    page = client.get(URL)
    assert page.status_code == 200 and b"Prepare the Excel file" in page.content
    assert not TaskProgress.objects.exists()  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)
    progress = TaskProgress.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tasks/{progress.pk}/"
    assert (progress.status, progress.created_by) == (TaskProgress.Status.DONE, coordinator)
    assert (progress.done, progress.total) == (5, 5)
    name = progress.result["file"]
    assert name.startswith("exports/") and len(name.split("/")[1]) >= 32  # not guessable
    task_page = client.get(f"/tasks/{progress.pk}/").content.decode()
    download = progress.result["download_url"]
    assert f'href="{download}"' in task_page
    response = client.get(download)
    assert response.status_code == 200
    assert len(_xlsx_names(b"".join(response.streaming_content))) == 5
    assert client_for(member).get(download).status_code == 404
    assert Client().get(download).status_code == 404


def test_a_large_export_keeps_the_filters(large, coordinator, django_capture_on_commit_callbacks):
    make_organisations(1, prefix="elsewhere")
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}?q=org")
    progress = TaskProgress.objects.get()
    response = client.get(progress.result["download_url"])
    assert sorted(_xlsx_names(b"".join(response.streaming_content))) == sorted(
        o.name for o in large
    )


def test_anonymous_visitors_are_asked_to_sign_in_for_a_large_export(large):
    page = Client().get(URL)
    assert page.status_code == 200 and b"Sign in to prepare the file." in page.content
    response = Client().post(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    assert not TaskProgress.objects.exists()


def test_a_bad_filter_is_still_a_400(large):
    assert Client().get(f"{URL}?kind=nonsense").status_code == 400
