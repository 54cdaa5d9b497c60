"""The one family of domain errors. Services raise them; core.middleware and
api.errors turn them into HTTP answers, core.forms into form errors."""

from __future__ import annotations


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, detail: str, *, code: str | None = None, field: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict[str, str]:
        data = {"detail": self.detail, "code": self.code}
        if self.field:
            data["field"] = self.field
        return data


class InvalidInput(DomainError):
    """Malformed input: a bad filter, date, or file (400)."""

    status = 400
    code = "invalid"


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The request clashes with the current state, e.g. a duplicate slug (409)."""

    status = 409
    code = "conflict"


class Unprocessable(DomainError):
    """Well-formed input that breaks a rule (422)."""

    status = 422
    code = "unprocessable"


RETRY_AFTER_SECONDS = 5


def database_unavailable(exception: BaseException) -> bool:
    """True for a failure to reach or use the database (down, restarting, locked): the request
    may succeed if sent again shortly, so it is answered 503 with Retry-After, not 500."""
    from django.db import InterfaceError, OperationalError

    return isinstance(exception, OperationalError | InterfaceError)
