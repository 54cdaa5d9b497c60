"""Domain errors of the campaigns app that the core family does not have."""

from __future__ import annotations

from typing import Any

from convenor.core.errors import DomainError, Unprocessable


class RateLimited(DomainError):
    """Too many submissions from one address or for one e-mail (429)."""

    status = 429
    code = "rate_limited"


class InvalidFields(Unprocessable):
    """Several fields are invalid at once; `errors` maps each field to its message (422)."""

    def __init__(self, errors: dict[str, Any]):
        first = next(iter(errors))
        super().__init__(f"{first}: {errors[first]}", code="invalid", field=first)
        self.errors = errors

    def as_dict(self) -> dict[str, Any]:  # type: ignore[override]
        data: dict[str, Any] = dict(super().as_dict())
        data["errors"] = [{"field": f, "message": str(m)} for f, m in self.errors.items()]
        return data
