"""The convergence API under /api/v1/convergence: the stable mapping entry point, runs,
the matrix, key issues and divergences."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth, request_user
from convenor.core.errors import NotFound
from convenor.core.pagination import Pagination
from convenor.core.permissions import require
from convenor.core.schemas import ErrorOut
from convenor.framework.models import Framework
from convenor.reports.models import Recommendation

from . import selectors, services

router = Router(tags=["convergence"])


def _caller(request: HttpRequest) -> Any:
    """The user TokenAuth put on the request."""
    return getattr(request, "auth", None)


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class MapIn(Schema):
    framework: str = Field(..., max_length=80)
    texts: list[str] = Field(..., max_length=services.MAX_TEXTS)
    method: Literal["lexical", "semantic"] = "lexical"


class ItemScoreOut(Schema):
    code: str
    score: float


class MapResultOut(Schema):
    items: list[ItemScoreOut]


class MapOut(Schema):
    results: list[MapResultOut]


@router.post(
    "/map",
    auth=TokenAuth(),
    response={200: MapOut, **ERRORS, 503: ErrorOut},
    summary="Map texts to a framework's items",
)
def map_texts(request: HttpRequest, payload: MapIn) -> Any:
    """For each text, in input order, the framework's items with a positive score, best
    first. Coordinators only; at most 1,000 texts per call (more: 422); unknown framework:
    404; `semantic` when the model's package is not installed: 503 with code
    `semantic_unavailable`."""
    results = services.map_texts_for(
        actor=_caller(request),
        framework_slug=payload.framework,
        texts=payload.texts,
        method=payload.method,
    )
    return {
        "results": [
            {"items": [{"code": s.code, "score": s.score} for s in scores]} for scores in results
        ]
    }


class RunOut(Schema):
    id: int
    kind: str
    status: str
    framework: str | None
    method: str
    params: dict[str, Any]
    engine: dict[str, Any]
    recommendation_count: int
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    progress_id: int | None


def _run_out(run: Any, kind: str) -> dict[str, Any]:
    return {
        "id": run.pk,
        "kind": kind,
        "status": run.status,
        "framework": run.framework.slug if kind == "mapping" else None,
        "method": run.method if kind == "mapping" else "clustering",
        "params": run.params,
        "engine": run.engine,
        "recommendation_count": run.recommendation_count,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "progress_id": run.progress_id,
    }


class RunFilters(Schema):
    kind: Literal["mapping", "clustering"] = "mapping"


@router.get("/runs", response={200: list[RunOut], 401: ErrorOut, 403: ErrorOut})
@paginate(Pagination)
def run_list(request: HttpRequest, filters: Query[RunFilters]) -> Any:
    """Mapping or clustering runs, newest first (coordinators and focal points)."""
    require(request_user(request), "convergence.view_results")
    qs = selectors.mapping_runs() if filters.kind == "mapping" else selectors.clustering_runs()
    return [_run_out(run, filters.kind) for run in qs]


class MappingRunIn(Schema):
    framework: str = Field(..., max_length=80)
    method: Literal["lexical", "semantic"] = "lexical"


class ClusteringRunIn(Schema):
    k: int | None = Field(None, ge=2, le=1000)
    # The framework whose item scores help group across languages; null: the site's
    # default framework, "": none (sentence embeddings, or words without the model).
    framework: str | None = Field(None, max_length=80)


@router.post("/runs/mapping", auth=TokenAuth(), response={202: RunOut, **ERRORS})
def mapping_run_start(request: HttpRequest, payload: MappingRunIn) -> Any:
    """Start a mapping run (a background task); follow it with GET /runs/mapping/{id}."""
    framework = Framework.objects.filter(slug=payload.framework).first()
    if framework is None:
        raise NotFound("No such framework.")
    run = services.mapping_run_start(
        actor=_caller(request), framework=framework, method=payload.method
    )
    run.refresh_from_db()
    return 202, _run_out(run, "mapping")


@router.post("/runs/clustering", auth=TokenAuth(), response={202: RunOut, **ERRORS})
def clustering_run_start(request: HttpRequest, payload: ClusteringRunIn) -> Any:
    """Start a clustering run across languages (a background task)."""
    run = services.clustering_run_start(
        actor=_caller(request), k=payload.k, framework_slug=payload.framework
    )
    run.refresh_from_db()
    return 202, _run_out(run, "clustering")


Kind = Literal["mapping", "clustering"]


@router.get("/runs/{kind}/{run_id}", response={200: RunOut, **ERRORS})
def run_detail(request: HttpRequest, kind: Kind, run_id: int) -> Any:
    require(request_user(request), "convergence.view_results")
    return _run_out(selectors.run_get(kind, run_id), kind)


class MatrixRowOut(Schema):
    issue: str
    label: str
    counts: list[int]  # supporting recommendations per source
    opposed: list[int]  # opposing recommendations per source (not counted as support)
    total: int
    opposed_total: int
    support_share: float
    breadth: float


class MatrixOut(Schema):
    dimension: str
    sources: list[str]
    source_names: list[str]
    source_sizes: list[int]
    rows: list[MatrixRowOut]


class DimensionQuery(Schema):
    dimension: Literal["region", "process", "sector", "event"] = "region"


@router.get("/runs/{kind}/{run_id}/matrix", response={200: MatrixOut, **ERRORS})
def matrix(request: HttpRequest, kind: Kind, run_id: int, q: Query[DimensionQuery]) -> Any:
    """Issues (items or clusters) x sources of one dimension, with counts, share and breadth."""
    require(request_user(request), "convergence.view_results")
    data = selectors.analysis(kind, run_id)
    m = selectors.matrix(data, q.dimension)
    against = m.opposed_counts()
    return {
        "dimension": q.dimension,
        "sources": m.sources,
        "source_names": [selectors.source_name(data, q.dimension, s) for s in m.sources],
        "source_sizes": [int(s) for s in m.source_sizes],
        "rows": [
            {
                "issue": issue.key,
                "label": issue.label,
                "counts": [int(c) for c in m.counts[j]],
                "opposed": [int(c) for c in against[j]],
                "total": int(m.totals[j]),
                "opposed_total": int(against[j].sum()),
                "support_share": float(m.support_share[j]),
                "breadth": float(m.breadth[j]),
            }
            for j, issue in enumerate(data.issues)
        ],
    }


class KeyIssueOut(Schema):
    rank: int
    issue: str
    label: str
    score: float
    breadth: dict[str, float]
    recommendation_ids: list[int]
    sources: dict[str, dict[str, int]]


class CountQuery(Schema):
    count: int = Field(10, ge=1, le=50)


@router.get("/runs/{kind}/{run_id}/key-issues", response={200: list[KeyIssueOut], **ERRORS})
def key_issues(request: HttpRequest, kind: Kind, run_id: int, q: Query[CountQuery]) -> Any:
    """The ranked key issues, each with its supporting recommendations and sources."""
    require(request_user(request), "convergence.view_results")
    data = selectors.analysis(kind, run_id)
    labels = {i.key: i.label for i in data.issues}
    return [
        {
            "rank": k.rank,
            "issue": k.key,
            "label": labels[k.key],
            "score": k.score,
            "breadth": k.breadth,
            "recommendation_ids": [int(i) for i in k.recommendation_ids],
            "sources": k.sources,
        }
        for k in selectors.key_issues(data, count=q.count)
    ]


class DivergenceOut(Schema):
    issue: str
    label: str
    dimension: str
    strong: dict[str, float]
    absent: list[str]
    opposed: dict[str, int]  # source -> its recommendations against the issue
    positions: dict[str, Literal["absent", "opposed"]]  # each source that does not follow
    spread: float


@router.get("/runs/{kind}/{run_id}/divergences", response={200: list[DivergenceOut], **ERRORS})
def divergences(request: HttpRequest, kind: Kind, run_id: int, q: Query[DimensionQuery]) -> Any:
    """Issues raised strongly by some sources and absent from others or opposed by them;
    `positions` says which, per source."""
    require(request_user(request), "convergence.view_results")
    data = selectors.analysis(kind, run_id)
    labels = {i.key: i.label for i in data.issues}
    return [
        {
            "issue": d.key,
            "label": labels[d.key],
            "dimension": d.dimension,
            "strong": d.strong,
            "absent": d.absent,
            "opposed": d.opposed,
            "positions": d.positions,
            "spread": d.spread,
        }
        for d in selectors.divergences(data, q.dimension)
    ]


class StanceOut(Schema):
    recommendation: int
    stance: Literal["support", "oppose", "neutral"]  # the one that counts
    detected: Literal["support", "oppose", "neutral"]
    chosen: Literal["support", "oppose", "neutral", ""]  # "" = as detected
    chosen_at: datetime.datetime | None


class StanceIn(Schema):
    # null or "": give the stance back to the detection.
    stance: Literal["support", "oppose", "neutral", ""] | None


def _recommendation(rec_id: int) -> Recommendation:
    rec = Recommendation.objects.select_related("convergence_stance").filter(pk=rec_id).first()
    if rec is None:
        raise NotFound("No such recommendation.")
    return rec


@router.get("/recommendations/{rec_id}/stance", response={200: StanceOut, **ERRORS})
def stance_detail(request: HttpRequest, rec_id: int) -> Any:
    """A recommendation's stance on what it raises: detected from its words, or set by a
    coordinator (the set one counts)."""
    require(request_user(request), "convergence.view_results")
    return selectors.stance_of(_recommendation(rec_id))


@router.put(
    "/recommendations/{rec_id}/stance", auth=TokenAuth(), response={200: StanceOut, **ERRORS}
)
def stance_set(request: HttpRequest, rec_id: int, payload: StanceIn) -> Any:
    """Set a recommendation's stance (coordinators); null gives it back to the detection."""
    rec = _recommendation(rec_id)
    services.stance_set(actor=_caller(request), recommendation=rec, stance=payload.stance or "")
    return selectors.stance_of(_recommendation(rec_id))
