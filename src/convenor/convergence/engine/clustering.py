"""Grouping recommendations into issues across sources, with coordinator edits that persist.

Coordinators' edits are stored as constraints, not as cluster numbers, so they survive a
re-run on new or changed recommendations:

- a merge or a pinned membership is a *must-link* group: its members always share a cluster;
- a split is two must-link groups plus a *cannot-link* pair between them;
- a name is pinned to an *anchor* (the member ids when it was named): on re-run it goes to the
  cluster that holds most of the anchor.

When edits contradict each other, must-link wins (a later merge undoes an earlier split).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from .text import STOP_WORDS, normalise
from .types import Recommendation

# Above this many groups, agglomerative clustering (quadratic memory) gives way to k-means.
AGGLOMERATIVE_LIMIT = 3000
SVD_DIMENSIONS = 100
_WORD = re.compile(r"(?u)\b[^\W\d_]{3,}\b")


@dataclass
class PinnedName:
    """A coordinator's name for the cluster holding most of `anchor_ids`."""

    name: str
    anchor_ids: list[str]


@dataclass
class ClusterConstraints:
    """Coordinator edits, kept between runs (JSON-friendly through to_dict/from_dict)."""

    must_link: list[list[str]] = field(default_factory=list)
    cannot_link: list[tuple[str, str]] = field(default_factory=list)
    names: list[PinnedName] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict to store (e.g. in a JSON field)."""
        return {
            "must_link": [list(g) for g in self.must_link],
            "cannot_link": [list(p) for p in self.cannot_link],
            "names": [{"name": n.name, "anchor_ids": list(n.anchor_ids)} for n in self.names],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClusterConstraints:
        """The inverse of to_dict."""
        return cls(
            must_link=[list(g) for g in data.get("must_link", [])],
            cannot_link=[(str(a), str(b)) for a, b in data.get("cannot_link", [])],
            names=[PinnedName(n["name"], list(n["anchor_ids"])) for n in data.get("names", [])],
        )


@dataclass
class Cluster:
    """One issue: its members, distinctive words, most central recommendation and name.

    A cluster may mix languages: `terms_by_language` and `central_by_language` give the
    distinctive words and the most central member of each language present; `terms` are
    those of its main language (most members; ties: the language of `central_id`).
    """

    key: int
    member_ids: list[str]
    terms: list[str]
    central_id: str
    name: str = ""
    terms_by_language: dict[str, list[str]] = field(default_factory=dict)
    central_by_language: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The pinned name, or the distinctive words."""
        return self.name or ", ".join(self.terms[:3])

    def label_for(self, language: str) -> str:
        """The pinned name, or the distinctive words in `language` if it has members."""
        terms = self.terms_by_language.get(language) or self.terms
        return self.name or ", ".join(terms[:3])

    def central_for(self, language: str) -> str:
        """The most central member written in `language`, else the most central of all."""
        return self.central_by_language.get(language) or self.central_id


@dataclass
class Clustering:
    """The result of a run: clusters (largest first) and each recommendation's cluster key."""

    clusters: list[Cluster]
    assignment: dict[str, int]

    def cluster_of(self, recommendation_id: str) -> Cluster:
        """The cluster that holds a recommendation."""
        return self.clusters[self.assignment[recommendation_id]]


# --- coordinator edits -------------------------------------------------------------------


def rename(
    constraints: ClusterConstraints, cluster: Cluster, name: str, *, pin_members: bool = False
) -> ClusterConstraints:
    """Pin `name` to this cluster (replacing an earlier name for the same members).

    On re-run the name goes to the cluster holding most of today's members; with
    `pin_members` those members are also kept together (a must-link group).
    """
    anchors = set(cluster.member_ids)
    kept = [n for n in constraints.names if not anchors.intersection(n.anchor_ids)]
    kept.append(PinnedName(name, list(cluster.member_ids)))
    must = list(constraints.must_link)
    if pin_members:
        must.append(list(cluster.member_ids))
    return ClusterConstraints(must, list(constraints.cannot_link), kept)


