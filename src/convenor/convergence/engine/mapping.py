"""The interface every mapper offers, and the ranking they share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from .types import ItemScore


class Mapper(Protocol):
    """Maps texts to the items of one framework, multi-label, with a score per item in [0, 1]."""

    method: str
    codes: list[str]

    def score_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Scores as an array of shape (len(texts), len(codes)), values in [0, 1]."""
        ...

    def map(self, texts: Sequence[str], *, top: int | None = None) -> list[list[ItemScore]]:
        """Per text, its items with a positive score, best first (ties: framework order)."""
        ...

    def labels(self, texts: Sequence[str]) -> list[list[str]]:
        """Per text, the item codes above the multi-label threshold, best first."""
        ...

    def describe(self) -> dict[str, Any]:
        """Method, model and parameters, so that a run can be recorded and reproduced."""
        ...


# Scores are rounded so that float noise from batching never reorders items.
SCORE_DECIMALS = 6


def rank_rows(
    scores: np.ndarray, codes: Sequence[str], *, top: int | None = None
) -> list[list[ItemScore]]:
    """Turn a score matrix into per-row ranked lists; zero scores are left out."""
    scores = np.round(np.clip(scores, 0.0, 1.0), SCORE_DECIMALS)
    # A stable sort on -score keeps the framework order among equal scores.
    order = np.argsort(-scores, axis=1, kind="stable")
    if top is not None:
        order = order[:, :top]
    out: list[list[ItemScore]] = []
    for row, idx in zip(scores, order, strict=True):
        out.append([ItemScore(codes[j], float(row[j])) for j in idx if row[j] > 0.0])
    return out


def threshold_rows(
    scores: np.ndarray,
    codes: Sequence[str],
    *,
    min_score: float,
    relative: float,
    max_labels: int,
) -> list[list[str]]:
    """Multi-label assignment: items scoring at least `min_score` and `relative` x the best.

    The best item is always kept when it reaches `min_score`; at most `max_labels` per text.
    """
    scores = np.round(np.clip(scores, 0.0, 1.0), SCORE_DECIMALS)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :max_labels]
    best = scores.max(axis=1, initial=0.0)
    out: list[list[str]] = []
    for i, idx in enumerate(order):
        cut = max(min_score, relative * best[i])
        out.append([codes[j] for j in idx if scores[i, j] >= cut and scores[i, j] > 0.0])
    return out
