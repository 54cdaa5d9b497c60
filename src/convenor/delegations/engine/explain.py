"""Turns a solved model into a SelectionResult that says, for each person, why in or out."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from .model import SelectionModel, matches, required_count
from .types import (
    PersonExplanation,
    Selected,
    SelectionResult,
    Shortfall,
    Status,
)


def explain(
    built: SelectionModel, solver: cp_model.CpSolver, *, status: Status, wall_time: float
) -> SelectionResult:
    credited = {p: q for (q, p), var in built.x.items() if solver.value(var)}
    selected = tuple(
        sorted(
            (
                Selected(person=p, quota=q, priority=_priority(built, q, p))
                for p, q in credited.items()
            ),
            key=lambda s: (_quota_order(built)[s.quota], s.priority),
        )
    )
    shortfalls = tuple(_shortfalls(built, credited))
    binding = tuple(_binding(built, credited, shortfalls))
    exceptions = tuple(
        f"{p} seated for {q} at priority {_priority(built, q, p)} although a higher name of {q} "
        "is not seated: forced by a confirmed seat or a hard target"
        for (q, p), var in sorted(built.violations.items())
        if solver.value(var) and credited.get(p) == q
    )
    return SelectionResult(
        status=status,
        selected=selected,
        shortfalls=shortfalls,
        people=tuple(_people(built, credited)),
        binding=binding,
        priority_exceptions=exceptions,
        objective=round(solver.objective_value),
        best_bound=round(solver.best_objective_bound),
        wall_time=wall_time,
    )


def _quota_order(built: SelectionModel) -> dict[str, int]:
    return {q.id: i for i, q in enumerate(built.data.quotas)}


def _priority(built: SelectionModel, quota: str, person: str) -> int:
    return next(n.priority for n in built.ranked[quota].nominations if n.person == person)


def _shortfalls(built: SelectionModel, credited: dict[str, str]) -> list[Shortfall]:
    out = []
    for t in built.data.targets:
        need = required_count(t, built.total_seats)
        got = sum(1 for p in credited if matches(built.people[p], t))
        out.append(
            Shortfall(
                target=t.label,
                attribute=t.attribute,
                value=t.value,
                required=need,
                achieved=got,
                shortfall=max(0, need - got),
                weight=t.weight,
                hard=t.hard,
            )
        )
    return out


def _binding(
    built: SelectionModel, credited: dict[str, str], shortfalls: tuple[Shortfall, ...]
) -> list[str]:
    data = built.data
    lines = []
    if len(credited) == data.capacity:
        lines.append(f"capacity: all {data.capacity} places are filled")
    for q in data.quotas:
        names = sum(1 for n in built.ranked[q.id].nominations if n.person in built.available)
        if names > q.seats:
            lines.append(f"quota {q.id}: {q.seats} seats for {names} available names")
    for s in shortfalls:
        if s.shortfall:
            lines.append(
                f"target {s.target}: {s.achieved} of {s.required} (short by {s.shortfall})"
            )
        elif s.achieved == s.required and s.required:
            lines.append(f"target {s.target}: met exactly ({s.achieved})")
    return lines


def _people(built: SelectionModel, credited: dict[str, str]) -> list[PersonExplanation]:
    data = built.data
    nominated_by: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for quota in data.quotas:
        for n in built.ranked[quota.id].nominations:
            nominated_by[n.person].append((quota.id, n.priority))
    last_seated: dict[str, int] = {}
    for p, q in credited.items():
        last_seated[q] = max(last_seated.get(q, 0), _priority(built, q, p))
    seats = {quota.id: quota.seats for quota in data.quotas}

    out = []
    for person in data.people:
        noms = nominated_by.get(person.id, [])
        if person.id in credited:
            q = credited[person.id]
            prio = _priority(built, q, person.id)
            reason = f"seated for {q} at priority {prio}"
            others = [f"{oq} (priority {op})" for oq, op in noms if oq != q]
            if others:
                reason += "; also nominated by " + ", ".join(others) + ", counted once"
            out.append(
                PersonExplanation(
                    person=person.id,
                    selected=True,
                    quota=q,
                    priority=prio,
                    reason=reason,
                    binding=(f"quota {q}: {seats[q]} seats",),
                )
            )
            continue
        binding: tuple[str, ...]
        if not noms:
            reason, binding = "not nominated by any quota", ()
        elif not person.available:
            reason, binding = "not available (declined or withdrawn)", ()
        else:
            parts = []
            for q, prio in noms:
                if seats[q] == 0:
                    parts.append(f"{q} has no seats")
                elif q in last_seated and prio < last_seated[q]:
                    parts.append(
                        f"{q}: priority {prio}, passed over because a confirmed seat or a hard "
                        "target forced a lower name"
                    )
                else:
                    parts.append(
                        f"{q}: priority {prio}, after the last name seated "
                        f"(priority {last_seated.get(q, 0)}); its {seats[q]} seats are full"
                    )
            reason = "not seated: " + "; ".join(parts)
            binding = tuple(f"quota {q}: {seats[q]} seats" for q, _ in noms)
        out.append(
            PersonExplanation(
                person=person.id,
                selected=False,
                quota=None,
                priority=None,
                reason=reason,
                binding=binding,
            )
        )
    return out
