"""The reports API under /api/v1/reports: reports and recommendations (reads), and the
creation of reporting templates (coordinators).

Quotes carry `attribution`, which is "anonymous" unless the speaker's consent is recorded;
no answer carries a quote's name any other way.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth, request_user
from convenor.core.errors import NotFound
from convenor.core.pagination import Pagination
from convenor.core.schemas import ErrorOut

from . import selectors, services
from .models import Horizon, Language, RecommendationKind, SectionKind
from .services.templates import MAX_DESCRIPTION, MAX_HELP, MAX_LIMIT, MAX_SECTIONS, MAX_TITLE

router = Router(tags=["reports"])


class RecommendationOut(Schema):
    id: int
    kind: str
    text: str
    language: str
    horizon: str
    time_frame: str
    attribution: str
    event: str | None
    region: str | None
    process: str | None
    sector: str
    reference: str
    report: str | None

    @staticmethod
    def resolve_event(obj: Any) -> str | None:
        return obj.event.slug if obj.event_id else None

    @staticmethod
    def resolve_region(obj: Any) -> str | None:
        return obj.region.slug if obj.region_id else None

    @staticmethod
    def resolve_process(obj: Any) -> str | None:
        return obj.process.slug if obj.process_id else None

    @staticmethod
    def resolve_report(obj: Any) -> str | None:
        return obj.report.slug if obj.report_id else None


class ReportOut(Schema):
    slug: str
    event: str
    session: str
    template: str
    status: str
    language: str
    submitted_at: datetime.datetime | None
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_event(obj: Any) -> str:
        return obj.event.slug  # type: ignore[no-any-return]

    @staticmethod
    def resolve_template(obj: Any) -> str:
        return obj.template.slug  # type: ignore[no-any-return]


class ReportDetailOut(ReportOut):
    items: list[RecommendationOut]

    @staticmethod
    def resolve_items(obj: Any) -> list[Any]:
        return selectors.report_items(obj)


class RecommendationFilters(Schema):
    kind: RecommendationKind | None = None
    language: Language | None = None
    region: str | None = None
    event: str | None = None
    horizon: Horizon | None = None


@router.get("/recommendations", response=list[RecommendationOut])
@paginate(Pagination)
def recommendation_list(request: HttpRequest, filters: Query[RecommendationFilters]) -> Any:
    """Recommendations visible to the caller (published reports and imports; all for
    coordinators), filterable by kind, language, region, event and horizon."""
    qs = selectors.recommendations_filtered(
        request_user(request),
        kind=filters.kind or "",
        language=filters.language or "",
        region=filters.region or "",
        event=filters.event or "",
    )
    if filters.horizon:
        qs = qs.filter(horizon=filters.horizon)
    return qs


class SectionIn(Schema):
    kind: SectionKind
    title: str = Field("", max_length=MAX_TITLE)
    help_text: str = Field("", max_length=MAX_HELP)
    max_items: int = Field(0, ge=0, le=MAX_LIMIT, description="0 for no limit")


class TemplateIn(Schema):
    title: str = Field(..., max_length=MAX_TITLE)
    description: str = Field("", max_length=MAX_DESCRIPTION)
    slug: str = Field("", max_length=80, description="Chosen from the title when empty")
    sections: list[SectionIn] = Field(..., min_length=1, max_length=MAX_SECTIONS)


class SectionOut(Schema):
    id: int
    kind: str
    title: str
    help_text: str
    max_items: int
    order: int


class TemplateOut(Schema):
    slug: str
    title: str
    description: str
    sections: list[SectionOut]

    @staticmethod
    def resolve_sections(obj: Any) -> list[Any]:
        return selectors.template_sections(obj)


WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("/templates", response={201: TemplateOut, **WRITE_ERRORS}, auth=TokenAuth())
def template_create(request: HttpRequest, payload: TemplateIn) -> Any:
    """Create a reporting template from typed sections, in the order given (coordinators)."""
    template = services.template_create(
        actor=request.user,
        title=payload.title,
        description=payload.description,
        slug=payload.slug,
        sections=[services.SectionInput(**s.dict()) for s in payload.sections],
    )
    return 201, template


@router.get("", response=list[ReportOut])
@paginate(Pagination)
def report_list(request: HttpRequest) -> Any:
    """Reports visible to the caller: published ones, one's own, all for coordinators."""
    return selectors.reports_visible(request_user(request)).order_by("-updated_at", "-id")


@router.get("/{slug}", response={200: ReportDetailOut, 404: ErrorOut})
def report_detail(request: HttpRequest, slug: str) -> Any:
    report = selectors.report_detail(user=request_user(request), slug=slug)
    if report is None:
        raise NotFound("No such report.")
    return report
