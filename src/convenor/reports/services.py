"""Every write of the reports app: templates, assignments, drafts, review, imports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convenor.core.audit import audit_record
from convenor.core.errors import InvalidInput, NotFound, Unprocessable
from convenor.core.permissions import require
from convenor.core.text import unique_slug
from convenor.directory.models import Region
from convenor.process.models import Event

from . import parsing
from .language import detect_language
from .models import (
    SECTION_TO_KIND,
    Horizon,
    ImportKind,
    ImportStatus,
    Language,
    Recommendation,
    RecommendationImport,
    RecommendationKind,
    Report,
    ReportingTemplate,
    ReportStatus,
    SectionKind,
    TemplateSection,
    TimeFrame,
)

MAX_TEXT = 5000


@dataclass
class ItemInput:
    """One item as a rapporteur typed it; `id` is None for a new item."""

    section_id: int
    text: str
    id: int | None = None
    key: str = ""
    horizon: str = ""
    time_frame: str = ""
    speaker: str = ""
    speaker_consent: bool = False


@dataclass
class SectionInput:
    kind: str
    title: str
    help_text: str = ""
    max_items: int = 0


def source_attributes(event: Event | None) -> dict[str, Any]:
    """The attributes a recommendation takes from its source event."""
    if event is None:
        return {"event": None, "region": None, "process": None}
    return {"event": event, "region": event.region, "process": event.process}


def _quote_fields(kind: str, speaker: str, consent: bool) -> dict[str, Any]:
    """Chatham House: a quote keeps a name only with consent; nothing else keeps one."""
    keep = kind == RecommendationKind.QUOTE and consent and bool(speaker.strip())
    return {
        "speaker": speaker.strip()[:200] if keep else "",
        "speaker_consent": keep,
    }


# --- templates ---------------------------------------------------------------------------


def template_create(
    *, actor: Any, title: str, sections: list[SectionInput], description: str = "", slug: str = ""
) -> ReportingTemplate:
    """Create a reporting template from typed sections."""
    require(actor, "reports.manage_template")
    title = title.strip()
    if not title:
        raise InvalidInput(_("A template needs a title."), field="title")
    if not sections:
        raise InvalidInput(_("A template needs at least one section."), field="sections")
    for section in sections:
        if section.kind not in SectionKind.values:
            raise InvalidInput(_("Unknown section kind."), field="sections")
    with transaction.atomic():
        template = ReportingTemplate.objects.create(
            slug=slug
            or unique_slug(title, lambda v: ReportingTemplate.objects.filter(slug=v).exists()),
            title=title[:300],
            description=description,
        )
        TemplateSection.objects.bulk_create(
            TemplateSection(
                template=template,
                kind=s.kind,
                title=s.title[:300] or str(SectionKind(s.kind).label),
                help_text=s.help_text,
                max_items=s.max_items,
                order=i,
            )
            for i, s in enumerate(sections)
        )
        audit_record(actor=actor, action="reports.template.create", target=template)
    return template


# --- reports -----------------------------------------------------------------------------


def report_assign(
    *,
    actor: Any,
    template: ReportingTemplate,
    event: Event,
    rapporteur: Any,
    session: str = "",
    language: str = Language.EN,
    sector: str = "",
) -> Report:
    """Assign a rapporteur to report on an event (or one of its sessions): a new draft."""
    require(actor, "reports.assign_report")
    if rapporteur is None or not rapporteur.is_active:
        raise InvalidInput(_("Choose an active rapporteur."), field="rapporteur")
    if language not in Language.values:
        raise InvalidInput(_("Unknown language."), field="language")
    with transaction.atomic():
        report = Report.objects.create(
            template=template,
            event=event,
            session=session.strip()[:300],
            slug=unique_slug(
                f"{event.slug} {session}", lambda v: Report.objects.filter(slug=v).exists(), 110
            ),
            rapporteur=rapporteur,
            language=language,
            sector=sector.strip()[:100],
        )
        audit_record(
            actor=actor,
            action="reports.report.assign",
            target=report,
            changes={"rapporteur": str(rapporteur)},
        )
    return report


def _check_item(item: ItemInput, section: TemplateSection) -> None:
    if len(item.text) > MAX_TEXT:
        raise InvalidInput(
            _("An item may have at most %(n)d characters.") % {"n": MAX_TEXT}, field="text"
        )
    if item.horizon not in Horizon.values:
        raise InvalidInput(_("Unknown horizon."), field="horizon")
    if item.time_frame not in TimeFrame.values:
        raise InvalidInput(_("Unknown time frame."), field="time_frame")


def report_save(*, actor: Any, report: Report, items: list[ItemInput]) -> Report:
    """Save a draft: `items` replace the report's items (an empty text removes one).

    Each item becomes a recommendation with its section's kind, the report's source
    attributes and its detected language.
    """
    require(actor, "reports.edit_report", report)
    if not report.editable:
        raise Unprocessable(
            _("This report is %(status)s and can no longer be changed.")
            % {"status": report.get_status_display()},
            code="not_editable",
        )
    sections = {s.pk: s for s in report.template.sections.all()}
    existing = {r.pk: r for r in report.items.all()}
    by_key = {r.natural_key: r for r in existing.values() if r.natural_key}
    per_section: dict[int, int] = {}
    with transaction.atomic():
        attrs = source_attributes(report.event)
        keep: set[int] = set()
        for order, item in enumerate(items):
            section = sections.get(item.section_id)
            if section is None:
                raise InvalidInput(_("Unknown section."), field="section")
            text = item.text.strip()
            if not text:
                continue
            _check_item(item, section)
            per_section[section.pk] = per_section.get(section.pk, 0) + 1
            if section.max_items and per_section[section.pk] > section.max_items:
                raise Unprocessable(
                    _("“%(section)s” takes at most %(n)d items.")
                    % {"section": section.title, "n": section.max_items},
                    field="text",
                )
            kind = SECTION_TO_KIND[SectionKind(section.kind)]
            values = {
                "kind": kind,
                "text": text,
                "section": section,
                "language": detect_language(text, fallback=report.language),
                "horizon": item.horizon if section.kind == SectionKind.MECHANISM else "",
                "time_frame": item.time_frame if section.kind == SectionKind.STRATEGIC_STEP else "",
                "sector": report.sector,
                "order": order,
                **attrs,
                **_quote_fields(kind, item.speaker, item.speaker_consent),
            }
            current = existing.get(item.id) if item.id is not None else None
            if current is None and item.key:
                # A repeated autosave of a new row updates the item it created the first time.
                current = by_key.get(item.key)
            if current is None:
                current = Recommendation.objects.create(
                    report=report, natural_key=item.key[:120], **values
                )
            else:
                for name, value in values.items():
                    setattr(current, name, value)
                current.save()
            keep.add(current.pk)
        Recommendation.objects.filter(report=report).exclude(pk__in=keep).delete()
        report.save(update_fields=["updated_at"])
        audit_record(
            actor=actor, action="reports.report.save", target=report, changes={"items": len(keep)}
        )
    return report


def report_submit(*, actor: Any, report: Report) -> Report:
    """Hand a draft (or a report sent back) to the coordinators."""
    require(actor, "reports.edit_report", report)
    if not report.editable:
        raise Unprocessable(_("Only a draft can be submitted."), code="not_editable")
    if not report.items.exists():
        raise Unprocessable(_("Add at least one item before submitting."), code="empty_report")
    return _set_status(actor, report, ReportStatus.SUBMITTED, submitted_at=timezone.now())


def report_return(*, actor: Any, report: Report, comment: str) -> Report:
    """Send a submitted report back to its rapporteur with a comment."""
    require(actor, "reports.review_report", report)
    if report.status != ReportStatus.SUBMITTED:
        raise Unprocessable(_("Only a submitted report can be sent back."), code="bad_status")
    if not comment.strip():
        raise InvalidInput(_("Say what should change."), field="comment")
    return _set_status(actor, report, ReportStatus.RETURNED, review_comment=comment.strip())


def report_publish(*, actor: Any, report: Report) -> Report:
    """Publish a submitted report: it becomes public with its (Chatham House) quotes."""
    require(actor, "reports.review_report", report)
    if report.status != ReportStatus.SUBMITTED:
        raise Unprocessable(_("Only a submitted report can be published."), code="bad_status")
    return _set_status(actor, report, ReportStatus.PUBLISHED, published_at=timezone.now())


def _set_status(actor: Any, report: Report, status: str, **fields: Any) -> Report:
    with transaction.atomic():
        old = report.status
        report.status = status
        for name, value in fields.items():
            setattr(report, name, value)
        report.save(update_fields=["status", "updated_at", *fields])
        audit_record(
            actor=actor,
            action=f"reports.report.{status}",
            target=report,
            changes={"status": [old, status]},
        )
    return report


# --- imports -----------------------------------------------------------------------------

TABLE_FIELDS = ("text", "kind", "language", "region", "sector", "reference", "horizon")


def _import_kind(upload: UploadedFile) -> str:
    suffix = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if suffix not in ImportKind.values:
        raise InvalidInput(
            _("Import a CSV, XLSX, DOCX or PDF file."), field="file", code="file_type"
        )
    return suffix


def import_start(
    *,
    actor: Any,
    upload: UploadedFile,
    event: Event | None = None,
    kind_default: str = RecommendationKind.RECOMMENDATION,
) -> RecommendationImport:
    """Read an uploaded file. DOCX and PDF are imported at once (paragraph and bullet
    items, language detected, page or paragraph kept); CSV and XLSX wait for a column
    mapping (import_apply_columns). A bad file raises InvalidInput and stores nothing."""
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
    name = PurePath(upload.name or "file").name[:300]
    if kind in ("csv", "xlsx"):
        columns, _rows = parsing.read_table(upload, kind)
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
            batch.file.save(f"{batch.pk}.{kind}", ContentFile(upload.read()), save=True)
            audit_record(actor=actor, action="reports.import.upload", target=batch)
        return batch
    items = parsing.read_document(upload, kind)
    with transaction.atomic():
        batch = RecommendationImport.objects.create(
            kind=kind,
            filename=name,
            event=event,
            kind_default=kind_default,
            status=ImportStatus.DONE,
            count=len(items),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        attrs = source_attributes(event)
        Recommendation.objects.bulk_create(
            Recommendation(
                source_import=batch,
                kind=kind_default,
                text=item.text,
                language=detect_language(item.text),
                reference=item.reference,
                order=i,
                **attrs,
            )
            for i, item in enumerate(items)
        )
        audit_record(
            actor=actor, action="reports.import.done", target=batch, changes={"count": len(items)}
        )
    return batch


def import_apply_columns(
    *, actor: Any, batch: RecommendationImport, column_map: dict[str, str]
) -> RecommendationImport:
    """Import a CSV/XLSX file's rows with `column_map` (field -> column name); all or none."""
    require(actor, "reports.import_recommendations")
    if batch.status != ImportStatus.PENDING:
        raise Unprocessable(_("This file has already been imported."), code="already_imported")
    column_map = {k: v for k, v in column_map.items() if k in TABLE_FIELDS and v}
    if "text" not in column_map:
        raise InvalidInput(_("Choose the column that holds the text."), field="text")
    for field, column in column_map.items():
        if column not in batch.columns:
            raise InvalidInput(_("Unknown column: %(c)s") % {"c": column}, field=field)
    try:
        with batch.file.open("rb") as stream:
            _header, rows = parsing.read_table(stream, batch.kind)
    except FileNotFoundError as error:
        raise NotFound(_("The uploaded file is gone; upload it again.")) from error
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
    with transaction.atomic():
        Recommendation.objects.bulk_create(records)
        batch.status = ImportStatus.DONE
        batch.column_map = column_map
        batch.count = len(records)
        batch.save(update_fields=["status", "column_map", "count", "updated_at"])
        audit_record(
            actor=actor,
            action="reports.import.done",
            target=batch,
            changes={"count": len(records)},
        )
    return batch
