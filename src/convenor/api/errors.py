"""The one place where the API turns errors into JSON answers: {"detail", "code"}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from convenor.core.errors import RETRY_AFTER_SECONDS, DomainError

# The answer to a request that found the database down or restarting (503, with Retry-After).
UNAVAILABLE = {"detail": "The service is briefly unavailable. Try again.", "code": "unavailable"}


def _field_name(loc: list) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form", "file", "payload")]
    return ".".join(parts) or "request"


NUL_MESSAGE = "Text may not contain NUL characters."


def _nul_parameter(request: HttpRequest) -> str | None:
    """The name of the first query parameter holding a NUL character, if any."""
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "") or "request"
    return None


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for err in exc.errors:
            field = _field_name(list(err.get("loc", [])))
            errors.append({"field": field, "message": str(err.get("msg", "invalid"))})
        first = errors[0] if errors else {"field": "request", "message": "invalid"}
        is_body = any("body" in [str(x) for x in e.get("loc", [])] for e in exc.errors)
        status = 422 if is_body else 400
        detail = f"{first['field']}: {first['message']}"
        return api.create_response(
            request,
            {"detail": detail, "code": "invalid", "field": first["field"], "errors": errors},
            status=status,
        )

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A last safety net for values the database refuses: a number beyond its integer
        # range (SQLite raises OverflowError, PostgreSQL a DataError), or a NUL character,
        # which PostgreSQL's text cannot hold.
        if "\x00" in request.path:  # nothing can be named so
            return api.create_response(
                request, {"detail": "Not found.", "code": "not_found"}, status=404
            )
        field = _nul_parameter(request)
        if field is not None:
            return api.create_response(
                request,
                {"detail": f"{field}: {NUL_MESSAGE}", "code": "invalid", "field": field},
                status=400,
            )
        if "NUL (0x00)" in str(exc):  # psycopg refuses the value before sending it
            return api.create_response(
                request, {"detail": NUL_MESSAGE, "code": "invalid", "field": "request"}, status=422
            )
        return api.create_response(
            request, {"detail": "A number is out of range.", "code": "out_of_range"}, status=422
        )

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The database is down or restarting: the client may send the same request again
        # (with the same Idempotency-Key for a signature) and nothing is counted twice.
        response = api.create_response(request, UNAVAILABLE, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(
            request, {"detail": "Not found.", "code": "not_found"}, status=404
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": "A valid bearer token is required.", "code": "unauthenticated"},
            status=401,
        )

    @api.exception_handler(DjangoPermissionDenied)
    def forbidden(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
        return api.create_response(
            request, {"detail": "You are not allowed to do this.", "code": "forbidden"}, status=403
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(
            request, {"detail": str(exc), "code": "error"}, status=exc.status_code
        )
