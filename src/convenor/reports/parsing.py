"""Reading imported files into rows (CSV, XLSX) or items (DOCX, PDF), with clear errors.

Every reader raises InvalidInput with a message a person can act on when a file is
malformed, password-protected or too large; nothing is written here.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from convenor.core.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # zip bombs stop here
MAX_ROWS = 5000
MAX_PAGES = 300
MAX_ITEM_CHARS = 5000
MIN_ITEM_WORDS = 3
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # password-protected Office files are OLE containers
BULLET = re.compile(r"^\s*(?:[•\u2022\u25cf\u25aa\u25e6\uf0b7\uf0a7▪◦\-–*]|\(?\d{1,2}[.)])\s+")


@dataclass
class ParsedItem:
    text: str
    reference: str


def _fail(message: str, code: str = "file_invalid") -> InvalidInput:
    return InvalidInput(message, field="file", code=code)


def _read_all(stream: IO[bytes]) -> bytes:
    stream.seek(0)
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _fail(
            _("The file is too large (at most %(mb)d MB).") % {"mb": MAX_BYTES // (1024 * 1024)},
            "file_size",
        )
    if not data:
        raise _fail(_("The file is empty."), "file_empty")
    return data


def _check_zip(data: bytes) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise _fail(
            _("The file is password-protected; save it without a password and try again."),
            "file_encrypted",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _fail(_("The file is damaged or not of the type its name says.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise _fail(_("The file unpacks to too much data to import."), "file_size")
    return archive


def _clean(text: str) -> str:
    # NUL characters (PDF text extraction yields some) cannot be stored in PostgreSQL.
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\x00", "")).strip()


# --- tables -----------------------------------------------------------------------------


def _table_rows(data: bytes, kind: str, limit: int) -> list[list[str]]:
    """The first `limit` rows of a CSV or XLSX file (first sheet), as strings."""
    rows: list[list[str]] = []
    if kind == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _fail(_("The file is not valid UTF-8 text."), "file_encoding") from error
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel  # type: ignore[assignment]
        try:
            for row in csv.reader(io.StringIO(text), dialect):
                rows.append(list(row))
                if len(rows) >= limit:
                    break
        except csv.Error as error:
            raise _fail(_("The CSV file is malformed: %(error)s") % {"error": error}) from error
    elif kind == "xlsx":
        _check_zip(data)
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                rows.append(["" if v is None else str(v) for v in values])
                if len(rows) >= limit:
                    break
            book.close()
        except Exception as error:  # openpyxl raises many kinds on broken files
            raise _fail(_("The spreadsheet could not be read.")) from error
    else:
        raise _fail(_("Unknown file type."), "file_type")
    return rows


def _header(rows: list[list[str]]) -> list[str]:
    # Blank rows are kept (and skipped later) so that row numbers match the file.
    if not rows or not any(c.strip() for r in rows for c in r):
        raise _fail(_("The file has no rows."), "file_empty")
    return [_clean(c) or f"column {i + 1}" for i, c in enumerate(rows[0])]


def read_header(stream: IO[bytes], kind: str) -> list[str]:
    """The column names of a CSV or XLSX file, reading no further than needed."""
    data = _read_all(stream)
    # The first rows decide: a file whose header is blank but has data below is fine.
    return _header(_table_rows(data, kind, limit=50))


def read_table(stream: IO[bytes], kind: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a CSV or XLSX file (first sheet), as strings."""
    rows = _table_rows(_read_all(stream), kind, limit=MAX_ROWS + 2)
    header = _header(rows)
    if len(rows) - 1 > MAX_ROWS:
        raise _fail(_("The file has too many rows (at most %(n)d).") % {"n": MAX_ROWS}, "file_size")
    width = len(header)
    body = [[_clean(c) for c in (r + [""] * width)[:width]] for r in rows[1:]]
    return header, body


# --- documents --------------------------------------------------------------------------


def _items_from_lines(lines: list[str], reference: str) -> list[ParsedItem]:
    """Paragraphs (split at blank lines) and bullet items (each bullet starts a new item)."""
    items: list[ParsedItem] = []
    current: list[str] = []

    def flush() -> None:
        text = _clean(" ".join(current))
        current.clear()
        if len(text.split()) >= MIN_ITEM_WORDS:
            items.append(ParsedItem(text[:MAX_ITEM_CHARS], reference))

    for line in lines:
        if not line.strip():
            flush()
            continue
        if BULLET.match(line):
            flush()
            line = BULLET.sub("", line, count=1)
        current.append(line.strip())
    flush()
    return items


def _docx_archive(data: bytes) -> None:
    archive = _check_zip(data)
    if "word/document.xml" not in archive.namelist():
        raise _fail(_("The file is damaged or not of the type its name says."))


def read_docx(stream: IO[bytes]) -> list[ParsedItem]:
    """Paragraphs and list items of a DOCX file, each with its paragraph number ('¶ n')."""
    data = _read_all(stream)
    _docx_archive(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds on broken files
        raise _fail(_("The file is damaged or not of the type its name says.")) from error
    items: list[ParsedItem] = []
    number = 0
    for paragraph in document.paragraphs:
        text = paragraph.text
        if not text.strip():
            continue
        number += 1
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith(("Heading", "Title")):
            continue
        items.extend(_items_from_lines([BULLET.sub("", text, count=1)], f"¶ {number}"))
    return items


def _pdf_pages(data: bytes, extract: bool) -> list[ParsedItem]:
    """Open a PDF (refusing encrypted and over-long ones); with `extract`, read its text."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _fail(
                _("The file is password-protected; save it without a password and try again."),
                "file_encrypted",
            )
        if len(reader.pages) > MAX_PAGES:
            raise _fail(
                _("The document has too many pages (at most %(n)d).") % {"n": MAX_PAGES},
                "file_size",
            )
        items: list[ParsedItem] = []
        if extract:
            for number, page in enumerate(reader.pages, start=1):
                text = page.extract_text() or ""
                items.extend(_items_from_lines(text.splitlines(), f"p. {number}"))
    except InvalidInput:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as error:
        raise _fail(_("The PDF file is damaged and could not be read.")) from error
    return items


def read_pdf(stream: IO[bytes]) -> list[ParsedItem]:
    """Paragraphs and bullet items of a PDF's text, each with its page number ('p. n')."""
    return _pdf_pages(_read_all(stream), extract=True)


def check_file(stream: IO[bytes], kind: str) -> list[str]:
    """The cheap checks made before a file is stored and its import queued: size, type,
    damage that shows at once, password protection, page count. Returns a table's column
    names (empty for documents). Reading every row or page is left to the import task."""
    if kind in ("csv", "xlsx"):
        return read_header(stream, kind)
    data = _read_all(stream)
    if kind == "docx":
        _docx_archive(data)
    elif kind == "pdf":
        _pdf_pages(data, extract=False)
    else:
        raise _fail(_("Unknown file type."), "file_type")
    return []


def read_document(stream: IO[bytes], kind: str) -> list[ParsedItem]:
    if kind == "docx":
        items = read_docx(stream)
    elif kind == "pdf":
        items = read_pdf(stream)
    else:
        raise _fail(_("Unknown file type."), "file_type")
    if not items:
        raise _fail(_("No text was found in the file."), "file_empty")
    if len(items) > MAX_ROWS:
        raise _fail(
            _("The file has too many items (at most %(n)d).") % {"n": MAX_ROWS}, "file_size"
        )
    return items
