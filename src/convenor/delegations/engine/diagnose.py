"""Why a selection has no solution, and the smallest change to the input that gives one.

Three layers, each solved on top of the relaxations found before it (one worker each, so the
answer is deterministic):
1. names: the fewest seats to take away from quotas so that every quota can be filled from
   its own available names, each person seated once (a quota short of names, or quotas that
   share the same few people);
2. capacity: the seats left must fit the capacity (raise it, or cut seats by as many);
3. hard targets: with 1 and 2 applied, the achievable count for each hard balance target.
Applying every returned relaxation makes the input feasible: each layer's solution is a witness.
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from .model import SelectionModel, required_count
from .types import Conflict, Quota, Relaxation, SelectionInput, SelectionResult, Target


def diagnose(
    data: SelectionInput, *, started: float, timed_out: float | None = None
) -> SelectionResult:
    conflicts: list[Conflict] = []
    relaxations: list[Relaxation] = []
    if timed_out is not None:
        conflicts.append(
            Conflict(
                constraints=("time limit",),
                message=f"no solution found within the time limit of {timed_out:g} s",
            )
        )

    reductions = _quota_reductions(data)
    for quota_id, by in reductions.items():
        conflicts.append(_name_conflict(data, quota_id, by))
        relaxations.append(
            Relaxation(
                action="reduce_quota",
                quota=quota_id,
                by=by,
                message=f"reduce quota {quota_id} by {by}",
            )
        )
    relaxed = _apply_quota_reductions(data, reductions)

    seats = sum(q.seats for q in relaxed.quotas)
    if seats > data.capacity:
        conflicts.append(
            Conflict(
                constraints=("capacity", *(f"quota {q.id}" for q in relaxed.quotas if q.seats)),
                message=(
                    f"the quotas' seats add up to {seats} but the capacity is {data.capacity} "
                    f"(or reduce the quotas' seats by {seats - data.capacity} in total)"
                ),
            )
        )
        relaxations.append(
            Relaxation(
                action="raise_capacity", capacity=seats, message=f"raise capacity to {seats}"
            )
        )
        relaxed = replace(relaxed, capacity=seats)

    if any(t.hard for t in relaxed.targets):
        for target, achieved in _hard_target_limits(relaxed):
            need = required_count(target, seats)
            conflicts.append(
                Conflict(
                    constraints=(f"target {target.label}", "quotas", "priority order"),
                    message=(
                        f"hard target {target.label} asks for {need} but at most {achieved} "
                        "can be seated together with the other hard constraints"
                    ),
                )
            )
            relaxations.append(
                Relaxation(
                    action="lower_target",
                    target=target.label,
                    min_count=achieved,
                    message=f"lower target {target.label} to a minimum of {achieved}",
                )
            )

    if not conflicts:
        conflicts.append(
            Conflict(constraints=(), message="no solution found and no single cause identified")
        )
    return SelectionResult(
        status="infeasible",
        conflicts=tuple(conflicts),
        relaxations=tuple(relaxations),
        wall_time=time.perf_counter() - started,
    )


def apply_relaxations(data: SelectionInput, relaxations: tuple[Relaxation, ...]) -> SelectionInput:
    """The input with every relaxation applied (what a coordinator would change by hand)."""
    quotas = {q.id: q for q in data.quotas}
    capacity = data.capacity
    targets = list(data.targets)
    for r in relaxations:
        if r.action == "reduce_quota" and r.quota in quotas and r.by:
            quotas[r.quota] = replace(quotas[r.quota], seats=quotas[r.quota].seats - r.by)
        elif r.action == "raise_capacity" and r.capacity is not None:
            capacity = max(capacity, r.capacity)
        elif r.action == "lower_target":
            targets = [
                replace(t, min_count=r.min_count, min_share=None) if t.label == r.target else t
                for t in targets
            ]
    return replace(
        data,
        capacity=capacity,
        quotas=tuple(quotas[q.id] for q in data.quotas),
        targets=tuple(targets),
    )


def _solve(built: SelectionModel) -> cp_model.CpSolver | None:
    solver, status = built.solve(time_limit=30.0, workers=1)
    return solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def _quota_reductions(data: SelectionInput) -> dict[str, int]:
    """The fewest seats to remove (ties: from later quotas first) so every quota can fill."""
    loose = replace(data, targets=(), capacity=sum(q.seats for q in data.quotas))
    built = SelectionModel(loose, quota_slack=True)
    n = len(data.quotas)
    # Total seats removed first; among equal totals, prefer taking them from later quotas.
    primary = n * max(1, built.total_seats) + 1
    built.model.minimize(
        sum((primary + n - i) * var for i, var in enumerate(built.quota_short.values()))
    )
    solver = _solve(built)
    if solver is None:
        return {}
    return {q: solver.value(v) for q, v in built.quota_short.items() if solver.value(v)}


def _apply_quota_reductions(data: SelectionInput, reductions: dict[str, int]) -> SelectionInput:
    quotas: list[Quota] = [
        replace(q, seats=q.seats - reductions[q.id]) if q.id in reductions else q
        for q in data.quotas
    ]
    return replace(data, quotas=tuple(quotas))


def _name_conflict(data: SelectionInput, quota_id: str, by: int) -> Conflict:
    quota = next(q for q in data.quotas if q.id == quota_id)
    available = {p.id for p in data.people if p.available}
    names = [n.person for n in data.nominations if n.quota == quota_id and n.person in available]
    if len(names) < quota.seats:
        return Conflict(
            constraints=(f"quota {quota_id}",),
            message=(f"quota {quota_id} has {len(names)} available names for {quota.seats} seats"),
        )
    sharing: dict[str, None] = {}
    mine = set(names)
    for n in data.nominations:
        if n.person in mine and n.quota != quota_id:
            sharing[n.quota] = None
    confirmed = [s.person for s in data.fixed if s.person in mine and s.quota != quota_id]
    why = f"its names are also needed by {', '.join(sharing)}" if sharing else "its names are taken"
    if confirmed:
        why += f" (confirmed elsewhere: {', '.join(confirmed)})"
    return Conflict(
        constraints=(f"quota {quota_id}", *(f"quota {q}" for q in sharing), "one seat per person"),
        message=f"quota {quota_id} cannot fill {by} of its {quota.seats} seats: {why}",
    )


def _hard_target_limits(data: SelectionInput) -> list[tuple[Target, int]]:
    """Hard targets that cannot hold, each with the count reached when all are pursued."""
    built = SelectionModel(data, soften_hard_targets=True)
    built.minimise()
    solver = _solve(built)
    if solver is None:
        return []
    out = []
    for i, t in enumerate(data.targets):
        if t.hard and solver.value(built.short[i]) > 0:
            need = required_count(t, built.total_seats)
            out.append((t, need - solver.value(built.short[i])))
    return out
