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
    # Cells count supporting recommendations; "opposed" those against the issue.
    header: list[object] = [
        "issue",
        "label",
        *names,
        "opposed",
        "total",
        "support_share",
        "breadth",
    ]
    rows: list[list[object]] = [header]
    against = m.opposed_totals if m.opposed_totals is not None else [0] * len(data.issues)
    for j, issue in enumerate(data.issues):
        rows.append(
            [
                issue.key,
                issue.label,
                *[int(c) for c in m.counts[j]],
                int(against[j]),
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
    for row in _divergence_rows(data, dimension):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _divergence_rows(data: Analysis, dimension: str) -> list[list[object]]:
    """One row per divergence: where the issue is strong, absent, and opposed (with the
    number of opposing recommendations)."""
    labels = {i.key: i.label for i in data.issues}
    rows: list[list[object]] = [
        ["issue", "label", "dimension", "strong in", "absent from", "opposed by", "spread"]
    ]

    def name(source: str) -> str:
        return selectors.source_name(data, dimension, source)

    for d in selectors.divergences(data, dimension):
        rows.append(
            [
                d.key,
                labels[d.key],
                d.dimension,
                ", ".join(name(s) for s in d.strong),
                ", ".join(name(s) for s in d.absent),
                ", ".join(f"{name(s)} ({n})" for s, n in d.opposed.items()),
                round(d.spread, 4),
            ]
        )
    return rows


def divergences_csv(data: Analysis, dimension: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(_divergence_rows(data, dimension))
    return out.getvalue().encode("utf-8")
