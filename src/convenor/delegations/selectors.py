"""Reads of the delegations app: rounds a user may see, a quota's names, runs explained,
invitations and the public list of invited organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from convenor.core.errors import NotFound
from convenor.core.permissions import require

from .models import (
    BalanceTarget,
    Invitation,
    InvitationStatus,
    MergeStatus,
    MergeSuggestion,
    Nomination,
    Quota,
    RoundStatus,
    SelectionRound,
    SelectionRun,
)


def round_list(*, viewer: Any) -> QuerySet[SelectionRound]:
    """Coordinators see every round; a nomination coordinator the rounds where they have a
    quota; others none."""
    qs = (
        SelectionRound.objects.select_related("event")
        .annotate(quota_count=Count("quotas", distinct=True))
        .order_by("-created_at", "id")
    )
    if getattr(viewer, "is_coordinator", False):
        return qs
    if not getattr(viewer, "is_authenticated", False):
        return qs.none()
    return qs.filter(quotas__coordinator=viewer).distinct()


def rounds_visible(*, viewer: Any) -> QuerySet[SelectionRound]:
    """The API's list: published rounds for everyone (anonymous included); every round for
    coordinators; published ones plus their own rounds for nomination coordinators."""
    qs = SelectionRound.objects.select_related("event").order_by("-created_at", "id")
    if getattr(viewer, "is_coordinator", False):
        return qs
    published = Q(status=RoundStatus.PUBLISHED)
    if getattr(viewer, "is_authenticated", False):
        own = SelectionRound.objects.filter(quotas__coordinator=viewer).values("pk")
        return qs.filter(published | Q(pk__in=own))
    return qs.filter(published)


def round_get_visible(*, slug: str, viewer: Any) -> SelectionRound:
    """A round as the API shows it: a published round to anyone, another round only to
    those who may view it (404 for anonymous callers, so drafts stay unknown)."""
    round_ = SelectionRound.objects.select_related("event").filter(slug=slug).first()
    if round_ is None:
        raise NotFound("No such selection round.")
    if round_.status == RoundStatus.PUBLISHED:
        return round_
    if not getattr(viewer, "is_authenticated", False):
        raise NotFound("No such selection round.")
    require(viewer, "delegations.view_round", round_)
    return round_


def round_get(*, slug: str, viewer: Any) -> SelectionRound:
    round_ = SelectionRound.objects.select_related("event").filter(slug=slug).first()
    if round_ is None:
        raise NotFound("No such selection round.")
    require(viewer, "delegations.view_round", round_)
    return round_


def public_round_get(*, slug: str) -> SelectionRound:
    round_ = (
        SelectionRound.objects.select_related("event")
        .filter(slug=slug, status=RoundStatus.PUBLISHED)
        .first()
    )
    if round_ is None:
        raise NotFound("No published list for this round.")
    return round_


def quota_list(*, round: SelectionRound, viewer: Any) -> QuerySet[Quota]:
    """The quotas the viewer may see, with their number of names."""
    qs = (
        Quota.objects.filter(round=round)
        .select_related("coordinator")
        .annotate(name_count=Count("nominations"))
        .order_by("order", "id")
    )
    if getattr(viewer, "is_coordinator", False):
        return qs
    return (
        qs.filter(coordinator=viewer) if getattr(viewer, "is_authenticated", False) else qs.none()
    )


def quota_get(*, round: SelectionRound, slug: str, viewer: Any) -> Quota:
    quota = (
        Quota.objects.select_related("round", "coordinator").filter(round=round, slug=slug).first()
    )
    if quota is None:
        raise NotFound("No such quota.")
    require(viewer, "delegations.view_quota", quota)
    return quota


def nomination_list(*, quota: Quota) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(quota=quota)
        .select_related("person__organisation", "quota")
        .order_by("priority", "id")
    )


def nominations_visible(*, round: SelectionRound, viewer: Any) -> QuerySet[Nomination]:
    """Every nomination of the round for coordinators; only their own quotas' for others."""
    qs = (
        Nomination.objects.filter(quota__round=round)
        .select_related("person__organisation", "quota")
        .order_by("quota__order", "quota_id", "priority")
    )
    if getattr(viewer, "is_coordinator", False):
        return qs
    if not getattr(viewer, "is_authenticated", False):
        return qs.none()
    return qs.filter(quota__coordinator=viewer)


def nomination_get(*, pk: int, viewer: Any) -> Nomination:
    nomination = Nomination.objects.select_related("quota__round", "person").filter(pk=pk).first()
    if nomination is None:
        raise NotFound("No such nomination.")
    if not viewer.has_perm("delegations.view_quota", nomination.quota):
        raise NotFound("No such nomination.")  # do not reveal other processes' names
    return nomination


def target_get(*, pk: int, viewer: Any) -> BalanceTarget:
    """A balance target, for those who manage its round (others get a 404 or a 403)."""
    target = BalanceTarget.objects.select_related("round").filter(pk=pk).first()
    if target is None:
        raise NotFound("No such balance target.")
    require(viewer, "delegations.manage_round", target.round)
    return target


