"""Canonical e-mail addresses and close organisation-name matching (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Providers that ignore dots in the local part as well as "+tags".
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}

# Words that carry no identity in organisation names (en, fr, es).
STOPWORDS = frozenset(
    [
        "the",
        "of",
        "in",
        "for",
        "and",
        "on",
        "a",
        "an",
        "to",
        "at",
        "de",
        "del",
        "la",
        "le",
        "les",
        "des",
        "du",
        "d",
        "l",
        "el",
        "los",
        "las",
        "y",
        "et",
        "en",
        "pour",
        "para",
        "por",
        "und",
    ]
)


def canonical_email(email: str) -> str:
    """The address that identifies a mailbox: lower case, "+tag" dropped, and for Gmail dots
    dropped and googlemail.com folded into gmail.com."""
    email = email.strip().lower()
    local, _, domain = email.rpartition("@")
    if not local:
        return email
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        domain = DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"


def _ascii_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", text.replace("&", " and "))


def acronym_in(name: str) -> str:
    """An acronym written in brackets, e.g. "Migrant Forum Asia (MFA)" -> "mfa"."""
    found = re.search(r"\(([^()]{2,15})\)", name)
    return "".join(_ascii_words(found.group(1))) if found else ""


def name_key(name: str) -> str:
    """A key for comparing organisation names: accents, case, punctuation, stopwords and a
    bracketed acronym removed, words sorted."""
    without_brackets = re.sub(r"\([^()]*\)", " ", name)
    words = [w for w in _ascii_words(without_brackets) if w not in STOPWORDS]
    return " ".join(sorted(words))


def name_similarity(a: str, b: str) -> float:
    """How close two organisation names are, from 0 to 1 (1: the same key)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    wa, wb = set(ka.split()), set(kb.split())
    jaccard = len(wa & wb) / len(wa | wb)
    ratio = SequenceMatcher(None, ka, kb).ratio()
    score = max(jaccard, ratio)
    acr_a, acr_b = acronym_in(a), acronym_in(b)
    if acr_a and acr_a == acr_b:
        score = max(score, 0.9)
    return round(score, 3)


def acronym_matches(name: str, acronym: str) -> bool:
    """Whether `name` is, or brackets, the acronym `acronym`."""
    if not acronym:
        return False
    acr = "".join(_ascii_words(acronym))
    return bool(acr) and (acronym_in(name) == acr or "".join(_ascii_words(name)) == acr)
