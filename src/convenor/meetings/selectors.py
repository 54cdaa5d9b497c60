"""Reads of the meetings app: the programme by day, registrations, tables and the plan."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet

from convenor.core.errors import NotFound
from convenor.directory.models import Person
from convenor.process.models import Event

from .models import (
    Meeting,
    ProgrammeDay,
    Registration,
    Session,
    SmallTable,
    TablePlacement,
    TableRun,
)
from .services import latest_plan_run


def meeting_get(*, slug: str) -> Meeting:
    meeting = Meeting.objects.select_related("event").filter(event__slug=slug).first()
    if meeting is None:
        raise NotFound("No meeting for this event.")
    return meeting


def event_get(*, slug: str) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise NotFound("No such event.")
    return event


def meeting_for_event(*, event: Event) -> Meeting | None:
    return Meeting.objects.select_related("event").filter(event=event).first()


def day_get(*, meeting: Meeting, pk: int) -> ProgrammeDay:
    day = ProgrammeDay.objects.select_related("meeting__event").filter(meeting=meeting, pk=pk)
    found = day.first()
    if found is None:
        raise NotFound("No such day in this programme.")
    return found


def session_get(*, meeting: Meeting, pk: int) -> Session:
    session = (
        Session.objects.select_related("day__meeting__event")
        .filter(day__meeting=meeting, pk=pk)
        .first()
    )
    if session is None:
        raise NotFound("No such session in this programme.")
    return session


def table_get(*, meeting: Meeting, pk: int) -> SmallTable:
    table = SmallTable.objects.select_related("meeting").filter(meeting=meeting, pk=pk).first()
    if table is None:
        raise NotFound("No such table.")
    return table


def _public_people(viewer: Any) -> QuerySet[Person]:
    qs = Person.objects.select_related("organisation").order_by("name")
    if getattr(viewer, "is_coordinator", False):
        return qs
    return qs.filter(do_not_publish=False)


def session_list(*, meeting: Meeting, viewer: Any = None) -> QuerySet[Session]:
    """Sessions in time order with themes and the people a viewer may see."""
    people = _public_people(viewer)
    return (
        Session.objects.filter(day__meeting=meeting)
        .select_related("day")
        .prefetch_related(
            "themes__framework",
            Prefetch("facilitators", queryset=people),
            Prefetch("rapporteurs", queryset=people),
        )
        .order_by("day__date", "start_time", "order", "id")
    )


def programme(*, meeting: Meeting, viewer: Any = None) -> list[dict[str, Any]]:
    """[{day, sessions}] in date order."""
    days = {d.pk: d for d in ProgrammeDay.objects.filter(meeting=meeting).order_by("date")}
    by_day: dict[int, list[Session]] = defaultdict(list)
    for session in session_list(meeting=meeting, viewer=viewer):
        by_day[session.day_id].append(session)
    return [{"day": day, "sessions": by_day[pk]} for pk, day in days.items()]


def registration_list(*, meeting: Meeting, status: str | None = None) -> QuerySet[Registration]:
    qs = Registration.objects.filter(meeting=meeting).select_related(
        "organisation", "parallel_session"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("created_at", "id")


def table_list(*, meeting: Meeting) -> QuerySet[SmallTable]:
    return SmallTable.objects.filter(meeting=meeting).select_related("theme", "facilitator")


def plan(*, meeting: Meeting) -> dict[str, Any]:
    """The latest plan: {run, rounds: {1: [(table, [registrations])], 2: [...]}}."""
    run: TableRun | None = latest_plan_run(meeting)
    if run is None:
        return {"run": None, "rounds": {}}
    tables = {t.pk: t for t in table_list(meeting=meeting)}
    seats: dict[int, dict[int, list[Registration]]] = defaultdict(lambda: defaultdict(list))
    for p in TablePlacement.objects.filter(run=run).select_related("registration__organisation"):
        seats[p.round][p.table_id].append(p.registration)
    rounds = {
        r: [
            (tables[t], sorted(people, key=lambda x: x.name))
            for t, people in sorted(by_table.items(), key=lambda item: tables[item[0]].number)
        ]
        for r, by_table in sorted(seats.items())
    }
    return {"run": run, "rounds": rounds}
