"""Reads of the reports app, with their prefetching decided once."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from convenor.core.errors import NotFound

from .models import (
    Recommendation,
    RecommendationImport,
    Report,
    ReportingTemplate,
    ReportStatus,
    TemplateSection,
)


def reports_visible(user: Any) -> QuerySet[Report]:
    """Reports a user may see: all for coordinators, their own for rapporteurs, published
    ones for everyone."""
    qs = Report.objects.select_related("event", "template", "rapporteur").annotate(
        item_count=Count("items")
    )
    if user is not None and user.has_perm("reports.review_report"):
        return qs
    visible = Q(status=ReportStatus.PUBLISHED)
    if user is not None and user.is_authenticated:
        visible |= Q(rapporteur=user)
    return qs.filter(visible)


def report_detail(*, user: Any, slug: str) -> Report | None:
    return reports_visible(user).filter(slug=slug).first()


def report_items(report: Report) -> list[Recommendation]:
    return list(report.items.select_related("section").order_by("section__order", "order", "id"))


def recommendations_visible(user: Any) -> QuerySet[Recommendation]:
    """Recommendations a user may see: from published reports and imports for everyone,
    all for coordinators."""
    qs = Recommendation.objects.select_related(
        "event", "region", "process", "report", "source_import"
    )
    if user is not None and user.has_perm("reports.view_all_recommendations"):
        return qs
    return qs.filter(Q(report__status=ReportStatus.PUBLISHED) | Q(report__isnull=True))


def recommendations_filtered(
    user: Any,
    *,
    kind: str = "",
    language: str = "",
    region: str = "",
    event: str = "",
    q: str = "",
) -> QuerySet[Recommendation]:
    qs = recommendations_visible(user)
    if kind:
        qs = qs.filter(kind=kind)
    if language:
        qs = qs.filter(language=language)
    if region:
        qs = qs.filter(region__slug=region)
    if event:
        qs = qs.filter(event__slug=event)
    if q:
        qs = qs.filter(text__icontains=q)
    return qs.order_by("event__start_date", "event_id", "report_id", "order", "id")


def imports_recent() -> QuerySet[RecommendationImport]:
    return RecommendationImport.objects.select_related("event", "created_by").order_by(
        "-created_at", "-id"
    )


def import_get(*, pk: int) -> RecommendationImport:
    """One import with what its page shows; NotFound if there is none."""
    batch = (
        RecommendationImport.objects.select_related("event", "progress", "created_by")
        .filter(pk=pk)
        .first()
    )
    if batch is None:
        raise NotFound(_("No such import."))
    return batch


def import_sample(batch: RecommendationImport) -> QuerySet[Recommendation]:
    """An import's recommendations in file order, for a reader to check against the file."""
    return batch.recommendations.order_by("order", "id")


def templates_listed() -> QuerySet[ReportingTemplate]:
    """Templates with how many sections they have and how many reports use them."""
    return ReportingTemplate.objects.annotate(
        section_count=Count("sections", distinct=True),
        report_count=Count("report", distinct=True),
    ).order_by("title", "id")


def template_get(*, slug: str) -> ReportingTemplate:
    template = ReportingTemplate.objects.filter(slug=slug).first()
    if template is None:
        raise NotFound(_("No such template."))
    return template


def template_report_count(template: ReportingTemplate) -> int:
    return Report.objects.filter(template=template).count()


def template_sections(template: ReportingTemplate) -> list[TemplateSection]:
    return list(template.sections.order_by("order", "id"))
