"""Clustering features that do not split languages apart.

TF-IDF of words puts a French and an English recommendation on the same issue in different
clusters: they share no words. Two signals do not depend on the language:

- multilingual sentence embeddings (the semantic model), where translations land close;
- a framework mapping's item scores (the lexical mapper has French and Spanish profiles), a
  short vector saying which items a text is about.

Each block is centred (its mean row subtracted: every text scores a little on the broad items
and every embedding shares a common direction; what tells issues apart is the deviation
from that) and its rows scaled to unit length, then weighted and placed side by side.
On the evaluation set (bench/data/eval.yaml, English, French and Spanish together, adjusted
Rand index with the hand issue groups at the true k, printed by bench/convergence.py): words
alone 0.10 (13% of translated items have their three versions in one cluster), words + raw
mapping scores 0.45 (69%), embeddings alone 0.40 (100%), centred scores + words (no model)
0.56 (100%), embeddings + 1.5 x centred scores 0.61 (100%).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from .clustering import text_features

# Weight of the mapping scores next to the embeddings (weight 1). Measured on the three
# languages together, ARI at the true k: 1.0 -> 0.56, 1.5 -> 0.61, 2.0 -> 0.55.
SCORE_WEIGHT = 1.5


def centred(block: np.ndarray) -> np.ndarray:
    """Rows minus their mean row, scaled to unit length (all-equal rows become zeros)."""
    dense = np.asarray(block, dtype=np.float64)
    if dense.ndim != 2 or dense.shape[0] == 0:
        return dense.reshape(dense.shape[0], -1).astype(np.float32)
    deviation = dense - dense.mean(axis=0, keepdims=True)
    # Rounding leaves a rest of about 1e-16 x the values on rows equal to the mean: that is
    # no direction, and scaling it up to unit length would invent one.
    norms = np.linalg.norm(deviation, axis=1)
    deviation[norms <= 1e-9 * max(float(np.abs(dense).max()), 1e-30)] = 0.0
    return np.asarray(normalize(deviation), dtype=np.float32)


def cross_language_features(
    *,
    embeddings: np.ndarray | None = None,
    scores: np.ndarray | None = None,
    texts: Sequence[str] | None = None,
    score_weight: float = SCORE_WEIGHT,
) -> np.ndarray | sp.csr_matrix:
    """One row per recommendation from the blocks given (at least one).

    `embeddings` (sentence embeddings) and `scores` (mapping scores, one column per
    framework item) are centred; `texts` adds word TF-IDF, useful only when there are no
    embeddings (it tells apart issues within one language that share the same items).
    """
    blocks: list[Any] = []
    if embeddings is not None:
        blocks.append(centred(embeddings))
    if scores is not None:
        blocks.append(score_weight * centred(scores))
    if texts is not None:
        blocks.append(text_features(texts))
    if not blocks:
        raise ValueError("give embeddings, scores or texts")
    sizes = {b.shape[0] for b in blocks}
    if len(sizes) != 1:
        raise ValueError("every block needs one row per recommendation")
    if len(blocks) == 1:
        return blocks[0]  # type: ignore[no-any-return]
    if any(sp.issparse(b) for b in blocks):
        return sp.hstack([sp.csr_matrix(b) for b in blocks]).tocsr()
    return np.hstack(blocks)


def describe_features(*, embeddings: str = "", scores: str = "", texts: bool = False) -> str:
    """A short description of the features used, to record with a run."""
    parts = []
    if embeddings:
        parts.append(f"centred sentence embeddings ({embeddings})")
    if scores:
        parts.append(f"{SCORE_WEIGHT} x centred lexical mapping scores ({scores})")
    if texts:
        parts.append("word tf-idf (1-2 grams)")
    return " + ".join(parts) or "word tf-idf (1-2 grams)"
