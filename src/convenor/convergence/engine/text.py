"""Text normalisation shared by the lexical mapper and the clustering."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "’": " ", "'": " ", "ß": "ss"})
_SPACE = re.compile(r"\s+")

# Function words of English, French and Spanish: never a cluster label, never evidence.
_STOP_WORDS_TEXT = """
a about above after again against all also am an and any are as at be because been before
being between both but by can could did do does doing down during each even few for from
further had has have having he her here hers him his how i if in into is it its itself just
may me more most must my no nor not now of off on once only or other our ours out over own
same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom
why will with would you your also well like including e g ie eg au aux avec ce ces cet cette
dans de des du elle elles en est et eux il ils je la le les leur leurs lui ma mais me meme
mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes
toi ton tu un une vos votre vous d l s y a ete etre ainsi afin doit doivent tous toutes tout
toute plus comme entre sans sous aussi al algo como con contra cual cuando del desde donde
el ella ellas ellos en entre era es esa ese eso esta este esto estos estas fue ha han hasta
la las le les lo los mas me mi muy nos o para pero por que se sea ser si sin sobre su sus
tambien te tu un una uno unos unas y ya debe deben todos todas todo toda cada
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def normalise(text: str) -> str:
    """Lower-case, fold accents and ligatures, collapse spaces: `Détention` -> `detention`."""
    text = text.lower().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", folded).strip()
