"""Reports: assignment, drafts (items become recommendations), submission and review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convenor.core.audit import audit_record
from convenor.core.errors import InvalidInput, Unprocessable
from convenor.core.permissions import require
from convenor.core.text import unique_slug
from convenor.process.models import Event

from ..language import detect_language
from ..models import (
    SECTION_TO_KIND,
    Horizon,
    Language,
    Recommendation,
    RecommendationKind,
    Report,
    ReportingTemplate,
    ReportStatus,
    SectionKind,
    TemplateSection,
    TimeFrame,
)
from .common import MAX_TEXT, source_attributes


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


def _quote_fields(kind: str, speaker: str, consent: bool) -> dict[str, Any]:
    """Chatham House: a quote keeps a name only with consent; nothing else keeps one."""
    keep = kind == RecommendationKind.QUOTE and consent and bool(speaker.strip())
    return {
        "speaker": speaker.strip()[:200] if keep else "",
        "speaker_consent": keep,
    }


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
