"""Pages: processes with their timeline, events, documents, news, calendars and write forms.
Views parse input, call one selector or service, and render; they hold no rules."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from convenor.core.errors import DomainError
from convenor.core.forms import form_add_error
from convenor.core.panels import panels_for
from convenor.core.permissions import require
from convenor.core.text import render_markdown

from . import selectors, services
from .filters import DocumentFilterForm, EventFilterForm
from .forms import (
    DocumentEditForm,
    DocumentForm,
    EventForm,
    NewsForm,
    OnDateForm,
    PhaseForm,
    ProcessForm,
)
from .ical import calendar_bytes

PER_PAGE = 50


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _signed_in_with(request: HttpRequest, perm: str, obj: Any = None) -> HttpResponse | None:
    """A redirect to the login page for anonymous visitors; PermissionDenied if not allowed."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(request.user, perm, obj)
    return None


# Processes --------------------------------------------------------------------------


def process_list(request: HttpRequest) -> HttpResponse:
    processes = list(selectors.process_list()[:200])
    return render(request, "process/process_list.html", {"processes": processes})


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_get(slug=slug)
    form = OnDateForm(request.GET or None)
    status = 200
    on = None
    if form.is_bound:
        if form.is_valid():
            on = form.cleaned_data.get("on")
        else:
            status = 400
    timeline = selectors.process_timeline(process=process, on=on)
    events = selectors.event_list(process=process)
    context = {
        "process": process,
        "form": form,
        "on": on or selectors.today(),
        "timeline": timeline,
        "events": list(events[:PER_PAGE]),
        "event_count": events.count(),
        "documents": list(selectors.document_list(process=process)[:20]),
    }
    return render(request, "process/process_detail.html", context, status=status)


def _form_error(form: Any, exc: DomainError) -> int:
    """Shows a service's refusal on the form and gives the page's status (400, 409 or 422).
    A refusal that is not about the input (403, 404) goes on to the error page."""
    if exc.status in (403, 404):
        raise exc
    form_add_error(form, exc)
    return exc.status


def _form_page(request: HttpRequest, template: str, context: dict[str, Any], status: int) -> Any:
    form = context["form"]
    if status == 200 and form.is_bound and form.errors:
        status = 400
    return render(request, template, context, status=status)


def process_create(request: HttpRequest) -> HttpResponse:
    if (denied := _signed_in_with(request, "process.add_process")) is not None:
        return denied
    form = ProcessForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            status = _form_error(form, exc)
        else:
            return redirect("process:process_detail", slug=process.slug)
    return _form_page(request, "process/process_form.html", {"form": form}, status)


def process_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_get(slug=slug)
    if (denied := _signed_in_with(request, "process.change_process", process)) is not None:
        return denied
    initial = ProcessForm.initial_for(process)
    form = ProcessForm(request.POST or None, initial=initial, editing=True)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.process_update(actor=request.user, process=process, data=form.cleaned_data)
        except DomainError as exc:
            process.refresh_from_db()  # the page names the saved process, not the refused input
            status = _form_error(form, exc)
        else:
            return redirect("process:process_detail", slug=process.slug)
    context = {"form": form, "process": process}
    return _form_page(request, "process/process_form.html", context, status)


