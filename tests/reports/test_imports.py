import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from convenor.core.errors import InvalidInput, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry, TaskProgress
from convenor.reports import parsing, services
from convenor.reports.models import ImportStatus, Recommendation, RecommendationImport

pytestmark = pytest.mark.django_db


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Regional report", level=1)
    document.add_paragraph(
        "The Compact must protect the rights of all migrants regardless of status."
    )
    document.add_paragraph(
        "End the detention of children for immigration purposes.", style="List Bullet"
    )
    document.add_paragraph("Le Pacte doit garantir l'accès à la justice pour tous les migrants.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(pages: int = 2) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for n in range(pages):
        pdf.add_page()
        pdf.multi_cell(
            0, 6, f"Page {n + 1}: the Compact must expand regular pathways for migrants."
        )
        pdf.ln(6)
        pdf.multi_cell(
            0, 6, "- El Pacto debe garantizar el acceso a los servicios de salud para todos."
        )
    return bytes(pdf.output())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def imported(django_capture_on_commit_callbacks):
    """Call an import service and run the task it enqueues on commit, as the worker would."""

    def run(service, **kwargs) -> RecommendationImport:
        with django_capture_on_commit_callbacks(execute=True):
            batch = service(**kwargs)
        batch.refresh_from_db()
        return batch

    return run


def test_docx_import_keeps_paragraph_numbers_and_languages(coordinator, event, imported):
    batch = imported(
        services.import_start, actor=coordinator, upload=upload("r.docx", make_docx()), event=event
    )
    recs = list(batch.recommendations.order_by("order"))
    assert batch.status == ImportStatus.DONE and len(recs) == 3
    assert [r.reference for r in recs] == ["¶ 2", "¶ 3", "¶ 4"]
    assert recs[1].text.startswith("End the detention")
    assert [r.language for r in recs] == ["en", "en", "fr"]
    assert all(r.region.slug == "asia" for r in recs)


def test_pdf_import_keeps_page_numbers_and_splits_bullets(coordinator, event, imported):
    batch = imported(
        services.import_start, actor=coordinator, upload=upload("r.pdf", make_pdf()), event=event
    )
    recs = list(batch.recommendations.order_by("order"))
    assert [r.reference for r in recs] == ["p. 1", "p. 1", "p. 2", "p. 2"]
    assert recs[1].language == "es" and recs[0].language == "en"


def test_encrypted_pdf_imports_nothing(coordinator):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InvalidInput) as error:
        services.import_start(actor=coordinator, upload=upload("r.pdf", out.getvalue()))
    assert error.value.code == "file_encrypted"
    assert not Recommendation.objects.exists() and not RecommendationImport.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("r.pdf", b"%PDF-1.4\nthis is not really a pdf"),
        ("r.docx", b"PK\x03\x04 broken zip"),
        ("r.docx", b"\xd0\xcf\x11\xe0 an encrypted office file"),
        ("r.xlsx", b"PK\x03\x04 broken"),
        ("r.exe", b"MZ"),
        ("r.csv", b"\xff\xfe\x00bad"),
    ],
)
def test_malformed_files_give_a_clear_error_and_import_nothing(coordinator, name, content):
    with pytest.raises(InvalidInput) as error:
        services.import_start(actor=coordinator, upload=upload(name, content))
    assert error.value.field == "file" and error.value.detail
    assert not Recommendation.objects.exists()
    assert not RecommendationImport.objects.exists()


def test_huge_file_is_refused(coordinator, monkeypatch):
    monkeypatch.setattr(parsing, "MAX_BYTES", 1000)
    with pytest.raises(InvalidInput) as error:
        services.import_start(actor=coordinator, upload=upload("r.docx", make_docx()))
    assert error.value.code == "file_size"
    assert not RecommendationImport.objects.exists()


def test_csv_import_with_column_mapping(coordinator, event, imported):
    content = (
        "Recommendation;Region;Type\n"
        "Protect migrant workers' rights.;asia;baseline\n"
        ";;\n"
        "No detention of children.;Asia;red line\n"
    )
    batch = services.import_start(
        actor=coordinator, upload=upload("r.csv", content.encode()), event=event
    )
    assert batch.status == ImportStatus.PENDING and batch.columns == [
        "Recommendation",
        "Region",
        "Type",
    ]
    assert not batch.progress_id and not Recommendation.objects.exists()
    batch = imported(
        services.import_apply_columns,
        actor=coordinator,
        batch=batch,
        column_map={"text": "Recommendation", "region": "Region", "kind": "Type"},
    )
    assert batch.status == ImportStatus.DONE and batch.count == 2
    recs = list(Recommendation.objects.order_by("order"))
    assert [r.kind for r in recs] == ["baseline", "red_line"]
    assert [r.reference for r in recs] == ["row 2", "row 4"]


