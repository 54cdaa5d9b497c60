"""Scores any plan (the solver's, the greedy one, one edited by hand) term by term."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .types import Placement, TableInput, Term


def region_caps(data: TableInput, attribute: str) -> dict[str, int]:
    """An even spread: no more than ceil(people with this value / tables) at one table."""
    counts = Counter(getattr(p, attribute) for p in data.participants if getattr(p, attribute))
    return {value: math.ceil(n / len(data.tables)) for value, n in counts.items()}


def theme_tables(data: TableInput) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in data.tables:
        if t.theme:
            out.setdefault(t.theme, set()).add(t.id)
    return out


def hard_violations(data: TableInput, plan: Iterable[Placement]) -> list[str]:
    """Every hard constraint the plan breaks (empty for a valid plan)."""
    where = {(p.participant, p.round): p.table for p in plan}
    problems = []
    tables = {t.id: t for t in data.tables}
    themes = theme_tables(data)
    for r in range(1, data.rounds + 1):
        size: Counter[str] = Counter()
        govs: Counter[str] = Counter()
        for p in data.participants:
            table = where.get((p.id, r))
            if table not in tables:
                problems.append(f"round {r}: {p.id} has no table")
                continue
            size[table] += 1
            govs[table] += p.kind == "government"
            if p.facilitator_of and table not in themes.get(p.facilitator_of, set()):
                problems.append(
                    f"round {r}: facilitator {p.id} is not at a {p.facilitator_of} table"
                )
            if p.pinned.get(r, table) != table:
                problems.append(f"round {r}: {p.id} is not at the table pinned")
        for t in data.tables:
            if not t.min_size <= size[t.id] <= t.max_size:
                problems.append(f"round {r}: {t.id} has {size[t.id]} people")
            if not t.min_gov <= govs[t.id] <= t.max_gov:
                problems.append(f"round {r}: {t.id} has {govs[t.id]} governments")
    return problems


def terms(data: TableInput, plan: Iterable[Placement]) -> list[Term]:
    """The soft goals, in the solver's units: the objective is the sum of their costs."""
    where = {(p.participant, p.round): p.table for p in plan}
    w = data.weights
    themes = theme_tables(data)
    rounds = range(1, data.rounds + 1)

    away = sum(
        1
        for p in data.participants
        if p.theme in themes
        for r in rounds
        if where.get((p.id, r)) not in themes[p.theme]
    )
    out = [
        Term(
            "theme",
            w.theme,
            away,
            w.theme * away,
            f"{away} participant-rounds away from the table of their day-1 theme",
        )
    ]
    for name, attribute, weight in (
        ("region_mix", "region", w.region_mix),
        ("sector_mix", "sector", w.sector_mix),
    ):
        caps = region_caps(data, attribute)
        counts: Counter[tuple[int, str, str]] = Counter()
        for p in data.participants:
            value = getattr(p, attribute)
            if value:
                for r in rounds:
                    counts[r, where.get((p.id, r), ""), value] += 1
        excess = sum(max(0, n - caps[value]) for (_r, _t, value), n in counts.items())
        out.append(
            Term(
                name,
                weight,
                excess,
                weight * excess,
                f"{excess} people beyond an even spread of their {attribute} over the tables",
            )
        )
    if data.rounds == 2:
        shared = Counter((where.get((p.id, 1)), where.get((p.id, 2))) for p in data.participants)
        over = sum(max(0, n - data.max_overlap) for n in shared.values())
        pairs = sum(n * (n - 1) // 2 for n in shared.values())
        out.append(
            Term(
                "overlap",
                w.overlap,
                over,
                w.overlap * over,
                f"{over} people beyond {data.max_overlap} from one round-1 table at one "
                "round-2 table",
            )
        )
        out.append(
            Term(
                "repeat_pairs",
                w.repeat_pairs,
                pairs,
                w.repeat_pairs * pairs,
                f"{pairs} pairs of people share a table in both rounds",
            )
        )
        unmet = sum(1 for s in data.switches if where.get((s.participant, 2)) != s.table)
        out.append(
            Term(
                "switches",
                w.switches,
                unmet,
                w.switches * unmet,
                f"{unmet} of {len(data.switches)} requested round-2 switches not granted",
            )
        )
    changed = sum(1 for s in data.previous if where.get((s.participant, s.round)) != s.table)
    out.append(
        Term(
            "changes",
            w.changes,
            changed,
            w.changes * changed,
            f"{changed} of {len(data.previous)} placements differ from the previous plan",
        )
    )
    return out
