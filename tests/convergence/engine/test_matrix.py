from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from convenor.convergence.engine import (
    convergence_matrix,
    divergences,
    key_issues,
    membership_matrix,
)

REGIONS = ["africa", "asia", "europe", "pacific"]


def test_breadth_rewards_many_regions_over_many_recommendations_from_one():
    # Issue 0: 20 recommendations from Asia alone; issue 1: one from each of four regions.
    assignments = [[0]] * 20 + [[1]] * 4
    values = ["asia"] * 20 + REGIONS
    m = convergence_matrix(membership_matrix(assignments, 2), ["one", "many"], values)
    assert m.breadth[1] > m.breadth[0]
    assert m.support_share.tolist() == [0.25, 1.0]
    ranked = key_issues(membership_matrix(assignments, 2), [m], [str(i) for i in range(24)])
    assert [k.key for k in ranked] == ["many", "one"]


def test_key_issues_link_to_their_supporting_recommendations_and_sources():
    assignments = [[0], [0, 1], [1], [], [0]]
    values = ["africa", "asia", "asia", "europe", ""]
    ids = ["r0", "r1", "r2", "r3", "r4"]
    membership = membership_matrix(assignments, 2)
    m = convergence_matrix(membership, ["a", "b"], values)
    issues = {k.key: k for k in key_issues(membership, [m], ids)}
    assert issues["a"].recommendation_ids == ["r0", "r1", "r4"]
    assert issues["b"].recommendation_ids == ["r1", "r2"]
    assert issues["a"].sources["region"] == {"africa": 1, "asia": 1}
    assert issues["b"].sources["region"] == {"asia": 2}


def test_key_issues_leave_out_issues_nobody_raised_and_honour_the_count():
    membership = membership_matrix([[0], [1], [1]], 3)
    m = convergence_matrix(membership, ["a", "b", "c"], ["asia", "asia", "europe"])
    assert [k.key for k in key_issues(membership, [m], ["x", "y", "z"])] == ["b", "a"]
    assert len(key_issues(membership, [m], ["x", "y", "z"], count=1)) == 1


def test_divergence_finds_an_issue_strong_in_one_region_and_absent_elsewhere():
    assignments = [[0]] * 4 + [[1]] * 4 + [[1]] * 4 + [[1]] * 4
    values = ["pacific"] * 4 + ["africa"] * 4 + ["asia"] * 4 + ["europe"] * 4
    m = convergence_matrix(membership_matrix(assignments, 2), ["climate", "services"], values)
    [found] = divergences(m)
    assert found.key == "climate"
    assert set(found.strong) == {"pacific"}
    assert set(found.absent) == {"africa", "asia", "europe"}


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sets(st.integers(0, 4), max_size=3),
            st.sampled_from([*REGIONS, ""]),
        ),
        max_size=40,
    )
)
def test_matrix_counts_add_up(rows):
    assignments = [sorted(a) for a, _ in rows]
    values = [v for _, v in rows]
    membership = membership_matrix(assignments, 5)
    m = convergence_matrix(membership, list("abcde"), values)
    known = [a for a, v in zip(assignments, values, strict=True) if v]
    assert m.counts.sum() == sum(len(a) for a in known)
    assert m.source_sizes.sum() == len(known)
    assert (m.counts.sum(axis=1) <= m.totals).all()
    assert m.totals.tolist() == [sum(j in a for a in assignments) for j in range(5)]
    assert ((m.breadth >= 0) & (m.breadth <= 1)).all()
    for issue in key_issues(membership, [m], [str(i) for i in range(len(rows))], count=5):
        j = "abcde".index(issue.key)
        assert len(issue.recommendation_ids) == m.totals[j]
        assert sum(issue.sources["region"].values()) == m.counts[j].sum()
    assert np.isfinite(m.breadth).all()


def _return_issue():
    """Issue 0 ("return"): Europe raises it 4 times; Africa twice, both against; Asia never;
    the Pacific once against and twice for. Issue 1 fills every source to four."""
    rows = (
        [("europe", [0], False)] * 4
        + [("africa", [0], True)] * 2
        + [("africa", [1], False)] * 2
        + [("asia", [1], False)] * 4
        + [("pacific", [0], True)]
        + [("pacific", [0], False)] * 2
        + [("pacific", [1], False)]
    )
    values = [r[0] for r in rows]
    membership = membership_matrix([r[1] for r in rows], 2)
    opposed = [r[2] for r in rows]
    return membership, values, opposed


def test_opposing_recommendations_are_not_support():
    membership, values, opposed = _return_issue()
    m = convergence_matrix(membership, ["return", "other"], values, opposed=opposed)
    column = dict(zip(m.sources, m.counts[0].tolist(), strict=True))
    against = dict(zip(m.sources, m.opposed[0].tolist(), strict=True))
    assert column == {"africa": 0, "asia": 0, "europe": 4, "pacific": 2}
    assert against == {"africa": 2, "asia": 0, "europe": 0, "pacific": 1}
    assert m.totals.tolist() == [6, 7] and m.opposed_totals.tolist() == [3, 0]
    assert m.support_share[0] == 0.5


def test_divergence_says_which_sources_are_absent_and_which_oppose():
    membership, values, opposed = _return_issue()
    m = convergence_matrix(membership, ["return", "other"], values, opposed=opposed)
    found = next(d for d in divergences(m) if d.key == "return")
    assert set(found.strong) == {"europe"}
    assert found.absent == ["asia"]
    assert found.opposed == {"africa": 2}  # the Pacific supports more than it opposes
    assert found.positions == {"asia": "absent", "africa": "opposed"}


def test_opposition_alone_makes_a_divergence():
    # Every source raises the issue; one of them only against it.
    rows = [("europe", False)] * 3 + [("asia", False)] * 3 + [("africa", True)]
    membership = membership_matrix([[0]] * len(rows), 1)
    values = [r[0] for r in rows]
    m = convergence_matrix(membership, ["x"], values, opposed=[r[1] for r in rows])
    [found] = divergences(m, ratio=1.0)
    assert found.opposed == {"africa": 1} and found.absent == []
    assert divergences(convergence_matrix(membership, ["x"], values), ratio=1.0) == []


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sets(st.integers(0, 3), max_size=3),
            st.sampled_from([*REGIONS, ""]),
            st.booleans(),
        ),
        max_size=40,
    )
)
def test_support_and_opposition_add_up_to_what_was_raised(rows):
    assignments = [sorted(a) for a, _, _ in rows]
    values = [v for _, v, _ in rows]
    opposed = [o for _, _, o in rows]
    membership = membership_matrix(assignments, 4)
    plain = convergence_matrix(membership, list("abcd"), values)
    split = convergence_matrix(membership, list("abcd"), values, opposed=opposed)
    np.testing.assert_array_equal(split.counts + split.opposed, plain.counts)
    np.testing.assert_array_equal(split.totals + split.opposed_totals, plain.totals)
    assert (split.breadth <= plain.breadth + 1e-12).all()
    for d in divergences(split, ratio=1.0, min_count=1, min_source_size=1):
        assert not set(d.positions) & set(d.strong)
        for source in d.opposed:
            s = split.sources.index(source)
            j = list("abcd").index(d.key)
            assert split.opposed[j, s] >= split.counts[j, s]
