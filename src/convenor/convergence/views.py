"""Pages of the convergence app: runs, mapping review, clusters with edits, the matrix as a
heatmap table, key issues, divergences and exports. Coordinators and focal points read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import InvalidInput, NotFound
from convenor.core.permissions import require
from convenor.reports.models import Recommendation

from . import exports, selectors, services
from .forms import (
    ClusteringRunForm,
    CorrectForm,
    DimensionForm,
    KeyIssuesForm,
    MappingRunForm,
    MergeForm,
    RenameForm,
    StanceForm,
)
from .models import Cluster, Mapping, RunStatus, Stance

PER_PAGE = 50


def _can_view(request: HttpRequest) -> None:
    require(request.user, "convergence.view_results")


def _dimension(request: HttpRequest) -> str:
    form = DimensionForm(request.GET)
    if not form.is_valid():
        raise InvalidInput(
            _("Unknown dimension; use region, process, sector or event."), field="dimension"
        )
    return form.cleaned_data.get("dimension") or "region"


def _progress_redirect(run: Any) -> HttpResponse:
    if run.progress_id:
        return redirect("web:task_detail", progress_id=run.progress_id)
    return redirect("convergence:index")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _can_view(request)
    context = {
        "mapping_runs": selectors.mapping_runs()[:20],
        "clustering_runs": selectors.clustering_runs()[:20],
        "can_run": request.user.has_perm("convergence.run_analysis"),
        "mapping_form": MappingRunForm(),
        "clustering_form": ClusteringRunForm(
            initial={"framework": services.default_clustering_framework()}
        ),
    }
    return render(request, "convergence/index.html", context)


@login_required
@require_POST
def mapping_run_start(request: HttpRequest) -> HttpResponse:
    form = MappingRunForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(_("Choose a framework and a method."), field="framework")
    run = services.mapping_run_start(
        actor=request.user,
        framework=form.cleaned_data["framework"],
        method=form.cleaned_data["method"],
    )
    messages.success(request, _("The mapping has started."))
    return _progress_redirect(run)


@login_required
@require_POST
def clustering_run_start(request: HttpRequest) -> HttpResponse:
    form = ClusteringRunForm(request.POST)
    if not form.is_valid():
        field = next(iter(form.errors), "k")
        raise InvalidInput(
            _("Choose a framework.")
            if field == "framework"
            else _("Choose between 2 and 1000 issues."),
            field=field,
        )
    framework = form.cleaned_data.get("framework")
    # No framework field at all (an older form): the default; an empty choice: none.
    slug = framework.slug if framework else ("" if "framework" in request.POST else None)
    run = services.clustering_run_start(
        actor=request.user, k=form.cleaned_data.get("k"), framework_slug=slug
    )
    messages.success(request, _("The clustering has started."))
    return _progress_redirect(run)


@login_required
def mapping_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _can_view(request)
    run = selectors.run_get("mapping", pk)
    page = Paginator(selectors.mapping_page_recommendations(run), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "run": run,
        "kind": "mapping",
        "page": page,
        "can_review": request.user.has_perm("convergence.review_mapping"),
        "correct_form": CorrectForm(),
    }
    return render(request, "convergence/mapping_detail.html", context)


@login_required
@require_POST
def mapping_review(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = Mapping.objects.select_related("run", "recommendation").filter(pk=pk).first()
    if mapping is None:
        raise NotFound(_("No such mapping."))
    action = request.POST.get("action", "")
    if action == "correct":
        form = CorrectForm(request.POST)
        if not form.is_valid():
            raise InvalidInput(_("Give the right item code."), field="code")
        services.mapping_correct(
            actor=request.user, mapping=mapping, code=form.cleaned_data["code"]
        )
    elif action in ("confirmed", "rejected", "suggested"):
        services.mapping_review(actor=request.user, mapping=mapping, status=action)
    else:
        raise InvalidInput(_("Unknown action."), field="action")
    messages.success(request, _("Saved. Confirmed mappings teach the next runs."))
    return redirect(request.POST.get("next") or f"/convergence/mapping/{mapping.run_id}/")


@login_required
def clustering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _can_view(request)
    run = selectors.run_get("clustering", pk)
    clusters = Paginator(selectors.clusters_of(run), PER_PAGE).get_page(request.GET.get("page"))
    selectors.in_reader_language(list(clusters.object_list))
    context = {
        "run": run,
        "kind": "clustering",
        "page": clusters,
        "can_edit": request.user.has_perm("convergence.edit_clusters"),
        "rename_form": RenameForm(),
        "merge_form": MergeForm(),
    }
    return render(request, "convergence/clustering_detail.html", context)


@login_required
@require_POST
def cluster_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = Cluster.objects.select_related("run").filter(pk=pk).first()
    if cluster is None:
        raise NotFound(_("No such cluster."))
    action = request.POST.get("action", "")
    if action == "rename":
        form = RenameForm(request.POST)
        if not form.is_valid():
            raise InvalidInput(_("Give a name."), field="name")
        services.cluster_rename(actor=request.user, cluster=cluster, name=form.cleaned_data["name"])
        messages.success(request, _("Renamed; the name stays on re-runs."))
        return redirect("convergence:clustering_detail", pk=cluster.run_id)
    if action == "merge":
        form2 = MergeForm(request.POST)
        if not form2.is_valid():
            raise InvalidInput(_("Give the number of the other cluster."), field="other")
        other = Cluster.objects.filter(run=cluster.run, key=form2.cleaned_data["other"]).first()
        if other is None:
            raise InvalidInput(_("No cluster with this number in the run."), field="other")
        run = services.cluster_merge(
            actor=request.user, a=cluster, b=other, name=form2.cleaned_data.get("name") or ""
        )
        return _progress_redirect(run)
    if action == "split":
        try:
            part = [int(v) for v in request.POST.getlist("part")]
        except ValueError as error:
            raise InvalidInput(_("Choose recommendations to split off."), field="part") from error
        run = services.cluster_split(actor=request.user, cluster=cluster, part_ids=part)
        return _progress_redirect(run)
    raise InvalidInput(_("Unknown action."), field="action")


@login_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _can_view(request)
    cluster = Cluster.objects.select_related("run").filter(pk=pk).first()
    if cluster is None:
        raise NotFound(_("No such cluster."))
    members = cluster.members.select_related("event", "region").order_by("id")[:500]
    selectors.in_reader_language([cluster], with_central=False)
    context = {
        "cluster": cluster,
        "members": members,
        "can_edit": request.user.has_perm("convergence.edit_clusters"),
    }
    return render(request, "convergence/cluster_detail.html", context)


def _shade(count: int, top: int) -> int:
    """0..4: how dark a cell is (the number is always printed too)."""
    if count <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * count - 1) // top)


@login_required
def matrix(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _can_view(request)
    dimension = _dimension(request)
    data = selectors.analysis(kind, pk)
    m = selectors.matrix(data, dimension)
    top = int(m.counts.max()) if m.counts.size else 0
    rows = [
        {
            "issue": issue,
            "cells": [
                {"count": int(c), "shade": _shade(int(c), top), "source": src}
                for c, src in zip(m.counts[j], m.sources, strict=True)
            ],
            "total": int(m.totals[j]),
            "opposed": int(m.opposed_totals[j]) if m.opposed_totals is not None else 0,
            "share": float(m.support_share[j]),
            "breadth": float(m.breadth[j]),
        }
        for j, issue in enumerate(data.issues)
    ]
    sources = [selectors.source_name(data, dimension, s) for s in m.sources]
    context = {
        "data": data,
        "run": data.run,
        "kind": kind,
        "dimension": dimension,
        "dimension_label": selectors.DIMENSIONS[dimension],
        "form": DimensionForm(initial={"dimension": dimension}),
        "rows": rows,
        "sources": zip(sources, [int(s) for s in m.source_sizes], strict=True),
    }
    return render(request, "convergence/matrix.html", context)


@login_required
def key_issues(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _can_view(request)
    form = KeyIssuesForm(request.GET)
    if not form.is_valid():
        raise InvalidInput(_("Ask for between 1 and 50 key issues."), field="count")
    count = form.cleaned_data.get("count") or 10
    data = selectors.analysis(kind, pk)
    labels = {i.key: i.label for i in data.issues}
    entries = [
        {
            "issue": k,
            "label": labels[k.key],
            "regions": [
                (selectors.source_name(data, "region", s), n)
                for s, n in k.sources.get("region", {}).items()
            ],
            "events": [
                (selectors.source_name(data, "event", s), n)
                for s, n in k.sources.get("event", {}).items()
            ],
            "support": len(k.recommendation_ids),
        }
        for k in selectors.key_issues(data, count=count)
    ]
    context = {"data": data, "run": data.run, "kind": kind, "entries": entries, "form": form}
    return render(request, "convergence/key_issues.html", context)


@login_required
def issue_detail(request: HttpRequest, kind: str, pk: int, key: str) -> HttpResponse:
    _can_view(request)
    data = selectors.analysis(kind, pk)
    issue = data.issue(key)
    page = Paginator(selectors.supporting_recommendations(data, key), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(rec, selectors.stance_of(rec)) for rec in page.object_list]
    context = {
        "data": data,
        "run": data.run,
        "kind": kind,
        "issue": issue,
        "page": page,
        "rows": rows,
        "can_set_stance": request.user.has_perm("convergence.set_stance"),
        "stances": [("", _("As detected from the text")), *Stance.choices],
        "stance_labels": dict(Stance.choices),
    }
    return render(request, "convergence/issue_detail.html", context)


@login_required
@require_POST
def stance_set(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator sets (or gives back to the detection) a recommendation's stance."""
    recommendation = Recommendation.objects.filter(pk=pk).first()
    if recommendation is None:
        raise NotFound(_("No such recommendation."))
    form = StanceForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(_("Unknown stance; use support, oppose or neutral."), field="stance")
    services.stance_set(
        actor=request.user, recommendation=recommendation, stance=form.cleaned_data["stance"]
    )
    messages.success(request, _("Stance saved; divergences and the matrix count it now."))
    target = request.POST.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = "/convergence/"
    return redirect(target)