def my_quotas(*, viewer: Any) -> QuerySet[Quota]:
    """The quotas whose names the viewer enters ("My nominations"), newest round first."""
    if not getattr(viewer, "is_authenticated", False):
        return Quota.objects.none()
    return (
        Quota.objects.filter(coordinator=viewer)
        .select_related("round__event")
        .annotate(name_count=Count("nominations"))
        .order_by("-round__created_at", "round_id", "order", "id")
    )


def event_rounds(*, event: Any, viewer: Any) -> list[SelectionRound]:
    """The rounds of an event a viewer may know about: published ones for everyone, the
    others for coordinators and the round's nomination coordinators."""
    rounds = list(SelectionRound.objects.filter(event=event).order_by("-created_at", "id"))
    visible = []
    for r in rounds:
        r.can_view = bool(viewer is not None and viewer.has_perm("delegations.view_round", r))  # type: ignore[attr-defined]
        if r.can_view or r.status == RoundStatus.PUBLISHED:  # type: ignore[attr-defined]
            visible.append(r)
    return visible


def merge_list(*, round: SelectionRound) -> QuerySet[MergeSuggestion]:
    return MergeSuggestion.objects.filter(round=round, status=MergeStatus.SUGGESTED).select_related(
        "person__organisation", "duplicate__organisation"
    )


def run_list(*, round: SelectionRound) -> QuerySet[SelectionRun]:
    return (
        SelectionRun.objects.filter(round=round)
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def run_get(*, pk: int, viewer: Any) -> SelectionRun:
    run = SelectionRun.objects.select_related("round__event", "created_by").filter(pk=pk).first()
    if run is None:
        raise NotFound("No such run.")
    require(viewer, "delegations.run_selection", run.round)
    return run


@dataclass(frozen=True)
class RunLine:
    """One person in a run's result, in words."""

    person: Any
    selected: bool
    quota: str | None
    priority: int | None
    reason: str


def run_explained(run: SelectionRun) -> dict[str, Any]:
    """The run's result with people's names instead of engine ids."""
    from convenor.directory.models import Person

    entries = run.result.get("explanation", []) if run.result else []
    ids = [int(str(e["person"]).lstrip("p")) for e in entries if e.get("kind") == "person"]
    people = Person.objects.select_related("organisation").in_bulk(ids)
    lines = [
        RunLine(
            person=people.get(int(str(e["person"]).lstrip("p"))),
            selected=bool(e.get("selected")),
            quota=e.get("quota"),
            priority=e.get("priority"),
            reason=str(e.get("reason", "")),
        )
        for e in entries
        if e.get("kind") == "person"
    ]
    return {
        "status": run.result.get("status") if run.result else None,
        "selected": [line for line in lines if line.selected],
        "waiting": [line for line in lines if not line.selected],
        "notes": [e for e in entries if e.get("kind") != "person"],
        "shortfalls": run.result.get("shortfalls", []) if run.result else [],
    }


def invitation_list(*, round: SelectionRound) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(round=round)
        .select_related("person__organisation", "quota")
        .order_by("quota__order", "quota_id", "id")
    )


def invitation_by_token(*, token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("round__event", "person", "quota")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise NotFound("This invitation link is not valid.")
    return invitation


def invited_organisations(*, round: SelectionRound) -> dict[str, Any]:
    """The public list: organisations of people invited or accepted, never naming anyone and
    leaving out the organisations of people marked "do not publish" (only counted)."""
    invitations = Invitation.objects.filter(
        round=round, status__in=[InvitationStatus.INVITED, InvitationStatus.ACCEPTED]
    ).select_related("person__organisation", "quota")
    given = dict(
        Nomination.objects.filter(quota__round=round)
        .exclude(organisation_name="")
        .values_list("person_id", "organisation_name")
    )
    names: dict[str, str] = {}
    hidden = 0
    for inv in invitations:
        if inv.person.do_not_publish:
            hidden += 1
            continue
        org = inv.person.organisation
        label = org.name if org else ""
        label = label or given.get(inv.person_id, "")
        if label:
            names.setdefault(label.casefold(), label)
    return {"organisations": sorted(names.values(), key=str.casefold), "unlisted": hidden}


def round_summary(*, round: SelectionRound) -> dict[str, int]:
    counts = Invitation.objects.filter(round=round).aggregate(
        invited=Count("id", filter=Q(status=InvitationStatus.INVITED)),
        accepted=Count("id", filter=Q(status=InvitationStatus.ACCEPTED)),
        declined=Count("id", filter=Q(status=InvitationStatus.DECLINED)),
    )
    counts["nominations"] = Nomination.objects.filter(quota__round=round).count()
    counts["seats"] = sum(round.quotas.values_list("seats", flat=True))
    return counts