def test_xlsx_import_with_a_bad_row_imports_nothing_and_can_be_mapped_again(coordinator, imported):
    book = Workbook()
    sheet = book.active
    sheet.append(["text", "region"])
    sheet.append(["Good recommendation about rights.", "asia"])
    sheet.append(["Another one about labour rights.", "atlantis"])
    out = io.BytesIO()
    book.save(out)
    from convenor.directory.models import Region

    Region.objects.get_or_create(slug="asia", defaults={"name": "Asia"})
    batch = services.import_start(actor=coordinator, upload=upload("r.xlsx", out.getvalue()))
    batch = imported(
        services.import_apply_columns,
        actor=coordinator,
        batch=batch,
        column_map={"text": "text", "region": "region"},
    )
    assert batch.status == ImportStatus.FAILED and "Row 3" in batch.error
    assert not Recommendation.objects.exists() and batch.count == 0
    progress = TaskProgress.objects.get(pk=batch.progress_id)
    assert progress.status == "failed" and "Row 3" in progress.message
    # Without the region column, the same stored file imports both rows.
    batch = imported(
        services.import_apply_columns, actor=coordinator, batch=batch, column_map={"text": "text"}
    )
    assert batch.status == ImportStatus.DONE and Recommendation.objects.count() == 2
    with pytest.raises(Unprocessable):
        services.import_apply_columns(actor=coordinator, batch=batch, column_map={"text": "text"})


def test_upload_is_stored_and_queued_and_the_task_runs_after_commit(
    coordinator, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = services.import_start(
            actor=coordinator, upload=upload("r.docx", make_docx()), event=event
        )
    # Nothing is parsed or inserted in the request: the work waits for the worker.
    assert batch.status == ImportStatus.QUEUED and len(callbacks) == 1
    assert batch.file.name.endswith(f"{batch.pk}.docx")
    assert TaskProgress.objects.get(pk=batch.progress_id).status == "queued"
    assert not Recommendation.objects.exists()
    callbacks[0]()
    batch.refresh_from_db()
    progress = TaskProgress.objects.get(pk=batch.progress_id)
    assert batch.status == ImportStatus.DONE and batch.count == 3
    assert progress.status == "done" and progress.result == {"import": batch.pk, "count": 3}
    assert AuditEntry.objects.filter(action="reports.import.done", actor=coordinator).exists()


def test_running_the_task_again_imports_nothing_twice(coordinator, imported):
    batch = imported(services.import_start, actor=coordinator, upload=upload("r.pdf", make_pdf()))
    assert services.import_execute(import_id=batch.pk).status == ImportStatus.DONE
    # Even with its status lost, a second run finds the rows and inserts none.
    RecommendationImport.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    services.import_execute(import_id=batch.pk)
    assert Recommendation.objects.count() == 4


def make_docx_without_text() -> bytes:
    document = docx.Document()
    document.add_heading("Only a heading", level=1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_blank_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("r.docx", make_docx_without_text, "No text was found"),
        ("r.pdf", make_blank_pdf, "No text was found"),
    ],
)
def test_file_that_fails_in_the_task_imports_nothing_and_keeps_the_error(
    coordinator, imported, name, make, message
):
    batch = imported(services.import_start, actor=coordinator, upload=upload(name, make()))
    assert batch.status == ImportStatus.FAILED and message in batch.error
    assert TaskProgress.objects.get(pk=batch.progress_id).status == "failed"
    assert not Recommendation.objects.exists()


def test_too_many_items_fail_in_the_task_with_nothing_imported(coordinator, imported, monkeypatch):
    monkeypatch.setattr(parsing, "MAX_ROWS", 2)
    batch = imported(services.import_start, actor=coordinator, upload=upload("r.docx", make_docx()))
    assert batch.status == ImportStatus.FAILED and "too many items" in batch.error
    assert not Recommendation.objects.exists()


def test_a_failure_after_the_insert_rolls_every_row_back(coordinator, imported, monkeypatch):
    """All or nothing: a database error after the rows are written leaves none of them."""
    from django.db import DatabaseError

    from convenor.reports.services import imports

    real_audit = imports.audit_record

    def broken_audit(**kwargs):
        if kwargs["action"] != "reports.import.done":
            return real_audit(**kwargs)
        assert Recommendation.objects.count() == 4  # the rows were written in the transaction
        raise DatabaseError("disk full")

    monkeypatch.setattr(imports, "audit_record", broken_audit)
    batch = imported(services.import_start, actor=coordinator, upload=upload("r.pdf", make_pdf()))
    assert batch.status == ImportStatus.FAILED and batch.count == 0
    assert "could not be saved" in batch.error
    assert not Recommendation.objects.exists()


def test_error_is_written_in_the_language_of_the_person_importing(
    coordinator, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with translation.override("fr"), django_capture_on_commit_callbacks() as callbacks:
        batch = services.import_start(
            actor=coordinator, upload=upload("r.docx", make_docx_without_text())
        )
    callbacks[0]()  # the worker runs in English
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert "Aucun texte" in batch.error, batch.error


def test_imports_are_for_coordinators_only(rapporteur, coordinator):
    with pytest.raises(PermissionDenied):
        services.import_start(actor=rapporteur, upload=upload("r.docx", make_docx()))
    batch = services.import_start(
        actor=coordinator, upload=upload("r.csv", b"text\nProtect migrants' rights.\n")
    )
    with pytest.raises(PermissionDenied):
        services.import_apply_columns(actor=rapporteur, batch=batch, column_map={"text": "text"})
    assert not RecommendationImport.objects.exclude(status=ImportStatus.PENDING).exists()


def test_nul_characters_are_dropped_from_imported_text(coordinator, imported):
    """PDF text extraction yields some; PostgreSQL could not store them."""
    batch = services.import_start(
        actor=coordinator, upload=upload("r.csv", b"text\nProtect\x00 the rights of all.\n")
    )
    batch = imported(
        services.import_apply_columns, actor=coordinator, batch=batch, column_map={"text": "text"}
    )
    assert batch.status == ImportStatus.DONE
    assert Recommendation.objects.get().text == "Protect the rights of all."
