"""The semantic mapper: sentence embeddings of texts against embeddings of item profiles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .embeddings import Embedder, EmbeddingCache, default_embedder
from .mapping import rank_rows, threshold_rows
from .types import FrameworkItemText, ItemScore


class SemanticMapper:
    """Scores a text by cosine similarity between its embedding and each item's prototypes.

    An item's prototypes are its title (with description), each keyword expansion and
    translated title, and, few-shot, the confirmed examples. The score of an item is the
    mean of the text's similarity to the item centroid and to its closest prototype,
    clipped to [0, 1]. Embeddings are cached by text hash, so a text is embedded once.
    """

    method = "semantic"

    def __init__(
        self,
        items: Sequence[FrameworkItemText],
        *,
        expansions: Mapping[str, Sequence[str]] | None = None,
        embedder: Embedder | None = None,
        cache: EmbeddingCache | None = None,
        example_weight: float = 1.0,
        min_score: float = 0.25,
        relative: float = 0.85,
        max_labels: int = 3,
    ) -> None:
        if not items:
            raise ValueError("a mapper needs at least one framework item")
        self.items = list(items)
        self.codes = [item.code for item in self.items]
        self.expansions = {k: list(v) for k, v in (expansions or {}).items()}
        self.cache = cache or EmbeddingCache(embedder or default_embedder())
        self.example_weight = example_weight
        self.min_score = min_score
        self.relative = relative
        self.max_labels = max_labels
        self._fit()

    def _prototypes(self, item: FrameworkItemText) -> list[str]:
        head = f"{item.title}. {item.description}".strip(" .") if item.description else item.title
        return [head, *self.expansions.get(item.code, [])]

    def _fit(self) -> None:
        owners: list[int] = []
        texts: list[str] = []
        weights: list[float] = []
        for i, item in enumerate(self.items):
            for text in self._prototypes(item):
                owners.append(i)
                texts.append(text)
                weights.append(1.0)
            for text in item.examples:
                owners.append(i)
                texts.append(text)
                weights.append(self.example_weight)
        vectors = self.cache.embed(texts)
        self._owners = np.asarray(owners)
        self._prototype_vectors = vectors
        centroids = np.zeros((len(self.items), vectors.shape[1]), dtype=np.float32)
        np.add.at(centroids, self._owners, vectors * np.asarray(weights, dtype=np.float32)[:, None])
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
        self._centroids = centroids

    def score_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Scores of shape (len(texts), len(codes)) in [0, 1]."""
        vectors = self.cache.embed(list(texts))
        if len(vectors) == 0:
            return np.zeros((0, len(self.codes)), dtype=np.float32)
        centroid_sim = vectors @ self._centroids.T
        proto_sim = vectors @ self._prototype_vectors.T
        best_proto = np.full_like(centroid_sim, -1.0)
        for i in range(len(self.codes)):
            best_proto[:, i] = proto_sim[:, self._owners == i].max(axis=1)
        return np.clip((centroid_sim + best_proto) / 2.0, 0.0, 1.0).astype(np.float32)

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
        embedder = self.cache.embedder
        return {
            "method": self.method,
            "model": embedder.name,
            "model_version": getattr(embedder, "version", ""),
            "example_weight": self.example_weight,
            "min_score": self.min_score,
            "relative": self.relative,
            "max_labels": self.max_labels,
            "expansions": bool(self.expansions),
            "examples": sum(len(item.examples) for item in self.items),
        }
