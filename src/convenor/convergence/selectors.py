"""Reads of the convergence app: a run's issues and memberships, turned by the engine into
the convergence matrix, key issues and divergences. A fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from convenor.core.errors import InvalidInput, NotFound
from convenor.directory.models import Region
from convenor.framework.models import FrameworkItem
from convenor.process.models import Event, Process
from convenor.reports.models import Recommendation

from . import engine
from .engine.matrix import support_membership
from .engine.stance import detect_stance
from .models import Cluster, ClusteringRun, Mapping, MappingRun, MappingStatus, Stance

DIMENSIONS = {
    "region": _("Region"),
    "process": _("Process"),
    "sector": _("Sector"),
    "event": _("Event"),
}
KEY_ISSUE_WEIGHTS = {"region": 1.0, "process": 0.5, "sector": 0.25, "event": 0.5}
RUN_KINDS = ("mapping", "clustering")


@dataclass
class Issue:
    key: str
    label: str


@dataclass
class Analysis:
    """A finished run as the engine reads it: issues, recommendations and their sources."""

    kind: str
    run: Any
    issues: list[Issue]
    rec_ids: list[int]
    values: dict[str, list[str]]
    membership: sp.csr_matrix
    source_names: dict[str, dict[str, str]] = field(default_factory=dict)
    # Per recommendation (in rec_ids order): does it oppose what it raises?
    opposed: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def issue(self, key: str) -> Issue:
        for issue in self.issues:
            if issue.key == key:
                return issue
        raise NotFound(str(_("No such issue.")))


def mapping_runs() -> QuerySet[MappingRun]:
    return MappingRun.objects.select_related("framework", "created_by", "progress")


def clustering_runs() -> QuerySet[ClusteringRun]:
    return ClusteringRun.objects.select_related("created_by", "progress")


def run_get(kind: str, pk: int) -> Any:
    run: Any
    if kind == "mapping":
        run = mapping_runs().filter(pk=pk).first()
    elif kind == "clustering":
        run = clustering_runs().filter(pk=pk).first()
    else:
        run = None
    if run is None:
        raise NotFound(str(_("No such run.")))
    return run


def _source_names() -> dict[str, dict[str, str]]:
    return {
        "region": dict(Region.objects.values_list("slug", "name")),
        "process": {
            s: (short or name)
            for s, name, short in Process.objects.values_list("slug", "name", "short_name")
        },
        "event": dict(Event.objects.values_list("slug", "title")),
    }


def _rec_values(rec_ids: list[int]) -> tuple[dict[str, list[str]], np.ndarray]:
    """Each recommendation's sources, and whether it opposes what it raises (one query)."""
    rows = {
        pk: (region or "", process or "", sector or "", event or "", chosen or detected)
        for pk, region, process, sector, event, detected, chosen in Recommendation.objects.filter(
            pk__in=rec_ids
        ).values_list(
            "pk",
            "region__slug",
            "process__slug",
            "sector",
            "event__slug",
            "convergence_stance__detected",
            "convergence_stance__chosen",
        )
    }
    values: dict[str, list[str]] = {d: [] for d in DIMENSIONS}
    opposed = np.zeros(len(rec_ids), dtype=bool)
    for i, pk in enumerate(rec_ids):
        region, process, sector, event, stance = rows.get(pk, ("", "", "", "", ""))
        values["region"].append(region)
        values["process"].append(process)
        values["sector"].append(sector)
        values["event"].append(event)
        opposed[i] = stance == Stance.OPPOSE
    return values, opposed


def analysis(kind: str, pk: int) -> Analysis:
    """The run's issues (framework items or clusters) and who supports each."""
    run = run_get(kind, pk)
    pairs: list[tuple[int, str]] = []
    if kind == "mapping":
        items = list(
            FrameworkItem.objects.filter(framework_id=run.framework_id)
            .order_by("sort_key", "id")
            .values_list("pk", "code", "title")
        )
        code_of = {item_pk: code for item_pk, code, _t in items}
        rows = Mapping.objects.filter(run=run).values_list(
            "recommendation_id", "item_id", "label", "status"
        )
        rec_set: set[int] = set()
        used: set[str] = set()
        for rec, item, label, status in rows:
            rec_set.add(rec)
            if status == MappingStatus.CONFIRMED or (label and status != MappingStatus.REJECTED):
                pairs.append((rec, code_of[item]))
                used.add(code_of[item])
        issues = [Issue(code, f"{code}. {title}") for _p, code, title in items if code in used]
    else:
        language = reader_language()
        clusters = run.clusters.order_by("key").only("key", "name", "terms", "terms_by_language")
        issues = [Issue(str(c.key), c.label_for(language)) for c in clusters]
        rows2 = Cluster.members.through.objects.filter(cluster__run=run).values_list(
            "recommendation_id", "cluster__key"
        )
        rec_set = set()
        for rec_id, cluster_key in rows2:
            rec_set.add(rec_id)
            pairs.append((rec_id, str(cluster_key)))
    rec_ids = sorted(rec_set)
    row_of = {rec: i for i, rec in enumerate(rec_ids)}
    col_of = {issue.key: j for j, issue in enumerate(issues)}
    assignments: list[list[int]] = [[] for _ in rec_ids]
    for rec, key in pairs:
        assignments[row_of[rec]].append(col_of[key])
    membership = engine.membership_matrix(assignments, len(issues))
    values, opposed = _rec_values(rec_ids)
    return Analysis(
        kind=kind,
        run=run,
        issues=issues,
        rec_ids=rec_ids,
        values=values,
        membership=membership,
        source_names=_source_names(),
        opposed=opposed,
    )


