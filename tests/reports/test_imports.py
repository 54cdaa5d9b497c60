import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from convenor.core.errors import InvalidInput
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


def test_docx_import_keeps_paragraph_numbers_and_languages(coordinator, event):
    batch = services.import_start(
        actor=coordinator, upload=upload("r.docx", make_docx()), event=event
    )
    recs = list(batch.recommendations.order_by("order"))
    assert batch.status == ImportStatus.DONE and len(recs) == 3
    assert [r.reference for r in recs] == ["¶ 2", "¶ 3", "¶ 4"]
    assert recs[1].text.startswith("End the detention")
    assert [r.language for r in recs] == ["en", "en", "fr"]
    assert all(r.region.slug == "asia" for r in recs)


def test_pdf_import_keeps_page_numbers_and_splits_bullets(coordinator, event):
    batch = services.import_start(
        actor=coordinator, upload=upload("r.pdf", make_pdf()), event=event
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


def test_csv_import_with_column_mapping(coordinator, event):
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
    services.import_apply_columns(
        actor=coordinator,
        batch=batch,
        column_map={"text": "Recommendation", "region": "Region", "kind": "Type"},
    )
    recs = list(Recommendation.objects.order_by("order"))
    assert [r.kind for r in recs] == ["baseline", "red_line"]
    assert [r.reference for r in recs] == ["row 2", "row 4"]


def test_xlsx_import_with_a_bad_row_imports_nothing(coordinator):
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
    with pytest.raises(InvalidInput) as error:
        services.import_apply_columns(
            actor=coordinator, batch=batch, column_map={"text": "text", "region": "region"}
        )
    assert "Row 3" in error.value.detail
    assert not Recommendation.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PENDING
