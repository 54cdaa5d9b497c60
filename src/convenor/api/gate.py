"""The API's fast lane for signatures: WSGI in front of Django for one endpoint.

When a statement goes viral, signatures arrive by the hundred each second, each a small JSON
POST to `/api/v1/campaigns/statements/<slug>/signatures`. That endpoint is public and needs
none of what most of the site's middleware does (sessions, accounts, CSRF — API routes are
exempt —, messages, static files), nor the URL resolver and the API framework's parameter
parsing; together they cost more than the signature itself. The gate builds Django's request,
applies the middleware whose effects the answer carries (language, security headers, frame
options), and calls the function that the API route calls (`campaigns.api.signature_post`),
so both give the same answers, byte for byte (tests/api/test_gate.py). Errors are answered as
Django answers them. Any request that needs more goes to Django unchanged: a host that is not
allowed, a redirect to HTTPS, a body without Content-Length or over MAX_BODY, a PREPEND_WWW site.

Database connections: Django checks them when each request starts and finishes (signals
that close broken or expired ones). Here the connection is checked after an error or past its
age, which is all those checks change for a request that succeeded.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.exception import response_for_exception
from django.core.handlers.wsgi import WSGIRequest, get_path_info
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.utils.module_loading import import_string

from convenor.campaigns.api import signature_post
from convenor.core.errors import RETRY_AFTER_SECONDS, DomainError

from .errors import UNAVAILABLE

PATH = re.compile(r"/api/v1/campaigns/statements/(?P<slug>[^/]+)/signatures")
MAX_BODY = 64 * 1024
# The middleware whose effects a signature's answer carries, applied in the site's order.
APPLIED = (
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


class SignatureGate:
    """WSGI: answer signature submissions directly; pass everything else to `app`."""

    def __init__(self, app: Callable) -> None:
        self.app = app
        self._middleware: list[Any] | None = None
        self.handled = 0

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or not environ.get("PATH_INFO", "").endswith(
            "/signatures"
        ):
            return self.app(environ, start_response)
        match = PATH.fullmatch(get_path_info(environ))
        request = self._request(environ) if match else None
        if request is None or match is None:
            return self.app(environ, start_response)
        self.handled += 1
        response = self._answer(request, match["slug"])
        status = f"{response.status_code} {response.reason_phrase}"
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(status, headers)
        return [response.content]

    def _request(self, environ: dict) -> WSGIRequest | None:
        """Django's request, or None when this request needs Django's whole handling."""
        length = environ.get("CONTENT_LENGTH") or ""
        if not length.isdigit() or int(length) > MAX_BODY or settings.PREPEND_WWW:
            return None
        request = WSGIRequest(environ)
        try:
            request.get_host()
        except DisallowedHost:
            return None
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None
        return request

    def _answer(self, request: WSGIRequest, slug: str) -> HttpResponse:
        from .api import api

        middleware = self._middleware_get()
        try:
            for each in middleware:
                if hasattr(each, "process_request"):
                    each.process_request(request)
            try:
                status, data = signature_post(
                    slug=slug,
                    body=request.body,
                    ip=request.META.get("REMOTE_ADDR", ""),
                    idempotency_key=request.META.get("HTTP_IDEMPOTENCY_KEY"),
                )
            except DomainError as error:
                status, data = error.status, error.as_dict()
            except (OperationalError, InterfaceError):
                status, data = 503, UNAVAILABLE
            response = api.create_response(request, data, status=status)
            if status == 503:
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        except Exception as exc:  # answered and logged as Django answers it
            response = response_for_exception(request, exc)
        finally:
            _connections_check()
        for each in reversed(middleware):
            response = each.process_response(request, response)
        response.headers["Content-Length"] = str(len(response.content))  # as CommonMiddleware
        return response

    def _middleware_get(self) -> list[Any]:
        if self._middleware is None:
            self._middleware = [
                import_string(path)(lambda request: None)
                for path in settings.MIDDLEWARE
                if path in APPLIED
            ]
        return self._middleware


def _connections_check() -> None:
    """Close a connection that failed or outlived CONN_MAX_AGE (the next request opens a new
    one), as Django does when a request finishes; never one inside a transaction (a test's)."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        expired = connection.close_at is not None and time.monotonic() >= connection.close_at
        if connection.errors_occurred or expired:
            connection.close_if_unusable_or_obsolete()