def merge(
    constraints: ClusterConstraints, a: Cluster, b: Cluster, name: str = ""
) -> ClusterConstraints:
    """Keep the members of `a` and `b` together from now on; optionally name the result."""
    group = [*a.member_ids, *b.member_ids]
    members = set(group)
    cannot = [p for p in constraints.cannot_link if not (p[0] in members and p[1] in members)]
    out = ClusterConstraints([*constraints.must_link, group], cannot, list(constraints.names))
    if name:
        out.names = [n for n in out.names if not members.intersection(n.anchor_ids)]
        out.names.append(PinnedName(name, group))
    return out


def split(
    constraints: ClusterConstraints, cluster: Cluster, part_ids: Sequence[str]
) -> ClusterConstraints:
    """Separate `part_ids` from the rest of `cluster`; each side stays together."""
    part = [i for i in cluster.member_ids if i in set(part_ids)]
    rest = [i for i in cluster.member_ids if i not in set(part_ids)]
    if not part or not rest:
        raise ValueError("a split needs members on both sides")
    members = set(cluster.member_ids)
    # Earlier must-links spanning this cluster are cut down to the side each member is on.
    must: list[list[str]] = []
    for group in constraints.must_link:
        if members.intersection(group):
            for side in (part, rest):
                kept = [i for i in group if i in set(side) or i not in members]
                if len(kept) > 1:
                    must.append(kept)
        else:
            must.append(list(group))
    must += [part, rest]
    return ClusterConstraints(
        must, [*constraints.cannot_link, (part[0], rest[0])], list(constraints.names)
    )


# --- the run -----------------------------------------------------------------------------


def text_features(texts: Sequence[str], *, max_features: int = 50_000) -> sp.csr_matrix:
    """Row-normalised TF-IDF (word unigrams and bigrams, accents folded) of the texts."""
    vectoriser = TfidfVectorizer(
        preprocessor=normalise,
        ngram_range=(1, 2),
        stop_words=sorted(STOP_WORDS),
        min_df=2 if len(texts) > 1000 else 1,
        max_features=max_features,
        sublinear_tf=True,
        dtype=np.float32,
    )
    return sp.csr_matrix(vectoriser.fit_transform(texts))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = np.arange(n)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return int(root)

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def default_k(n: int) -> int:
    """A default number of clusters: about sqrt(n/2), between 2 and 200."""
    return int(min(200, max(2, round((n / 2) ** 0.5))))


def cluster_recommendations(
    recommendations: Sequence[Recommendation],
    *,
    k: int | None = None,
    features: np.ndarray | sp.spmatrix | None = None,
    constraints: ClusterConstraints | None = None,
    seed: int = 0,
    n_terms: int = 5,
) -> Clustering:
    """Cluster recommendations into about `k` issues, deterministic for a given seed.

    `features` (one row per recommendation: embeddings, mapping scores, ...) default to
    TF-IDF of the texts. Constraints are applied as documented in this module.
    """
    n = len(recommendations)
    if n == 0:
        return Clustering([], {})
    constraints = constraints or ClusterConstraints()
    ids = [r.id for r in recommendations]
    index = {rid: i for i, rid in enumerate(ids)}
    X = text_features([r.text for r in recommendations]) if features is None else features
    X = sp.csr_matrix(X) if sp.issparse(X) else np.asarray(X, dtype=np.float32)
    X = normalize(X)

    # 1. Must-link groups become single nodes.
    uf = _UnionFind(n)
    for group in constraints.must_link:
        present = [index[i] for i in group if i in index]
        for other in present[1:]:
            uf.union(present[0], other)
    roots = np.fromiter((uf.find(i) for i in range(n)), dtype=np.int64, count=n)
    _, node_of = np.unique(roots, return_inverse=True)
    n_nodes = int(node_of.max()) + 1
    agg = sp.csr_matrix((np.ones(n), (node_of, np.arange(n))), shape=(n_nodes, n))
    sizes = np.asarray(agg.sum(axis=1)).ravel()
    node_X = normalize(agg @ X)

    # 2. Cluster the nodes.
    k = min(k or default_k(n), n_nodes)
    node_label = _cluster_nodes(node_X, sizes, k, seed)

    # 3. Cannot-link pairs in one cluster: split that cluster around the two nodes.
    node_label = _repair_cannot_links(node_X, node_label, node_of, index, constraints)
    labels = node_label[node_of]

    return _describe(recommendations, ids, X, labels, constraints, n_terms)