def check_dimension(dimension: str) -> str:
    if dimension not in DIMENSIONS:
        raise InvalidInput(
            str(_("Unknown dimension; use region, process, sector or event.")), field="dimension"
        )
    return dimension


def matrix(data: Analysis, dimension: str) -> engine.ConvergenceMatrix:
    check_dimension(dimension)
    return engine.convergence_matrix(
        data.membership,
        [i.key for i in data.issues],
        data.values[dimension],
        dimension=dimension,
        opposed=data.opposed,
    )


def key_issues(data: Analysis, *, count: int = 10) -> list[engine.KeyIssue]:
    if not data.issues:
        return []
    matrices = [matrix(data, d) for d in DIMENSIONS]
    # Ranked and linked by their support: an opposing recommendation is no support.
    return engine.key_issues(
        support_membership(data.membership, data.opposed),
        matrices,
        [str(r) for r in data.rec_ids],
        count=count,
        weights=KEY_ISSUE_WEIGHTS,
    )


def divergences(data: Analysis, dimension: str) -> list[engine.Divergence]:
    if not data.issues:
        return []
    return engine.divergences(matrix(data, dimension))


def source_name(data: Analysis, dimension: str, slug: str) -> str:
    return data.source_names.get(dimension, {}).get(slug, slug)


def supporting_recommendations(data: Analysis, key: str) -> QuerySet[Recommendation]:
    """The recommendations that raise one issue (for or against it), with their sources
    and stances."""
    j = [i.key for i in data.issues].index(data.issue(key).key)
    column = sp.csc_matrix(data.membership)[:, j]
    ids = [data.rec_ids[i] for i in column.nonzero()[0]]
    return (
        Recommendation.objects.filter(pk__in=ids)
        .select_related(
            "event", "region", "process", "report", "source_import", "convergence_stance"
        )
        .order_by("event__start_date", "id")
    )


def mapping_page_recommendations(run: MappingRun) -> QuerySet[Recommendation]:
    """The run's recommendations with their mappings (best first) in one extra query."""
    mappings = Mapping.objects.filter(run=run).select_related("item").order_by("rank")
    return (
        Recommendation.objects.filter(mappings__run=run)
        .distinct()
        .select_related("event", "region")
        .prefetch_related(Prefetch("mappings", queryset=mappings, to_attr="run_mappings"))
        .order_by("id")
    )


def clusters_of(run: ClusteringRun) -> QuerySet[Cluster]:
    return run.clusters.select_related("central").order_by("-size", "key")


def reader_language() -> str:
    """The two-letter code of the language the page is written in."""
    return (get_language() or "en")[:2]


def in_reader_language(clusters: Sequence[Cluster], *, with_central: bool = True) -> None:
    """Set `display_label`, `display_terms` and `display_central` on each cluster: its words
    and its most central recommendation in the reader's language when it has any (one
    query)."""
    language = reader_language()
    wanted = {c.pk: c.central_id_for(language) for c in clusters} if with_central else {}
    others = [pk for pk in wanted.values() if pk is not None]
    found = Recommendation.objects.in_bulk(others) if others else {}
    for c in clusters:
        c.display_label = c.label_for(language)  # type: ignore[attr-defined]
        c.display_terms = (c.terms_by_language or {}).get(language) or c.terms  # type: ignore[attr-defined]
        if with_central:
            central = found.get(wanted[c.pk]) if wanted[c.pk] != c.central_id else c.central
            c.display_central = central or c.central  # type: ignore[attr-defined]


def stance_of(recommendation: Recommendation) -> dict[str, Any]:
    """A recommendation's stance: the one that counts, the detected one and the chosen one
    (detected now if no run has read it yet)."""
    row = getattr(recommendation, "convergence_stance", None)
    detected = row.detected if row else detect_stance(recommendation.text, recommendation.language)
    chosen = row.chosen if row else ""
    return {
        "recommendation": recommendation.pk,
        "stance": chosen or detected,
        "detected": detected,
        "chosen": chosen,
        "chosen_at": row.chosen_at if row else None,
    }
