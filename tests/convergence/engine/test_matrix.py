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
