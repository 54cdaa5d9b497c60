from __future__ import annotations

import pytest

from convenor.convergence.engine import (
    ClusterConstraints,
    Recommendation,
    cluster_recommendations,
    merge,
    rename,
    split,
)
from convenor.convergence.engine import clustering as clustering_module

TOPICS = {
    "detention": [
        "End immigration detention of children",
        "Alternatives to immigration detention in the community",
        "No detention of children for immigration purposes",
        "Immigration detention only as a last resort",
    ],
    "remittances": [
        "Lower the cost of remittances",
        "Cheaper remittances for migrant families",
        "Remittances costs must fall below three percent",
        "Financial inclusion and cheaper remittances",
    ],
    "health": [
        "Access to health care regardless of status",
        "Health care for undocumented migrants",
        "Firewalls between health care and immigration enforcement",
        "Migrants need access to health care and clinics",
    ],
}


def recs(extra: int = 0) -> list[Recommendation]:
    out = [
        Recommendation(id=f"{topic}-{i}", text=text)
        for topic, texts in TOPICS.items()
        for i, text in enumerate(texts)
    ]
    out += [
        Recommendation(id=f"extra-{i}", text=f"Cheaper remittances for families {i}")
        for i in range(extra)
    ]
    return out


def groups(result) -> set[frozenset[str]]:
    return {frozenset(c.member_ids) for c in result.clusters}


def test_clustering_groups_recommendations_by_issue():
    result = cluster_recommendations(recs(), k=3, seed=0)
    assert groups(result) == {frozenset(f"{topic}-{i}" for i in range(4)) for topic in TOPICS}


def test_clusters_carry_distinctive_words_and_a_central_member():
    result = cluster_recommendations(recs(), k=3, seed=0)
    for cluster in result.clusters:
        assert cluster.central_id in cluster.member_ids
        topic = cluster.member_ids[0].split("-")[0]
        assert topic in cluster.terms[:2] or "care" in cluster.terms[:2]
        assert cluster.label


def test_clustering_is_deterministic_for_a_seed():
    first = cluster_recommendations(recs(), k=4, seed=3)
    second = cluster_recommendations(recs(), k=4, seed=3)
    assert first.assignment == second.assignment
    assert [c.terms for c in first.clusters] == [c.terms for c in second.clusters]


def test_pinned_name_survives_a_rerun_with_new_recommendations():
    first = cluster_recommendations(recs(), k=3, seed=0)
    cluster = first.cluster_of("remittances-0")
    edits = rename(ClusterConstraints(), cluster, "Remittances")
    again = cluster_recommendations(recs(extra=3), k=3, constraints=edits, seed=0)
    [named] = [c for c in again.clusters if c.name == "Remittances"]
    # The name follows the cluster that holds most of the members it was given to.
    assert len(set(named.member_ids) & set(cluster.member_ids)) * 2 > len(cluster.member_ids)


def test_pinned_members_stay_together_under_their_name():
    first = cluster_recommendations(recs(), k=3, seed=0)
    cluster = first.cluster_of("remittances-0")
    edits = rename(ClusterConstraints(), cluster, "Remittances", pin_members=True)
    again = cluster_recommendations(recs(extra=3), k=3, constraints=edits, seed=0)
    named = again.cluster_of("remittances-0")
    assert named.name == "Remittances"
    assert set(cluster.member_ids) <= set(named.member_ids)


def test_merge_survives_a_rerun():
    first = cluster_recommendations(recs(), k=3, seed=0)
    edits = merge(
        ClusterConstraints(),
        first.cluster_of("detention-0"),
        first.cluster_of("health-0"),
        name="Protection",
    )
    again = cluster_recommendations(recs(extra=2), k=3, constraints=edits, seed=0)
    merged = again.cluster_of("detention-0")
    assert {f"health-{i}" for i in range(4)} <= set(merged.member_ids)
    assert merged.name == "Protection"


def test_split_survives_a_rerun():
    first = cluster_recommendations(recs(), k=3, seed=0)
    cluster = first.cluster_of("health-0")
    edits = split(ClusterConstraints(), cluster, ["health-2"])
    again = cluster_recommendations(recs(extra=2), k=3, constraints=edits, seed=0)
    assert again.assignment["health-2"] != again.assignment["health-0"]
    assert again.assignment["health-0"] == again.assignment["health-1"]


def test_split_needs_members_on_both_sides():
    first = cluster_recommendations(recs(), k=3, seed=0)
    cluster = first.cluster_of("health-0")
    with pytest.raises(ValueError):
        split(ClusterConstraints(), cluster, cluster.member_ids)


def test_later_merge_overrides_an_earlier_split():
    first = cluster_recommendations(recs(), k=3, seed=0)
    edits = split(ClusterConstraints(), first.cluster_of("health-0"), ["health-2"])
    second = cluster_recommendations(recs(), k=3, constraints=edits, seed=0)
    edits = merge(edits, second.cluster_of("health-0"), second.cluster_of("health-2"))
    third = cluster_recommendations(recs(), k=3, constraints=edits, seed=0)
    assert third.assignment["health-2"] == third.assignment["health-0"]


def test_constraints_round_trip_through_a_dict():
    edits = ClusterConstraints(must_link=[["a", "b"]], cannot_link=[("a", "c")])
    edits = rename(edits, cluster_recommendations(recs(), k=3).clusters[0], "Named")
    assert ClusterConstraints.from_dict(edits.to_dict()) == edits


def test_large_inputs_use_kmeans_and_keep_constraints(monkeypatch):
    monkeypatch.setattr(clustering_module, "AGGLOMERATIVE_LIMIT", 5)
    edits = ClusterConstraints(must_link=[["detention-0", "remittances-0"]])
    result = cluster_recommendations(recs(extra=20), k=3, constraints=edits, seed=0)
    assert result.assignment["detention-0"] == result.assignment["remittances-0"]
    assert sum(len(c.member_ids) for c in result.clusters) == len(recs(extra=20))


def test_clustering_nothing_gives_nothing():
    assert cluster_recommendations([]).clusters == []
