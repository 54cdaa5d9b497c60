"""Imports of recommendations from CSV/XLSX files (with a column mapping), DOCX and PDF.

The request makes the cheap checks (parsing.check_file: size, type, a damaged archive, a
password, the page count), stores the file and queues the import; the heavy parse and the
all-or-nothing insert run in a background task (tasks.import_task) that records its
progress. A failed import inserts nothing and keeps its error for the progress page.
"""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convenor.core.audit import audit_record
from convenor.core.errors import DomainError, InvalidInput, Unprocessable
from convenor.core.models import TaskProgress
from convenor.core.permissions import require
from convenor.core.services import task_progress_create, task_progress_update
from convenor.directory.models import Region
from convenor.process.models import Event

from .. import parsing
from ..language import detect_language
from ..models import (
    Horizon,
    ImportKind,
    ImportStatus,
    Language,
    Recommendation,
    RecommendationImport,
    RecommendationKind,
)
from .common import MAX_TEXT, source_attributes

logger = logging.getLogger(__name__)

TABLE_FIELDS = ("text", "kind", "language", "region", "sector", "reference", "horizon")
TABLE_KINDS = (ImportKind.CSV, ImportKind.XLSX)
INSERT_BATCH = 1000


def _import_kind(upload: UploadedFile) -> str:
    suffix = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if suffix not in ImportKind.values:
        raise InvalidInput(
            _("Import a CSV, XLSX, DOCX or PDF file."), field="file", code="file_type"
        )
    return suffix


def _queue(actor: Any, batch: RecommendationImport) -> None:
    """Give the import a progress record and run it in the background once committed."""
    progress = task_progress_create(
        kind="reports.import",
        label=_("Import of %(file)s") % {"file": batch.filename},
        total=1,
        created_by=actor,
    )
    batch.progress = progress
    batch.status = ImportStatus.QUEUED
    batch.error = ""
    batch.save(update_fields=["progress", "status", "error", "column_map", "updated_at"])
    from ..tasks import import_task

    batch_id, language = batch.pk, translation.get_language() or "en"
    transaction.on_commit(lambda: import_task.enqueue(batch_id, language))