def process_delete(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_get(slug=slug)
    if (denied := _signed_in_with(request, "process.delete_process", process)) is not None:
        return denied
    if request.method == "POST":
        services.process_delete(actor=request.user, process=process)
        return redirect("process:process_list")
    # Phases and events go with the process (documents and news stay, unlinked): say so.
    cascade = {"phases": process.phases.count(), "events": process.events.count()}
    return render(request, "process/confirm_delete.html", {"object": process, "cascade": cascade})


# Phases -----------------------------------------------------------------------------


def phase_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_get(slug=slug)
    if (denied := _signed_in_with(request, "process.add_phase")) is not None:
        return denied
    form = PhaseForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_create(actor=request.user, process=process, **form.cleaned_data)
        except DomainError as exc:
            status = _form_error(form, exc)
        else:
            return redirect(_timeline_url(process))
    context = {"form": form, "process": process}
    return _form_page(request, "process/phase_form.html", context, status)


def phase_edit(request: HttpRequest, slug: str, phase_slug: str) -> HttpResponse:
    process = selectors.process_get(slug=slug)
    phase = selectors.phase_get(process=process, slug=phase_slug)
    if (denied := _signed_in_with(request, "process.change_phase", phase)) is not None:
        return denied
    form = PhaseForm(request.POST or None, initial=PhaseForm.initial_for(phase), editing=True)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.get("order") is None:  # empty: keep the current position
            data.pop("order", None)
        try:
            services.phase_update(actor=request.user, phase=phase, data=data)
        except DomainError as exc:
            phase.refresh_from_db()
            status = _form_error(form, exc)
        else:
            return redirect(_timeline_url(process))
    context = {"form": form, "process": process, "phase": phase}
    return _form_page(request, "process/phase_form.html", context, status)


def phase_delete(request: HttpRequest, slug: str, phase_slug: str) -> HttpResponse:
    process = selectors.process_get(slug=slug)
    phase = selectors.phase_get(process=process, slug=phase_slug)
    if (denied := _signed_in_with(request, "process.delete_phase", phase)) is not None:
        return denied
    if request.method == "POST":
        services.phase_delete(actor=request.user, phase=phase)
        return redirect(_timeline_url(process))
    return render(request, "process/confirm_delete.html", {"object": phase})


def _timeline_url(process: Any) -> str:
    return reverse("process:process_detail", args=[process.slug]) + "#timeline"


# Events -----------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    status = 200
    calendar_query = ""
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        page = _page(request, selectors.event_list_rows(**filters))
        # The iCalendar feed takes the list's filters: offer the one matching this list.
        calendar_query = urlencode([(k, _query_value(v)) for k, v in filters.items()])
    else:
        status = 400
        page = None
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
        "calendar_query": calendar_query,
    }
    return render(request, "process/event_list.html", context, status=status)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get(slug=slug, viewer=request.user)
    context = {
        "event": event,
        "anchorings": list(event.anchorings.all()),
        "focal_points": list(event.focal_points.all()),
        "document_groups": selectors.event_documents(event=event),
        "news": list(event.news.filter(published=True).order_by("-date")[:10]),
        "panels": panels_for("event_detail", event, request),
    }
    return render(request, "process/event_detail.html", context)


def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get(slug=slug)  # anonymous viewer: public people only
    return _ics(calendar_bytes([event], name=event.title), filename=f"{event.slug}.ics")


