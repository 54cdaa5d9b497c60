"""Annex 3 of seed 001 as a test case: 13 processes, 60 unduplicated delegates."""

from collections import Counter
from dataclasses import replace

from convenor.delegations.engine import Nomination, apply_relaxations, solve_selection

from .annex3 import QUOTAS, annex3_input
from .helpers import assert_hard_constraints, assert_priority_rule


def test_annex3_quotas_add_up_to_the_seeds_total_of_60():
    assert len(QUOTAS) == 7 + 1 + 10
    assert sum(seats for *_rest, seats in QUOTAS) == 60


def test_annex3_seats_60_unduplicated_delegates_each_process_at_its_final_number():
    data = annex3_input()
    result = solve_selection(data, workers=2)

    assert result.status == "optimal"
    people = [s.person for s in result.selected]
    assert len(people) == 60
    assert len(set(people)) == 60
    per_quota = Counter(s.quota for s in result.selected)
    assert per_quota == {q: seats for q, _mode, _names, seats in QUOTAS}
    assert_hard_constraints(data, result)
    assert_priority_rule(data, result)


def test_annex3_shared_nominee_is_credited_once_and_explained():
    result = solve_selection(annex3_input(), workers=2)

    seated = {s.person: s.quota for s in result.selected}
    assert seated["north-america-2"] == "north-america"  # a "select 3" list must be filled
    why = next(p for p in result.people if p.person == "north-america-2")
    assert "also nominated by gfmd-csd (priority 3), counted once" in why.reason


def test_annex3_reports_balance_shortfalls_per_target():
    result = solve_selection(annex3_input(), workers=2)

    by_target = {s.target: s for s in result.shortfalls}
    assert set(by_target) == {"gender=f", "youth=true", "migrant_or_refugee=true"}
    assert by_target["gender=f"].required == 30
    for s in result.shortfalls:
        assert s.shortfall == max(0, s.required - s.achieved)


def test_annex3_select_list_sharing_a_name_with_a_region_is_diagnosed_with_a_relaxation():
    data = annex3_input()
    # Trade unions "select 3" of 3 names, one of which the North American consultation seats.
    nominations = tuple(
        Nomination(quota="trade-unions", person="north-america-2", priority=2)
        if (n.quota, n.priority) == ("trade-unions", 2)
        else n
        for n in data.nominations
    )
    data = replace(data, nominations=nominations)

    result = solve_selection(data, workers=2)

    assert result.status == "infeasible"
    assert "quota trade-unions" in result.conflicts[0].constraints
    assert [r.message for r in result.relaxations] == ["reduce quota trade-unions by 1"]
    assert solve_selection(apply_relaxations(data, result.relaxations)).status == "optimal"
