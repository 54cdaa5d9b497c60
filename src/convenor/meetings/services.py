"""Writes of the meetings app: the programme, registrations (with waiting list, accreditation
check and LDC travel support), accreditation lists and small-table plans. Each function
checks the actor's permission, owns its transaction and leaves an audit entry."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from convenor.core.audit import audit_record, changed_fields
from convenor.core.errors import Conflict, InvalidInput, Unprocessable
from convenor.core.models import TaskProgress
from convenor.core.permissions import require
from convenor.core.services import task_progress_create, task_progress_update
from convenor.core.text import unique_slug
from convenor.core.uploads import check_upload
from convenor.directory.models import Organisation
from convenor.process.models import Event

from . import engine
from .ldc import is_ldc
from .matching import fold
from .models import (
    AccreditedOrganisation,
    Meeting,
    ParticipantKind,
    ProgrammeDay,
    Registration,
    RegistrationStatus,
    Session,
    SessionKind,
    SmallTable,
    TablePin,
    TablePlacement,
    TableRun,
    TableRunStatus,
    TableSwitch,
)

DEFAULT_TIME_LIMIT = 8.0


# Meetings ----------------------------------------------------------------------------


def meeting_ensure(
    *, actor: Any, event: Event, capacity: int = 100, government_led: bool = False
) -> Meeting:
    """The meeting record of an event (created on first use)."""
    require(actor, "meetings.manage_meeting")
    if capacity < 0:
        raise Unprocessable(_("The capacity cannot be negative."), field="capacity")
    with transaction.atomic():
        meeting, created = Meeting.objects.get_or_create(
            event=event, defaults={"capacity": capacity, "government_led": government_led}
        )
        if created:
            audit_record(actor=actor, action="meetings.meeting.create", target=meeting)
    return meeting


MEETING_FIELDS = ("capacity", "government_led", "registration_open", "time_zone", "note")


def _check_zone(name: str) -> None:
    if not name:
        return
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise Unprocessable(
            _("Unknown time zone; use an IANA name such as America/Mexico_City."),
            field="time_zone",
        ) from exc


def meeting_update(*, actor: Any, meeting: Meeting, data: Mapping[str, Any]) -> Meeting:
    """Change a meeting's capacity, leadership, registration state, time zone or note."""
    require(actor, "meetings.manage_meeting", meeting)
    unknown = set(data) - set(MEETING_FIELDS)
    if unknown:
        raise Unprocessable(_("This field cannot be changed here."), field=sorted(unknown)[0])
    if data.get("capacity") is not None and data["capacity"] < 0:
        raise Unprocessable(_("The capacity cannot be negative."), field="capacity")
    _check_zone(str(data.get("time_zone") or ""))
    with transaction.atomic():
        changes = changed_fields(meeting, dict(data))
        if changes:
            meeting.save(update_fields=[*changes, "updated_at"])
            audit_record(
                actor=actor, action="meetings.meeting.update", target=meeting, changes=changes
            )
    return meeting


# Programme -----------------------------------------------------------------------------


def day_create(*, actor: Any, meeting: Meeting, date: dt.date, title: str = "") -> ProgrammeDay:
    require(actor, "meetings.manage_meeting", meeting)
    try:
        with transaction.atomic():
            day = ProgrammeDay.objects.create(meeting=meeting, date=date, title=title.strip())
            audit_record(actor=actor, action="meetings.day.create", target=day)
    except IntegrityError as exc:
        raise Conflict(_("The programme already has this day."), field="date") from exc
    return day


def day_update(*, actor: Any, day: ProgrammeDay, date: dt.date, title: str) -> ProgrammeDay:
    require(actor, "meetings.manage_meeting", day.meeting)
    try:
        with transaction.atomic():
            changes = changed_fields(day, {"date": date, "title": title.strip()})
            if changes:
                day.save(update_fields=list(changes))
                audit_record(actor=actor, action="meetings.day.update", target=day, changes=changes)
    except IntegrityError as exc:
        raise Conflict(_("The programme already has this day."), field="date") from exc
    return day


def day_delete(*, actor: Any, day: ProgrammeDay) -> None:
    """Remove a day; refused while it still has sessions (remove those first)."""
    require(actor, "meetings.manage_meeting", day.meeting)
    if day.sessions.exists():
        raise Conflict(_("Remove this day's sessions first."), code="day_in_use")
    with transaction.atomic():
        audit_record(actor=actor, action="meetings.day.delete", target=day)
        day.delete()


