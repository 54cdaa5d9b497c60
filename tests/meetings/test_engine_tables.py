"""Small-table assignment: hard constraints, facilitators, gap, re-runs with pins."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convenor.meetings.engine import (
    Participant,
    Placement,
    Table,
    TableInput,
    TableInputError,
    assign_tables,
    greedy_tables,
    hard_violations,
    terms,
)

THEMES = ["act-2", "act-3", "act-5", "act-9"]


def meeting(n_cs: int = 20, n_gov: int = 6, seed: int = 0) -> TableInput:
    regions = ["africa", "asia", "europe", "latin-america"]
    people = [
        Participant(
            id=f"cs{i:02d}",
            region=regions[(i * 7 + seed) % 4],
            sector=["ngo", "union", "diaspora"][(i + seed) % 3],
            theme=THEMES[i % 4],
            facilitator_of=THEMES[i] if i < 4 else None,
        )
        for i in range(n_cs)
    ] + [
        Participant(id=f"gov{i}", kind="government", region=regions[i % 4], theme=THEMES[i % 4])
        for i in range(n_gov)
    ]
    tables = tuple(
        Table(id=f"t-{theme}", theme=theme, min_size=5, max_size=8, min_gov=1, max_gov=2)
        for theme in THEMES
    )
    return TableInput(participants=tuple(people), tables=tables, rounds=2)


def test_plan_keeps_every_hard_constraint_and_facilitators_stay_at_their_theme():
    data = meeting()
    result = assign_tables(data, time_limit=5, workers=2)

    assert result.status in ("optimal", "feasible")
    assert hard_violations(data, result.plan) == []
    for i, theme in enumerate(THEMES):
        assert result.table_of(f"cs{i:02d}", 1) == f"t-{theme}"
        assert result.table_of(f"cs{i:02d}", 2) == f"t-{theme}"


def test_objective_equals_sum_of_terms_and_gap_is_reported():
    data = meeting()
    result = assign_tables(data, time_limit=5, workers=2)

    assert result.objective == sum(t.cost for t in result.terms)
    assert result.best_bound is not None and result.best_bound <= result.objective
    assert result.gap is not None and 0 <= result.gap <= 1
    assert {t.name for t in result.terms} == {
        "theme",
        "region_mix",
        "sector_mix",
        "overlap",
        "repeat_pairs",
        "switches",
        "changes",
    }


def test_solver_is_no_worse_than_the_greedy_baseline():
    data = meeting()
    result = assign_tables(data, time_limit=5, workers=2)
    greedy = greedy_tables(data)

    assert hard_violations(data, greedy) == []
    assert result.objective <= sum(t.cost for t in terms(data, greedy))


def test_rerun_with_a_pin_changes_little():
    data = meeting()
    first = assign_tables(data, time_limit=5, workers=2)
    moved = next(p for p in first.plan if p.participant == "cs10" and p.round == 1)
    other = next(t.id for t in data.tables if t.id != moved.table)
    people = tuple(
        replace(p, pinned={1: other}) if p.id == "cs10" else p for p in data.participants
    )

    second = assign_tables(
        replace(data, participants=people, previous=first.plan), time_limit=5, workers=2
    )

    assert second.table_of("cs10", 1) == other
    assert hard_violations(replace(data, participants=people), second.plan) == []
    changed = [p for p in second.plan if p not in set(first.plan)]
    assert len(changed) <= 6
    assert next(t for t in second.terms if t.name == "changes").value == len(changed)


def test_requested_switch_is_granted():
    data = meeting()
    wish = Placement("cs05", 2, "t-act-9")
    result = assign_tables(replace(data, switches=(wish,)), time_limit=5, workers=2)

    assert result.table_of("cs05", 2) == "t-act-9"


def test_one_round_has_no_mixing_terms():
    data = replace(meeting(), rounds=1)
    result = assign_tables(data, time_limit=5, workers=2)

    assert {p.round for p in result.plan} == {1}
    assert "overlap" not in {t.name for t in result.terms}


def test_too_many_people_is_infeasible_with_a_reason():
    data = meeting(n_cs=40)
    result = assign_tables(data, time_limit=2, workers=1)

    assert result.status == "infeasible"
    assert "46 participants exceed the tables' maximum sizes (32 in total)" in result.conflicts


def test_facilitator_without_a_theme_table_is_infeasible():
    data = meeting()
    people = (Participant("extra", facilitator_of="act-10"), *data.participants)
    result = assign_tables(replace(data, participants=people), time_limit=2, workers=1)

    assert result.status == "infeasible"
    assert any("no table has the theme 'act-10'" in c for c in result.conflicts)


def test_malformed_input_lists_every_problem():
    data = meeting()
    bad = replace(
        data,
        rounds=3,
        tables=(*data.tables, Table("t-act-2", min_size=9, max_size=2)),
        switches=(Placement("ghost", 1, "nowhere"),),
    )
    with pytest.raises(TableInputError) as caught:
        assign_tables(bad)
    problems = "\n".join(caught.value.problems)
    assert "rounds must be 1 or 2" in problems
    assert "duplicate table id 't-act-2'" in problems
    assert "min_size 9 > max_size 2" in problems
    assert "switch for unknown participant 'ghost'" in problems
    assert "switch to unknown table 'nowhere'" in problems


@settings(max_examples=5, deadline=None)
@given(st.integers(16, 24), st.integers(4, 8), st.integers(0, 3))
def test_random_feasible_meetings_always_respect_hard_constraints(n_cs, n_gov, seed):
    # 20 to 32 people fit four tables of 5 to 8 with 1 or 2 governments each.
    data = meeting(n_cs=n_cs, n_gov=n_gov, seed=seed)
    result = assign_tables(data, time_limit=2, workers=2)

    assert result.status in ("optimal", "feasible")
    assert hard_violations(data, result.plan) == []
