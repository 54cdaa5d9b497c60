"""The selection solver: hard constraints, the priority rule, optimality, reproducibility."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convenor.delegations.engine import (
    Nomination,
    Person,
    Quota,
    Seat,
    SelectionInput,
    Target,
    apply_relaxations,
    greedy_selection,
    solve_selection,
)
from convenor.delegations.engine.evaluate import score

from .helpers import assert_hard_constraints, assert_priority_rule, assignment

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw, *, max_people: int = 6, max_quotas: int = 3) -> SelectionInput:
    n_people = draw(st.integers(2, max_people))
    people = tuple(
        Person(
            id=f"p{i}",
            gender=draw(st.sampled_from(["f", "m"])),
            youth=draw(st.booleans()),
            region=draw(st.sampled_from(["asia", "africa"])),
        )
        for i in range(n_people)
    )
    quotas, nominations = [], []
    for qi in range(draw(st.integers(1, max_quotas))):
        names = draw(st.permutations([p.id for p in people]))[: draw(st.integers(1, n_people))]
        nominations += [Nomination(f"q{qi}", p, prio) for prio, p in enumerate(names, 1)]
        quotas.append(Quota(id=f"q{qi}", seats=draw(st.integers(0, min(2, len(names))))))
    targets = tuple(
        Target(attribute=a, value=v, min_count=draw(st.integers(0, 3)), weight=w)
        for a, v, w in draw(
            st.lists(
                st.sampled_from(
                    [("gender", "f", 2.0), ("youth", True, 1.0), ("region", "asia", 1)]
                ),
                unique=True,
                max_size=2,
            )
        )
    )
    capacity = draw(st.integers(0, sum(q.seats for q in quotas) + 2))
    return SelectionInput(
        capacity=capacity,
        quotas=tuple(quotas),
        people=people,
        nominations=tuple(nominations),
        targets=targets,
    )


def brute_force(data: SelectionInput) -> tuple[int, ...] | None:
    """The best score key over every assignment that keeps the hard rules, or None."""
    options = {p.id: [None] for p in data.people}
    for n in data.nominations:
        options[n.person].append(n.quota)
    best = None
    ids = list(options)
    for choice in itertools.product(*(options[i] for i in ids)):
        assigned = {p: q for p, q in zip(ids, choice, strict=True) if q is not None}
        s = score(data, assigned)
        if s.missing_seats or s.over_capacity or s.priority_violations:
            continue
        if any(
            sum(1 for q in assigned.values() if q == quota.id) > quota.seats
            for quota in data.quotas
        ):
            continue
        if best is None or s.key < best:
            best = s.key
    return best


@FAST
@given(instances())
def test_solver_matches_brute_force_optimum_and_keeps_every_hard_constraint(data):
    result = solve_selection(data, workers=1)
    best = brute_force(data)

    if best is None:
        assert result.status == "infeasible"
        assert result.relaxations
        relaxed = apply_relaxations(data, result.relaxations)
        assert solve_selection(relaxed, workers=1).status == "optimal"
    else:
        assert result.status == "optimal"
        assert_hard_constraints(data, result)
        assert_priority_rule(data, result)
        assert score(data, assignment(result)).key == best


@settings(max_examples=10, deadline=None)
@given(instances(max_people=8, max_quotas=4))
def test_same_input_gives_same_output_with_1_or_4_workers(data):
    one = solve_selection(data, workers=1)
    again = solve_selection(data, workers=1)
    four = solve_selection(data, workers=4)

    assert one.selected == again.selected == four.selected
    assert one.people == four.people
    assert one.status == four.status


def test_priority_rule_higher_name_seated_elsewhere_lets_the_next_one_in():
    data = SelectionInput(
        capacity=10,
        quotas=(Quota("asia", 2), Quota("gfmd", 1)),
        people=tuple(Person(id=p) for p in ("a", "b", "c", "d")),
        nominations=(
            Nomination("asia", "a", 1),
            Nomination("asia", "b", 2),
            Nomination("asia", "c", 3),
            Nomination("gfmd", "a", 1),
        ),
    )

    result = solve_selection(data)

    assert assignment(result) == {"a": "gfmd", "b": "asia", "c": "asia"}
    why = {p.person: p for p in result.people}
    assert "also nominated by asia (priority 1), counted once" in why["a"].reason
    assert why["d"].reason == "not nominated by any quota"


def test_unseated_person_is_explained_as_below_the_last_seated_name():
    data = SelectionInput(
        capacity=10,
        quotas=(Quota("women", 1, max_names=3),),
        people=tuple(Person(id=p) for p in ("a", "b", "c")),
        nominations=tuple(Nomination("women", p, i) for i, p in enumerate("abc", 1)),
    )

    result = solve_selection(data)

    why = {p.person: p for p in result.people}
    assert why["c"].selected is False
    assert "women: priority 3, after the last name seated (priority 1)" in why["c"].reason
    assert why["c"].binding == ("quota women: 1 seats",)


def test_soft_target_pulls_in_a_duplicate_rather_than_breaking_priority():
    # Both quotas name "f1" first; crediting it to one lets the other seat its second name.
    data = SelectionInput(
        capacity=4,
        quotas=(Quota("x", 1), Quota("y", 1)),
        people=(Person("f1", gender="f"), Person("m1", gender="m"), Person("f2", gender="f")),
        nominations=(
            Nomination("x", "f1", 1),
            Nomination("x", "m1", 2),
            Nomination("y", "f1", 1),
            Nomination("y", "f2", 2),
        ),
        targets=(Target("gender", "f", min_count=2),),
    )

    result = solve_selection(data)

    assert assignment(result) == {"f1": "x", "f2": "y"}
    assert result.shortfalls[0].shortfall == 0


def test_confirmed_seats_are_kept_and_a_decline_seats_the_next_name():
    people = tuple(Person(id=p) for p in ("a", "b", "c", "d"))
    data = SelectionInput(
        capacity=10,
        quotas=(Quota("q", 2),),
        people=people,
        nominations=tuple(Nomination("q", p, i) for i, p in enumerate("abcd", 1)),
    )
    first = solve_selection(data)
    assert assignment(first) == {"a": "q", "b": "q"}

    declined = replace(
        data,
        people=tuple(replace(p, available=p.id != "a") for p in people),
        fixed=(Seat("b", "q"),),
    )
    second = solve_selection(declined)

    assert assignment(second) == {"b": "q", "c": "q"}
    assert second.priority_exceptions == ()


def test_hard_target_may_force_a_lower_name_and_says_so():
    data = SelectionInput(
        capacity=5,
        quotas=(Quota("q", 1),),
        people=(Person("m1", gender="m"), Person("f1", gender="f")),
        nominations=(Nomination("q", "m1", 1), Nomination("q", "f1", 2)),
        targets=(Target("gender", "f", min_count=1, hard=True),),
    )

    result = solve_selection(data)

    assert assignment(result) == {"f1": "q"}
    assert len(result.priority_exceptions) == 1
    assert "f1 seated for q at priority 2" in result.priority_exceptions[0]


def test_seats_above_capacity_is_infeasible_with_raise_capacity_relaxation():
    data = SelectionInput(
        capacity=3,
        quotas=(Quota("a", 2), Quota("b", 2)),
        people=tuple(Person(id=f"p{i}") for i in range(4)),
        nominations=tuple(
            Nomination(q, f"p{i}", i % 2 + 1) for q, i in [("a", 0), ("a", 1), ("b", 2), ("b", 3)]
        ),
    )

    result = solve_selection(data)

    assert result.status == "infeasible"
    assert result.selected == ()
    assert "capacity" in result.conflicts[0].constraints
    assert [r.message for r in result.relaxations] == ["raise capacity to 4"]
    assert solve_selection(apply_relaxations(data, result.relaxations)).status == "optimal"


def test_quota_short_of_names_and_unreachable_hard_target_get_combined_relaxation():
    data = SelectionInput(
        capacity=3,
        quotas=(Quota("a", 3), Quota("b", 1)),
        people=(Person("p1", gender="m"), Person("p2", gender="f"), Person("p3", gender="m")),
        nominations=(
            Nomination("a", "p1", 1),
            Nomination("b", "p2", 1),
            Nomination("b", "p3", 2),
        ),
        targets=(Target("gender", "f", min_share=0.9, hard=True),),
    )

    result = solve_selection(data)

    assert result.status == "infeasible"
    messages = [r.message for r in result.relaxations]
    assert messages[0] == "reduce quota a by 2"
    assert messages[1].startswith("lower target gender=f to a minimum of 1")
    assert any("a has 1 available names for 3 seats" in c.message for c in result.conflicts)
    assert solve_selection(apply_relaxations(data, result.relaxations)).status == "optimal"


def test_greedy_baseline_can_leave_a_quota_short_where_the_solver_fills_it():
    data = SelectionInput(
        capacity=4,
        quotas=(Quota("x", 1), Quota("y", 1)),
        people=(Person("a"), Person("b")),
        nominations=(Nomination("x", "a", 1), Nomination("x", "b", 2), Nomination("y", "a", 1)),
    )

    greedy = greedy_selection(data)
    solved = solve_selection(data)

    assert score(data, greedy).missing_seats == 1
    assert assignment(solved) == {"a": "y", "b": "x"}
