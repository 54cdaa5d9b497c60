from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convenor.convergence.engine.stance import (
    NEUTRAL,
    OPPOSE,
    STANCES,
    SUPPORT,
    detect_stance,
    detect_stances,
)

EXAMPLES = [
    # English
    ("en", "We oppose the inclusion of mandatory return targets in the Compact.", OPPOSE),
    ("en", "We strongly reject any link between development aid and readmission.", OPPOSE),
    ("en", "Civil society is firmly against offshore processing of asylum claims.", OPPOSE),
    ("en", "No to the detention of children!", OPPOSE),
    ("en", "No criminalisation of migrants who help others.", OPPOSE),
    ("en", "States must not detain children for immigration purposes.", OPPOSE),
    ("en", "Pushbacks at sea are unacceptable.", OPPOSE),
    ("en", "We cannot accept temporary schemes that tie workers to one employer.", OPPOSE),
    ("en", "We call on States to lower the cost of remittances.", SUPPORT),
    ("en", "Governments should guarantee access to health care regardless of status.", SUPPORT),
    ("en", "Expand regular pathways for family reunification.", SUPPORT),
    ("en", "We do not oppose the review mechanism.", NEUTRAL),
    ("en", "The session took place in Berlin with forty participants.", NEUTRAL),
    ("en", "Violence against women migrants was discussed at length.", NEUTRAL),
    # French
    ("fr", "Nous nous opposons à tout objectif chiffré de retours forcés.", OPPOSE),
    ("fr", "Nous rejetons le lien entre aide au développement et réadmission.", OPPOSE),
    ("fr", "La société civile est contre la détention des enfants.", OPPOSE),
    ("fr", "Non à la criminalisation de la solidarité !", OPPOSE),
    ("fr", "Pas de détention d'enfants pour des raisons migratoires.", OPPOSE),
    ("fr", "Les États ne doivent pas détenir d'enfants migrants.", OPPOSE),
    ("fr", "Nous demandons aux États de réduire le coût des transferts de fonds.", SUPPORT),
    ("fr", "Il faut garantir l'accès aux soins quel que soit le statut.", SUPPORT),
    ("fr", "Élargir les voies de migration régulière pour le regroupement familial.", SUPPORT),
    ("fr", "La lutte contre la traite a été évoquée par plusieurs délégations.", NEUTRAL),
    ("fr", "Nous ne nous opposons pas au mécanisme d'examen.", NEUTRAL),
    # Spanish
    ("es", "Nos oponemos a cualquier meta de retornos forzosos.", OPPOSE),
    ("es", "Rechazamos el vínculo entre la ayuda al desarrollo y la readmisión.", OPPOSE),
    ("es", "Estamos en contra de la detención de niños.", OPPOSE),
    ("es", "No a la criminalización de la solidaridad.", OPPOSE),
    ("es", "Los Estados no deben detener a niños migrantes.", OPPOSE),
    ("es", "Ninguna detención de niños por motivos migratorios.", OPPOSE),
    ("es", "Pedimos a los gobiernos que reduzcan el costo de las remesas.", SUPPORT),
    ("es", "Hay que garantizar el acceso a la salud sea cual sea el estatus.", SUPPORT),
    ("es", "Ampliar las vías de migración regular para la reunificación familiar.", SUPPORT),
    ("es", "La lucha contra la trata fue mencionada por varias delegaciones.", NEUTRAL),
    ("es", "No debe ser un pacto de retorno; debe proteger a los migrantes.", SUPPORT),
]


@pytest.mark.parametrize(("language", "text", "stance"), EXAMPLES)
def test_stance_in_three_languages(language, text, stance):
    assert detect_stance(text, language) == stance


def test_the_same_recommendation_has_the_same_stance_in_each_language():
    versions = [
        ("en", "No detention of children for immigration purposes."),
        ("fr", "Aucune détention d'enfants pour des raisons liées à l'immigration."),
        ("es", "Ninguna detención de niños por motivos migratorios."),
    ]
    assert {detect_stance(text, lang) for lang, text in versions} == {OPPOSE}


def test_a_spanish_no_before_a_verb_is_not_the_english_no_to_a_thing():
    # "No debe..." negates a verb; only an English "No X" negates the issue itself.
    assert detect_stance("No debería existir esa norma; debe cambiar.", "es") == SUPPORT


def test_detect_stances_keeps_the_order():
    texts = [t for _, t, _ in EXAMPLES]
    languages = [lang for lang, _, _ in EXAMPLES]
    assert detect_stances(texts, languages) == [s for _, _, s in EXAMPLES]
    assert len(detect_stances(texts)) == len(texts)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


NEUTRAL_SENTENCES = [
    "The meeting took place in Bangkok.",
    "La réunion a eu lieu à Dakar.",
    "La reunión tuvo lugar en Quito.",
]


@given(
    example=st.sampled_from(EXAMPLES),
    tail=st.sampled_from(NEUTRAL_SENTENCES),
    shout=st.booleans(),
    strip_accents=st.booleans(),
)
def test_case_accents_and_a_neutral_sentence_change_nothing(example, tail, shout, strip_accents):
    language, text, stance = example
    changed = f"{text} {tail}"
    changed = changed.upper() if shout else changed
    changed = fold(changed) if strip_accents else changed
    assert detect_stance(changed, language) == stance


@given(text=st.text(max_size=200), language=st.sampled_from(["", "en", "fr", "es", "other"]))
def test_any_text_gets_one_of_the_three_stances(text, language):
    assert detect_stance(text, language) in STANCES
