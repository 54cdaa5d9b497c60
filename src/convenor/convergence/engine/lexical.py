"""The lexical mapper: TF-IDF over words and character n-grams, zero-shot or few-shot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .mapping import rank_rows, threshold_rows
from .text import STOP_WORDS, normalise
from .types import FrameworkItemText, ItemScore

CHUNK = 4096
# Below this many texts, worker processes cost more than they save.
PARALLEL_FROM = 20_000


def _word_vectoriser() -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=normalise,
        analyzer="word",
        ngram_range=(1, 2),
        stop_words=sorted(STOP_WORDS),
        token_pattern=r"(?u)\b\w\w+\b",
        sublinear_tf=True,
        dtype=np.float32,
    )


def _char_vectoriser() -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=normalise,
        analyzer="char_wb",
        ngram_range=(3, 5),
        sublinear_tf=True,
        dtype=np.float32,
    )


class LexicalMapper:
    """Scores a text against each item's profile by cosine similarity of TF-IDF vectors.

    An item's profile is its title, its description and the optional keyword expansions
    (any language); confirmed examples are added as a second centroid (few-shot). The
    vectorisers are fitted on the profiles only, so a text's scores depend on that text
    alone: adding or removing other texts never changes them.
    """

    method = "lexical"

    def __init__(
        self,
        items: Sequence[FrameworkItemText],
        *,
        expansions: Mapping[str, Sequence[str]] | None = None,
        char_weight: float = 0.6,
        example_weight: float = 1.0,
        min_score: float = 0.08,
        relative: float = 0.75,
        max_labels: int = 3,
        n_jobs: int = 2,
    ) -> None:
        if not items:
            raise ValueError("a mapper needs at least one framework item")
        self.items = list(items)
        self.codes = [item.code for item in self.items]
        self.expansions = {k: list(v) for k, v in (expansions or {}).items()}
        self.n_jobs = n_jobs
        self.char_weight = char_weight
        self.example_weight = example_weight
        self.min_score = min_score
        self.relative = relative
        self.max_labels = max_labels
        self._fit()

    def _profile_text(self, item: FrameworkItemText) -> str:
        parts = [item.title, item.title, item.description, *self.expansions.get(item.code, [])]
        return " . ".join(p for p in parts if p)

    def _fit(self) -> None:
        profiles = [self._profile_text(item) for item in self.items]
        examples = [ex for item in self.items for ex in item.examples]
        self._word = _word_vectoriser().fit(profiles + examples)
        self._char = _char_vectoriser().fit(profiles + examples)
        centroids = self._vectorise(profiles).toarray()
        for i, item in enumerate(self.items):
            if item.examples:
                ex = np.asarray(self._vectorise(item.examples).mean(axis=0)).ravel()
                ex /= np.linalg.norm(ex) or 1.0
                centroids[i] = centroids[i] + self.example_weight * ex
        self._centroids = sp.csr_matrix(normalize(centroids).astype(np.float32))

    def _vectorise(self, texts: Sequence[str]) -> sp.csr_matrix:
        word = normalize(self._word.transform(texts))
        char = normalize(self._char.transform(texts))
        both = sp.hstack([(1.0 - self.char_weight) * word, self.char_weight * char], format="csr")
        return normalize(both)

    def score_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity to each item's profile, shape (len(texts), len(codes))."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, len(self.codes)), dtype=np.float32)
        chunks = [texts[start : start + CHUNK] for start in range(0, len(texts), CHUNK)]
        if self.n_jobs > 1 and len(texts) >= PARALLEL_FROM:
            # Each chunk is scored on its own, so splitting the work changes no result.
            parts = Parallel(n_jobs=self.n_jobs)(delayed(self._score_chunk)(c) for c in chunks)
        else:
            parts = [self._score_chunk(c) for c in chunks]
        return np.clip(np.vstack(parts), 0.0, 1.0)

    def _score_chunk(self, texts: list[str]) -> np.ndarray:
        return np.asarray((self._vectorise(texts) @ self._centroids.T).toarray(), np.float32)

    def map(self, texts: Sequence[str], *, top: int | None = None) -> list[list[ItemScore]]:
        """Per text, its items with a positive score, best first."""
        return rank_rows(self.score_matrix(texts), self.codes, top=top)

    def labels(self, texts: Sequence[str]) -> list[list[str]]:
        """Per text, the item codes above the multi-label threshold, best first."""
        return threshold_rows(
            self.score_matrix(texts),
            self.codes,
            min_score=self.min_score,
            relative=self.relative,
            max_labels=self.max_labels,
        )

    def describe(self) -> dict[str, Any]:
        """Parameters that reproduce this mapper's results."""
        return {
            "method": self.method,
            "model": "tfidf word 1-2 + char_wb 3-5",
            "char_weight": self.char_weight,
            "example_weight": self.example_weight,
            "min_score": self.min_score,
            "relative": self.relative,
            "max_labels": self.max_labels,
            "expansions": bool(self.expansions),
            "examples": sum(len(item.examples) for item in self.items),
        }
