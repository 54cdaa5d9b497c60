from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convenor.convergence.engine import FrameworkItemText, LexicalMapper

SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_lexical_maps_detention_to_the_detention_objective(items, expansions):
    mapper = LexicalMapper(items, expansions=expansions)
    [ranked] = mapper.map(["No detention of children for immigration purposes."])
    assert ranked[0].code == "13"


@pytest.mark.parametrize(
    "text",
    [
        "Mettre fin à la détention des enfants migrants et développer des alternatives.",
        "Poner fin a la detención de niños migrantes y buscar alternativas.",
    ],
)
def test_lexical_maps_french_and_spanish_like_english(items, expansions, text):
    mapper = LexicalMapper(items, expansions=expansions)
    assert mapper.map([text])[0][0].code == "13"


def test_lexical_scores_are_sorted_and_in_unit_interval(items, expansions):
    mapper = LexicalMapper(items, expansions=expansions)
    for ranked in mapper.map(["Cheaper remittances", "Access to health care", "zzz"]):
        scores = [s.score for s in ranked]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 < s <= 1.0 for s in scores)


def test_lexical_labels_keep_the_best_item_and_respect_the_maximum(items, expansions):
    mapper = LexicalMapper(items, expansions=expansions, max_labels=2)
    text = "Access to health care and education, and an end to immigration detention."
    [labels] = mapper.labels([text])
    assert 1 <= len(labels) <= 2
    assert labels[0] == mapper.map([text])[0][0].code


def test_lexical_few_shot_examples_pull_a_text_to_their_item(items):
    text = "Kafala sponsorship must be abolished."
    zero_shot = LexicalMapper(items).map([text])
    assert not zero_shot[0] or zero_shot[0][0].code != "6"
    taught = [
        FrameworkItemText(
            code=i.code,
            title=i.title,
            examples=["Abolish the kafala sponsorship system."] if i.code == "6" else [],
        )
        for i in items
    ]
    assert LexicalMapper(taught).map([text])[0][0].code == "6"


def test_lexical_needs_items():
    with pytest.raises(ValueError):
        LexicalMapper([])


def test_lexical_maps_no_texts_to_no_results(items):
    assert LexicalMapper(items).map([]) == []


def test_lexical_describe_names_method_and_parameters(items, expansions):
    described = LexicalMapper(items, expansions=expansions).describe()
    assert described["method"] == "lexical"
    assert described["expansions"] is True


texts_strategy = st.lists(st.text(min_size=0, max_size=80), min_size=1, max_size=6)


@SETTINGS
@given(texts=texts_strategy)
def test_lexical_mapping_is_deterministic(items, expansions, texts):
    first = LexicalMapper(items, expansions=expansions).map(texts)
    second = LexicalMapper(items, expansions=expansions).map(texts)
    assert first == second


@SETTINGS
@given(texts=texts_strategy)
def test_lexical_scores_stay_in_unit_interval(items, expansions, texts):
    scores = LexicalMapper(items, expansions=expansions).score_matrix(texts)
    assert scores.shape == (len(texts), len(items))
    assert ((scores >= 0.0) & (scores <= 1.0)).all()


@SETTINGS
@given(texts=texts_strategy, unrelated=st.text(min_size=1, max_size=80))
def test_lexical_adding_an_unrelated_text_changes_no_other_ranking(
    items, expansions, texts, unrelated
):
    mapper = LexicalMapper(items, expansions=expansions)
    alone = mapper.map(texts)
    together = mapper.map([*texts, unrelated])
    assert together[: len(texts)] == alone
