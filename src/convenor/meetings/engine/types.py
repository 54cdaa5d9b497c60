"""The table-assignment engine's vocabulary: plain dataclasses in, plain dataclasses out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["civil_society", "government"]
Status = Literal["optimal", "feasible", "infeasible"]


class TableInputError(ValueError):
    """The input cannot be solved as given; `problems` lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid table input:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Participant:
    """Someone at the small tables. `theme` is the day-1 parallel session they attended (for a
    government: the theme it asked for); `facilitator_of` a theme they moderate, whose table
    they keep in every round; `pinned` maps a round (1 or 2) to a table chosen by hand."""

    id: str
    kind: Kind = "civil_society"
    region: str | None = None
    sector: str | None = None
    theme: str | None = None
    facilitator_of: str | None = None
    pinned: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    id: str
    theme: str | None = None
    min_size: int = 0
    max_size: int = 10
    min_gov: int = 0
    max_gov: int = 10


@dataclass(frozen=True)
class Placement:
    participant: str
    round: int
    table: str


@dataclass(frozen=True)
class Weights:
    """Relative importance of each soft goal (whole numbers; 0 switches a goal off)."""

    theme: int = 10  # each participant-round away from their day-1 theme's table
    region_mix: int = 3  # each person beyond an even spread of their region over the tables
    sector_mix: int = 2  # the same for sectors
    overlap: int = 5  # each person beyond `max_overlap` from one round-1 table at one round-2 table
    repeat_pairs: int = 1  # each pair of people who share a table in both rounds
    changes: int = 4  # each placement that differs from the previous plan
    switches: int = 20  # each requested round-2 switch not granted


@dataclass(frozen=True)
class TableInput:
    participants: tuple[Participant, ...]
    tables: tuple[Table, ...]
    rounds: int = 2
    switches: tuple[Placement, ...] = ()  # requested round-2 tables
    previous: tuple[Placement, ...] = ()  # the last plan, to change as little as possible
    max_overlap: int = 3
    weights: Weights = field(default_factory=Weights)


@dataclass(frozen=True)
class Term:
    """One soft goal's contribution to the objective, with a sentence for people."""

    name: str
    weight: int
    value: int
    cost: int
    message: str


@dataclass(frozen=True)
class TableResult:
    status: Status
    plan: tuple[Placement, ...] = ()
    objective: int | None = None
    best_bound: int | None = None
    gap: float | None = None
    terms: tuple[Term, ...] = ()
    notes: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    wall_time: float = 0.0

    def table_of(self, participant: str, round_: int) -> str | None:
        return next(
            (p.table for p in self.plan if p.participant == participant and p.round == round_),
            None,
        )
