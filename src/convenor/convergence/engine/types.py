"""The dataclasses that go in and out of the convergence engine (no ORM objects cross in)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FrameworkItemText:
    """One item of a framework (a GCM objective, an Act) as text the mappers can read.

    `examples` are texts a coordinator confirmed for this item; they make the mapping few-shot.
    """

    code: str
    title: str
    description: str = ""
    examples: list[str] = field(default_factory=list)


@dataclass
class Recommendation:
    """One recommendation with the attributes of its source."""

    id: str
    text: str
    language: str = "en"
    event: str = ""
    region: str = ""
    process: str = ""
    sector: str = ""


@dataclass(frozen=True)
class ItemScore:
    """A framework item and how strongly a text maps to it, in [0, 1]."""

    code: str
    score: float
