"""Multilingual item profiles (translations and keyword expansions) shipped with the engine.

A profile is data, keyed by framework slug; a framework without one maps from its own
titles and descriptions only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

PROFILE_DIR = Path(__file__).resolve().parent / "profile_data"
LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class ItemProfile:
    """Translated titles and keyword phrases for one item, per language."""

    titles: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)

    def phrases(self) -> list[str]:
        """Every translated title and keyword phrase, in a fixed order."""
        out = [self.titles[lang] for lang in LANGUAGES if lang in self.titles]
        for lang in LANGUAGES:
            out.extend(self.keywords.get(lang, []))
        return out


def available_profiles() -> list[str]:
    """Slugs of the frameworks that have a bundled profile."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


@cache
def load_profile(framework_slug: str) -> dict[str, ItemProfile]:
    """The bundled profile of a framework by item code; empty if there is none."""
    path = PROFILE_DIR / f"{framework_slug}.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    profiles: dict[str, ItemProfile] = {}
    for code, entry in (data.get("items") or {}).items():
        titles = {lang: entry[lang] for lang in LANGUAGES if entry.get(lang)}
        keywords = {
            lang: list(entry.get(f"{lang}_keywords") or [])
            for lang in LANGUAGES
            if entry.get(f"{lang}_keywords")
        }
        profiles[str(code)] = ItemProfile(titles=titles, keywords=keywords)
    return profiles


def expansions_for(framework_slug: str) -> dict[str, list[str]]:
    """Keyword expansions (all languages flattened) by item code, for a mapper's `expansions`."""
    return {code: prof.phrases() for code, prof in load_profile(framework_slug).items()}
