"""A recommendation's stance on what it raises, guessed from its words (English, French,
Spanish): does it argue for it ("we call for", "il faut", "pedimos"), explicitly against it
("we oppose", "nous rejetons", "nos oponemos", "estamos en contra"), or neither?

A first guess for coordinators to check, not a judgement. Only an explicit opposition, in
the voice of the people who make the recommendation, counts as one:

1. "we oppose / reject / refuse / are against", "our opposition to", "is unacceptable",
   "we cannot accept", "nous nous opposons", "nous rejetons", "sommes contre",
   "nos oponemos", "rechazamos", "en contra de", "no aceptamos" -> oppose ("we do not
   oppose" is not);
2. a call or an obligation ("we call on", "should", "must not", "nous demandons", "il faut",
   "debe", a sentence opening on an imperative or an infinitive) -> support;
3. otherwise -> neutral (neutral or unknown).

Why a negated demand ("must not", "No detention of children", "Non à la criminalisation",
"Ninguna detención") is support, not opposition: such demands are how civil society most
often words its protective goals, and the issue they are mapped or clustered to is that
goal ("No detention of children" supports GCM objective 13, detention as a last resort).
Counting them as opposition took that support away from the key issues and invented
divergences. Whether a text is for or against an issue depends on how the issue is worded,
which the text alone cannot tell: coordinators set the stance where the guess is wrong.
"""

from __future__ import annotations

import re

from .text import normalise

SUPPORT = "support"
OPPOSE = "oppose"
NEUTRAL = "neutral"
STANCES = (SUPPORT, OPPOSE, NEUTRAL)
DETECTOR = "stance rules v1 (en, fr, es; explicit opposition only)"

# Patterns run on normalise(text): lower case, accents folded, apostrophes as spaces.
_VOICE_EN = r"\b(?:we|i|civil society|participants|the consultation|the region|migrants)"

_NEGATED_OPPOSITION = re.compile(
    r"\b(?:not|never)\s+(?:\w+\s+)?(?:oppose|reject|object|against)"
    r"|\bne\s+(?:nous\s+)?(?:\w+\s+)?(?:opposons|oppose|rejetons|rejette|refusons|sommes)"
    r"\s+(?:pas|jamais)"
    r"|\bno\s+(?:nos\s+oponemos|se\s+opone|rechazamos|rechaza|estamos\s+en\s+contra)"
)

_OPPOSITION = re.compile(
    "|".join(
        [
            # English
            _VOICE_EN + r"\s+(?:\w+\s+)?(?:oppose|reject|refuse|object to|disagree)",
            _VOICE_EN + r"\s+(?:are|is|am|remain|stand)\s+(?:\w+\s+)?(?:opposed|against)\b",
            r"\bour (?:opposition to|rejection of)\b",
            r"\b(?:we|i)\s+(?:do not|cannot|can not|will not|won t|don t|can t)\s+"
            r"(?:support|accept|endorse)\b",
            r"\bunacceptable\b|\bnot acceptable\b",
            # French
            r"\bnous\s+nous\s+opposons\b|\b(?:nous|je)\s+(?:\w+\s+)?(?:rejetons|refusons)\b",
            r"\bnotre (?:opposition a|rejet)\b",
            r"\b(?:sommes|suis|est|sont)\s+(?:\w+\s+)?contre\b",
            r"\bne\s+(?:soutenons|acceptons|approuvons)\s+pas\b",
            r"\binacceptables?\b|\bpas acceptables?\b",
            # Spanish
            r"\bnos\s+oponemos\b|\bnuestr[oa] (?:oposicion|rechazo)\b|\brechazamos\b",
            r"\b(?:estamos|esta|estan)\s+(?:\w+\s+)?en\s+contra\b|\ben contra de\b",
            r"\bno\s+(?:apoyamos|aceptamos|respaldamos)\b",
            r"\binaceptables?\b|\bno (?:es|son) aceptables?\b",
        ]
    )
)

