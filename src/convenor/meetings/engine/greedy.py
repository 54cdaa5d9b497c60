"""The baseline the table solver is measured against: seat people one by one."""

from __future__ import annotations

from collections import Counter

from .evaluate import theme_tables
from .types import Participant, Placement, Table, TableInput


def greedy_tables(data: TableInput) -> list[Placement]:
    """Round by round: pinned people, then facilitators at their theme's least-full table,
    then governments to the table with the fewest, then everyone else at their theme's
    least-full table with room (in round 2, the one holding fewest of their round-1 table
    mates), else the least-full table; finally people are moved to fill tables below their
    minimum. It never looks back, so mixing and spread are left to chance."""
    themes = theme_tables(data)
    plan: list[Placement] = []
    first: dict[str, str] = {}
    for r in range(1, data.rounds + 1):
        seating = _Round(data, r, first, plan)
        for p in data.participants:
            if r in p.pinned:
                seating.seat(p, p.pinned[r])
        free = [p for p in data.participants if r not in p.pinned]
        for p in free:
            if p.facilitator_of:
                seating.seat(p, seating.pick(p, themes.get(p.facilitator_of, set())))
        for p in free:
            if p.kind == "government" and not p.facilitator_of:
                seating.seat(p, seating.fewest_governments())
        for p in free:
            if p.kind != "government" and not p.facilitator_of:
                theme = themes.get(p.theme or "", set())
                seating.seat(
                    p,
                    seating.pick(p, theme)
                    if seating.has_room(p, theme)
                    else seating.pick(p, set(seating.tables)),
                )
        _fill_minimums(data, r, plan, seating.size)
        first.update({pl.participant: pl.table for pl in plan if pl.round == 1})
    return plan


class _Round:
    """Running counts while one round is seated."""

    def __init__(self, data: TableInput, r: int, first: dict[str, str], plan: list[Placement]):
        self.tables: dict[str, Table] = {t.id: t for t in data.tables}
        self.r, self.first, self.plan = r, first, plan
        self.size: Counter[str] = Counter()
        self.govs: Counter[str] = Counter()
        self.mates: Counter[tuple[str, str]] = Counter()  # (round-1 table, this table)

    def seat(self, p: Participant, table: str) -> None:
        self.size[table] += 1
        self.govs[table] += p.kind == "government"
        if self.r == 2:
            self.mates[self.first[p.id], table] += 1
        self.plan.append(Placement(p.id, self.r, table))

    def room(self, table: str, p: Participant) -> bool:
        t = self.tables[table]
        if self.size[table] >= t.max_size:
            return False
        return p.kind != "government" or self.govs[table] < t.max_gov

    def has_room(self, p: Participant, candidates: set[str]) -> bool:
        return any(self.room(t, p) for t in candidates)

    def pick(self, p: Participant, candidates: set[str]) -> str:
        open_ = sorted(t for t in candidates if self.room(t, p)) or sorted(self.tables)
        if self.r == 2:
            return min(open_, key=lambda t: (self.mates[self.first[p.id], t], self.size[t], t))
        return min(open_, key=lambda t: (self.size[t], t))

    def fewest_governments(self) -> str:
        return min(self.tables, key=lambda t: (self.govs[t], self.size[t], t))


def _fill_minimums(data: TableInput, r: int, plan: list[Placement], size: Counter[str]) -> None:
    """Move movable civil society people from the fullest tables to tables below min_size."""
    tables = {t.id: t for t in data.tables}
    movable = {
        p.id
        for p in data.participants
        if p.kind != "government" and not p.facilitator_of and r not in p.pinned
    }
    for short in sorted(tables):
        while size[short] < tables[short].min_size:
            donors = [t for t in tables if size[t] > tables[t].min_size and t != short]
            index = next(
                (
                    i
                    for i, pl in enumerate(plan)
                    if pl.round == r
                    and pl.participant in movable
                    and donors
                    and pl.table == max(donors, key=lambda t: (size[t], t))
                ),
                None,
            )
            if index is None:
                return
            moved = plan[index]
            plan[index] = Placement(moved.participant, r, short)
            size[moved.table] -= 1
            size[short] += 1
