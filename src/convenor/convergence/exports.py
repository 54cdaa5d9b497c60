"""The convergence matrix and key issues as CSV and XLSX (no quote ever carries a name:
recommendations appear only as counts and ids here)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from . import selectors
from .selectors import Analysis


def _matrix_rows(data: Analysis, dimension: str) -> list[list[object]]:
    m = selectors.matrix(data, dimension)
    names = [selectors.source_name(data, dimension, s) for s in m.sources]
    header: list[object] = ["issue", "label", *names, "total", "support_share", "breadth"]
    rows: list[list[object]] = [header]
    for j, issue in enumerate(data.issues):
        rows.append(
            [
                issue.key,
                issue.label,
                *[int(c) for c in m.counts[j]],
                int(m.totals[j]),
                round(float(m.support_share[j]), 4),
                round(float(m.breadth[j]), 4),
            ]
        )
    return rows


def matrix_csv(data: Analysis, dimension: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(_matrix_rows(data, dimension))
    return out.getvalue().encode("utf-8")


def matrix_xlsx(data: Analysis, dimension: str) -> bytes:
    """One sheet per dimension, then the key issues and the divergences."""
    book = Workbook()
    first = book.active
    book.remove(first)
    for dim in selectors.DIMENSIONS:
        sheet = book.create_sheet(dim)
        for row in _matrix_rows(data, dim):
            sheet.append(row)
    sheet = book.create_sheet("key issues")
    sheet.append(["rank", "issue", "label", "score", "recommendations", "regions"])
    labels = {i.key: i.label for i in data.issues}
    for k in selectors.key_issues(data):
        regions = ", ".join(
            selectors.source_name(data, "region", s) for s in k.sources.get("region", {})
        )
        sheet.append(
            [k.rank, k.key, labels[k.key], round(k.score, 4), len(k.recommendation_ids), regions]
        )
    sheet = book.create_sheet("divergences")
    sheet.append(["issue", "label", "dimension", "strong in", "absent from", "spread"])
    for d in selectors.divergences(data, dimension):
        sheet.append(
            [
                d.key,
                labels[d.key],
                d.dimension,
                ", ".join(selectors.source_name(data, d.dimension, s) for s in d.strong),
                ", ".join(selectors.source_name(data, d.dimension, s) for s in d.absent),
                round(d.spread, 4),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
