"""The reports API under /api/v1/reports: reports and recommendations (reads).

Quotes carry `attribution`, which is "anonymous" unless the speaker's consent is recorded;
no answer carries a quote's name any other way.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import request_user
from convenor.core.errors import NotFound
from convenor.core.pagination import Pagination
from convenor.core.schemas import ErrorOut

from . import selectors
from .models import Horizon, Language, RecommendationKind

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
