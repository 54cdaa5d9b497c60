"""Exports of signatories: CSV and XLSX for coordinators, a public CSV, and the PDF annex
"List of signatories" in the statement's language."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from .models import Signature, Statement
from .regions import region_label

PUBLIC_COLUMNS = ("organisation", "country", "region", "kind", "network", "confirmed_at")
CONTACT_COLUMNS = ("contact_name", "email", "listed_publicly", "status", "version")


def _row(signature: Signature, *, contacts: bool) -> list[str]:
    row = [
        signature.display_name,
        str(signature.country or ""),
        signature.region,
        signature.organisation_kind or signature.signer_kind,
        signature.network,
        signature.confirmed_at.isoformat() if signature.confirmed_at else "",
    ]
    if contacts:
        row += [
            signature.contact_name,
            signature.email,
            "yes" if signature.public_display else "no",
            signature.status,
            str(signature.version.number) if signature.version_id else "",
        ]
    return row


def _safe(cell: str) -> str:
    # Spreadsheets run cells that start with these as formulas.
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def rows_for(signatures: Iterable[Signature], *, contacts: bool) -> list[list[str]]:
    header = list(PUBLIC_COLUMNS) + (list(CONTACT_COLUMNS) if contacts else [])
    return [header] + [[_safe(c) for c in _row(s, contacts=contacts)] for s in signatures]


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[str]], *, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "signatories")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _font(pdf) -> tuple[str, bool]:
    """A Unicode TrueType font when the system has DejaVu; else the core Helvetica."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


def to_pdf(statement: Statement, signatures: Iterable[Signature], *, unlisted: int) -> bytes:
    """The annex "List of signatories", in the statement's reference language, listing only
    signatories that may be named (the others are counted, not named)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    family, unicode_ok = _font(pdf)

    def clean(text: str) -> str:
        return text if unicode_ok else text.encode("latin-1", "replace").decode("latin-1")

    with translation.override(statement.reference_language):
        pdf.add_page()
        pdf.set_font(family, "B", 15)
        pdf.multi_cell(0, 8, clean(statement.title), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(family, "B", 12)
        pdf.cell(0, 8, clean(_("List of signatories")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10)
        for count, signature in enumerate(signatures, start=1):
            country = str(getattr(signature.country, "name", "") or "")
            line = f"{count}. {signature.display_name} — {country}"
            if signature.network:
                line += f" ({signature.network})"
            pdf.multi_cell(0, 5.5, clean(line), new_x="LMARGIN", new_y="NEXT")
        if unlisted:
            pdf.ln(3)
            pdf.multi_cell(
                0,
                5.5,
                clean(
                    _("and %(n)d organisations that signed without public display.")
                    % {"n": unlisted}
                ),
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())


def region_name(slug: str) -> str:
    return region_label(slug)