@dataclass(frozen=True)
class SessionData:
    """What a coordinator says about one session of the programme."""

    kind: str
    title: str
    start_time: dt.time
    end_time: dt.time
    room: str = ""
    description: str = ""
    chatham_house: bool = False
    table_round: int | None = None
    themes: tuple[Any, ...] = ()
    facilitators: tuple[Any, ...] = ()
    rapporteurs: tuple[Any, ...] = ()
    slug: str = ""


def _check_session(data: SessionData) -> None:
    if not data.title.strip():
        raise Unprocessable(_("This field is required."), field="title")
    if data.kind not in SessionKind.values:
        raise Unprocessable(_("This value is not one of the allowed choices."), field="kind")
    if data.end_time <= data.start_time:
        raise Unprocessable(_("The session must end after it starts."), field="end_time")
    if data.kind == SessionKind.SMALL_TABLE and data.table_round not in (1, 2):
        raise Unprocessable(_("A small-table session is round 1 or 2."), field="table_round")
    if data.kind != SessionKind.SMALL_TABLE and data.table_round is not None:
        raise Unprocessable(_("Only small-table sessions have a table round."), field="table_round")


def _session_values(data: SessionData) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "title": data.title.strip()[:300],
        "start_time": data.start_time,
        "end_time": data.end_time,
        "room": data.room.strip()[:200],
        "description": data.description.strip(),
        "chatham_house": data.chatham_house,
        "table_round": data.table_round,
    }


def _set_people(session: Session, data: SessionData) -> dict[str, Any]:
    """Set themes, facilitators and rapporteurs; return what changed (by primary key)."""
    changes: dict[str, Any] = {}
    for name in ("themes", "facilitators", "rapporteurs"):
        manager = getattr(session, name)
        old = sorted(manager.values_list("pk", flat=True))
        new = sorted({obj.pk for obj in getattr(data, name)})
        if old != new:
            manager.set(new)
            changes[name] = [old, new]
    return changes


def session_create(*, actor: Any, day: ProgrammeDay, data: SessionData) -> Session:
    """Add a session to a day of the programme."""
    require(actor, "meetings.manage_meeting", day.meeting)
    _check_session(data)
    with transaction.atomic():
        taken = Session.objects.filter(day=day)
        if data.slug and taken.filter(slug=data.slug).exists():
            raise Conflict(_("This identifier is already used."), field="slug")
        slug = data.slug or unique_slug(data.title, lambda x: taken.filter(slug=x).exists())
        order = (taken.aggregate(m=Max("order"))["m"] or 0) + 1
        session = Session.objects.create(day=day, slug=slug, order=order, **_session_values(data))
        _set_people(session, data)
        audit_record(actor=actor, action="meetings.session.create", target=session)
    return session


def session_update(*, actor: Any, session: Session, data: SessionData) -> Session:
    """Change a session (its slug stays: links and calendar entries keep working)."""
    require(actor, "meetings.manage_meeting", session.day.meeting)
    _check_session(data)
    with transaction.atomic():
        changes = changed_fields(session, _session_values(data))
        if changes:
            session.save(update_fields=list(changes))
        changes.update(_set_people(session, data))
        if changes:
            audit_record(
                actor=actor, action="meetings.session.update", target=session, changes=changes
            )
    return session


def session_delete(*, actor: Any, session: Session) -> None:
    require(actor, "meetings.manage_meeting", session.day.meeting)
    with transaction.atomic():
        audit_record(actor=actor, action="meetings.session.delete", target=session)
        session.delete()


# Registrations ------------------------------------------------------------------------


def _organisation_for(name: str) -> Organisation | None:
    key = name.strip()
    if not key:
        return None
    return (
        Organisation.objects.filter(name__iexact=key).first()
        or Organisation.objects.filter(acronym__iexact=key).first()
    )