def _cluster_nodes(node_X: Any, sizes: np.ndarray, k: int, seed: int) -> np.ndarray:
    n_nodes = node_X.shape[0]
    if k >= n_nodes:
        return np.arange(n_nodes)
    dense: np.ndarray
    if sp.issparse(node_X):
        if n_nodes <= AGGLOMERATIVE_LIMIT and node_X.shape[1] <= 20_000:
            dense = node_X.toarray()
        else:
            dims = min(SVD_DIMENSIONS, node_X.shape[1] - 1, n_nodes - 1)
            dense = TruncatedSVD(dims, random_state=seed).fit_transform(node_X)
            dense = normalize(dense)
    else:
        dense = np.asarray(node_X)
    if n_nodes <= AGGLOMERATIVE_LIMIT:
        model = AgglomerativeClustering(n_clusters=k, linkage="ward")
        return np.asarray(model.fit_predict(dense))
    km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=1, batch_size=4096)
    return np.asarray(km.fit_predict(dense, sample_weight=sizes))


def _repair_cannot_links(
    node_X: Any,
    node_label: np.ndarray,
    node_of: np.ndarray,
    index: dict[str, int],
    constraints: ClusterConstraints,
) -> np.ndarray:
    node_label = node_label.copy()
    pairs = []
    for a, b in constraints.cannot_link:
        if a in index and b in index:
            na, nb = int(node_of[index[a]]), int(node_of[index[b]])
            if na != nb:  # must-link wins over a contradicting cannot-link
                pairs.append((na, nb))
    changed = True
    while changed:
        changed = False
        for na, nb in pairs:
            if node_label[na] != node_label[nb]:
                continue
            members = np.flatnonzero(node_label == node_label[na])
            sims = node_X[members] @ node_X[[na, nb]].T
            sims = sims.toarray() if sp.issparse(sims) else np.asarray(sims)
            to_b = sims[:, 1] > sims[:, 0]
            to_b[members == na], to_b[members == nb] = False, True
            node_label[members[to_b]] = node_label.max() + 1
            changed = True
    return node_label


