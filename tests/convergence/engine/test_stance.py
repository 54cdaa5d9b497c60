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
    ("en", "Pushbacks at sea are unacceptable.", OPPOSE),
    ("en", "We cannot accept temporary schemes that tie workers to one employer.", OPPOSE),
    ("en", "We call on States to lower the cost of remittances.", SUPPORT),
    ("en", "Governments should guarantee access to health care regardless of status.", SUPPORT),
    ("en", "Expand regular pathways for family reunification.", SUPPORT),
    # Negated demands are demands: they support the protective goal they name.
    ("en", "No detention of children for immigration purposes.", SUPPORT),
    ("en", "States must not detain children for immigration purposes.", SUPPORT),
    ("en", "We call on States to reject pushbacks at sea.", SUPPORT),
    ("en", "We do not oppose the review mechanism.", NEUTRAL),
    ("en", "The session took place in Berlin with forty participants.", NEUTRAL),
    ("en", "Violence against women migrants was discussed at length.", NEUTRAL),
    ("en", "The rejection of asylum claims rose in 2017.", NEUTRAL),
    # French
    ("fr", "Nous nous opposons à tout objectif chiffré de retours forcés.", OPPOSE),
    ("fr", "Nous rejetons le lien entre aide au développement et réadmission.", OPPOSE),
    ("fr", "La société civile est contre la délocalisation de l'asile.", OPPOSE),
    ("fr", "Ces expulsions collectives sont inacceptables.", OPPOSE),
    ("fr", "Nous demandons aux États de réduire le coût des transferts de fonds.", SUPPORT),
    ("fr", "Il faut garantir l'accès aux soins quel que soit le statut.", SUPPORT),
    ("fr", "Élargir les voies de migration régulière pour le regroupement familial.", SUPPORT),
    ("fr", "Pas de détention d'enfants pour des raisons migratoires.", SUPPORT),
    ("fr", "Les États ne doivent pas détenir d'enfants migrants.", SUPPORT),
    ("fr", "La lutte contre la traite a été évoquée par plusieurs délégations.", NEUTRAL),
    ("fr", "Nous ne nous opposons pas au mécanisme d'examen.", NEUTRAL),
    # Spanish
    ("es", "Nos oponemos a cualquier meta de retornos forzosos.", OPPOSE),
    ("es", "Rechazamos el vínculo entre la ayuda al desarrollo y la readmisión.", OPPOSE),
    ("es", "Estamos en contra de la externalización del asilo.", OPPOSE),
    ("es", "No aceptamos programas temporales que atan al trabajador a un empleador.", OPPOSE),
    ("es", "Pedimos a los gobiernos que reduzcan el costo de las remesas.", SUPPORT),
    ("es", "Hay que garantizar el acceso a la salud sea cual sea el estatus.", SUPPORT),
    ("es", "Ampliar las vías de migración regular para la reunificación familiar.", SUPPORT),
    ("es", "No a la criminalización de la solidaridad.", SUPPORT),
    ("es", "Ninguna detención de niños por motivos migratorios.", SUPPORT),
    ("es", "Los Estados no deben detener a niños migrantes.", SUPPORT),
    ("es", "La lucha contra la trata fue mencionada por varias delegaciones.", NEUTRAL),
    ("es", "El rechazo de solicitudes de asilo aumentó en 2017.", NEUTRAL),
    ("es", "No nos oponemos al mecanismo de examen.", NEUTRAL),
]


@pytest.mark.parametrize(("language", "text", "stance"), EXAMPLES)
def test_stance_in_three_languages(language, text, stance):
    assert detect_stance(text, language) == stance


def test_the_same_recommendation_has_the_same_stance_in_each_language():
    opposing = [
        ("en", "We reject the externalisation of asylum to third countries."),
        ("fr", "Nous rejetons l'externalisation de l'asile vers des pays tiers."),
        ("es", "Rechazamos la externalización del asilo a terceros países."),
    ]
    demanding = [
        ("en", "No detention of children for immigration purposes."),
        ("fr", "Aucune détention d'enfants pour des raisons liées à l'immigration."),
        ("es", "Ninguna detención de niños por motivos migratorios."),
    ]
    assert {detect_stance(text, lang) for lang, text in opposing} == {OPPOSE}
    assert {detect_stance(text, lang) for lang, text in demanding} == {SUPPORT}


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
