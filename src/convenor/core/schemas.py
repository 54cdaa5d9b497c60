"""Schemas shared by every app's API."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    code: str
    field: str | None = None