def registration_create(
    *,
    actor: Any,
    meeting: Meeting,
    name: str,
    email: str,
    organisation_name: str = "",
    country: str = "",
    kind: str = ParticipantKind.CIVIL_SOCIETY,
    dietary: str = "",
    accessibility: str = "",
    travel_support: bool = False,
    parallel_session: Session | None = None,
) -> Registration:
    """Register someone (anyone may, while registration is open); the registration waits for
    a coordinator's approval. Eligibility for travel support follows the UN LDC list."""
    if not meeting.registration_open:
        raise Unprocessable(_("Registration for this meeting is closed."), code="closed")
    if not name.strip():
        raise Unprocessable(_("This field is required."), field="name")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise Unprocessable(_("Enter a valid e-mail address."), field="email") from exc
    if kind not in ParticipantKind.values:
        raise Unprocessable(_("This value is not one of the allowed choices."), field="kind")
    country = (country or "").upper()
    if country and country not in dict(countries):
        raise Unprocessable(_("Unknown country."), field="country")
    if parallel_session is not None and parallel_session.day.meeting_id != meeting.pk:
        raise Unprocessable(_("This session is not part of the meeting."), field="parallel_session")
    registration = Registration(
        meeting=meeting,
        name=name.strip()[:200],
        email=email.strip().lower(),
        organisation=_organisation_for(organisation_name),
        organisation_name=organisation_name.strip()[:300],
        country=country,
        kind=kind,
        dietary=dietary.strip()[:300],
        accessibility=accessibility.strip()[:300],
        travel_support=travel_support,
        ldc_eligible=is_ldc(country),
        parallel_session=parallel_session,
    )
    try:
        with transaction.atomic():
            registration.save()
            audit_record(actor=actor, action="meetings.registration.create", target=registration)
    except IntegrityError as exc:
        raise Conflict(_("This e-mail address is already registered."), field="email") from exc
    return registration


def is_accredited(registration: Registration) -> bool:
    """ECOSOC consultative status or special accreditation in the directory, or a name on an
    imported accreditation list."""
    org = registration.organisation
    if org is not None and (org.ecosoc_status or org.special_accreditation):
        return True
    names = [registration.organisation_name, org.name if org else ""]
    keys = {fold(n) for n in names if n}
    return bool(keys) and AccreditedOrganisation.objects.filter(key__in=keys).exists()


def registration_decide(*, actor: Any, registration: Registration, status: str) -> Registration:
    """Accept (onto the waiting list when the meeting is full), reject or withdraw. For a
    government-led meeting a civil society participant must be accredited to be accepted.
    A freed place goes to the first person on the waiting list."""
    require(actor, "meetings.manage_registrations", registration.meeting)
    if status not in RegistrationStatus.values or status == RegistrationStatus.PENDING:
        raise Unprocessable(_("This value is not one of the allowed choices."), field="status")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        old = registration.status
        if status == old:
            return registration
        if status in (RegistrationStatus.ACCEPTED, RegistrationStatus.WAITLISTED):
            if (
                meeting.government_led
                and registration.kind == ParticipantKind.CIVIL_SOCIETY
                and not is_accredited(registration)
            ):
                raise Unprocessable(
                    _(
                        "This organisation is neither in ECOSOC consultative status nor "
                        "accredited to the process."
                    ),
                    code="not_accredited",
                )
            accepted = meeting.registrations.filter(status=RegistrationStatus.ACCEPTED).count()
            status = (
                RegistrationStatus.ACCEPTED
                if accepted < meeting.capacity
                else RegistrationStatus.WAITLISTED
            )
        registration.status = status
        registration.decided_by = actor
        registration.save(update_fields=["status", "decided_by"])
        audit_record(
            actor=actor,
            action="meetings.registration.decide",
            target=registration,
            changes={"status": [old, status]},
        )
        if old == RegistrationStatus.ACCEPTED and status != old:
            _promote_waiting(meeting, actor)
    return registration


def _promote_waiting(meeting: Meeting, actor: Any) -> None:
    nxt = (
        meeting.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if nxt is not None:
        nxt.status = RegistrationStatus.ACCEPTED
        nxt.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="meetings.registration.promote",
            target=nxt,
            changes={"status": [RegistrationStatus.WAITLISTED, RegistrationStatus.ACCEPTED]},
        )


