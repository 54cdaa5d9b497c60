"""The import pages: upload, column mapping and the progress page of a background import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.core.models import TaskProgress
from convenor.directory.models import Region
from convenor.reports import services
from convenor.reports.models import ImportStatus, Recommendation, RecommendationImport

from .test_imports import make_docx, make_docx_without_text, make_pdf

pytestmark = pytest.mark.django_db

START = "/recommendations/import/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client, name: str, content: bytes, **extra):
    data = {"file": SimpleUploadedFile(name, content), "kind_default": "recommendation", **extra}
    return client.post(START, data)


def test_progress_page_while_queued_then_done(
    coordinator_client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(coordinator_client, "r.docx", make_docx(), event=event.slug)
    batch = RecommendationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/recommendations/import/{batch.pk}/"
    queued = coordinator_client.get(response["Location"]).content.decode()
    assert "Waiting to be imported" in queued and "<progress" in queued
    assert 'http-equiv="refresh"' in queued  # without JavaScript the page reloads itself
    box = coordinator_client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert box.startswith("<div") and 'hx-trigger="every 2s"' in box and "<html" not in box

    callbacks[0]()  # the worker runs the task
    done = coordinator_client.get(response["Location"]).content.decode()
    assert "3 recommendations imported." in done
    assert "¶ 2" in done and "End the detention of children" in done
    assert 'http-equiv="refresh"' not in done and "<progress" not in done
    box = coordinator_client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in box and "3 recommendations imported." in box


def test_progress_page_while_running_shows_the_step(coordinator_client, coordinator):
    batch = services.import_start(actor=coordinator, upload=SimpleUploadedFile("r.pdf", make_pdf()))
    RecommendationImport.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    TaskProgress.objects.filter(pk=batch.progress_id).update(
        status="running", total=40, done=10, message="Saving 40 recommendations…"
    )
    page = coordinator_client.get(f"/recommendations/import/{batch.pk}/").content.decode()
    assert "Importing" in page and 'value="25"' in page and "10/40" in page
    assert "Saving 40 recommendations…" in page


def test_failed_import_page_shows_the_error_and_nothing_is_imported(
    coordinator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(coordinator_client, "r.docx", make_docx_without_text())
    page = coordinator_client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "Nothing was imported." in body and "No text was found in the file." in body
    assert 'role="alert"' in body and 'http-equiv="refresh"' not in body
    assert not Recommendation.objects.exists()
    assert RecommendationImport.objects.get().status == ImportStatus.FAILED


def test_encrypted_and_huge_files_are_refused_on_the_form(coordinator_client, monkeypatch):
    import io

    from pypdf import PdfReader, PdfWriter

    from convenor.reports import parsing

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    encrypted = upload(coordinator_client, "r.pdf", out.getvalue())
    assert encrypted.status_code == 400 and "password-protected" in encrypted.content.decode()
    monkeypatch.setattr(parsing, "MAX_BYTES", 1000)
    huge = upload(coordinator_client, "r.docx", make_docx())
    assert huge.status_code == 400 and "too large" in huge.content.decode()
    assert not RecommendationImport.objects.exists() and not Recommendation.objects.exists()


def test_failed_table_import_can_be_mapped_again(
    coordinator_client, django_capture_on_commit_callbacks
):
    Region.objects.create(slug="asia", name="Asia")
    content = b"text,region\nProtect migrants' rights.,asia\nEnd child detention now.,atlantis\n"
    columns_url = upload(coordinator_client, "r.csv", content)["Location"]
    batch = RecommendationImport.objects.get()
    assert columns_url == f"/recommendations/import/{batch.pk}/columns/"
    # A pending import's progress page sends the coordinator to the mapping.
    assert coordinator_client.get(f"/recommendations/import/{batch.pk}/")["Location"] == columns_url
    with django_capture_on_commit_callbacks(execute=True):
        detail = coordinator_client.post(columns_url, {"text": "text", "region": "region"})
    body = coordinator_client.get(detail["Location"]).content.decode()
    assert "Row 3: unknown region" in body and "Choose other columns" in body
    assert not Recommendation.objects.exists()
    again = coordinator_client.get(columns_url).content.decode()
    assert "The last import of this file failed" in again
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(columns_url, {"text": "text"})
    assert Recommendation.objects.count() == 2
    # Once imported, the mapping page only points at the result.
    assert coordinator_client.get(columns_url)["Location"] == f"/recommendations/import/{batch.pk}/"


def test_bad_mapping_is_a_form_error(coordinator_client):
    columns_url = upload(coordinator_client, "r.csv", b"text\nProtect rights of all.\n")["Location"]
    response = coordinator_client.post(columns_url, {"text": "nope"})
    assert response.status_code == 400
    assert RecommendationImport.objects.get().status == ImportStatus.PENDING


@pytest.mark.parametrize("role", ["rapporteur", "focal_point", "member"])
def test_import_pages_are_for_coordinators_only(role, request, coordinator):
    user = request.getfixturevalue(role)
    batch = services.import_start(
        actor=coordinator, upload=SimpleUploadedFile("r.csv", b"text\nProtect rights of all.\n")
    )
    client = client_for(user)
    for url in (START, f"{START}{batch.pk}/", f"{START}{batch.pk}/columns/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{START}{batch.pk}/columns/", {"text": "text"}).status_code == 403
    assert upload(client, "r.docx", make_docx()).status_code == 403
    assert RecommendationImport.objects.count() == 1
    assert RecommendationImport.objects.get().status == ImportStatus.PENDING
    assert Client().get(f"{START}{batch.pk}/").status_code == 302  # to the login page


def test_unknown_import_is_404(coordinator_client):
    assert coordinator_client.get(f"{START}999/").status_code == 404
    assert coordinator_client.get(f"{START}999/columns/").status_code == 404


def test_recent_imports_query_count_does_not_grow(coordinator, coordinator_client, event):
    def add():
        services.import_start(
            actor=coordinator,
            upload=SimpleUploadedFile("r.csv", b"text\nProtect rights of all.\n"),
            event=event,
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = coordinator_client.get(START)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    add()
    one = count()
    add()
    add()
    assert count() == one
