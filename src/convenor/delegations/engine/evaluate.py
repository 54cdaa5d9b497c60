"""Scores any assignment (solver's, greedy's, brute force's) by the solver's own criteria."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .model import matches, required_count
from .types import SelectionInput


@dataclass(frozen=True)
class Score:
    """Lower is better, compared in this order: missing seats and broken priority order are
    hard violations; then the weighted target shortfall (weights x 100); then the sum of the
    priority ranks of the seated names."""

    missing_seats: int
    over_capacity: int
    priority_violations: int
    weighted_shortfall: int
    rank_sum: int
    seated: int

    @property
    def key(self) -> tuple[int, int, int, int, int]:
        return (
            self.missing_seats,
            self.over_capacity,
            self.priority_violations,
            self.weighted_shortfall,
            self.rank_sum,
        )


def score(data: SelectionInput, assignment: Mapping[str, str]) -> Score:
    """`assignment` maps each seated person to the quota they are credited to."""
    ranks: dict[str, list[str]] = {}
    for q in data.quotas:
        noms = sorted((n for n in data.nominations if n.quota == q.id), key=lambda n: n.priority)
        ranks[q.id] = [n.person for n in noms]
    available = {p.id for p in data.people if p.available}
    per_quota = Counter(assignment.values())
    missing = sum(max(0, q.seats - per_quota[q.id]) for q in data.quotas)
    over = max(0, len(assignment) - data.capacity)

    violations = 0
    rank_sum = 0
    for person, quota in assignment.items():
        order = ranks[quota]
        rank = order.index(person) + 1
        rank_sum += rank
        higher = [p for p in order[: rank - 1] if p in available]
        if any(p not in assignment for p in higher):
            violations += 1

    people = {p.id: p for p in data.people}
    total_seats = sum(q.seats for q in data.quotas)
    shortfall = 0
    for t in data.targets:
        got = sum(1 for p in assignment if matches(people[p], t))
        shortfall += round(t.weight * 100) * max(0, required_count(t, total_seats) - got)
    return Score(missing, over, violations, shortfall, rank_sum, len(assignment))