def _describe(
    recommendations: Sequence[Recommendation],
    ids: list[str],
    X: Any,
    labels: np.ndarray,
    constraints: ClusterConstraints,
    n_terms: int,
) -> Clustering:
    n = len(ids)
    # Stable keys: largest cluster first, then by first member.
    uniq, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    first = np.full(len(uniq), n)
    np.minimum.at(first, inverse, np.arange(n))
    order = np.lexsort((first, -counts))
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[order] = np.arange(len(uniq))
    keys = rank[inverse]
    c = len(uniq)

    membership = sp.csr_matrix((np.ones(n, dtype=np.float32), (keys, np.arange(n))), shape=(c, n))
    centroids = normalize(membership @ X)
    # Each member against its own centroid only: never an (n x clusters) product.
    sim = np.zeros(n)
    by_cluster = np.argsort(keys, kind="stable")
    bounds = np.searchsorted(keys[by_cluster], np.arange(c + 1))
    for j in range(c):
        rows = by_cluster[bounds[j] : bounds[j + 1]]
        product = X[rows] @ centroids[j].T
        product = product.toarray() if sp.issparse(product) else np.asarray(product)
        sim[rows] = np.ravel(product)
    central = _most_central(sim, keys)
    # Per language: words and central member of each (cluster, language) group.
    languages = sorted({r.language or "" for r in recommendations})
    lang_index = {lang: i for i, lang in enumerate(languages)}
    lang_of = np.fromiter((lang_index[r.language or ""] for r in recommendations), np.int64, n)
    groups, group_of = np.unique(keys * len(languages) + lang_of, return_inverse=True)
    group_terms = _distinctive_terms(
        [r.text for r in recommendations], group_of, len(groups), n_terms
    )
    group_central = _most_central(sim, group_of)
    group_sizes = np.bincount(group_of, minlength=len(groups))

    members: list[list[str]] = [[] for _ in range(c)]
    for i, key in enumerate(keys):
        members[key].append(ids[i])
    clusters = [
        Cluster(key=j, member_ids=members[j], terms=[], central_id=ids[central[j]])
        for j in range(c)
    ]
    main_size = np.zeros(c, dtype=np.int64)
    for g, code in enumerate(groups.tolist()):
        cluster = clusters[code // len(languages)]
        lang = languages[code % len(languages)]
        cluster.terms_by_language[lang] = group_terms[g]
        cluster.central_by_language[lang] = ids[group_central[g]]
        holds_central = cluster.central_by_language[lang] == cluster.central_id
        if group_sizes[g] > main_size[cluster.key] or (
            group_sizes[g] == main_size[cluster.key] and holds_central
        ):
            main_size[cluster.key] = group_sizes[g]
            cluster.terms = group_terms[g]
    _apply_names(clusters, dict(zip(ids, keys.tolist(), strict=True)), constraints)
    return Clustering(clusters, dict(zip(ids, keys.tolist(), strict=True)))


def _most_central(sim: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Per key, the index of its member with the highest similarity (ties: first member)."""
    n = len(keys)
    best = np.lexsort((np.arange(n), -sim, keys))
    central = np.full(int(keys.max()) + 1 if n else 0, -1)
    seen_first = np.r_[True, keys[best][1:] != keys[best][:-1]]
    central[keys[best][seen_first]] = best[seen_first]
    return central


@lru_cache(maxsize=200_000)
def _is_function_word(word: str) -> bool:
    return normalise(word) in STOP_WORDS  # `été`, `más`: the list is written without accents


def _label_words(text: str) -> list[str]:
    """Words of three letters or more, lower-cased, accents kept; no function words."""
    return [w for w in _WORD.findall(text.lower()) if not _is_function_word(w)]


def _distinctive_terms(texts: list[str], keys: np.ndarray, c: int, n_terms: int) -> list[list[str]]:
    """c-TF-IDF: a term's frequency in a cluster x log(1 + average cluster size / its total)."""
    counter = CountVectorizer(analyzer=_label_words)
    try:
        counts = counter.fit_transform(texts)
    except ValueError:  # only stop words
        return [[] for _ in range(c)]
    vocab = counter.get_feature_names_out()
    n = len(texts)
    membership = sp.csr_matrix((np.ones(n), (keys, np.arange(n))), shape=(c, n))
    per_cluster = sp.csr_matrix(membership @ counts, dtype=np.float64)
    words = np.asarray(per_cluster.sum(axis=1)).ravel()
    total = np.asarray(per_cluster.sum(axis=0)).ravel()
    idf = np.log1p(words.mean() / np.maximum(total, 1))
    tf = sp.diags(1.0 / np.maximum(words, 1)) @ per_cluster
    scores = sp.csr_matrix(tf @ sp.diags(idf))
    out = []
    for j in range(c):
        row = scores.getrow(j)
        top = np.lexsort((vocab[row.indices], -row.data))[:n_terms]
        out.append([str(vocab[row.indices[t]]) for t in top])
    return out


def _apply_names(
    clusters: list[Cluster], assignment: dict[str, int], constraints: ClusterConstraints
) -> None:
    taken: set[int] = set()
    for pinned in constraints.names:
        votes: dict[int, int] = {}
        for rid in pinned.anchor_ids:
            if rid in assignment:
                votes[assignment[rid]] = votes.get(assignment[rid], 0) + 1
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        for key, _ in ranked:
            if key not in taken:
                clusters[key].name = pinned.name
                taken.add(key)
                break
