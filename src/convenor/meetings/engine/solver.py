"""assign_tables: people to small tables for one or two rounds, with CP-SAT.

Hard: every participant at one table per round; table sizes and government counts within
bounds; facilitators at a table of their theme in every round; pins. Soft (weighted, see
Weights): day-1 theme, regional and sectoral spread, round-2 mixing (a bound on people from
one round-1 table meeting again at one round-2 table, and repeated pairs), requested switches
and the fewest changes to a previous plan. The objective equals the sum of `terms(plan)`.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from .evaluate import region_caps, terms, theme_tables
from .greedy import greedy_tables
from .types import Placement, TableInput, TableResult
from .validate import conflicts, validate

DEFAULT_TIME_LIMIT = 8.0
# More workers than cores only slows CP-SAT down here (it shares the cores round-robin).
DEFAULT_WORKERS = min(8, os.cpu_count() or 1)


def assign_tables(
    data: TableInput,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
) -> TableResult:
    """Raises TableInputError for malformed input; otherwise returns the best plan found
    within the time limit ("optimal" when proven, else "feasible" with the best bound and the
    optimality gap) or "infeasible" with the reasons."""
    validate(data)
    started = time.perf_counter()
    found = conflicts(data)
    if found:
        return TableResult(
            status="infeasible", conflicts=tuple(found), wall_time=time.perf_counter() - started
        )

    hint = {(h.participant, h.round): h.table for h in greedy_tables(data)}
    # Phase A: every round at once, without the round-2 mixing terms. Its bound is a valid
    # bound for the whole problem (the mixing terms are never negative).
    share = time_limit if data.rounds == 1 else time_limit * 0.4
    phase_a = _Phase(data, rounds=range(1, data.rounds + 1), hint=hint)
    status, solver = phase_a.solve(time_limit=share, workers=workers)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _no_plan(status, time_limit, time.perf_counter() - started)
    plan = phase_a.plan(solver)
    bound = round(solver.best_objective_bound)
    proven = status == cp_model.OPTIMAL

    if data.rounds == 2:
        # Phase B: round 1 fixed, round 2 again with mixing, which is now linear.
        first = {p.participant: p.table for p in plan if p.round == 1}
        second = {(p.participant, 2): p.table for p in plan if p.round == 2}
        phase_b = _Phase(data, rounds=range(2, 3), hint=second, first_round=first)
        remaining = max(0.5, time_limit - (time.perf_counter() - started))
        status_b, solver_b = phase_b.solve(time_limit=remaining, workers=workers)
        if status_b in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            plan = tuple(p for p in plan if p.round == 1) + phase_b.plan(solver_b)

    scored = terms(data, plan)
    objective = sum(t.cost for t in scored)
    optimal = proven and objective == bound
    return TableResult(
        status="optimal" if optimal else "feasible",
        plan=plan,
        objective=objective,
        best_bound=bound,
        gap=0.0 if objective <= bound else (objective - bound) / max(1, abs(objective)),
        terms=tuple(scored),
        notes=tuple(_notes(data, plan)),
        wall_time=time.perf_counter() - started,
    )


def _no_plan(status: object, time_limit: float, elapsed: float) -> TableResult:
    if status == cp_model.INFEASIBLE:
        reason = (
            "the pins, facilitators, table sizes and government bounds cannot all hold "
            "together (check pinned people against the tables' limits)"
        )
    else:
        reason = f"no plan found within the time limit of {time_limit:g} s"
    return TableResult(status="infeasible", conflicts=(reason,), wall_time=elapsed)


class _Phase:
    """A CP-SAT model over some rounds. With `first_round` (round-1 tables, fixed) it also
    carries the round-2 mixing terms, which are then linear."""

    def __init__(
        self,
        data: TableInput,
        *,
        rounds: range,
        hint: dict[tuple[str, int], str],
        first_round: dict[str, str] | None = None,
    ):
        self.data, self.rounds = data, rounds
        model = self.model = cp_model.CpModel()
        people, tables = data.participants, data.tables
        themes = theme_tables(data)
        x = self.x = {
            (p.id, r, t.id): model.new_bool_var(f"x[{p.id},{r},{t.id}]")
            for p in people
            for r in rounds
            for t in tables
        }
        for p in people:
            for r in rounds:
                model.add_exactly_one(x[p.id, r, t.id] for t in tables)
                if r in p.pinned:
                    model.add(x[p.id, r, p.pinned[r]] == 1)
                if p.facilitator_of:
                    model.add(sum(x[p.id, r, t] for t in themes[p.facilitator_of]) == 1)
        for r in rounds:
            for t in tables:
                model.add_linear_constraint(
                    sum(x[p.id, r, t.id] for p in people), t.min_size, t.max_size
                )
                gov = [x[p.id, r, t.id] for p in people if p.kind == "government"]
                model.add_linear_constraint(sum(gov), t.min_gov, t.max_gov)

        w = data.weights
        cost: list[cp_model.LinearExprT] = []
        # Theme: a participant-round is "away" unless at one of their theme's tables.
        for p in people:
            if p.theme in themes:
                for r in rounds:
                    cost.append(w.theme * (1 - sum(x[p.id, r, t] for t in themes[p.theme])))
        # Spread of regions and sectors: excess over an even share at each table.
        for attribute, weight in (("region", w.region_mix), ("sector", w.sector_mix)):
            cost += self._spread(attribute, weight)
        if 2 in rounds:
            for s in data.switches:
                cost.append(w.switches * (1 - x[s.participant, 2, s.table]))
        for s in data.previous:
            if s.round in rounds:
                cost.append(w.changes * (1 - x[s.participant, s.round, s.table]))
        if first_round is not None:
            cost += self._mixing(first_round)
        model.minimize(sum(cost))
        for (pid, r, table_id), var in x.items():
            model.add_hint(var, hint.get((pid, r)) == table_id)

    def _spread(self, attribute: str, weight: int) -> list[cp_model.LinearExprT]:
        if not weight:
            return []
        caps = region_caps(self.data, attribute)
        groups: dict[str, list[str]] = defaultdict(list)
        for p in self.data.participants:
            if getattr(p, attribute):
                groups[getattr(p, attribute)].append(p.id)
        cost: list[cp_model.LinearExprT] = []
        for value, ids in groups.items():
            if len(ids) <= caps[value]:
                continue
            for r in self.rounds:
                for t in self.data.tables:
                    excess = self.model.new_int_var(0, len(ids), f"{attribute}[{value},{r},{t.id}]")
                    self.model.add(excess >= sum(self.x[i, r, t.id] for i in ids) - caps[value])
                    cost.append(weight * excess)
        return cost

    def _mixing(self, first_round: dict[str, str]) -> list[cp_model.LinearExprT]:
        """n[a, b]: people at a in round 1 and at b in round 2. Penalise n beyond max_overlap
        and the C(n, 2) pairs who meet again (the social golfer goal, kept soft)."""
        data, model, w = self.data, self.model, self.data.weights
        cost: list[cp_model.LinearExprT] = []
        if not (w.overlap or w.repeat_pairs):
            return cost
        groups: dict[str, list[str]] = defaultdict(list)
        for pid, table in first_round.items():
            groups[table].append(pid)
        for a, ids in groups.items():
            for b in data.tables:
                cap = min(len(ids), b.max_size)
                n = model.new_int_var(0, cap, f"n[{a},{b.id}]")
                model.add(n == sum(self.x[i, 2, b.id] for i in ids))
                if w.overlap and cap > data.max_overlap:
                    over = model.new_int_var(0, cap, f"over[{a},{b.id}]")
                    model.add(over >= n - data.max_overlap)
                    cost.append(w.overlap * over)
                if w.repeat_pairs and cap > 1:
                    pairs = model.new_int_var(0, cap * (cap - 1) // 2, f"pairs[{a},{b.id}]")
                    model.add_element(n, [k * (k - 1) // 2 for k in range(cap + 1)], pairs)
                    cost.append(w.repeat_pairs * pairs)
        return cost

    def solve(self, *, time_limit: float, workers: int) -> tuple[object, cp_model.CpSolver]:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = float(time_limit)
        solver.parameters.num_workers = max(1, int(workers))
        solver.parameters.random_seed = 0
        # Tables of one theme are interchangeable; symmetry detection costs more than it
        # saves within a few seconds.
        solver.parameters.symmetry_level = 0
        return solver.solve(self.model), solver

    def plan(self, solver: cp_model.CpSolver) -> tuple[Placement, ...]:
        return tuple(
            Placement(p.id, r, t.id)
            for r in self.rounds
            for t in self.data.tables
            for p in self.data.participants
            if solver.value(self.x[p.id, r, t.id])
        )


def _notes(data: TableInput, plan: tuple[Placement, ...]) -> list[str]:
    """Per participant: why someone is not at their day-1 theme's table."""
    themes = theme_tables(data)
    by_table = {t.id: t for t in data.tables}
    where = {(p.participant, p.round): p.table for p in plan}
    out = []
    for p in data.participants:
        for r in range(1, data.rounds + 1):
            table = where[p.id, r]
            if p.facilitator_of:
                continue
            if r in p.pinned:
                out.append(f"round {r}: {p.id} at {table} (pinned)")
            elif p.theme in themes and table not in themes[p.theme]:
                out.append(
                    f"round {r}: {p.id} at {table} ({by_table[table].theme or 'no theme'}), not "
                    f"at a {p.theme} table: those are full or the mix goals weigh more"
                )
    return out