@login_required
def divergences(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _can_view(request)
    dimension = _dimension(request)
    data = selectors.analysis(kind, pk)
    labels = {i.key: i.label for i in data.issues}
    entries = [
        {
            "d": d,
            "label": labels[d.key],
            "strong": [(selectors.source_name(data, dimension, s), v) for s, v in d.strong.items()],
            "absent": [selectors.source_name(data, dimension, s) for s in d.absent],
            "opposed": [
                (selectors.source_name(data, dimension, s), n) for s, n in d.opposed.items()
            ],
        }
        for d in selectors.divergences(data, dimension)
    ]
    context = {
        "data": data,
        "run": data.run,
        "kind": kind,
        "entries": entries,
        "dimension": dimension,
        "form": DimensionForm(initial={"dimension": dimension}),
    }
    return render(request, "convergence/divergences.html", context)


@login_required
def export(request: HttpRequest, kind: str, pk: int, fmt: str) -> HttpResponse:
    _can_view(request)
    dimension = _dimension(request)
    data = selectors.analysis(kind, pk)
    if data.run.status != RunStatus.DONE:
        raise InvalidInput(_("The run has not finished."), field="run")
    name = f"convergence-{kind}-{pk}-{dimension}"
    if fmt == "divergences.csv":
        response = HttpResponse(
            exports.divergences_csv(data, dimension), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}-divergences.csv"'
    elif fmt == "csv":
        response = HttpResponse(
            exports.matrix_csv(data, dimension), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(
            exports.matrix_xlsx(data, dimension),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
