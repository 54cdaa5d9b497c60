"""Error pages. They render a minimal layout that needs no database, no URL and no static
manifest, so that an error page itself cannot fail."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _


def _render(request: HttpRequest | None, template: str, status: int, **context) -> HttpResponse:
    context.setdefault("LANGUAGE_CODE", translation.get_language() or "en")
    context.setdefault("LANGUAGE_BIDI", translation.get_language_bidi())
    body = loader.get_template(template).render(context)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404.html", 404, path=request.path)


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(request, "500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(
        request,
        "403.html",
        403,
        detail=_(
            "The form has expired or your browser did not send its security cookie. "
            "Go back, reload the page and try again."
        ),
    )
