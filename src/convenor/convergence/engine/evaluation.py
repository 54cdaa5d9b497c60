"""Measures of mapping quality against hand labels (used by the benchmark and the site)."""

from __future__ import annotations

from collections.abc import Sequence


def top_k_accuracy(ranked: Sequence[Sequence[str]], gold: Sequence[set[str]], k: int) -> float:
    """Share of texts with at least one gold code among their first `k` ranked codes."""
    if not gold:
        return 0.0
    hits = sum(bool(set(r[:k]) & g) for r, g in zip(ranked, gold, strict=True))
    return hits / len(gold)


def macro_f1(predicted: Sequence[set[str]], gold: Sequence[set[str]]) -> float:
    """Multi-label F1 per code, averaged over the codes that occur in the gold labels."""
    codes = sorted(set().union(*gold)) if gold else []
    if not codes:
        return 0.0
    total = 0.0
    for code in codes:
        tp = sum(code in p and code in g for p, g in zip(predicted, gold, strict=True))
        fp = sum(code in p and code not in g for p, g in zip(predicted, gold, strict=True))
        fn = sum(code not in p and code in g for p, g in zip(predicted, gold, strict=True))
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(codes)
