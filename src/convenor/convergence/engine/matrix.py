"""The convergence matrix: issues (framework items or clusters) x a source dimension.

Everything is computed on sparse matrices, so 100,000 recommendations take well under a
second. Inputs are a membership matrix M (recommendations x issues, 1 where a recommendation
supports an issue; multi-label allowed) and, per recommendation, the value of a source
dimension (its region, process or sector; "" when unknown, which is left out).

Breadth (per issue, per dimension), in [0, 1]:

    breadth = (1 / S) * sum over sources s of (1 - 2 ** -c_s)

where c_s is the number of recommendations from source s supporting the issue and S the
number of sources in the dimension. A source's first recommendation counts 1/2, its second
1/4 more, and so on: one region can never add more than 1, so support from seven regions
(breadth 0.5 with one recommendation each) outranks a hundred recommendations from a single
region (at most 1/7 = 0.14).

Key issues are ranked by the weighted mean of the breadths over the dimensions given
(region 1.0, process 0.5, sector 0.25 by default), then by the number of recommendations.

Stance: a recommendation that opposes what it raises (see stance.py) is not support. When
`opposed` flags are given, counts, shares and breadth count supporting recommendations
only, and `opposed` counts the others; a divergence then names, for each source that does
not follow, whether the issue is absent there or opposed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

DEFAULT_WEIGHTS = {"region": 1.0, "process": 0.5, "sector": 0.25}


@dataclass
class ConvergenceMatrix:
    """Counts of supporting recommendations per issue (rows) and source (columns)."""

    dimension: str
    issue_keys: list[str]
    sources: list[str]
    counts: np.ndarray  # (issues, sources) int
    source_sizes: np.ndarray  # recommendations per source
    totals: np.ndarray  # supporting recommendations per issue (all sources, known or not)
    support_share: np.ndarray  # share of sources with at least one supporting recommendation
    breadth: np.ndarray  # see the module docstring
    opposed: np.ndarray | None = None  # (issues, sources) opposing recommendations
    opposed_totals: np.ndarray | None = None  # opposing recommendations per issue

    def opposed_counts(self) -> np.ndarray:
        """Opposing recommendations per issue and source (zeros without stances)."""
        return self.opposed if self.opposed is not None else np.zeros_like(self.counts)


@dataclass
class KeyIssue:
    """A ranked issue with the recommendations and sources that support it."""

    key: str
    rank: int
    score: float
    breadth: dict[str, float]
    support_share: dict[str, float]
    recommendation_ids: list[str]
    sources: dict[str, dict[str, int]] = field(default_factory=dict)


ABSENT = "absent"
OPPOSED = "opposed"


@dataclass
class Divergence:
    """An issue raised strongly by some sources and absent from or opposed by others."""

    key: str
    dimension: str
    strong: dict[str, float]  # source -> share of that source's recommendations on the issue
    absent: list[str]
    spread: float  # highest share minus overall share
    opposed: dict[str, int] = field(default_factory=dict)  # source -> opposing recommendations

    @property
    def positions(self) -> dict[str, str]:
        """Each source that does not follow: ABSENT or OPPOSED."""
        out = {s: ABSENT for s in self.absent}
        out.update({s: OPPOSED for s in self.opposed})
        return out


def membership_matrix(assignments: Sequence[Sequence[int]], n_issues: int) -> sp.csr_matrix:
    """A 0/1 recommendations x issues matrix from, per recommendation, its issue indexes."""
    rows = np.repeat(np.arange(len(assignments)), [len(a) for a in assignments])
    cols = np.fromiter((j for a in assignments for j in a), dtype=np.int64, count=len(rows))
    m = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(assignments), n_issues)
    )
    m.data[:] = 1.0  # duplicates count once
    return m


def support_membership(
    membership: sp.spmatrix, opposed: Sequence[bool] | np.ndarray | None
) -> sp.csr_matrix:
    """The membership without the rows of opposing recommendations (all rows without flags)."""
    membership = sp.csr_matrix(membership, copy=True)
    membership.data[:] = 1.0
    if opposed is None:
        return membership
    keep = ~np.asarray(opposed, dtype=bool)
    out = sp.csr_matrix(sp.diags(keep.astype(np.float32)) @ membership)
    out.eliminate_zeros()
    return out


def convergence_matrix(
    membership: sp.spmatrix,
    issue_keys: Sequence[str],
    values: Sequence[str],
    *,
    dimension: str = "region",
    opposed: Sequence[bool] | np.ndarray | None = None,
) -> ConvergenceMatrix:
    """The matrix of one source dimension; `values[i]` is recommendation i's source.

    `opposed[i]` flags a recommendation that opposes what it raises: it then counts in
    `opposed`, not in the support counts.
    """
    raised = sp.csr_matrix(membership, copy=True)
    raised.data[:] = 1.0
    membership = support_membership(raised, opposed)
    values_arr = np.asarray(values, dtype=object)
    known = values_arr != ""
    sources, source_idx = np.unique(values_arr[known].astype(str), return_inverse=True)
    rows = np.flatnonzero(known)
    one_hot = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, source_idx)),
        shape=(membership.shape[0], len(sources)),
    )
    counts = np.asarray((membership.T @ one_hot).toarray(), dtype=np.int64)
    source_sizes = np.asarray(one_hot.sum(axis=0), dtype=np.int64).ravel()
    totals = np.asarray(membership.sum(axis=0), dtype=np.int64).ravel()
    n_sources = max(len(sources), 1)
    support_share = (counts > 0).sum(axis=1) / n_sources
    breadth = (1.0 - np.exp2(-counts.astype(np.float64))).sum(axis=1) / n_sources
    opposed_counts = opposed_totals = None
    if opposed is not None:
        against = raised - membership
        opposed_counts = np.asarray((against.T @ one_hot).toarray(), dtype=np.int64)
        opposed_totals = np.asarray(against.sum(axis=0), dtype=np.int64).ravel()
    return ConvergenceMatrix(
        dimension=dimension,
        issue_keys=list(issue_keys),
        sources=[str(s) for s in sources],
        counts=counts,
        source_sizes=source_sizes,
        totals=totals,
        support_share=support_share,
        breadth=breadth,
        opposed=opposed_counts,
        opposed_totals=opposed_totals,
    )


def key_issues(
    membership: sp.spmatrix,
    matrices: Sequence[ConvergenceMatrix],
    recommendation_ids: Sequence[str],
    *,
    count: int = 10,
    weights: Mapping[str, float] | None = None,
) -> list[KeyIssue]:
    """The `count` issues with the broadest support, each with its supporting ids and sources."""
    if not matrices:
        raise ValueError("key issues need at least one convergence matrix")
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    w = np.array([weights.get(m.dimension, 1.0) for m in matrices])
    score = sum(wi * m.breadth for wi, m in zip(w, matrices, strict=True)) / w.sum()
    totals = matrices[0].totals
    ranked = np.lexsort((np.arange(len(totals)), -totals, -score))
    order = [int(j) for j in ranked if totals[j] > 0][:count]
    by_issue = sp.csc_matrix(membership)
    ids = np.asarray(recommendation_ids, dtype=object)
    out = []
    for rank, j in enumerate(order, start=1):
        rows = by_issue.indices[by_issue.indptr[j] : by_issue.indptr[j + 1]]
        out.append(
            KeyIssue(
                key=matrices[0].issue_keys[j],
                rank=rank,
                score=float(score[j]),
                breadth={m.dimension: float(m.breadth[j]) for m in matrices},
                support_share={m.dimension: float(m.support_share[j]) for m in matrices},
                recommendation_ids=[str(i) for i in ids[np.sort(rows)]],
                sources={
                    m.dimension: {
                        m.sources[s]: int(m.counts[j, s]) for s in np.flatnonzero(m.counts[j])
                    }
                    for m in matrices
                },
            )
        )
    return out


def divergences(
    matrix: ConvergenceMatrix,
    *,
    ratio: float = 2.0,
    min_count: int = 2,
    min_source_size: int = 3,
) -> list[Divergence]:
    """Issues raised strongly by some sources and absent from or opposed by others, most
    divergent first.

    A source raises an issue strongly when at least `min_count` of its recommendations
    support it and their share is at least `ratio` x the issue's share over all sources;
    it is absent when none of its (at least `min_source_size`) recommendations raise it,
    for or against; it opposes the issue when it has opposing recommendations on it and no
    more supporting ones (whatever its size: one clear "no" is worth reporting).
    """
    sizes = np.maximum(matrix.source_sizes, 1)
    shares = matrix.counts / sizes  # (issues, sources)
    overall = matrix.counts.sum(axis=1) / max(int(matrix.source_sizes.sum()), 1)
    against = matrix.opposed_counts()
    strong = (matrix.counts >= min_count) & (shares >= ratio * overall[:, None])
    raised = (matrix.counts + against) > 0
    absent = ~raised & (matrix.source_sizes >= min_source_size)[None, :]
    opposing = (against > 0) & (against >= matrix.counts) & ~strong
    hits = np.flatnonzero(strong.any(axis=1) & (absent.any(axis=1) | opposing.any(axis=1)))
    out = [
        Divergence(
            key=matrix.issue_keys[j],
            dimension=matrix.dimension,
            strong={matrix.sources[s]: float(shares[j, s]) for s in np.flatnonzero(strong[j])},
            absent=[matrix.sources[s] for s in np.flatnonzero(absent[j])],
            spread=float(shares[j].max() - overall[j]),
            opposed={matrix.sources[s]: int(against[j, s]) for s in np.flatnonzero(opposing[j])},
        )
        for j in hits
    ]
    return sorted(out, key=lambda d: (-d.spread, d.key))
