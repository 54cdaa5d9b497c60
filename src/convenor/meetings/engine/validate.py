"""Checks a TableInput before solving: malformed input is refused, impossible input explained."""

from __future__ import annotations

from collections import Counter

from .types import TableInput, TableInputError


def validate(data: TableInput) -> None:
    """Raise TableInputError listing every problem with the input's form."""
    problems: list[str] = []
    if data.rounds not in (1, 2):
        problems.append(f"rounds must be 1 or 2, got {data.rounds!r}")
    if not data.tables:
        problems.append("at least one table is needed")
    for kind, ids in (
        ("participant", [p.id for p in data.participants]),
        ("table", [t.id for t in data.tables]),
    ):
        for ident, n in sorted(Counter(ids).items()):
            if n > 1:
                problems.append(f"duplicate {kind} id {ident!r} ({n} times)")
    tables = {t.id for t in data.tables}
    participants = {p.id for p in data.participants}
    for t in data.tables:
        for name in ("min_size", "max_size", "min_gov", "max_gov"):
            value = getattr(t, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(f"table {t.id!r}: {name} must be a whole number >= 0")
        if isinstance(t.min_size, int) and isinstance(t.max_size, int) and t.min_size > t.max_size:
            problems.append(f"table {t.id!r}: min_size {t.min_size} > max_size {t.max_size}")
        if isinstance(t.min_gov, int) and isinstance(t.max_gov, int) and t.min_gov > t.max_gov:
            problems.append(f"table {t.id!r}: min_gov {t.min_gov} > max_gov {t.max_gov}")
    for p in data.participants:
        if p.kind not in ("civil_society", "government"):
            problems.append(f"participant {p.id!r}: kind must be civil_society or government")
        for round_, table in p.pinned.items():
            if round_ not in range(1, data.rounds + 1):
                problems.append(
                    f"participant {p.id!r}: pinned for round {round_}, which is not held"
                )
            if table not in tables:
                problems.append(f"participant {p.id!r}: pinned to unknown table {table!r}")
    for kind, placements in (("switch", data.switches), ("previous placement", data.previous)):
        for s in placements:
            if s.participant not in participants:
                problems.append(f"{kind} for unknown participant {s.participant!r}")
            if s.table not in tables:
                problems.append(f"{kind} to unknown table {s.table!r}")
            if s.round not in range(1, data.rounds + 1):
                problems.append(f"{kind} for round {s.round}, which is not held")
    for s in data.switches:
        if s.round != 2:
            problems.append(f"switch for {s.participant!r}: switches are requested for round 2")
    if data.max_overlap < 0:
        problems.append("max_overlap must be >= 0")
    for name, value in vars(data.weights).items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(f"weight {name} must be a whole number >= 0")
    if problems:
        raise TableInputError(problems)


def conflicts(data: TableInput) -> list[str]:
    """Reasons the hard constraints cannot all hold, found without solving (may be empty)."""
    out: list[str] = []
    n = len(data.participants)
    govs = sum(1 for p in data.participants if p.kind == "government")
    low, high = sum(t.min_size for t in data.tables), sum(t.max_size for t in data.tables)
    if n < low:
        out.append(f"{n} participants cannot fill the tables' minimum sizes ({low} in total)")
    if n > high:
        out.append(f"{n} participants exceed the tables' maximum sizes ({high} in total)")
    gmin, gmax = sum(t.min_gov for t in data.tables), sum(t.max_gov for t in data.tables)
    if govs < gmin:
        out.append(f"{govs} governments cannot meet the tables' minimum of {gmin} governments")
    if govs > gmax:
        out.append(f"{govs} governments exceed the tables' maximum of {gmax} governments")
    themes = Counter(t.theme for t in data.tables if t.theme)
    for p in data.participants:
        if p.facilitator_of and not themes[p.facilitator_of]:
            out.append(f"facilitator {p.id}: no table has the theme {p.facilitator_of!r}")
        by_id = {t.id: t for t in data.tables}
        for round_, table in p.pinned.items():
            if p.facilitator_of and by_id[table].theme != p.facilitator_of:
                out.append(
                    f"facilitator {p.id} is pinned in round {round_} to {table}, which is not "
                    f"a {p.facilitator_of!r} table"
                )
    for t in data.tables:
        for round_ in range(1, data.rounds + 1):
            pinned = [p for p in data.participants if p.pinned.get(round_) == t.id]
            if len(pinned) > t.max_size:
                out.append(
                    f"round {round_}: {len(pinned)} people pinned to {t.id} (max {t.max_size})"
                )
            gov_pinned = sum(1 for p in pinned if p.kind == "government")
            if gov_pinned > t.max_gov:
                out.append(
                    f"round {round_}: {gov_pinned} governments pinned to {t.id} (max {t.max_gov})"
                )
    return out
