"""Pages of the meetings app: the agenda (with iCalendar and PDF), registration, the
coordinators' list with approvals and badges, accreditation import and small tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import DomainError, NotFound
from convenor.core.forms import form_add_error
from convenor.core.permissions import require
from convenor.core.views import service_form_page

from . import pdf, selectors, services
from .forms import (
    DayForm,
    DecideForm,
    ImportForm,
    MeetingForm,
    PinForm,
    RegistrationForm,
    RunForm,
    SessionForm,
    StatusFilterForm,
    SwitchForm,
    TableForm,
)
from .ical import programme_calendar
from .ldc import ldc_list
from .models import Registration, RegistrationStatus, Session, SessionKind, SmallTable

PER_PAGE = 50


def _file(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    days = selectors.programme(meeting=meeting, viewer=request.user)
    context = {
        "meeting": meeting,
        "days": days,
        "manage": request.user.has_perm("meetings.manage_registrations", meeting),
    }
    return render(request, "meetings/programme.html", context)


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    sessions = selectors.session_list(meeting=meeting)
    return _file(
        programme_calendar(meeting, sessions),
        filename=f"{slug}-programme.ics",
        content_type="text/calendar; charset=utf-8",
    )


def programme_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    days = selectors.programme(meeting=meeting)  # anonymous: public people only
    return _file(
        pdf.programme_pdf(meeting, days),
        filename=f"{slug}-programme.pdf",
        content_type="application/pdf",
    )


def register(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    sessions = list(
        Session.objects.filter(day__meeting=meeting, kind=SessionKind.PARALLEL).order_by("title")
    )
    form = RegistrationForm(request.POST or None, sessions=sessions)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            session_id = data.pop("parallel_session")
            session = next((s for s in sessions if str(s.pk) == session_id), None)
            try:
                services.registration_create(
                    actor=request.user, meeting=meeting, parallel_session=session, **data
                )
            except DomainError as error:
                form_add_error(form, error)
                status = error.status
            else:
                messages.success(
                    request, _("Thank you: your registration waits for the organisers' approval.")
                )
                return redirect("meetings:programme", slug=slug)
        else:
            status = 400
    context = {"meeting": meeting, "form": form, "ldc": ldc_list()}
    return render(request, "meetings/register.html", context, status=status)


@login_required
def registration_list(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.view_registrations", meeting)
    form = StatusFilterForm(request.GET)
    status_code, status = 200, None
    if form.is_valid():
        status = form.cleaned_data.get("status") or None
    else:
        status_code = 400
    page = Paginator(
        selectors.registration_list(meeting=meeting, status=status), PER_PAGE
    ).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "meeting": meeting,
        "page": page,
        "form": form,
        "decide_form": DecideForm(),
        "query": params.urlencode(),
    }
    return render(request, "meetings/registration_list.html", context, status=status_code)


@login_required
@require_POST
def registration_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    registration = Registration.objects.filter(meeting=meeting, pk=pk).first()
    if registration is None:
        raise NotFound(_("No such registration."))
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
    else:
        try:
            registration = services.registration_decide(
                actor=request.user, registration=registration, status=form.cleaned_data["status"]
            )
        except DomainError as error:
            if error.status == 403:
                raise
            messages.error(request, error.detail)
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s")
                % {"name": registration.name, "status": registration.get_status_display()},
            )
    return redirect("meetings:registrations", slug=slug)


@login_required
def badges_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.view_registrations", meeting)
    people = selectors.registration_list(meeting=meeting, status=RegistrationStatus.ACCEPTED)
    return _file(
        pdf.badges_pdf(meeting, people),
        filename=f"{slug}-badges.pdf",
        content_type="application/pdf",
    )


@login_required
def accreditation_import(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_accreditation")
    form = ImportForm(request.POST or None, request.FILES or None)
    report: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                added = services.accreditation_import_csv(
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    source=form.cleaned_data["source"] or "",
                )
            except DomainError as error:
                report = list(getattr(error, "lines", []))
                form.add_error("file", error.detail.splitlines()[0])
                status = error.status
            else:
                messages.success(request, _("%(n)d organisations added.") % {"n": added})
                return redirect("meetings:registrations", slug=slug)
        else:
            status = 400
    context = {"meeting": meeting, "form": form, "report": report}
    return render(request, "meetings/accreditation.html", context, status=status)


def _tables_context(meeting: Any) -> dict[str, Any]:
    current = selectors.plan(meeting=meeting)
    return {
        "meeting": meeting,
        "tables": list(selectors.table_list(meeting=meeting)),
        "participants": list(
            selectors.registration_list(meeting=meeting, status=RegistrationStatus.ACCEPTED)
            .prefetch_related("pins__table")
            .select_related("switch__table")
        ),
        "plan": current,
        "run_form": RunForm(),
    }


@login_required
def tables(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_tables", meeting)
    return render(request, "meetings/tables.html", _tables_context(meeting))


@login_required
@require_POST
def tables_run(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    form = RunForm(request.POST)
    require(request.user, "meetings.manage_tables", meeting)
    if not form.is_valid():
        context = _tables_context(meeting)
        context["run_form"] = form
        return render(request, "meetings/tables.html", context, status=400)
    run = services.table_run_start(
        actor=request.user, meeting=meeting, time_limit=form.cleaned_data["time_limit"]
    )
    return redirect("web:task_detail", progress_id=run.progress_id)


def _registration_and_table(meeting: Any, form: Any) -> tuple[Registration, SmallTable | None]:
    registration = Registration.objects.filter(
        meeting=meeting, pk=form.cleaned_data["registration"]
    ).first()
    if registration is None:
        raise NotFound(_("No such registration."))
    table = None
    if form.cleaned_data.get("table"):
        table = SmallTable.objects.filter(meeting=meeting, pk=form.cleaned_data["table"]).first()
        if table is None:
            raise NotFound(_("No such table."))
    return registration, table


@login_required
@require_POST
def tables_pin(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_tables", meeting)
    form = PinForm(request.POST)
    if form.is_valid():
        registration, table = _registration_and_table(meeting, form)
        services.pin_set(
            actor=request.user,
            registration=registration,
            round=form.cleaned_data["round"],
            table=table,
        )
    else:
        messages.error(request, _("Choose a participant, a round and a table."))
    return redirect("meetings:tables", slug=slug)


@login_required
@require_POST
def tables_switch(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_tables", meeting)
    form = SwitchForm(request.POST)
    if form.is_valid():
        registration, table = _registration_and_table(meeting, form)
        services.switch_request(actor=request.user, registration=registration, table=table)
    else:
        messages.error(request, _("Choose a participant and a table."))
    return redirect("meetings:tables", slug=slug)


@login_required
def tables_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_tables", meeting)
    rounds = selectors.plan(meeting=meeting)["rounds"]
    return _file(
        pdf.table_lists_pdf(meeting, rounds),
        filename=f"{slug}-tables.pdf",
        content_type="application/pdf",
    )


@login_required
def place_cards_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_tables", meeting)
    rounds = selectors.plan(meeting=meeting)["rounds"]
    return _file(
        pdf.place_cards_pdf(meeting, rounds),
        filename=f"{slug}-place-cards.pdf",
        content_type="application/pdf",
    )


# Coordinators' forms: the meeting, its programme and its small tables ----------------


def _form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], HttpResponse],
    context: dict[str, Any],
) -> HttpResponse:
    return service_form_page(request, form, save, template="meetings/form.html", context=context)


def _deleted(request: HttpRequest, slug: str, delete: Callable[[], None]) -> HttpResponse | None:
    """A POST with `delete` set removes the object (through `delete`) and goes back to the
    programme; a domain error is shown as a message."""
    if request.method != "POST" or not request.POST.get("delete"):
        return None
    try:
        delete()
    except DomainError as error:
        if error.status == 403:
            raise
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Removed."))
    return redirect("meetings:programme", slug=slug)


@login_required
def meeting_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Set up (on first use) and edit a meeting: capacity, registration, time zone."""
    require(request.user, "meetings.manage_meeting")
    event = selectors.event_get(slug=slug)
    meeting = selectors.meeting_for_event(event=event)

    def save(data: dict[str, Any]) -> HttpResponse:
        target = meeting or services.meeting_ensure(
            actor=request.user, event=event, capacity=data["capacity"]
        )
        services.meeting_update(actor=request.user, meeting=target, data=data)
        messages.success(request, _("Saved."))
        return redirect("meetings:programme", slug=slug)

    initial = (
        {f: getattr(meeting, f) for f in services.MEETING_FIELDS}
        if meeting
        else {"capacity": 100, "registration_open": True}
    )
    form = MeetingForm(request.POST or None, initial=initial)
    context = {"heading": _("Meeting settings"), "event": event}
    return _form_page(request, form, save, context)