_CALL = re.compile(
    "|".join(
        [
            # English
            r"\b(?:we|i)\s+(?:\w+\s+)?(?:call|urge|ask|support|recommend|demand|welcome"
            r"|endorse|encourage|propose|insist|request)\b",
            r"\bcalls?\s+(?:on|upon|for)\b",
            r"\b(?:must|should|shall|needs?|have to|has to|ought to)\b",
            r"\b(?:ensure|guarantee|promote|strengthen|establish|expand|provide|recognise"
            r"|recognize|invest|protect|include|end|stop)\b",
            r"\b(?:it is|is) (?:essential|crucial|necessary|important|vital)\b",
            r"(?:^|[.;:!?]\s*)no\b",  # "No detention of children": a negated demand
            # French
            r"\bnous\s+(?:\w+\s+)?(?:demandons|appelons|exhortons|soutenons|recommandons"
            r"|proposons|encourageons|saluons|insistons|invitons)\b",
            r"\b(?:doit|doivent|devrait|devraient|il faut|faut)\b",
            r"\b(?:garantir|assurer|promouvoir|renforcer|soutenir|reconnaitre|mettre fin"
            r"|proteger|creer|elargir)\b",
            r"\bil est (?:essentiel|crucial|necessaire|important|indispensable)\b",
            r"(?:^|[.;:!?]\s*)(?:non a|pas de|aucun|aucune)\b",
            # Spanish
            r"\b(?:pedimos|exhortamos|instamos|apoyamos|recomendamos|proponemos|alentamos"
            r"|saludamos|llamamos|exigimos|solicitamos|insistimos)\b",
            r"\b(?:debe|deben|deberia|deberian|hay que|se necesita|necesitamos)\b",
            r"\b(?:garantizar|asegurar|promover|fortalecer|apoyar|reconocer|poner fin"
            r"|proteger|crear|ampliar)\b",
            r"\bes (?:esencial|crucial|necesario|importante|indispensable|fundamental)\b",
            r"(?:^|[.;:!?\u00a1]\s*)(?:no a|no al|ningun|ninguna|ningunos|ningunas)\b",
        ]
    )
)

# A sentence that opens on a verb is a call: English imperatives, French and Spanish
# infinitives ("Inscrire le principe...", "Incluir el principio...").
_SENTENCE = r"(?:^|[.;:!?]\s+)\W*"
_IMPERATIVE = re.compile(
    _SENTENCE + r"(?:include|review|find|facilitate|ensure|end|stop|create|develop|adopt"
    r"|reform|build|allow|grant|ratify|implement|respect|uphold|guarantee|recogni[sz]e"
    r"|improve|increase|reduce|lower|make|give|open|apply|remove|repeal|use|take|put"
    r"|support|invest|strengthen|expand|extend|provide|protect|promote|establish|engage"
    r"|involve|address|integrate|enable|priori[tz]ise|fund|consult|monitor|collect|share"
    r"|offer|bring|pursue|move|work|decriminali[sz]e|regulari[sz]e|abolish|ban)\b"
)
_INFINITIVE = {
    "fr": re.compile(
        _SENTENCE + r"(?!(?:notre|votre|entre|contre|autre|cadre|centre|titre|ordre|genre"
        r"|nombre|membre|pour|leur|sur)\b)[a-z]{3,}(?:er|ir|re)\b"
    ),
    "es": re.compile(
        _SENTENCE + r"(?!(?:mujer|lugar|hogar|poder|por|ser|mayor|menor|mejor|peor)\b)"
        r"[a-z]{2,}(?:ar|er|ir)\b"
    ),
}


def detect_stance(text: str, language: str = "") -> str:
    """SUPPORT, OPPOSE or NEUTRAL for one recommendation (see the rules above).

    `language` ("en", "fr", "es") lets a French or Spanish infinitive opening a sentence
    count as a call; every language's cues are looked for whatever it says.
    """
    folded = _NEGATED_OPPOSITION.sub(" ", normalise(text))
    if _OPPOSITION.search(folded):
        return OPPOSE
    infinitive = _INFINITIVE.get(language)
    if (
        _CALL.search(folded)
        or _IMPERATIVE.search(folded)
        or (infinitive is not None and infinitive.search(folded))
    ):
        return SUPPORT
    return NEUTRAL


def detect_stances(texts: list[str], languages: list[str] | None = None) -> list[str]:
    """detect_stance for each text (with its language, if given), in order."""
    langs = languages if languages is not None else [""] * len(texts)
    return [detect_stance(t, lang) for t, lang in zip(texts, langs, strict=True)]
