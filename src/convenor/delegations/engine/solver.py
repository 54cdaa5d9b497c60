"""solve_selection: the delegation that respects every quota, the capacity and the priority
order, and comes closest to the balance targets; or, when none exists, why and what to relax."""

from __future__ import annotations

import time
from collections import defaultdict

from ortools.sat.python import cp_model

from .diagnose import diagnose
from .explain import explain
from .model import SelectionModel
from .types import SelectionInput, SelectionResult
from .validate import validate

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WORKERS = 8


def solve_selection(
    data: SelectionInput,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
) -> SelectionResult:
    """Solve a selection round.

    Raises SelectionInputError (a ValueError) for malformed input. Otherwise always returns:
    status "optimal" (proven best, the same whatever the number of workers), "feasible" (the
    time limit ran out first; `best_bound` says how far off it may be) or "infeasible" (with
    the conflicting constraints and a relaxation that makes the input solvable)."""
    validate(data)
    started = time.perf_counter()
    quick = _quick_conflicts(data)
    if quick is not None:
        return diagnose(data, started=started)

    built = SelectionModel(data)
    built.minimise()
    solver, status = built.solve(time_limit=time_limit, workers=workers)
    if status == cp_model.INFEASIBLE:
        return diagnose(data, started=started)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return diagnose(data, started=started, timed_out=time_limit)
    return explain(
        built,
        solver,
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        wall_time=time.perf_counter() - started,
    )


def _quick_conflicts(data: SelectionInput) -> str | None:
    """Cheap checks that need no model: more seats than capacity, a quota short of names."""
    if sum(q.seats for q in data.quotas) > data.capacity:
        return "capacity"
    available = {p.id for p in data.people if p.available}
    names: dict[str, int] = defaultdict(int)
    for n in data.nominations:
        if n.person in available:
            names[n.quota] += 1
    for q in data.quotas:
        if names[q.id] < q.seats:
            return f"quota {q.id}"
    return None
