"""Malformed selection input is refused before solving, with every problem listed."""

import pytest

from convenor.delegations.engine import (
    Nomination,
    Person,
    Quota,
    SelectionInput,
    SelectionInputError,
    Target,
    input_from_json,
    solve_selection,
)


def test_every_problem_is_listed_at_once():
    data = SelectionInput(
        capacity=-1,
        quotas=(Quota("a", -2), Quota("a", 1, max_names=1)),
        people=(Person("p"), Person("p")),
        nominations=(
            Nomination("zz", "p", 1),
            Nomination("a", "ghost", 0),
            Nomination("a", "p", 1),
            Nomination("a", "p", 1),
        ),
        targets=(Target("colour", "red", min_share=1.5),),
    )

    with pytest.raises(SelectionInputError) as caught:
        solve_selection(data)

    problems = "\n".join(caught.value.problems)
    for expected in (
        "capacity must be a whole number >= 0",
        "duplicate quota id 'a'",
        "duplicate person id 'p'",
        "quota 'a': seats must be a whole number >= 0, got -2",
        "unknown quota 'zz'",
        "unknown person 'ghost'",
        "priority must be a whole number >= 1, got 0",
        "priority 1 is already used in quota 'a'",
        "the same person is nominated twice by quota 'a'",
        "no person has the attribute 'colour'",
        "min_share must be between 0 and 1",
    ):
        assert expected in problems
    assert isinstance(caught.value, ValueError)


def test_more_nominations_than_max_names_is_refused():
    data = SelectionInput(
        capacity=5,
        quotas=(Quota("women", 1, max_names=1),),
        people=(Person("a"), Person("b")),
        nominations=(Nomination("women", "a", 1), Nomination("women", "b", 2)),
    )
    with pytest.raises(SelectionInputError, match="at most 1 names may be put forward"):
        solve_selection(data)


def test_json_with_wrong_types_lists_each_field():
    with pytest.raises(SelectionInputError) as caught:
        input_from_json(
            {
                "capacity": "sixty",
                "quotas": [{"id": "a", "seats": True}],
                "people": [{"gender": "f"}],
                "nominations": "none",
                "surprise": 1,
            }
        )
    problems = caught.value.problems
    assert "'capacity' must be a whole number" in problems
    assert "quotas[1]: 'seats' must be a whole number, got True" in problems
    assert "people[1]: missing key 'id'" in problems
    assert "'nominations' must be a list" in problems
    assert "unknown keys: surprise" in problems