def _query_value(value: Any) -> str:
    """A cleaned filter value as it appears in a query string (slug, ISO date, text)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(getattr(value, "slug", value))


def events_calendar(request: HttpRequest) -> HttpResponse:
    """The events of the list's filters (process, phase, kind, region, organisation, dates,
    q) as iCalendar; a bad filter is a 400 naming it."""
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        return HttpResponse(
            f"{name}: {errors[0]}", status=400, content_type="text/plain; charset=utf-8"
        )
    filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    process, region = filters.get("process"), filters.get("region")
    events = selectors.events_for_calendar(**filters)
    label = " – ".join(str(x) for x in (process, region) if x) or _("Events")
    filename = slugify("-".join(x.slug for x in (process, region) if x)) or "events"
    return _ics(calendar_bytes(events, name=label), filename=f"{filename}.ics")


def _ics(body: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _event_args(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in EventForm.SCALARS}


def event_create(request: HttpRequest) -> HttpResponse:
    if (denied := _signed_in_with(request, "process.add_event")) is not None:
        return denied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = _event_args(form.cleaned_data)
        try:
            event = services.event_create(
                actor=request.user,
                anchors=form.cleaned_data["organisations"],
                focal_points=form.cleaned_data["focal_points"],
                **data,
            )
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            return redirect("process:event_detail", slug=event.slug)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "process/event_form.html", {"form": form}, status=status)


def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get(slug=slug, viewer=request.user)
    if (denied := _signed_in_with(request, "process.change_event", event)) is not None:
        return denied
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        data = _event_args(form.cleaned_data)
        data["end_date"] = data.get("end_date") or data["start_date"]
        try:
            services.event_update(
                actor=request.user,
                event=event,
                data=data,
                anchors=form.cleaned_data["organisations"],
                focal_points=form.cleaned_data["focal_points"],
            )
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            return redirect("process:event_detail", slug=event.slug)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "process/event_form.html", {"form": form, "event": event}, status=status)


def event_delete(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get(slug=slug)
    if (denied := _signed_in_with(request, "process.delete_event", event)) is not None:
        return denied
    if request.method == "POST":
        services.event_delete(actor=request.user, event=event)
        return redirect("process:event_list")
    return render(request, "process/confirm_delete.html", {"object": event})


# Documents --------------------------------------------------------------------------


def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET)
    status, page, versions = 200, None, {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        page = _page(request, selectors.document_list(**filters))
        versions = selectors.document_versions(list(page.object_list))
    else:
        status = 400
    rows = []
    if page is not None:
        for doc in page.object_list:
            others = [v for v in versions.get(doc.translation_group, []) if v.pk != doc.pk]
            rows.append((doc, others))
    context = {"form": form, "page": page, "rows": rows, "query": _query_without_page(request)}
    return render(request, "process/document_list.html", context, status=status)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(pk=pk)
    versions = selectors.document_versions([document]).get(document.translation_group, [])
    context = {
        "document": document,
        "versions": [v for v in versions if v.pk != document.pk],
    }
    return render(request, "process/document_detail.html", context)


def document_create(request: HttpRequest) -> HttpResponse:
    if (denied := _signed_in_with(request, "process.add_document")) is not None:
        return denied
    initial = {"event": request.GET.get("event", "")[:100]}
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "title": data["title"],
            "kind": data["kind"],
            "language": data["language"],
            "process": data.get("process"),
            "event": data.get("event"),
            "organisations": data["organisations"],
            "translation_of": data.get("translation_of"),
            "published_on": data.get("published_on"),
            "source": data.get("source", ""),
        }
        try:
            if data.get("file"):
                document = services.document_upload(upload=data["file"], **common)
            else:
                document = services.document_create(url=data["url"], **common)
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            return redirect("process:document_detail", pk=document.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "process/document_form.html", {"form": form}, status=status)


def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(pk=pk)
    if (denied := _signed_in_with(request, "process.change_document", document)) is not None:
        return denied
    initial = {
        "title": document.title,
        "kind": document.kind,
        "language": document.language,
        "published_on": document.published_on,
        "source": document.source,
        "organisations": [o.slug for o in document.organisations.all()],
    }
    form = DocumentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisations = data.pop("organisations")
        try:
            services.document_update(
                actor=request.user, document=document, data=data, organisations=organisations
            )
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            return redirect("process:document_detail", pk=document.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "document": document}
    return render(request, "process/document_form.html", context, status=status)


def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(pk=pk)
    if (denied := _signed_in_with(request, "process.delete_document", document)) is not None:
        return denied
    if request.method == "POST":
        services.document_delete(actor=request.user, document=document)
        return redirect("process:document_list")
    return render(request, "process/confirm_delete.html", {"object": document})


# News -------------------------------------------------------------------------------


def news_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.news_list())
    return render(request, "process/news_list.html", {"page": page, "query": ""})


def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    drafts = request.user.has_perm("process.change_newsitem")
    item = selectors.news_get(slug=slug, include_drafts=drafts)
    return render(
        request, "process/news_detail.html", {"item": item, "body": render_markdown(item.body)}
    )


def _news_args(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items()}


def news_create(request: HttpRequest) -> HttpResponse:
    if (denied := _signed_in_with(request, "process.add_newsitem")) is not None:
        return denied
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.news_create(actor=request.user, **_news_args(form.cleaned_data))
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            return redirect("process:news_detail", slug=item.slug)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "process/news_form.html", {"form": form}, status=status)


def news_edit(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.news_get(slug=slug, include_drafts=True)
    if (denied := _signed_in_with(request, "process.change_newsitem", item)) is not None:
        return denied
    initial = {
        "title": item.title,
        "date": item.date,
        "body": item.body,
        "language": item.language,
        "event": item.event.slug if item.event else "",
        "organisation": item.organisation.slug if item.organisation else None,
        "published": item.published,
    }
    form = NewsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.news_update(actor=request.user, item=item, data=form.cleaned_data)
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            return redirect("process:news_detail", slug=item.slug)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "process/news_form.html", {"form": form, "item": item}, status=status)
