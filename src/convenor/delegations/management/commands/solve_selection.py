"""`convenor solve-selection <input.json>`: solve a selection round and print the result as JSON.

The format is documented in docs/selection-format.md. Bad JSON or invalid input prints the
problems on stderr and exits with status 2; an infeasible round is a normal answer (status 0).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from convenor.delegations.engine import (
    SelectionInputError,
    input_from_json,
    result_to_json,
    solve_selection,
)
from convenor.delegations.engine.solver import DEFAULT_TIME_LIMIT, DEFAULT_WORKERS


class InputRefused(Exception):
    """The input file cannot be read, parsed or validated."""


class Command(BaseCommand):
    help = "Solve a delegate selection from a JSON file and print the result as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="path to the input JSON file, or - for stdin")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=DEFAULT_TIME_LIMIT,
            help=f"seconds the solver may spend (default {DEFAULT_TIME_LIMIT:g})",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=DEFAULT_WORKERS,
            help=f"solver threads (default {DEFAULT_WORKERS}); the optimum does not depend on it",
        )

    def handle(self, *args, input: str, time_limit: float, workers: int, **options) -> None:
        try:
            if time_limit <= 0 or workers < 1:
                raise InputRefused("--time-limit must be > 0 and --workers >= 1")
            data = input_from_json(self._read(input))
            result = solve_selection(data, time_limit=time_limit, workers=workers)
        except SelectionInputError as error:
            self._refuse(
                "\n".join(["invalid selection input:", *(f"- {p}" for p in error.problems)])
            )
        except InputRefused as error:
            self._refuse(str(error))
        self.stdout.write(json.dumps(result_to_json(result), indent=2, ensure_ascii=False))

    def _read(self, path: str) -> object:
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputRefused(f"cannot read {path}: {error}") from error
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputRefused(
                f"{path} is not valid JSON: {error.msg} at line {error.lineno}, "
                f"column {error.colno}"
            ) from error

    def _refuse(self, message: str) -> None:
        self.stderr.write(message)
        # SystemExit rather than CommandError: CommandError exits with 1, the contract is 2.
        raise SystemExit(2)
