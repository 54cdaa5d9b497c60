"""convenor map <framework-slug> <input.csv> [--method lexical|semantic]

Reads a CSV with a `text` column and writes the same CSV to standard output with three
more columns: `top1` (best item code), `top3` (up to three codes, best first, joined by
";") and `scores` (JSON object of code -> score, best first). Errors go to standard error
with exit status 2.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from convenor.convergence import services
from convenor.core.errors import DomainError

BATCH = services.MAX_TEXTS


class Command(BaseCommand):
    help = "Map the `text` column of a CSV file to a framework's items (CSV on stdout)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("framework", help="framework slug, e.g. gcm-objectives")
        parser.add_argument("input", help="CSV file with a `text` column ('-' for stdin)")
        parser.add_argument("--method", choices=["lexical", "semantic"], default="lexical")

    def handle(self, *args: Any, **options: Any) -> None:
        rows, fields = self._read(options["input"])
        texts = [row.get("text") or "" for row in rows]
        results = []
        try:
            for start in range(0, len(texts), BATCH):
                results += services.map_texts(
                    framework_slug=options["framework"],
                    texts=texts[start : start + BATCH],
                    method=options["method"],
                )
        except DomainError as error:
            raise CommandError(error.detail, returncode=2) from error
        writer = csv.DictWriter(self.stdout, fieldnames=[*fields, "top1", "top3", "scores"])
        writer.writeheader()
        for row, scores in zip(rows, results, strict=True):
            row["top1"] = scores[0].code if scores else ""
            row["top3"] = ";".join(s.code for s in scores[:3])
            row["scores"] = json.dumps({s.code: s.score for s in scores})
            writer.writerow(row)

    def _read(self, name: str) -> tuple[list[dict[str, str]], list[str]]:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {name}: {error}", returncode=2) from error
        try:
            reader = csv.DictReader(text.splitlines())
            fields = list(reader.fieldnames or [])
            rows = [dict(r) for r in reader]
        except csv.Error as error:
            raise CommandError(f"{name} is not a valid CSV file: {error}", returncode=2) from error
        if "text" not in fields:
            raise CommandError(f"{name} has no `text` column", returncode=2)
        for row in rows:
            row.pop(None, None)  # type: ignore[call-overload]
        return rows, fields
