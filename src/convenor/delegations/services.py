"""Writes of the delegations app: rounds, quotas, targets, nominations (on the site or by
CSV), merges of the same person, solver runs, invitations and replacements after a decline.
Each function checks the actor's permission, owns its transaction and leaves an audit entry."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from convenor.core.audit import audit_record, changed_fields
from convenor.core.errors import Conflict, InvalidInput, PermissionDenied, Unprocessable
from convenor.core.models import TaskProgress
from convenor.core.permissions import require
from convenor.core.services import task_progress_create, task_progress_update
from convenor.core.text import unique_slug
from convenor.core.uploads import check_upload
from convenor.directory.models import Organisation, Person
from convenor.process.models import Event

from . import engine
from .errors import ImportRejected
from .matching import NAME_THRESHOLD, fold, name_similarity, same_organisation
from .models import (
    BalanceTarget,
    Invitation,
    InvitationMessage,
    InvitationStatus,
    MergeStatus,
    MergeSuggestion,
    Nomination,
    Quota,
    QuotaMode,
    RoundStatus,
    RunKind,
    RunStatus,
    SelectionRound,
    SelectionRun,
    TargetAttribute,
)

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WORKERS = 4
CSV_REQUIRED = ("process", "priority", "name", "email", "organisation")
CSV_OPTIONAL = ("gender", "youth", "migrant_or_refugee", "do_not_publish")
TRUE_WORDS = {"1", "true", "yes", "y", "oui", "si", "sí", "x"}
FALSE_WORDS = {"", "0", "false", "no", "n", "non"}


# Rounds, quotas and targets ---------------------------------------------------------


def round_create(
    *,
    actor: Any,
    event: Event,
    title: str,
    capacity: int,
    deadline: dt.datetime | None = None,
    slug: str = "",
    description: str = "",
    source: str = "",
) -> SelectionRound:
    require(actor, "delegations.manage_round")
    if not title.strip():
        raise Unprocessable(_("This field is required."), field="title")
    if capacity < 0:
        raise Unprocessable(_("The capacity cannot be negative."), field="capacity")
    with transaction.atomic():
        taken = SelectionRound.objects.filter
        if slug and taken(slug=slug).exists():
            raise Conflict(_("This identifier is already used."), field="slug")
        round_ = SelectionRound.objects.create(
            event=event,
            title=title.strip(),
            capacity=capacity,
            deadline=deadline,
            slug=slug or unique_slug(title, lambda s: taken(slug=s).exists()),
            description=description,
            source=source,
        )
        audit_record(actor=actor, action="delegations.round.create", target=round_)
    return round_


ROUND_FIELDS = ("event", "title", "capacity", "deadline", "status", "description")


def round_update(*, actor: Any, round: SelectionRound, data: Mapping[str, Any]) -> SelectionRound:
    require(actor, "delegations.manage_round", round)
    unknown = set(data) - set(ROUND_FIELDS)
    if unknown:
        raise Unprocessable(_("This field cannot be changed here."), field=sorted(unknown)[0])
    if "status" in data and data["status"] not in RoundStatus.values:
        raise Unprocessable(_("This value is not one of the allowed choices."), field="status")
    if data.get("capacity") is not None and data["capacity"] < 0:
        raise Unprocessable(_("The capacity cannot be negative."), field="capacity")
    with transaction.atomic():
        changes = changed_fields(round, dict(data))
        if changes:
            round.save(update_fields=[*changes, "updated_at"])
            audit_record(
                actor=actor, action="delegations.round.update", target=round, changes=changes
            )
    return round


def quota_create(
    *,
    actor: Any,
    round: SelectionRound,
    process_name: str,
    seats: int,
    mode: str = QuotaMode.SELECT,
    max_names: int | None = None,
    coordinator: Any = None,
    coordinator_label: str = "",
    slug: str = "",
    note: str = "",
) -> Quota:
    require(actor, "delegations.manage_round", round)
    _check_quota(process_name=process_name, seats=seats, mode=mode, max_names=max_names)
    with transaction.atomic():
        taken = Quota.objects.filter(round=round)
        if slug and taken.filter(slug=slug).exists():
            raise Conflict(_("This identifier is already used."), field="slug")
        order = (taken.aggregate(m=Max("order"))["m"] or 0) + 1
        quota = Quota.objects.create(
            round=round,
            process_name=process_name.strip(),
            seats=seats,
            mode=mode,
            max_names=max_names,
            coordinator=coordinator,
            coordinator_label=coordinator_label,
            slug=slug or unique_slug(process_name, lambda s: taken.filter(slug=s).exists()),
            note=note,
            order=order,
        )
        audit_record(actor=actor, action="delegations.quota.create", target=quota)
    return quota


QUOTA_FIELDS = (
    "process_name",
    "seats",
    "mode",
    "max_names",
    "coordinator",
    "coordinator_label",
    "note",
)


def quota_update(*, actor: Any, quota: Quota, data: Mapping[str, Any]) -> Quota:
    require(actor, "delegations.manage_round", quota.round)
    unknown = set(data) - set(QUOTA_FIELDS)
    if unknown:
        raise Unprocessable(_("This field cannot be changed here."), field=sorted(unknown)[0])
    merged = {f: data.get(f, getattr(quota, f)) for f in ("process_name", "seats", "mode")}
    _check_quota(**merged, max_names=data.get("max_names", quota.max_names))
    with transaction.atomic():
        changes = changed_fields(quota, dict(data))
        if changes:
            quota.save(update_fields=list(changes))
            audit_record(
                actor=actor, action="delegations.quota.update", target=quota, changes=changes
            )
    return quota


def _check_quota(*, process_name: str, seats: int, mode: str, max_names: int | None) -> None:
    if not (process_name or "").strip():
        raise Unprocessable(_("This field is required."), field="process_name")
    if seats < 0:
        raise Unprocessable(_("The number of seats cannot be negative."), field="seats")
    if mode not in QuotaMode.values:
        raise Unprocessable(_("This value is not one of the allowed choices."), field="mode")
    if max_names is not None and max_names < seats:
        raise Unprocessable(
            _("A process cannot put forward fewer names than its seats."), field="max_names"
        )


def target_create(
    *,
    actor: Any,
    round: SelectionRound,
    attribute: str,
    value: str,
    min_share: float | None = None,
    min_count: int | None = None,
    weight: float = 1.0,
    hard: bool = False,
) -> BalanceTarget:
    require(actor, "delegations.manage_round", round)
    _check_target(attribute=attribute, min_share=min_share, min_count=min_count, weight=weight)
    with transaction.atomic():
        target = BalanceTarget.objects.create(
            round=round,
            attribute=attribute,
            value=value.strip(),
            min_share=min_share,
            min_count=min_count,
            weight=weight,
            hard=hard,
        )
        audit_record(actor=actor, action="delegations.target.create", target=target)
    return target


def quota_delete(*, actor: Any, quota: Quota) -> None:
    """Remove a nominating process that has no names and no invitations yet (a process
    with names is kept so that nobody's nomination disappears silently)."""
    require(actor, "delegations.manage_round", quota.round)
    if quota.nominations.exists() or quota.invitations.exists():
        raise Conflict(_("This process already has names; remove them first."), code="quota_in_use")
    with transaction.atomic():
        audit_record(actor=actor, action="delegations.quota.delete", target=quota)
        quota.delete()


TARGET_FIELDS = ("attribute", "value", "min_share", "min_count", "weight", "hard")


def _check_target(
    *, attribute: str, min_share: float | None, min_count: int | None, weight: float
) -> None:
    if attribute not in TargetAttribute.values:
        raise Unprocessable(_("This value is not one of the allowed choices."), field="attribute")
    if (min_share is None) == (min_count is None):
        raise Unprocessable(
            _("Give either a minimum share or a minimum count, not both."), field="min_share"
        )
    if min_share is not None and not 0 <= min_share <= 1:
        raise Unprocessable(_("A share lies between 0 and 1."), field="min_share")
    if min_count is not None and min_count < 0:
        raise Unprocessable(_("The count cannot be negative."), field="min_count")
    if weight <= 0:
        raise Unprocessable(_("The weight must be positive."), field="weight")


def target_update(*, actor: Any, target: BalanceTarget, data: Mapping[str, Any]) -> BalanceTarget:
    require(actor, "delegations.manage_round", target.round)
    unknown = set(data) - set(TARGET_FIELDS)
    if unknown:
        raise Unprocessable(_("This field cannot be changed here."), field=sorted(unknown)[0])
    merged = {f: data.get(f, getattr(target, f)) for f in TARGET_FIELDS}
    _check_target(
        attribute=merged["attribute"],
        min_share=merged["min_share"],
        min_count=merged["min_count"],
        weight=merged["weight"],
    )
    values = dict(data)
    if "value" in values:
        values["value"] = str(values["value"]).strip()
    with transaction.atomic():
        changes = changed_fields(target, values)
        if changes:
            target.save(update_fields=list(changes))
            audit_record(
                actor=actor, action="delegations.target.update", target=target, changes=changes
            )
    return target


def target_delete(*, actor: Any, target: BalanceTarget) -> None:
    require(actor, "delegations.manage_round", target.round)
    with transaction.atomic():
        audit_record(actor=actor, action="delegations.target.delete", target=target)
        target.delete()


# Nominations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Nominee:
    """What a nominator says about one name."""

    name: str
    email: str = ""
    organisation: str = ""
    gender: str = ""
    youth: bool | None = None
    migrant_or_refugee: bool = False
    do_not_publish: bool = False


def _check_can_nominate(actor: Any, quota: Quota) -> None:
    """Permission, round state and deadline. Coordinators may still correct a closed list."""
    require(actor, "delegations.nominate", quota)
    if getattr(actor, "is_coordinator", False):
        return
    round_ = quota.round
    if round_.status != RoundStatus.OPEN:
        raise Unprocessable(_("Nominations for this round are closed."), code="closed")
    if round_.deadline is not None and timezone.now() > round_.deadline:
        raise Unprocessable(_("The nomination deadline has passed."), code="deadline")


def _check_nominee(nominee: Nominee) -> list[tuple[str, str]]:
    """(field, problem) pairs for one nominee; empty when fine."""
    problems = []
    if not nominee.name.strip():
        problems.append(("name", _("the name is missing")))
    elif len(nominee.name) > 200:
        problems.append(("name", _("the name is longer than 200 characters")))
    if nominee.email:
        try:
            validate_email(nominee.email)
        except ValidationError:
            problems.append(
                (
                    "email",
                    _("“%(email)s” is not a valid e-mail address") % {"email": nominee.email[:100]},
                )
            )
    if len(nominee.organisation) > 300:
        problems.append(("organisation", _("the organisation is longer than 300 characters")))
    return problems


def _organisation_for(name: str) -> Organisation | None:
    if not name.strip():
        return None
    key = name.strip()
    return (
        Organisation.objects.filter(name__iexact=key).first()
        or Organisation.objects.filter(acronym__iexact=key).first()
        or Organisation.objects.filter(slug__iexact=key).first()
    )


def _person_for(
    nominee: Nominee, *, actor: Any, round: SelectionRound
) -> tuple[Person, list[tuple[Person, float]]]:
    """The directory record of a nominee: the person with the same e-mail, else a new record.
    Also returns close matches (similar name, same organisation) to suggest as merges."""
    email = nominee.email.strip().lower()
    if email:
        found = Person.objects.filter(email__iexact=email).order_by("pk").first()
        if found is not None:
            if nominee.do_not_publish and not found.do_not_publish:
                found.do_not_publish = True  # a request to hide is always honoured
                found.save(update_fields=["do_not_publish", "updated_at"])
            return found, []
    organisation = _organisation_for(nominee.organisation)
    person = Person(
        name=nominee.name.strip(),
        email=email,
        organisation=organisation,
        gender=nominee.gender.strip()[:60],
        is_youth=nominee.youth,
        do_not_publish=nominee.do_not_publish,
        source=f"delegations: {round.slug}",
    )
    person.slug = unique_slug(person.name, lambda s: Person.objects.filter(slug=s).exists())
    person.save()
    audit_record(actor=actor, action="delegations.person.create", target=person)
    # Close matches among the people already nominated in this round.
    candidates = (
        Nomination.objects.filter(quota__round=round)
        .exclude(person=person)
        .select_related("person__organisation")
    )
    seen: set[int] = set()
    matches = []
    for other in candidates:
        if other.person_id in seen:
            continue
        seen.add(other.person_id)
        other_org = other.organisation_name or (
            other.person.organisation.name if other.person.organisation else ""
        )
        score = name_similarity(person.name, other.person.name)
        if score >= NAME_THRESHOLD and same_organisation(nominee.organisation, other_org):
            matches.append((other.person, score))
    return person, matches


def _suggest_merges(
    round: SelectionRound, person: Person, matches: list[tuple[Person, float]]
) -> None:
    for existing, score in matches:
        MergeSuggestion.objects.get_or_create(
            round=round, person=existing, duplicate=person, defaults={"score": round_score(score)}
        )


def round_score(score: float) -> float:
    return float(f"{score:.3f}")


def nomination_add(
    *, actor: Any, quota: Quota, nominee: Nominee, priority: int | None = None
) -> Nomination:
    """Put a name forward for `quota`, last in priority order (or at `priority`, moving the
    names from there one place down). The same e-mail is the same person; a close name at
    the same organisation becomes a suggested merge for a coordinator."""
    _check_can_nominate(actor, quota)
    problems = _check_nominee(nominee)
    if problems:
        field, message = problems[0]
        raise Unprocessable(message[:1].upper() + message[1:] + ".", field=field)
    with transaction.atomic():
        quota = Quota.objects.select_for_update().select_related("round").get(pk=quota.pk)
        count = quota.nominations.count()
        if quota.max_names is not None and count >= quota.max_names:
            raise Unprocessable(
                _("This process may put forward at most %(n)d names.") % {"n": quota.max_names},
                code="max_names",
            )
        person, matches = _person_for(nominee, actor=actor, round=quota.round)
        if quota.nominations.filter(person=person).exists():
            raise Conflict(_("This person is already nominated by this process."), field="email")
        last = count + 1
        at = last if priority is None else max(1, min(priority, last))
        if at < last:
            quota.nominations.filter(priority__gte=at).update(priority=F("priority") + 1)
        nomination = Nomination.objects.create(
            quota=quota,
            person=person,
            priority=at,
            organisation_name=nominee.organisation.strip(),
            migrant_or_refugee=nominee.migrant_or_refugee,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _suggest_merges(quota.round, person, matches)
        audit_record(
            actor=actor,
            action="delegations.nomination.create",
            target=nomination,
            changes={"priority": at},
        )
    return nomination


def nomination_move(*, actor: Any, nomination: Nomination, priority: int) -> Nomination:
    """Move a name to `priority` within its process; the others shift to make room."""
    quota = nomination.quota
    _check_can_nominate(actor, quota)
    with transaction.atomic():
        names = list(quota.nominations.select_for_update().order_by("priority", "id"))
        current = next(n for n in names if n.pk == nomination.pk)
        names.remove(current)
        target = max(1, min(priority, len(names) + 1))
        names.insert(target - 1, current)
        old = nomination.priority
        _renumber(names)
        nomination.refresh_from_db()
        if old != nomination.priority:
            audit_record(
                actor=actor,
                action="delegations.nomination.move",
                target=nomination,
                changes={"priority": [old, nomination.priority]},
            )
    return nomination


def nomination_remove(*, actor: Any, nomination: Nomination) -> None:
    quota = nomination.quota
    _check_can_nominate(actor, quota)
    with transaction.atomic():
        audit_record(actor=actor, action="delegations.nomination.delete", target=nomination)
        nomination.delete()
        _renumber(list(quota.nominations.select_for_update().order_by("priority", "id")))


def _renumber(names: list[Nomination]) -> None:
    """Priorities 1..n in the given order, written without clashing on the way."""
    for index, n in enumerate(names, start=1):
        if n.priority != index:
            Nomination.objects.filter(pk=n.pk).update(priority=index)


def _flag(value: str) -> bool | None:
    word = (value or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def nominations_import_csv(
    *, actor: Any, round: SelectionRound, upload: UploadedFile
) -> list[Nomination]:
    """Import nominations from a CSV file with the columns process (the quota's identifier or
    name), priority, name, email, organisation (and optionally gender, youth,
    migrant_or_refugee, do_not_publish). All or nothing: any problem refuses the whole file
    with an ImportRejected listing every problem by line. Imported names go after a
    process's existing names, in the file's priority order."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("You are not allowed to do this."))
    check_upload(upload, field="file")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("The file is not valid UTF-8 text."), field="file") from exc
    rows, lines = _parse_rows(text, actor=actor, round=round)
    if lines:
        raise ImportRejected(lines)
    created = []
    with transaction.atomic():
        for quota, _prio, nominee in sorted(rows, key=lambda r: (r[0].order, r[0].pk, r[1])):
            created.append(nomination_add(actor=actor, quota=quota, nominee=nominee))
        audit_record(
            actor=actor,
            action="delegations.nomination.import",
            target=round,
            changes={"rows": len(created)},
        )
    return created


def _parse_rows(
    text: str, *, actor: Any, round: SelectionRound
) -> tuple[list[tuple[Quota, int, Nominee]], list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        return [], [_("line 1: missing columns: %(cols)s") % {"cols": ", ".join(missing)}]
    reader.fieldnames = header
    quotas = {q.slug.lower(): q for q in round.quotas.select_related("round")}
    quotas.update({fold(q.process_name): q for q in quotas.copy().values()})
    existing: dict[int, set[str]] = {}
    counts: dict[int, int] = {}
    for n in Nomination.objects.filter(quota__round=round).select_related("person"):
        keys = existing.setdefault(n.quota_id, set())
        keys.add("name:" + fold(n.person.name))
        if n.person.email:
            keys.add("email:" + n.person.email.lower())
        counts[n.quota_id] = counts.get(n.quota_id, 0) + 1
    rows: list[tuple[Quota, int, Nominee]] = []
    lines: list[str] = []
    seen_rows: dict[tuple[int, str], int] = {}
    seen_prio: dict[tuple[int, int], int] = {}
    for raw in reader:
        number = reader.line_num
        row = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue

        def problem(message: str, number: int = number) -> None:
            lines.append(_("line %(n)d: %(problem)s") % {"n": number, "problem": message})

        key = row.get("process", "")
        quota = quotas.get(key.lower()) or quotas.get(fold(key))
        if quota is None:
            problem(_("unknown process “%(p)s”") % {"p": key[:100]})
        else:
            try:
                _check_can_nominate(actor, quota)
            except (PermissionDenied, Unprocessable) as error:
                problem(f"{quota.slug}: {error.detail}")
                quota = None
        try:
            priority = int(row.get("priority", ""))
            if priority < 1:
                raise ValueError
        except ValueError:
            problem(_("the priority must be a whole number from 1"))
            priority = 0
        flags = {}
        for column in ("youth", "migrant_or_refugee", "do_not_publish"):
            flags[column] = _flag(row.get(column, ""))
            if flags[column] is None:
                problem(
                    _("“%(v)s” in %(c)s is not yes or no") % {"v": row[column][:20], "c": column}
                )
        nominee = Nominee(
            name=row.get("name", ""),
            email=row.get("email", "").lower(),
            organisation=row.get("organisation", ""),
            gender=row.get("gender", ""),
            youth=flags["youth"] if row.get("youth") else None,
            migrant_or_refugee=bool(flags["migrant_or_refugee"]),
            do_not_publish=bool(flags["do_not_publish"]),
        )
        for _field, message in _check_nominee(nominee):
            problem(message)
        if quota is None:
            continue
        identity = "email:" + nominee.email if nominee.email else "name:" + fold(nominee.name)
        if (quota.pk, identity) in seen_rows:
            problem(
                _("duplicate of line %(other)d for the same process")
                % {"other": seen_rows[quota.pk, identity]}
            )
        elif identity in existing.get(quota.pk, set()):
            problem(_("this person is already nominated by %(q)s") % {"q": quota.slug})
        seen_rows.setdefault((quota.pk, identity), number)
        if priority and (quota.pk, priority) in seen_prio:
            problem(
                _("priority %(p)d is already used on line %(other)d for %(q)s")
                % {"p": priority, "other": seen_prio[quota.pk, priority], "q": quota.slug}
            )
        seen_prio.setdefault((quota.pk, priority), number)
        counts[quota.pk] = counts.get(quota.pk, 0) + 1
        if quota.max_names is not None and counts[quota.pk] > quota.max_names:
            problem(
                _("%(q)s may put forward at most %(n)d names")
                % {"q": quota.slug, "n": quota.max_names}
            )
        rows.append((quota, priority, nominee))
    if not rows and not lines:
        lines.append(_("the file has no rows"))
    return rows, lines


# Same person, two records ------------------------------------------------------------


def merge_decide(*, actor: Any, merge: MergeSuggestion, confirm: bool) -> MergeSuggestion:
    """Confirm (the duplicate's nominations in the round now name the person; where both were
    named by one process the better priority is kept) or reject a suggested merge."""
    require(actor, "delegations.merge_people", merge.round)
    if merge.status != MergeStatus.SUGGESTED:
        raise Conflict(_("This suggestion was already decided."), code="decided")
    with transaction.atomic():
        if confirm:
            for nomination in Nomination.objects.filter(
                quota__round=merge.round, person=merge.duplicate
            ).select_related("quota"):
                twin = Nomination.objects.filter(
                    quota=nomination.quota, person=merge.person
                ).first()
                if twin is None:
                    nomination.person = merge.person
                    nomination.save(update_fields=["person"])
                    continue
                keep_priority = min(twin.priority, nomination.priority)
                nomination.delete()
                twin.priority = keep_priority
                twin.save(update_fields=["priority"])
                _renumber(list(twin.quota.nominations.order_by("priority", "id")))
        merge.status = MergeStatus.CONFIRMED if confirm else MergeStatus.REJECTED
        merge.decided_by = actor
        merge.save(update_fields=["status", "decided_by"])
        audit_record(
            actor=actor,
            action="delegations.merge." + ("confirm" if confirm else "reject"),
            target=merge,
        )
    return merge


# Solver input and runs --------------------------------------------------------------


def person_key(person_id: int) -> str:
    return f"p{person_id}"


def selection_input(
    round: SelectionRound,
    *,
    confirmed: list[tuple[int, str]] = (),  # type: ignore[assignment]
    unavailable: set[int] = frozenset(),  # type: ignore[assignment]
) -> engine.SelectionInput:
    """The engine's input for a round: quotas, every nominated person once, nominations,
    targets; `confirmed` seats (person id, quota slug) kept and `unavailable` people never
    seated (for re-runs after a decline)."""
    quotas = list(round.quotas.order_by("order", "id"))
    nominations = list(
        Nomination.objects.filter(quota__round=round)
        .select_related("quota", "person__organisation__region")
        .order_by("quota__order", "quota_id", "priority")
    )
    people: dict[int, dict[str, Any]] = {}
    for n in nominations:
        p = n.person
        entry = people.setdefault(
            p.pk,
            {
                "gender": (p.gender or "").strip().lower() or None,
                "region": p.organisation.region.slug
                if p.organisation and p.organisation.region
                else None,
                "youth": bool(p.is_youth),
                "sector": p.organisation.kind if p.organisation else None,
                "migrant_or_refugee": False,
            },
        )
        entry["migrant_or_refugee"] = entry["migrant_or_refugee"] or n.migrant_or_refugee
    targets = []
    for t in round.targets.all():
        value: engine.types.AttributeValue = t.value
        if t.attribute in ("youth", "migrant_or_refugee"):
            value = (t.value or "").strip().lower() in TRUE_WORDS
        targets.append(
            engine.Target(
                attribute=t.attribute,
                value=value,
                min_share=t.min_share,
                min_count=t.min_count,
                weight=t.weight,
                hard=t.hard,
            )
        )
    return engine.SelectionInput(
        capacity=round.capacity,
        quotas=tuple(
            engine.Quota(id=q.slug, seats=q.seats, max_names=q.max_names, mode=q.mode)  # type: ignore[arg-type]
            for q in quotas
        ),
        people=tuple(
            engine.Person(id=person_key(pk), available=pk not in unavailable, **attrs)
            for pk, attrs in sorted(people.items())
        ),
        nominations=tuple(
            engine.Nomination(
                quota=n.quota.slug, person=person_key(n.person_id), priority=n.priority
            )
            for n in nominations
        ),
        targets=tuple(targets),
        fixed=tuple(engine.Seat(person=person_key(pk), quota=q) for pk, q in confirmed),
    )


def _seated_invitations(round: SelectionRound) -> tuple[list[tuple[int, str]], set[int]]:
    """Seats already offered or accepted (kept), and people who declined or let it expire."""
    confirmed, unavailable = [], set()
    for inv in round.invitations.select_related("quota").order_by("id"):
        if inv.status in (InvitationStatus.INVITED, InvitationStatus.ACCEPTED):
            confirmed.append((inv.person_id, inv.quota.slug))
        else:
            unavailable.add(inv.person_id)
    return confirmed, unavailable


def selection_run_start(
    *,
    actor: Any,
    round: SelectionRound,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
) -> SelectionRun:
    """Record a run with its exact input and enqueue the solver (after commit). Seats already
    offered are kept and people who declined are left out, so a second run moves nobody."""
    require(actor, "delegations.run_selection", round)
    if not 0 < time_limit <= 120:
        raise Unprocessable(
            _("The time limit must lie between 0 and 120 seconds."), field="time_limit"
        )
    if not 1 <= workers <= 16:
        raise Unprocessable(_("Use between 1 and 16 workers."), field="workers")
    with transaction.atomic():
        confirmed, unavailable = _seated_invitations(round)
        data = selection_input(round, confirmed=confirmed, unavailable=unavailable)
        kind = RunKind.REPLACEMENT if confirmed or unavailable else RunKind.SELECTION
        run = _run_create(
            round=round, data=data, kind=kind, actor=actor, time_limit=time_limit, workers=workers
        )
        audit_record(actor=actor, action="delegations.run.start", target=run)
    _enqueue_run(run)
    return run


def _run_create(
    *,
    round: SelectionRound,
    data: engine.SelectionInput,
    kind: str,
    actor: Any,
    time_limit: float,
    workers: int,
) -> SelectionRun:
    progress = task_progress_create(
        kind="delegations.selection",
        label=_("Selection: %(title)s") % {"title": round.title},
        total=1,
        created_by=actor,
    )
    return SelectionRun.objects.create(
        round=round,
        kind=kind,
        input=engine.input_to_json(data),
        params={"time_limit": time_limit, "workers": workers},
        progress=progress,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _enqueue_run(run: SelectionRun) -> None:
    from .tasks import selection_run_task

    run_id = run.pk
    transaction.on_commit(lambda: selection_run_task.enqueue(run_id))


def selection_run_execute(*, run_id: int) -> SelectionRun:
    """Solve a recorded run from its stored input (idempotent: a finished run is left as
    is). Invalid input or an engine error ends the run as failed, with the reason."""
    run = SelectionRun.objects.select_related("round").get(pk=run_id)
    if run.status in (RunStatus.DONE, RunStatus.FAILED):
        return run
    SelectionRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    if run.progress_id:
        task_progress_update(progress_id=run.progress_id, status=TaskProgress.Status.RUNNING)
    try:
        data = engine.input_from_json(run.input)
        result = engine.solve_selection(
            data,
            time_limit=float(run.params.get("time_limit", DEFAULT_TIME_LIMIT)),
            workers=int(run.params.get("workers", DEFAULT_WORKERS)),
        )
    except engine.SelectionInputError as error:
        return _run_finish(run, status=RunStatus.FAILED, error="\n".join(error.problems))
    out = engine.result_to_json(result)
    out["wall_time"] = round_score(result.wall_time)
    return _run_finish(run, status=RunStatus.DONE, result=out)


def _run_finish(
    run: SelectionRun, *, status: str, result: dict[str, Any] | None = None, error: str = ""
) -> SelectionRun:
    run.status = status
    run.result = result or {}
    run.error = error
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "result", "error", "finished_at"])
    if run.progress_id:
        done = status == RunStatus.DONE
        message = (
            _("Solved: %(status)s, %(n)d seated.")
            % {"status": run.outcome, "n": len(run.result.get("selected", []))}
            if done
            else error[:500]
        )
        task_progress_update(
            progress_id=run.progress_id,
            done=1,
            status=TaskProgress.Status.DONE if done else TaskProgress.Status.FAILED,
            message=message,
            result={"url": reverse("delegations:run_detail", args=[run.pk])},
        )
    return run


# Invitations ------------------------------------------------------------------------


def invitations_send(*, actor: Any, run: SelectionRun) -> list[Invitation]:
    """Invite everyone seated by a finished run who has no invitation yet, and e-mail them
    (after commit). Returns the new invitations."""
    require(actor, "delegations.manage_invitations", run.round)
    if run.status != RunStatus.DONE or run.outcome not in ("optimal", "feasible"):
        raise Unprocessable(_("Only a run that found a delegation can be used."), code="no_result")
    latest = run.round.runs.filter(status=RunStatus.DONE).order_by("-created_at", "-id").first()
    if latest is not None and latest.pk != run.pk:
        raise Conflict(_("A newer run exists; use that one."), code="stale_run")
    with transaction.atomic():
        created = _invite_selected(run)
        if run.round.status in (RoundStatus.OPEN, RoundStatus.CLOSED):
            run.round.status = RoundStatus.SELECTED
            run.round.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="delegations.invitations.send",
            target=run.round,
            changes={"run": run.pk, "invited": len(created)},
        )
    return created


def _invite_selected(run: SelectionRun) -> list[Invitation]:
    quotas = {q.slug: q for q in run.round.quotas.all()}
    already = set(run.round.invitations.values_list("person_id", flat=True))
    created = []
    for seat in run.result.get("selected", []):
        person_id = int(str(seat["person"]).lstrip("p"))
        if person_id in already:
            continue
        invitation = Invitation.objects.create(
            round=run.round, person_id=person_id, quota=quotas[seat["quota"]], run=run
        )
        created.append(invitation)
    _queue_emails(created)
    return created


def _queue_emails(invitations: list[Invitation]) -> None:
    """Write an outbox row for each invitation with an e-mail address, in the caller's
    transaction, and wake the outbox worker once it commits (outbox.py retries failures)."""
    reachable = set(
        Person.objects.filter(pk__in=[i.person_id for i in invitations])
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    rows = [InvitationMessage(invitation=i) for i in invitations if i.person_id in reachable]
    if not rows:
        return
    InvitationMessage.objects.bulk_create(rows)
    if getattr(settings, "DELEGATIONS_OUTBOX_ENQUEUE", True):
        from .tasks import outbox_send_task

        transaction.on_commit(lambda: outbox_send_task.enqueue())


def invitation_answer(*, token: str, accept: bool) -> Invitation:
    """Accept or decline through the e-mailed link. A decline frees the seat: the next name is
    chosen by the same rules (after commit), without moving anyone already invited."""
    invitation = (
        Invitation.objects.select_related("round", "person", "quota").filter(token=token).first()
    )
    if invitation is None:
        from convenor.core.errors import NotFound

        raise NotFound(_("This invitation link is not valid."))
    if invitation.status != InvitationStatus.INVITED:
        if invitation.status == (
            InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        ):
            return invitation  # the same answer twice changes nothing
        raise Conflict(_("This invitation was already answered."), code="answered")
    with transaction.atomic():
        invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
        audit_record(
            actor=None,
            action="delegations.invitation." + ("accept" if accept else "decline"),
            target=invitation,
        )
        if not accept:
            round_id = invitation.round_id
            transaction.on_commit(lambda: _enqueue_replacement(round_id))
    return invitation


def invitation_set_status(*, actor: Any, invitation: Invitation, status: str) -> Invitation:
    """A coordinator records an answer given another way (or an expiry)."""
    require(actor, "delegations.manage_invitations", invitation.round)
    if status not in InvitationStatus.values:
        raise Unprocessable(_("This value is not one of the allowed choices."), field="status")
    old = invitation.status
    if old == status:
        return invitation
    with transaction.atomic():
        invitation.status = status
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
        audit_record(
            actor=actor,
            action="delegations.invitation.set_status",
            target=invitation,
            changes={"status": [old, status]},
        )
        if status in (InvitationStatus.DECLINED, InvitationStatus.EXPIRED):
            round_id = invitation.round_id
            transaction.on_commit(lambda: _enqueue_replacement(round_id))
    return invitation


def _enqueue_replacement(round_id: int) -> None:
    from .tasks import replacement_task

    replacement_task.enqueue(round_id)


def replacement_run(
    *, round_id: int, time_limit: float = DEFAULT_TIME_LIMIT
) -> SelectionRun | None:
    """Re-solve a round with every seat already offered or accepted fixed and everyone who
    declined unavailable, then invite whoever fills the freed seats. None when no seat is
    free (nothing to do)."""
    round_ = SelectionRound.objects.get(pk=round_id)
    confirmed, unavailable = _seated_invitations(round_)
    if not unavailable or len(confirmed) >= sum(q.seats for q in round_.quotas.all()):
        return None
    with transaction.atomic():
        data = selection_input(round_, confirmed=confirmed, unavailable=unavailable)
        run = _run_create(
            round=round_,
            data=data,
            kind=RunKind.REPLACEMENT,
            actor=None,
            time_limit=time_limit,
            workers=DEFAULT_WORKERS,
        )
        audit_record(actor=None, action="delegations.run.replacement", target=run)
    run = selection_run_execute(run_id=run.pk)
    if run.status == RunStatus.DONE and run.outcome in ("optimal", "feasible"):
        with transaction.atomic():
            created = _invite_selected(run)
            audit_record(
                actor=None,
                action="delegations.invitations.replace",
                target=round_,
                changes={"run": run.pk, "invited": len(created)},
            )
    return run


def round_publish(*, actor: Any, round: SelectionRound, published: bool = True) -> SelectionRound:
    """Show (or hide) the public list of invited organisations."""
    require(actor, "delegations.manage_round", round)
    status = RoundStatus.PUBLISHED if published else RoundStatus.SELECTED
    return round_update(actor=actor, round=round, data={"status": status})
