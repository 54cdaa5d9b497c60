"""The CP-SAT model of a selection, shared by the solver and the infeasibility diagnosis."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .types import AttributeValue, Nomination, Person, SelectionInput, Target

TIE_BITS = 20
INT_LIMIT = 2**60


def normalise(value: AttributeValue) -> str:
    """Compare attribute values loosely: True == "true" == "yes", "F" == "f"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip().lower()
    return {"yes": "true", "1": "true", "no": "false", "0": "false"}.get(text, text)


def matches(person: Person, target: Target) -> bool:
    value = person.attribute(target.attribute)
    return value is not None and normalise(value) == normalise(target.value)


def required_count(target: Target, total_seats: int) -> int:
    """The number of people a target asks for when `total_seats` are filled."""
    if target.min_count is not None:
        return target.min_count
    share = target.min_share or 0.0
    # Round away float noise (0.4 * 60 = 24.000000000000004) before taking the ceiling.
    return math.ceil(round(share * total_seats, 6))


def tie_break(quota: str, person: str, bits: int) -> int:
    """A deterministic pseudo-random number per nomination: equal-cost optima differ in it."""
    digest = hashlib.blake2b(f"{quota}\x00{person}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % (1 << bits)


@dataclass
class Ranked:
    """A quota's nominations in priority order; rank 1 is the first choice."""

    nominations: list[Nomination]

    def rank(self, person: str) -> int:
        return next(i for i, n in enumerate(self.nominations, 1) if n.person == person)


@dataclass
class SelectionModel:
    """Builds the model. Options turn hard constraints into measured slack for the diagnosis:
    `quota_slack` lets a quota end short, `capacity_slack` lets the total exceed the capacity,
    `soften_hard_targets` treats hard targets as soft ones."""

    data: SelectionInput
    quota_slack: bool = False
    capacity_slack: bool = False
    soften_hard_targets: bool = False
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    short: dict[int, cp_model.IntVar] = field(default_factory=dict)
    quota_short: dict[str, cp_model.IntVar] = field(default_factory=dict)
    capacity_excess: cp_model.IntVar | None = None
    violations: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)

    def __post_init__(self) -> None:
        data = self.data
        self.people = {p.id: p for p in data.people}
        self.available = {p.id for p in data.people if p.available}
        self.ranked: dict[str, Ranked] = {}
        by_quota: dict[str, list[Nomination]] = defaultdict(list)
        for n in data.nominations:
            by_quota[n.quota].append(n)
        for q in data.quotas:
            self.ranked[q.id] = Ranked(sorted(by_quota[q.id], key=lambda n: n.priority))
        self.total_seats = sum(q.seats for q in data.quotas)
        hard_targets = any(t.hard for t in data.targets) and not self.soften_hard_targets
        # Without confirmed seats or hard targets a solution obeying the priority rule always
        # exists when any solution does (swap a lower name for an unseated higher one of the
        # same quota until none is left), so the rule can be a hard constraint. Otherwise it
        # is a top-tier soft one: broken only where a hard constraint forces it.
        self.priority_slack = hard_targets or bool(data.fixed)
        self._build()

    def _build(self) -> None:
        m, data = self.model, self.data
        for q in data.quotas:
            for n in self.ranked[q.id].nominations:
                if n.person in self.available:
                    self.x[q.id, n.person] = m.new_bool_var(f"x[{q.id},{n.person}]")
        seated: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for (_q, p), var in self.x.items():
            seated[p].append(var)
        for vars_ in seated.values():
            if len(vars_) > 1:
                m.add_at_most_one(vars_)

        for q in data.quotas:
            vars_ = [
                self.x[q.id, n.person]
                for n in self.ranked[q.id].nominations
                if n.person in self.available
            ]
            if self.quota_slack:
                slack = m.new_int_var(0, q.seats, f"quota_short[{q.id}]")
                self.quota_short[q.id] = slack
                m.add(sum(vars_) + slack == q.seats)
            else:
                m.add(sum(vars_) == q.seats)

        everyone = list(self.x.values())
        if self.capacity_slack:
            self.capacity_excess = m.new_int_var(0, len(everyone), "capacity_excess")
            m.add(sum(everyone) <= data.capacity + self.capacity_excess)
        else:
            m.add(sum(everyone) <= data.capacity)

        for s in data.fixed:
            m.add(self.x[s.quota, s.person] == 1)

        self._priority_rule(seated)
        self._targets()

    def _priority_rule(self, seated: dict[str, list[cp_model.IntVar]]) -> None:
        """Within a quota, a name is credited only if every available higher name is seated
        (for this quota or another): prefix[k] says "the first k available names are seated"."""
        m = self.model
        for q in self.data.quotas:
            prefix: cp_model.IntVar | None = None
            for n in self.ranked[q.id].nominations:
                if n.person not in self.available:
                    continue
                var = self.x[q.id, n.person]
                if prefix is not None:
                    if self.priority_slack:
                        broken = m.new_bool_var(f"priority_exception[{q.id},{n.person}]")
                        self.violations[q.id, n.person] = broken
                        m.add(var <= prefix + broken)
                    else:
                        m.add(var <= prefix)
                nxt = m.new_bool_var(f"prefix[{q.id},{n.person}]")
                m.add(nxt <= sum(seated[n.person]))
                if prefix is not None:
                    m.add(nxt <= prefix)
                prefix = nxt

    def _targets(self) -> None:
        m = self.model
        for i, t in enumerate(self.data.targets):
            need = required_count(t, self.total_seats)
            count = [v for (_q, p), v in self.x.items() if matches(self.people[p], t)]
            short = m.new_int_var(0, max(need, 0), f"short[{i}]")
            m.add(short >= need - sum(count))
            if t.hard and not self.soften_hard_targets:
                m.add(short == 0)
            self.short[i] = short

    def cost(self, quota: str, person: str, bits: int) -> int:
        return self.ranked[quota].rank(person) * (1 << bits) + tie_break(quota, person, bits)

    def minimise(self) -> None:
        """Lexicographic objective in one integer sum: priority exceptions, then weighted
        target shortfall, then the priority ranks of the credited names, then a tie-break
        per nomination so that equal-cost optima are (practically) never tied."""
        bits = TIE_BITS
        while True:
            costs = {key: self.cost(*key, bits) for key in self.x}
            max_cost = sum(sorted(costs.values(), reverse=True)[: self.total_seats]) if costs else 0
            w_short = max_cost + 1
            weights = {i: round(t.weight * 100) for i, t in enumerate(self.data.targets)}
            max_short = sum(
                weights[i] * required_count(t, self.total_seats)
                for i, t in enumerate(self.data.targets)
            )
            w_violation = w_short * (max_short + 1)
            top = w_violation * (len(self.violations) + 1)
            if top < INT_LIMIT or bits <= 4:
                break
            bits -= 2
        self.w_short, self.w_violation = w_short, w_violation
        self.model.minimize(
            w_violation * sum(self.violations.values())
            + w_short * sum(weights[i] * s for i, s in self.short.items())
            + sum(costs[key] * var for key, var in self.x.items())
        )

    def solve(self, *, time_limit: float, workers: int) -> tuple[cp_model.CpSolver, Any]:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = float(time_limit)
        solver.parameters.num_workers = max(1, int(workers))
        solver.parameters.random_seed = 0
        status = solver.solve(self.model)
        return solver, status