def accreditation_import_csv(*, actor: Any, upload: UploadedFile, source: str = "") -> int:
    """Import accredited organisations from a CSV file with a `name` column. All or nothing:
    any problem refuses the whole file with every problem listed by line. Returns how many
    new names were added (names already listed are skipped)."""
    require(actor, "meetings.manage_accreditation")
    check_upload(upload, field="file")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("The file is not valid UTF-8 text."), field="file") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    problems: list[str] = []
    rows: dict[str, str] = {}
    if "name" not in header:
        problems.append(_("line 1: missing columns: %(cols)s") % {"cols": "name"})
    else:
        reader.fieldnames = header
        seen: dict[str, int] = {}
        for raw in reader:
            number = reader.line_num
            name = (raw.get("name") or "").strip()
            key = fold(name)
            if not key:
                problems.append(_("line %(n)d: the name is missing") % {"n": number})
            elif len(name) > 300:
                problems.append(_("line %(n)d: the name is too long") % {"n": number})
            elif key in seen:
                problems.append(
                    _("line %(n)d: duplicate of line %(other)d") % {"n": number, "other": seen[key]}
                )
            else:
                seen[key] = number
                rows[key] = name
    if not rows and not problems:
        problems.append(_("the file has no rows"))
    if problems:
        head = _("The file was refused and nothing was imported (%(n)d problems).") % {
            "n": len(problems)
        }
        error = InvalidInput(
            "\n".join([head, *problems[:100]]), field="file", code="import_rejected"
        )
        error.lines = problems  # type: ignore[attr-defined]
        raise error
    with transaction.atomic():
        existing = set(
            AccreditedOrganisation.objects.filter(key__in=rows).values_list("key", flat=True)
        )
        new = [
            AccreditedOrganisation(name=name, key=key, source=source[:300])
            for key, name in rows.items()
            if key not in existing
        ]
        AccreditedOrganisation.objects.bulk_create(new)
        audit_record(
            actor=actor, action="meetings.accreditation.import", changes={"added": len(new)}
        )
    return len(new)


# Small tables ------------------------------------------------------------------------


def table_create(
    *,
    actor: Any,
    meeting: Meeting,
    number: int,
    name: str,
    theme: Any = None,
    facilitator: Registration | None = None,
    min_size: int = 0,
    max_size: int = 10,
    min_gov: int = 0,
    max_gov: int = 10,
) -> SmallTable:
    require(actor, "meetings.manage_tables", meeting)
    if min_size > max_size or min_gov > max_gov:
        raise Unprocessable(_("A minimum is above its maximum."), field="min_size")
    if facilitator is not None and facilitator.meeting_id != meeting.pk:
        raise Unprocessable(
            _("This person is not registered for the meeting."), field="facilitator"
        )
    try:
        with transaction.atomic():
            table = SmallTable.objects.create(
                meeting=meeting,
                number=number,
                name=name.strip()[:200],
                theme=theme,
                facilitator=facilitator,
                min_size=min_size,
                max_size=max_size,
                min_gov=min_gov,
                max_gov=max_gov,
            )
            audit_record(actor=actor, action="meetings.table.create", target=table)
    except IntegrityError as exc:
        raise Conflict(_("This table number is already used."), field="number") from exc
    return table


TABLE_FIELDS = (
    "number",
    "name",
    "theme",
    "facilitator",
    "min_size",
    "max_size",
    "min_gov",
    "max_gov",
)


def table_update(*, actor: Any, table: SmallTable, data: Mapping[str, Any]) -> SmallTable:
    """Change a table's number, name, theme, facilitator or size and government bounds."""
    require(actor, "meetings.manage_tables", table.meeting)
    unknown = set(data) - set(TABLE_FIELDS)
    if unknown:
        raise Unprocessable(_("This field cannot be changed here."), field=sorted(unknown)[0])
    merged = {f: data.get(f, getattr(table, f)) for f in TABLE_FIELDS}
    if merged["min_size"] > merged["max_size"] or merged["min_gov"] > merged["max_gov"]:
        raise Unprocessable(_("A minimum is above its maximum."), field="min_size")
    facilitator = merged["facilitator"]
    if facilitator is not None and facilitator.meeting_id != table.meeting_id:
        raise Unprocessable(
            _("This person is not registered for the meeting."), field="facilitator"
        )
    values = dict(data)
    if "name" in values:
        values["name"] = str(values["name"]).strip()[:200]
    try:
        with transaction.atomic():
            changes = changed_fields(table, values)
            if changes:
                table.save(update_fields=list(changes))
                audit_record(
                    actor=actor, action="meetings.table.update", target=table, changes=changes
                )
    except IntegrityError as exc:
        raise Conflict(_("This table number is already used."), field="number") from exc
    return table


