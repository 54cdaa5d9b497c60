"""Shared checks for the selection engine tests."""

from __future__ import annotations

from collections import Counter

from convenor.delegations.engine import SelectionInput, SelectionResult
from convenor.delegations.engine.evaluate import score


def assignment(result: SelectionResult) -> dict[str, str]:
    return {s.person: s.quota for s in result.selected}


def assert_hard_constraints(data: SelectionInput, result: SelectionResult) -> None:
    """Every hard constraint of the model holds for a returned delegation."""
    assert result.status in ("optimal", "feasible")
    people = [s.person for s in result.selected]
    assert len(people) == len(set(people)), "someone is seated twice"
    nominated = {(n.quota, n.person) for n in data.nominations}
    for s in result.selected:
        assert (s.quota, s.person) in nominated, f"{s.person} credited to {s.quota} unnominated"
    per_quota = Counter(s.quota for s in result.selected)
    for q in data.quotas:
        assert per_quota[q.id] == q.seats, f"quota {q.id}: {per_quota[q.id]} of {q.seats}"
    assert len(people) <= data.capacity
    unavailable = {p.id for p in data.people if not p.available}
    assert not unavailable & set(people)
    seated = assignment(result)
    for seat in data.fixed:
        assert seated.get(seat.person) == seat.quota
    for s in result.shortfalls:
        if s.hard:
            assert s.shortfall == 0


def assert_priority_rule(data: SelectionInput, result: SelectionResult) -> None:
    """Within a quota, no name is credited while an available higher name is unseated."""
    assert score(data, assignment(result)).priority_violations == 0
