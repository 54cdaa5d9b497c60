"""Maps a domain error raised while serving a page to an HTTP answer (the one place for pages),
and a database that cannot be reached to 503 with Retry-After."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import RETRY_AFTER_SECONDS, DomainError, database_unavailable

logger = logging.getLogger(__name__)


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if database_unavailable(exception) and not request.path.startswith("/api/"):
            # Rendered without the site's layout, which would need the database itself.
            logger.warning("database unavailable: %s", exception)
            response = render(request, "core/unavailable.html", status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        return render(
            request,
            "core/error.html",
            {"error": exception, "status": exception.status},
            status=exception.status,
        )