def import_start(
    *,
    actor: Any,
    upload: UploadedFile,
    event: Event | None = None,
    kind_default: str = RecommendationKind.RECOMMENDATION,
) -> RecommendationImport:
    """Check and store an uploaded file. DOCX and PDF files are queued for import at once;
    CSV and XLSX files wait for a column mapping (import_apply_columns). A file that fails
    the cheap checks raises InvalidInput and stores nothing."""
    require(actor, "reports.import_recommendations")
    kind = _import_kind(upload)
    if kind_default not in RecommendationKind.values:
        raise InvalidInput(_("Unknown kind."), field="kind_default")
    if upload.size and upload.size > parsing.MAX_BYTES:
        raise InvalidInput(
            _("The file is too large (at most %(mb)d MB).")
            % {"mb": parsing.MAX_BYTES // (1024 * 1024)},
            field="file",
            code="file_size",
        )
    columns = parsing.check_file(upload, kind)
    name = PurePath(upload.name or "file").name[:300]
    with transaction.atomic():
        batch = RecommendationImport.objects.create(
            kind=kind,
            filename=name,
            event=event,
            kind_default=kind_default,
            columns=columns,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        upload.seek(0)
        batch.file.save(f"{batch.pk}.{kind}", upload, save=True)
        audit_record(actor=actor, action="reports.import.upload", target=batch)
        if kind not in TABLE_KINDS:
            _queue(actor, batch)
    return batch


def import_apply_columns(
    *, actor: Any, batch: RecommendationImport, column_map: dict[str, str]
) -> RecommendationImport:
    """Queue the import of a CSV/XLSX file's rows with `column_map` (field -> column name).

    A file whose import failed (say, a row named an unknown region) may be queued again
    with another mapping; the rows themselves are checked by the task, all or none."""
    require(actor, "reports.import_recommendations")
    column_map = {k: v for k, v in column_map.items() if k in TABLE_FIELDS and v}
    if "text" not in column_map:
        raise InvalidInput(_("Choose the column that holds the text."), field="text")
    for field, column in column_map.items():
        if column not in batch.columns:
            raise InvalidInput(_("Unknown column: %(c)s") % {"c": column}, field=field)
    with transaction.atomic():
        batch = RecommendationImport.objects.select_for_update().get(pk=batch.pk)
        if batch.kind not in TABLE_KINDS or batch.status not in (
            ImportStatus.PENDING,
            ImportStatus.FAILED,
        ):
            raise Unprocessable(
                _("This file is being imported or has already been imported."),
                code="already_imported",
            )
        batch.column_map = column_map
        _queue(actor, batch)
        audit_record(
            actor=actor,
            action="reports.import.columns",
            target=batch,
            changes={"column_map": column_map},
        )
    return batch


# --- the task's work -----------------------------------------------------------------------


def _table_records(batch: RecommendationImport, stream: IO[bytes]) -> list[Recommendation]:
    """Unsaved recommendations from a table's rows; the first bad row raises InvalidInput."""
    _header, rows = parsing.read_table(stream, batch.kind)
    column_map = batch.column_map
    if any(column not in batch.columns for column in column_map.values()):
        raise InvalidInput(_("The file's columns have changed; upload it again."), field="file")
    index = {name: batch.columns.index(col) for name, col in column_map.items()}
    regions = {r.slug: r for r in Region.objects.all()}
    regions.update({r.name.lower(): r for r in regions.values()})
    attrs = source_attributes(batch.event)
    records = []
    for number, row in enumerate(rows, start=2):

        def cell(name: str, row: list[str] = row) -> str:
            return row[index[name]].strip() if name in index else ""

        text = cell("text")
        if not text:
            continue
        if len(text) > MAX_TEXT:
            raise InvalidInput(
                _("Row %(row)d: the text is longer than %(n)d characters.")
                % {"row": number, "n": MAX_TEXT},
                field="text",
            )
        kind = cell("kind").lower().replace(" ", "_") or batch.kind_default
        if kind not in RecommendationKind.values:
            raise InvalidInput(
                _("Row %(row)d: unknown kind “%(kind)s”.") % {"row": number, "kind": kind},
                field="kind",
            )
        language = cell("language").lower()[:2] or detect_language(text)
        if language not in Language.values:
            language = Language.OTHER
        horizon = cell("horizon").lower()
        if horizon and horizon not in Horizon.values:
            raise InvalidInput(
                _("Row %(row)d: unknown horizon (use 2y, 7y or 12y).") % {"row": number},
                field="horizon",
            )
        values = dict(attrs)
        region_name = cell("region").lower()
        if region_name:
            if region_name not in regions:
                raise InvalidInput(
                    _("Row %(row)d: unknown region “%(region)s”.")
                    % {"row": number, "region": region_name},
                    field="region",
                )
            values["region"] = regions[region_name]
        records.append(
            Recommendation(
                source_import=batch,
                kind=kind,
                text=text,
                language=language,
                horizon=horizon,
                sector=cell("sector")[:100],
                reference=cell("reference")[:60] or _("row %(n)d") % {"n": number},
                order=number,
                **values,
            )
        )
    if not records:
        raise InvalidInput(_("No row has a text to import."), field="text")
    return records


def _document_records(batch: RecommendationImport, stream: IO[bytes]) -> list[Recommendation]:
    """Unsaved recommendations from a document's paragraphs and bullet items."""
    attrs = source_attributes(batch.event)
    return [
        Recommendation(
            source_import=batch,
            kind=batch.kind_default,
            text=item.text,
            language=detect_language(item.text),
            reference=item.reference,
            order=i,
            **attrs,
        )
        for i, item in enumerate(parsing.read_document(stream, batch.kind))
    ]


def _read_records(batch: RecommendationImport) -> list[Recommendation]:
    try:
        with batch.file.open("rb") as stream:
            if batch.kind in TABLE_KINDS:
                return _table_records(batch, stream)
            return _document_records(batch, stream)
    except (FileNotFoundError, ValueError) as error:  # ValueError: no file attached
        raise InvalidInput(
            _("The uploaded file is gone; upload it again."), field="file"
        ) from error


def _import_fail(batch: RecommendationImport, error: str) -> RecommendationImport:
    with transaction.atomic():
        RecommendationImport.objects.filter(pk=batch.pk).update(
            status=ImportStatus.FAILED, error=error[:2000], count=0
        )
        if batch.progress_id:
            task_progress_update(
                progress_id=batch.progress_id,
                status=TaskProgress.Status.FAILED,
                message=_("Nothing was imported: %(error)s") % {"error": error},
            )
    batch.refresh_from_db()
    return batch


def import_execute(*, import_id: int) -> RecommendationImport | None:
    """Parse a queued import's file and insert its recommendations, all or none.

    Runs again safely: an import already done or failed is left as it is, and the insert
    and the 'done' mark share one transaction, so a retried task never inserts twice."""
    batch = (
        RecommendationImport.objects.select_related("event__region", "event__process", "created_by")
        .filter(pk=import_id)
        .first()
    )
    if batch is None or batch.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return batch
    RecommendationImport.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    if batch.progress_id:
        task_progress_update(
            progress_id=batch.progress_id,
            status=TaskProgress.Status.RUNNING,
            done=0,
            message=_("Reading the file…"),
        )
    try:
        records = _read_records(batch)
    except DomainError as error:
        return _import_fail(batch, error.detail)
    except Exception:  # a parser's bug must not leave the import running for ever
        logger.exception("import %s: the file could not be read", batch.pk)
        return _import_fail(batch, _("The file could not be read."))
    count = len(records)
    done_text = ngettext(
        "%(n)d recommendation imported.", "%(n)d recommendations imported.", count
    ) % {"n": count}
    if batch.progress_id:
        task_progress_update(
            progress_id=batch.progress_id,
            total=count,
            message=ngettext("Saving %(n)d recommendation…", "Saving %(n)d recommendations…", count)
            % {"n": count},
        )
    try:
        with transaction.atomic():
            locked = RecommendationImport.objects.select_for_update().get(pk=batch.pk)
            # Another run of this task got here first: its rows are the import.
            if locked.status != ImportStatus.RUNNING or locked.recommendations.exists():
                return locked
            Recommendation.objects.bulk_create(records, batch_size=INSERT_BATCH)
            locked.status = ImportStatus.DONE
            locked.count = count
            locked.error = ""
            locked.save(update_fields=["status", "count", "error", "updated_at"])
            audit_record(
                actor=batch.created_by,
                action="reports.import.done",
                target=locked,
                changes={"count": count},
            )
            if batch.progress_id:
                task_progress_update(
                    progress_id=batch.progress_id,
                    status=TaskProgress.Status.DONE,
                    done=count,
                    total=count,
                    message=done_text,
                    result={"import": batch.pk, "count": count},
                )
    except DatabaseError:
        logger.exception("import %s: the recommendations could not be saved", batch.pk)
        return _import_fail(batch, _("The recommendations could not be saved."))
    return locked
