"""A recommendation's stance on what it raises, guessed from its words (English, French,
Spanish): does it argue for it ("we call for", "il faut", "pedimos"), against it ("we oppose",
"must not", "nous rejetons", "no a la"), or neither?

A first guess for coordinators to check, not a judgement: the stance is toward what the text
itself describes, so "we reject the detention of children" opposes detention while a cluster
may call the same issue "ending child detention". Rules, in order:

1. an explicit opposition ("we oppose", "reject", "no to", "sommes contre", "rechazamos",
   "en contra de", "unacceptable") -> oppose; a negated one ("we do not oppose") is ignored;
2. a negated obligation ("must not", "ne doit pas", "no deben") and no positive call -> oppose;
3. a call or an obligation ("we call on", "should", "nous demandons", "debe") -> support;
4. otherwise -> neutral (neutral or unknown).
"""

from __future__ import annotations

import re

from .text import normalise

SUPPORT = "support"
OPPOSE = "oppose"
NEUTRAL = "neutral"
STANCES = (SUPPORT, OPPOSE, NEUTRAL)
DETECTOR = "stance rules v1 (en, fr, es)"

# Patterns run on normalise(text): lower case, accents folded, apostrophes as spaces.
_START = r"(?:^|[.;:!?\u00a1\u00bf]\s*|\bsay\s+|\bdisons\s+|\bdecimos\s+)"

_NEGATED_OPPOSITION = re.compile(
    r"\b(?:not|never)\s+(?:\w+\s+)?(?:oppose|reject|object)"
    r"|\bne\s+(?:nous\s+)?(?:\w+\s+)?(?:opposons|oppose|rejetons|rejette|refusons)\s+(?:pas|jamais)"
    r"|\bno\s+(?:nos\s+oponemos|se\s+opone|rechazamos|rechaza)"
)

_OPPOSITION = re.compile(
    "|".join(
        [
            # English
            r"\b(?:we|i|us|they|states|governments|civil society)\s+(?:\w+\s+)?"
            r"(?:oppose|reject|refuse|object to|condemn|denounce|disagree)",
            r"\b(?:are|is|am|remain|stand)\s+(?:\w+\s+)?(?:opposed|against)\b",
            r"\bopposition to\b|\brejection of\b",
            r"\b(?:must|should|has to|have to|to) be (?:rejected|opposed|withdrawn|dropped)\b",
            r"\b(?:do|does|can|will) not (?:support|accept|endorse)\b",
            r"\b(?:cannot|can t|won t|don t) (?:support|accept|endorse)\b",
            r"\bunacceptable\b|\bnot acceptable\b",
            _START + r"(?:no to|reject|oppose)\b",
            # French
            r"\b(?:nous\s+nous|nous|s|se)\s+opposons\b|\bs\s+opposent?\b|\bopposition a\b",
            r"\b(?:nous\s+)?(?:rejetons|refusons|condamnons|denoncons)\b",
            r"\b(?:sommes|est|sont|suis|etre|votons|voter|prononcons)\s+contre\b",
            r"\bne\s+(?:soutenons|acceptons|approuvons)\s+pas\b",
            r"\binacceptable\b|\bpas acceptable\b",
            # "Pas de criminalisation", "Aucune détention": the negation of the issue itself.
            _START + r"(?:non a|rejeter|pas de|aucun|aucune)\b",
            # Spanish
            r"\b(?:nos|se)\s+opon(?:emos|e|en)\b|\boposicion a\b",
            r"\b(?:rechazamos|condenamos|denunciamos)\b",
            r"\ben contra de\b|\b(?:estamos|esta|estan)\s+en\s+contra\b",
            r"\bno\s+(?:apoyamos|aceptamos|respaldamos)\b",
            r"\binaceptable\b|\bno es aceptable\b",
            _START + r"(?:no (?:a|al)|rechazar|ningun|ninguna|ningunos|ningunas)\b",
        ]
    )
)

# English "No criminalisation of migrants" (in Spanish, "No debe..." negates a verb).
_NO_NOUN_EN = re.compile(_START + r"no (?!one\b|longer\b|matter\b|doubt\b|less\b|more\b)")

_NEGATED_OBLIGATION = re.compile(
    r"\b(?:must|should|shall|may|cannot|can)\s+not\b|\b(?:mustn|shouldn|shan)\s+t\b"
    r"|\bne\s+(?:\w+\s+)?(?:doit|doivent|devrait|devraient|peut|peuvent|saurait|sauraient)"
    r"\s+(?:pas|plus|jamais|en aucun cas)\b"
    r"|\bno\s+(?:debe|deben|deberia|deberian|puede|pueden|podra|podran)\b"
    r"|\b(?:ningun|ninguna|nunca)\s+(?:\w+\s+)?(?:debe|deben|deberia)\b"
    r"|\b(?:aucun|aucune)\s+(?:\w+\s+){0,3}ne\s+(?:doit|doivent|devrait|peut)\b"
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
            # French
            r"\bnous\s+(?:\w+\s+)?(?:demandons|appelons|exhortons|soutenons|recommandons"
            r"|proposons|encourageons|saluons|insistons|invitons)\b",
            r"\b(?:doit|doivent|devrait|devraient|il faut|faut)\b",
            r"\b(?:garantir|assurer|promouvoir|renforcer|soutenir|reconnaitre|mettre fin"
            r"|proteger|creer|elargir)\b",
            r"\bil est (?:essentiel|crucial|necessaire|important|indispensable)\b",
            # Spanish
            r"\b(?:pedimos|exhortamos|instamos|apoyamos|recomendamos|proponemos|alentamos"
            r"|saludamos|llamamos|exigimos|solicitamos|insistimos)\b",
            r"\b(?:debe|deben|deberia|deberian|hay que|se necesita|necesitamos)\b",
            r"\b(?:garantizar|asegurar|promover|fortalecer|apoyar|reconocer|poner fin"
            r"|proteger|crear|ampliar)\b",
            r"\bes (?:esencial|crucial|necesario|importante|indispensable|fundamental)\b",
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
    folded = normalise(text)
    folded = _NEGATED_OPPOSITION.sub(" ", folded)
    if _OPPOSITION.search(folded) or (language == "en" and _NO_NOUN_EN.search(folded)):
        return OPPOSE
    negated = _NEGATED_OBLIGATION.search(folded) is not None
    rest = _NEGATED_OBLIGATION.sub(" ", folded)
    infinitive = _INFINITIVE.get(language)
    calls = bool(
        _CALL.search(rest)
        or _IMPERATIVE.search(rest)
        or (infinitive is not None and infinitive.search(rest))
    )
    if negated and not calls:
        return OPPOSE
    if calls:
        return SUPPORT
    return NEUTRAL


def detect_stances(texts: list[str], languages: list[str] | None = None) -> list[str]:
    """detect_stance for each text (with its language, if given), in order."""
    langs = languages if languages is not None else [""] * len(texts)
    return [detect_stance(t, lang) for t, lang in zip(texts, langs, strict=True)]