def table_delete(*, actor: Any, table: SmallTable) -> None:
    """Remove a table with its pins and switches; plans that placed people there go too."""
    require(actor, "meetings.manage_tables", table.meeting)
    with transaction.atomic():
        audit_record(actor=actor, action="meetings.table.delete", target=table)
        table.delete()


def pin_set(
    *, actor: Any, registration: Registration, round: int, table: SmallTable | None
) -> None:
    """Pin a person to a table in a round (None removes the pin)."""
    require(actor, "meetings.manage_tables", registration.meeting)
    if round not in (1, 2):
        raise Unprocessable(_("The round is 1 or 2."), field="round")
    if table is not None and table.meeting_id != registration.meeting_id:
        raise Unprocessable(_("This table is not part of the meeting."), field="table")
    with transaction.atomic():
        TablePin.objects.filter(registration=registration, round=round).delete()
        if table is not None:
            TablePin.objects.create(registration=registration, round=round, table=table)
        audit_record(
            actor=actor,
            action="meetings.table.pin",
            target=registration,
            changes={"round": round, "table": table.number if table else None},
        )


def switch_request(*, actor: Any, registration: Registration, table: SmallTable | None) -> None:
    """Record (or, with None, drop) a requested table for round 2."""
    require(actor, "meetings.manage_tables", registration.meeting)
    if table is not None and table.meeting_id != registration.meeting_id:
        raise Unprocessable(_("This table is not part of the meeting."), field="table")
    with transaction.atomic():
        TableSwitch.objects.filter(registration=registration).delete()
        if table is not None:
            TableSwitch.objects.create(registration=registration, table=table)
        audit_record(
            actor=actor,
            action="meetings.table.switch",
            target=registration,
            changes={"table": table.number if table else None},
        )


def _theme_code(item: Any) -> str | None:
    return f"{item.framework_id}:{item.code}" if item is not None else None


def latest_plan_run(meeting: Meeting) -> TableRun | None:
    return (
        meeting.table_runs.filter(
            status=TableRunStatus.DONE, result__status__in=["optimal", "feasible"]
        )
        .order_by("-created_at", "-id")
        .first()
    )


def table_input(meeting: Meeting) -> engine.TableInput:
    """The engine's input: accepted participants, tables, pins, round-2 switches and the last
    plan (so that a re-run changes as little as possible)."""
    tables = list(meeting.tables.select_related("theme", "facilitator"))
    facilitating = {t.facilitator_id: t for t in tables if t.facilitator_id}
    registrations = list(
        meeting.registrations.filter(status=RegistrationStatus.ACCEPTED)
        .select_related("organisation__region")
        .prefetch_related("parallel_session__themes", "pins")
        .order_by("id")
    )
    participants = []
    for r in registrations:
        themes = list(r.parallel_session.themes.all()) if r.parallel_session else []
        facilitated = facilitating.get(r.pk)
        participants.append(
            engine.Participant(
                id=f"r{r.pk}",
                kind=r.kind,  # type: ignore[arg-type]
                region=r.organisation.region.slug
                if r.organisation and r.organisation.region
                else (str(getattr(r.country, "code", "")) or None),
                sector=r.organisation.kind if r.organisation else None,
                theme=_theme_code(themes[0]) if themes else None,
                facilitator_of=_theme_code(facilitated.theme) if facilitated else None,
                pinned={p.round: f"t{p.table_id}" for p in r.pins.all()},
            )
        )
    ids = {r.pk for r in registrations}
    switches = tuple(
        engine.Placement(participant=f"r{s.registration_id}", round=2, table=f"t{s.table_id}")
        for s in TableSwitch.objects.filter(registration__meeting=meeting, registration_id__in=ids)
    )
    previous: tuple[engine.Placement, ...] = ()
    last = latest_plan_run(meeting)
    if last is not None:
        previous = tuple(
            engine.Placement(
                participant=f"r{p.registration_id}", round=p.round, table=f"t{p.table_id}"
            )
            for p in last.placements.filter(registration_id__in=ids)
        )
    return engine.TableInput(
        participants=tuple(participants),
        tables=tuple(
            engine.Table(
                id=f"t{t.pk}",
                theme=_theme_code(t.theme),
                min_size=t.min_size,
                max_size=t.max_size,
                min_gov=t.min_gov,
                max_gov=t.max_gov,
            )
            for t in tables
        ),
        rounds=2,
        switches=switches,
        previous=previous,
    )


