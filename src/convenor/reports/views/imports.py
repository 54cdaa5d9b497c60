"""Pages of imports: upload, column mapping, and the import's progress and result.

The import itself runs in the background; its page reloads itself (or, with htmx, its
status box) every two seconds until the import is done or has failed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from convenor.core.permissions import require
from convenor.core.views import service_form_page

from .. import selectors, services
from ..forms import ColumnMapForm, ImportForm
from ..models import ImportStatus, RecommendationImport
from ..services.imports import TABLE_KINDS

RECENT = 10
SAMPLE = 10


def _can_import(request: HttpRequest) -> None:
    require(request.user, "reports.import_recommendations")


def _after_upload(batch: RecommendationImport) -> HttpResponse:
    if batch.status == ImportStatus.PENDING:
        return redirect("reports:import_columns", pk=batch.pk)
    return redirect("reports:import_detail", pk=batch.pk)


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    _can_import(request)

    def save(data: dict[str, Any]) -> HttpResponse:
        batch = services.import_start(
            actor=request.user,
            upload=data["file"],
            event=data["event"],
            kind_default=data["kind_default"],
        )
        return _after_upload(batch)

    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"recent": selectors.imports_recent()[:RECENT]}
    return service_form_page(
        request, form, save, template="reports/import_start.html", context=context
    )


@login_required
def import_columns(request: HttpRequest, pk: int) -> HttpResponse:
    """The column mapping of a CSV or XLSX file; after a failed import, a new mapping."""
    _can_import(request)
    batch = selectors.import_get(pk=pk)
    can_map = batch.kind in TABLE_KINDS and batch.status in (
        ImportStatus.PENDING,
        ImportStatus.FAILED,
    )
    if not can_map:
        return redirect("reports:import_detail", pk=batch.pk)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.import_apply_columns(actor=request.user, batch=batch, column_map=dict(data))
        return redirect("reports:import_detail", pk=batch.pk)

    initial = batch.column_map or None
    form = ColumnMapForm(request.POST or None, columns=batch.columns, initial=initial)
    return service_form_page(
        request, form, save, template="reports/import_columns.html", context={"batch": batch}
    )


@never_cache
@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Where an import stands: queued or running (a progress bar), done (how many, the
    first items) or failed (the error; nothing was imported)."""
    _can_import(request)
    batch = selectors.import_get(pk=pk)
    if batch.status == ImportStatus.PENDING:
        return redirect("reports:import_columns", pk=batch.pk)
    context = {
        "batch": batch,
        "running": batch.in_progress,
        "sample": selectors.import_sample(batch)[:SAMPLE]
        if batch.status == ImportStatus.DONE
        else [],
        "can_remap": batch.kind in TABLE_KINDS and batch.status == ImportStatus.FAILED,
    }
    htmx = bool(request.headers.get("HX-Request"))
    template = "reports/_import_status.html" if htmx else "reports/import_detail.html"
    return render(request, template, context)
