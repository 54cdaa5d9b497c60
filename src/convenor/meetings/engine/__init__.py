"""Pure Python engine: no Django imports (import-linter enforces it).

Small-table assignment: `assign_tables(TableInput) -> TableResult`; `greedy_tables` is the
baseline it is compared to; `terms` and `hard_violations` score any plan.
"""

from .evaluate import hard_violations, terms
from .greedy import greedy_tables
from .solver import assign_tables
from .types import (
    Participant,
    Placement,
    Table,
    TableInput,
    TableInputError,
    TableResult,
    Term,
    Weights,
)

__all__ = [
    "Participant",
    "Placement",
    "Table",
    "TableInput",
    "TableInputError",
    "TableResult",
    "Term",
    "Weights",
    "assign_tables",
    "greedy_tables",
    "hard_violations",
    "terms",
]
