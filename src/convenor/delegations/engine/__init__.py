"""Pure Python engine: no Django imports (import-linter enforces it).

The selection solver: `solve_selection(SelectionInput) -> SelectionResult`; JSON in and out
with `input_from_json` / `result_to_json`; `greedy_selection` is the baseline it is compared to.
"""

from .diagnose import apply_relaxations
from .greedy import greedy_selection
from .jsonio import input_from_json, input_to_json, result_to_json
from .solver import solve_selection
from .types import (
    Conflict,
    Nomination,
    Person,
    PersonExplanation,
    Quota,
    Relaxation,
    Seat,
    Selected,
    SelectionInput,
    SelectionInputError,
    SelectionResult,
    Shortfall,
    Target,
)

__all__ = [
    "Conflict",
    "Nomination",
    "Person",
    "PersonExplanation",
    "Quota",
    "Relaxation",
    "Seat",
    "Selected",
    "SelectionInput",
    "SelectionInputError",
    "SelectionResult",
    "Shortfall",
    "Target",
    "apply_relaxations",
    "greedy_selection",
    "input_from_json",
    "input_to_json",
    "result_to_json",
    "solve_selection",
]