def _input_json(data: engine.TableInput) -> dict[str, Any]:
    out = asdict(data)
    for p in out["participants"]:
        p["pinned"] = {str(k): v for k, v in p["pinned"].items()}
    return out


def _input_from_json(obj: dict[str, Any]) -> engine.TableInput:
    return engine.TableInput(
        participants=tuple(
            engine.Participant(**{**p, "pinned": {int(k): v for k, v in p["pinned"].items()}})
            for p in obj["participants"]
        ),
        tables=tuple(engine.Table(**t) for t in obj["tables"]),
        rounds=obj["rounds"],
        switches=tuple(engine.Placement(**s) for s in obj["switches"]),
        previous=tuple(engine.Placement(**s) for s in obj["previous"]),
        max_overlap=obj["max_overlap"],
        weights=engine.Weights(**obj["weights"]),
    )


def table_run_start(
    *, actor: Any, meeting: Meeting, time_limit: float = DEFAULT_TIME_LIMIT
) -> TableRun:
    """Record a table-assignment run with its exact input and enqueue it (after commit)."""
    require(actor, "meetings.manage_tables", meeting)
    if not 0 < time_limit <= 120:
        raise Unprocessable(
            _("The time limit must lie between 0 and 120 seconds."), field="time_limit"
        )
    if not meeting.tables.exists():
        raise Unprocessable(_("Add the tables first."), code="no_tables")
    with transaction.atomic():
        progress = task_progress_create(
            kind="meetings.tables",
            label=_("Small tables: %(meeting)s") % {"meeting": meeting.event.title},
            total=1,
            created_by=actor,
        )
        run = TableRun.objects.create(
            meeting=meeting,
            input=_input_json(table_input(meeting)),
            params={"time_limit": time_limit},
            progress=progress,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(actor=actor, action="meetings.tables.run", target=run)
    from .tasks import table_run_task

    run_id = run.pk
    transaction.on_commit(lambda: table_run_task.enqueue(run_id))
    return run


def table_run_execute(*, run_id: int) -> TableRun:
    """Solve a recorded table run (a finished run is left as is) and store its plan."""
    run = TableRun.objects.get(pk=run_id)
    if run.status in (TableRunStatus.DONE, TableRunStatus.FAILED):
        return run
    TableRun.objects.filter(pk=run.pk).update(status=TableRunStatus.RUNNING)
    if run.progress_id:
        task_progress_update(progress_id=run.progress_id, status=TaskProgress.Status.RUNNING)
    try:
        data = _input_from_json(run.input)
        result = engine.assign_tables(data, time_limit=float(run.params.get("time_limit", 8)))
    except engine.TableInputError as error:
        return _finish(run, status=TableRunStatus.FAILED, error="\n".join(error.problems))
    out = {
        "status": result.status,
        "objective": result.objective,
        "best_bound": result.best_bound,
        "gap": result.gap,
        "terms": [asdict(t) for t in result.terms],
        "notes": list(result.notes),
        "conflicts": list(result.conflicts),
        "wall_time": round(result.wall_time, 3),
    }
    with transaction.atomic():
        TablePlacement.objects.bulk_create(
            TablePlacement(
                run=run,
                registration_id=int(p.participant[1:]),
                round=p.round,
                table_id=int(p.table[1:]),
            )
            for p in result.plan
        )
        return _finish(run, status=TableRunStatus.DONE, result=out)


def _finish(
    run: TableRun, *, status: str, result: dict[str, Any] | None = None, error: str = ""
) -> TableRun:
    run.status = status
    run.result = result or {}
    run.error = error
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "result", "error", "finished_at"])
    if run.progress_id:
        ok = status == TableRunStatus.DONE
        task_progress_update(
            progress_id=run.progress_id,
            done=1,
            status=TaskProgress.Status.DONE if ok else TaskProgress.Status.FAILED,
            message=(_("Plan: %(s)s") % {"s": run.result.get("status")}) if ok else error[:500],
            result={"url": reverse("meetings:tables", args=[run.meeting.event.slug])},
        )
    return run
