"""The selection engine's vocabulary: plain dataclasses in, plain dataclasses out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

AttributeValue = str | bool | int | None
Mode = Literal["select", "nominate"]
Status = Literal["optimal", "feasible", "infeasible"]

# Person attributes a balance target may name without declaring them in `extra`.
KNOWN_ATTRIBUTES = ("gender", "region", "youth", "sector", "migrant_or_refugee")


class SelectionInputError(ValueError):
    """The input cannot be solved as given; `problems` lists every problem found, one a line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid selection input:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Quota:
    """A nominating process: it ends with exactly `seats` delegates out of at most `max_names`."""

    id: str
    seats: int
    max_names: int | None = None  # None: unlimited
    mode: Mode = "select"


@dataclass(frozen=True)
class Person:
    """Someone who may be nominated. `available=False` (declined, withdrawn) is never seated."""

    id: str
    gender: str | None = None
    region: str | None = None
    youth: bool = False
    sector: str | None = None
    migrant_or_refugee: bool = False
    available: bool = True
    extra: Mapping[str, AttributeValue] = field(default_factory=dict)

    def attribute(self, name: str) -> AttributeValue:
        if name in KNOWN_ATTRIBUTES:
            return getattr(self, name)  # type: ignore[no-any-return]
        return self.extra.get(name)


@dataclass(frozen=True)
class Nomination:
    """`person` put forward by `quota` at `priority` (1 is the first choice)."""

    quota: str
    person: str
    priority: int


@dataclass(frozen=True)
class Target:
    """A balance goal for the whole delegation: at least `min_count` people, or at least
    `min_share` of the seats, whose `attribute` equals `value`. Soft (minimise the weighted
    shortfall) unless `hard`."""

    attribute: str
    value: AttributeValue
    min_share: float | None = None
    min_count: int | None = None
    weight: float = 1.0
    hard: bool = False

    @property
    def label(self) -> str:
        value = str(self.value).lower() if isinstance(self.value, bool) else self.value
        return f"{self.attribute}={value}"


@dataclass(frozen=True)
class Seat:
    """A seat already confirmed: `person` keeps it, credited to `quota` (used after declines)."""

    person: str
    quota: str


@dataclass(frozen=True)
class SelectionInput:
    capacity: int
    quotas: tuple[Quota, ...]
    people: tuple[Person, ...]
    nominations: tuple[Nomination, ...]
    targets: tuple[Target, ...] = ()
    fixed: tuple[Seat, ...] = ()


@dataclass(frozen=True)
class Selected:
    person: str
    quota: str
    priority: int


@dataclass(frozen=True)
class Shortfall:
    target: str
    attribute: str
    value: AttributeValue
    required: int
    achieved: int
    shortfall: int
    weight: float
    hard: bool


@dataclass(frozen=True)
class PersonExplanation:
    """Why a person is in or out, and which constraints decided it."""

    person: str
    selected: bool
    quota: str | None
    priority: int | None
    reason: str
    binding: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relaxation:
    """One change to the input; applying every relaxation of a result makes it feasible."""

    action: Literal["reduce_quota", "raise_capacity", "lower_target"]
    message: str
    quota: str | None = None
    by: int | None = None
    capacity: int | None = None
    target: str | None = None
    min_count: int | None = None


@dataclass(frozen=True)
class Conflict:
    """Constraints that cannot all hold together."""

    constraints: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class SelectionResult:
    status: Status
    selected: tuple[Selected, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    people: tuple[PersonExplanation, ...] = ()
    binding: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    relaxations: tuple[Relaxation, ...] = ()
    priority_exceptions: tuple[str, ...] = ()
    objective: int | None = None
    best_bound: int | None = None
    wall_time: float = 0.0
