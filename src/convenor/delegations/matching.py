"""Is this nominee someone already on file? Same e-mail, or a close name at the same
organisation (then only suggested, for a coordinator to confirm)."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

NAME_THRESHOLD = 0.85


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation and repeated spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w]+", " ", plain).strip()


def name_similarity(a: str, b: str) -> float:
    """1.0 for the same name up to accents, case and word order; else a ratio in [0, 1]."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if sorted(fa.split()) == sorted(fb.split()):
        return 1.0
    return SequenceMatcher(None, fa, fb).ratio()


def same_organisation(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa) and (fa == fb or SequenceMatcher(None, fa, fb).ratio() >= 0.9)
