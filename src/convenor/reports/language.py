"""A small language guesser for English, French and Spanish, from common function words.

Good enough to tag report paragraphs (a sentence or more); for very short or mixed texts
it answers the fallback.
"""

from __future__ import annotations

import re

_WORDS = {
    "en": """the and of to in is that for it with as on be are this by not or from at which an
        have has their they we our all must should will its was were been can more who""",
    "fr": """le la les des du de et est une un pour que qui dans en sur au aux pas par ce cette
        sont doit doivent leur leurs nous avec il elle ou être ne plus tous toutes""",
    "es": """el la los las del de y es una un para que en por con se su sus al lo como más no
        debe deben son este esta nuestra nuestro todos todas o ser sobre entre""",
}
STOPWORDS: dict[str, frozenset[str]] = {lang: frozenset(w.split()) for lang, w in _WORDS.items()}

WORD = re.compile(r"[a-zàâäáçéèêëíìîïñóòôöúùûüœ']+", re.IGNORECASE)
# Accented letters that are typical of one language add a little weight.
MARKERS = {"fr": set("àâçèêëîïôœùû"), "es": set("áíñóú¿¡")}


def detect_language(text: str, *, fallback: str = "en") -> str:
    """'en', 'fr' or 'es' for `text`; `fallback` when no language has a clear lead."""
    words = [w.lower().strip("'") for w in WORD.findall(text)]
    words = [w.split("'")[-1] for w in words]  # l'homme -> homme, d'un -> un
    if not words:
        return fallback
    scores: dict[str, float] = {
        lang: float(sum(1 for w in words if w in stop)) for lang, stop in STOPWORDS.items()
    }
    lowered = text.lower()
    for lang, letters in MARKERS.items():
        scores[lang] += 0.5 * sum(lowered.count(ch) for ch in letters)
    best = max(scores, key=lambda lang: (scores[lang], lang == fallback))
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 1 or ranked[0] == ranked[1]:
        return fallback
    return best