@login_required
def day_create(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_meeting", meeting)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.day_create(actor=request.user, meeting=meeting, **data)
        return redirect("meetings:programme", slug=slug)

    context = {"heading": _("Add a day"), "event": meeting.event}
    return _form_page(request, DayForm(request.POST or None), save, context)


@login_required
def day_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_meeting", meeting)
    day = selectors.day_get(meeting=meeting, pk=pk)
    gone = _deleted(request, slug, lambda: services.day_delete(actor=request.user, day=day))
    if gone is not None:
        return gone

    def save(data: dict[str, Any]) -> HttpResponse:
        services.day_update(actor=request.user, day=day, **data)
        return redirect("meetings:programme", slug=slug)

    form = DayForm(request.POST or None, initial={"date": day.date, "title": day.title})
    context = {
        "heading": _("Edit the day"),
        "event": meeting.event,
        "delete_label": _("Remove this day (only once it has no sessions)"),
    }
    return _form_page(request, form, save, context)


def _session_data(data: dict[str, Any]) -> services.SessionData:
    return services.SessionData(
        kind=data["kind"],
        title=data["title"],
        start_time=data["start_time"],
        end_time=data["end_time"],
        room=data["room"] or "",
        description=data["description"] or "",
        chatham_house=data["chatham_house"],
        table_round=data["table_round"],
        themes=tuple(data["themes"]),
        facilitators=tuple(data["facilitators"]),
        rapporteurs=tuple(data["rapporteurs"]),
    )


@login_required
def session_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_meeting", meeting)
    day = selectors.day_get(meeting=meeting, pk=pk)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.session_create(actor=request.user, day=day, data=_session_data(data))
        return redirect("meetings:programme", slug=slug)

    form = SessionForm(request.POST or None, initial={"kind": SessionKind.PLENARY})
    context = {"heading": _("Add a session"), "event": meeting.event, "day": day}
    return _form_page(request, form, save, context)


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_meeting", meeting)
    session = selectors.session_get(meeting=meeting, pk=pk)
    gone = _deleted(
        request, slug, lambda: services.session_delete(actor=request.user, session=session)
    )
    if gone is not None:
        return gone

    def save(data: dict[str, Any]) -> HttpResponse:
        services.session_update(actor=request.user, session=session, data=_session_data(data))
        return redirect("meetings:programme", slug=slug)

    initial: dict[str, Any] = {
        f: getattr(session, f)
        for f in (
            "kind",
            "title",
            "start_time",
            "end_time",
            "room",
            "description",
            "chatham_house",
            "table_round",
        )
    }
    for name in ("themes", "facilitators", "rapporteurs"):
        initial[name] = list(getattr(session, name).values_list("pk", flat=True))
    form = SessionForm(request.POST or None, initial=initial)
    context = {
        "heading": _("Edit the session"),
        "event": meeting.event,
        "day": session.day,
        "delete_label": _("Remove this session"),
    }
    return _form_page(request, form, save, context)


@login_required
def table_create(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_tables", meeting)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.table_create(actor=request.user, meeting=meeting, **data)
        return redirect("meetings:tables", slug=slug)

    taken = selectors.table_list(meeting=meeting).count()
    form = TableForm(request.POST or None, meeting=meeting, initial={"number": taken + 1})
    context = {"heading": _("Add a small table"), "event": meeting.event}
    return _form_page(request, form, save, context)


@login_required
def table_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(slug=slug)
    require(request.user, "meetings.manage_tables", meeting)
    table = selectors.table_get(meeting=meeting, pk=pk)
    if request.method == "POST" and request.POST.get("delete"):
        services.table_delete(actor=request.user, table=table)
        messages.success(request, _("Removed."))
        return redirect("meetings:tables", slug=slug)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.table_update(actor=request.user, table=table, data=data)
        return redirect("meetings:tables", slug=slug)

    initial = {f: getattr(table, f) for f in services.TABLE_FIELDS}
    form = TableForm(request.POST or None, meeting=meeting, initial=initial)
    context = {
        "heading": _("Edit the small table"),
        "event": meeting.event,
        "delete_label": _("Remove this table (and its places in earlier plans)"),
    }
    return _form_page(request, form, save, context)
