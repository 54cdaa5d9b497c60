"""Pages of reports (assign, fill in, review) and of recommendations (list, export)."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import DomainError, InvalidInput, NotFound
from convenor.core.forms import form_add_error
from convenor.core.permissions import require

from .. import selectors, services
from ..forms import (
    AssignForm,
    ItemForm,
    RecommendationFilterForm,
    ReturnForm,
)
from ..models import Recommendation, Report

PER_PAGE = 50
BLANK_ROWS = 2


def _report(request: HttpRequest, slug: str) -> Report:
    report = selectors.report_detail(user=request.user, slug=slug)
    if report is None:
        raise NotFound(_("No such report."))
    return report


def report_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.reports_visible(request.user).order_by("-updated_at", "-id")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/report_list.html",
        {"page": page, "can_assign": request.user.has_perm("reports.assign_report")},
    )


@login_required
def report_assign(request: HttpRequest) -> HttpResponse:
    require(request.user, "reports.assign_report")
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_assign(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The rapporteur has been assigned."))
            return redirect("reports:report_detail", slug=report.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/report_assign.html", {"form": form}, status=status)


def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "sections": _grouped(report),
            "can_edit": report.editable and request.user.has_perm("reports.edit_report", report),
            "can_review": request.user.has_perm("reports.review_report", report),
            "return_form": ReturnForm(),
        },
    )


def _grouped(report: Report) -> list[dict[str, Any]]:
    items = selectors.report_items(report)
    out = []
    for section in report.template.sections.all():
        out.append({"section": section, "items": [i for i in items if i.section_id == section.pk]})
    return out


def _item_rows(report: Report, data: Any = None) -> list[dict[str, Any]]:
    """Per section, a form per existing item plus blank rows with fresh keys."""
    items = selectors.report_items(report)
    rows = []
    for section in report.template.sections.all():
        forms = []
        for item in (i for i in items if i.section_id == section.pk):
            initial = {
                "text": item.text,
                "horizon": item.horizon,
                "time_frame": item.time_frame,
                "speaker": item.speaker if item.speaker_consent else "",
                "speaker_consent": item.speaker_consent,
            }
            forms.append(ItemForm(data, prefix=f"item-{item.pk}", initial=initial))
        if data is not None:
            # Keep the rows the person typed into, with their keys.
            blank_prefixes = sorted(
                {
                    k.rsplit("-", 1)[0]
                    for k in data
                    if k.startswith(f"new-{section.pk}-") and k.endswith("-key")
                }
            )
        else:
            blank_prefixes = [f"new-{section.pk}-{n}" for n in range(BLANK_ROWS)]
        for prefix in blank_prefixes:
            forms.append(ItemForm(data, prefix=prefix, initial={"key": uuid.uuid4().hex}))
        rows.append({"section": section, "forms": forms})
    return rows


def _inputs(rows: list[dict[str, Any]]) -> list[services.ItemInput]:
    inputs = []
    for row in rows:
        for form in row["forms"]:
            data = form.cleaned_data
            item_id = int(form.prefix.split("-")[1]) if form.prefix.startswith("item-") else None
            inputs.append(
                services.ItemInput(
                    section_id=row["section"].pk,
                    id=item_id,
                    key=data.get("key", ""),
                    text=data.get("text", ""),
                    horizon=data.get("horizon", ""),
                    time_frame=data.get("time_frame", ""),
                    speaker=data.get("speaker", ""),
                    speaker_consent=bool(data.get("speaker_consent")),
                )
            )
    return inputs


@login_required
def report_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The rapporteur's form: 'save draft' keeps working without JS; with htmx the form
    also saves itself a moment after each change."""
    report = _report(request, slug)
    require(request.user, "reports.edit_report", report)
    htmx = bool(request.headers.get("HX-Request"))
    if request.method != "POST":
        return render(
            request, "reports/report_edit.html", {"report": report, "rows": _item_rows(report)}
        )
    rows = _item_rows(report, request.POST)
    errors: list[str] = []
    if all(f.is_valid() for row in rows for f in row["forms"]):
        try:
            services.report_save(actor=request.user, report=report, items=_inputs(rows))
            if request.POST.get("action") == "submit":
                services.report_submit(actor=request.user, report=report)
                messages.success(request, _("Thank you: the report has been submitted."))
                return redirect("reports:report_detail", slug=report.slug)
        except DomainError as error:
            errors.append(error.detail)
    else:
        errors.append(_("Some items could not be saved; see the messages below."))
    if htmx:
        text = (
            " ".join(errors)
            if errors
            else _("Draft saved at %(time)s.") % {"time": f"{timezone.localtime():%H:%M}"}
        )
        return HttpResponse(format_html('<span id="save-status" role="status">{}</span>', text))
    if errors:
        context = {"report": report, "rows": rows, "errors": errors}
        return render(request, "reports/report_edit.html", context, status=400)
    messages.success(request, _("Draft saved."))
    return redirect("reports:report_edit", slug=report.slug)


@login_required
@require_POST
def report_review(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    action = request.POST.get("action")
    if action == "publish":
        services.report_publish(actor=request.user, report=report)
        messages.success(request, _("The report is published."))
    elif action == "return":
        form = ReturnForm(request.POST)
        if not form.is_valid():
            raise InvalidInput(_("Say what should change."), field="comment")
        services.report_return(
            actor=request.user, report=report, comment=form.cleaned_data["comment"]
        )
        messages.success(request, _("The report has been sent back to its rapporteur."))
    else:
        raise InvalidInput(_("Unknown action."), field="action")
    return redirect("reports:report_detail", slug=report.slug)


# --- recommendations ----------------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[RecommendationFilterForm, Any]:
    form = RecommendationFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    qs = selectors.recommendations_filtered(
        request.user, **{k: data.get(k) or "" for k in ("kind", "language", "region", "event", "q")}
    )
    return form, qs


def recommendation_list(request: HttpRequest) -> HttpResponse:
    form, qs = _filtered(request)
    if qs is None:
        return render(
            request, "reports/recommendation_list.html", {"form": form, "page": None}, status=400
        )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, str(v)) for k, v in request.GET.items() if k != "page" and v])
    context = {
        "form": form,
        "page": page,
        "query": query,
        "can_import": request.user.has_perm("reports.import_recommendations"),
    }
    return render(request, "reports/recommendation_list.html", context)


EXPORT_COLUMNS = [
    "id",
    "kind",
    "language",
    "horizon",
    "time_frame",
    "text",
    "attribution",
    "event",
    "region",
    "process",
    "sector",
    "reference",
]


def recommendation_row(r: Recommendation) -> list[str]:
    """One export row; a quote's name only through `attribution` (Chatham House)."""
    return [
        str(r.pk),
        r.kind,
        r.language,
        r.horizon,
        r.time_frame,
        r.text,
        r.attribution,
        r.event.slug if r.event else "",
        r.region.slug if r.region else "",
        r.process.slug if r.process else "",
        r.sector,
        r.reference,
    ]


def recommendation_export(request: HttpRequest) -> HttpResponse:
    form, qs = _filtered(request)
    if qs is None:
        raise InvalidInput(_("Check the filters."), field=next(iter(form.errors), None))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for r in qs.iterator(chunk_size=1000):
        writer.writerow(recommendation_row(r))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="recommendations.csv"'
    return response
