"""Whole public pages kept for a few seconds in each web process, in front of Django.

A popular public page (a statement being signed by thousands) must stay fast. Views that
allow it mark an anonymous GET response as shareable (`shareable(response, seconds)`); the WSGI
wrapper `PageCache` then answers the same request from memory until it expires, without
running the middleware or the view. Only requests that carry no identity are served this way:
GET, no Authorization header, and no cookie other than the language and CSRF cookies. The key
holds everything else the page can depend on: path, query, language cookie, Accept-Language.

A view may also declare the current time it rendered into the page (`X-Convenor-Now`, the epoch
seconds as text); a cached copy then gets the current time in its place each time it is served,
so time-stamped forms stay correct.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpResponse

from .refreshes import Refreshes

SHARED = "X-Convenor-Shared"  # seconds a response may be served from the page cache
NOW = "X-Convenor-Now"  # the epoch seconds the view wrote into the page
_INTERNAL = (SHARED.lower(), NOW.lower())
_ANONYMOUS_COOKIES = {"csrftoken"}


def shareable(response: HttpResponse, seconds: int, *, now: str = "") -> HttpResponse:
    """Allow the page cache to serve `response` to anonymous visitors for `seconds`."""
    response[SHARED] = str(int(seconds))
    if now:
        response[NOW] = now
    return response


class _Entry:
    __slots__ = ("body", "expires", "headers", "now", "status")

    def __init__(self, status: str, headers: list, body: bytes, expires: float, now: str):
        self.status = status
        self.headers = headers
        self.body = body
        self.expires = expires
        self.now = now


def _cookie_names(header: str) -> set[str]:
    return {part.split("=", 1)[0].strip() for part in header.split(";") if part.strip()}


class PageCache:
    """WSGI middleware: serve shareable pages from memory to visitors without identity."""

    def __init__(self, app: Callable, *, max_entries: int = 512, stale_seconds: int = 30) -> None:
        self.app = app
        self.max_entries = max_entries
        # How long after expiry a copy may still be served while another thread renders the
        # page again (a render that takes longer than this no longer holds the others back).
        self.stale_seconds = stale_seconds
        self._entries: dict[tuple, _Entry] = {}
        self._lock = threading.Lock()
        self._refreshes = Refreshes()
        self.hits = 0
        self.stale_hits = 0
        self.misses = 0

    def _key(self, environ: dict) -> tuple | None:
        if environ.get("REQUEST_METHOD") != "GET" or "HTTP_AUTHORIZATION" in environ:
            return None
        cookies = _cookie_names(environ.get("HTTP_COOKIE", ""))
        language_cookie = settings.LANGUAGE_COOKIE_NAME
        if cookies - _ANONYMOUS_COOKIES - {language_cookie}:
            return None
        language = ""
        if language_cookie in cookies:
            for part in environ.get("HTTP_COOKIE", "").split(";"):
                name, _, value = part.strip().partition("=")
                if name == language_cookie:
                    language = value
        return (
            environ.get("HTTP_HOST", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            language,
            environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        )

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = self._key(environ)
        entry = None if key is None else self._entries.get(key)
        if entry is None:
            return self._render(environ, start_response, key)
        now = time.monotonic()
        if entry.expires > now:
            self.hits += 1
            return self._serve(entry, start_response)
        if now < entry.expires + self.stale_seconds:
            # Expired: one thread renders the page again while the others serve the copy
            # they have, instead of all of them rendering it at once.
            return self._refreshes.once(
                key,
                refresh=lambda: self._render(environ, start_response, key),
                meanwhile=lambda: self._serve_stale(entry, start_response),
            )
        return self._render(environ, start_response, key)

    def _serve_stale(self, entry: _Entry, start_response: Callable) -> list[bytes]:
        self.stale_hits += 1
        return self._serve(entry, start_response)

    def _serve(self, entry: _Entry, start_response: Callable) -> list[bytes]:
        body = entry.body
        if entry.now:
            body = body.replace(entry.now.encode(), str(int(time.time())).encode())
        headers = [
            (k, str(len(body)) if k.lower() == "content-length" else v) for k, v in entry.headers
        ]
        start_response(entry.status, headers)
        return [body]

    def _render(self, environ: dict, start_response: Callable, key: tuple | None) -> Any:
        captured: list[Any] = []

        def capture(status: str, headers: list, exc_info: Any = None) -> Callable:
            captured[:] = [status, headers, exc_info]
            return lambda data: None  # Django never uses the write() callable

        result = self.app(environ, capture)
        status, headers, exc_info = captured
        names = {k.lower(): v for k, v in headers}
        if not any(name in names for name in _INTERNAL):
            start_response(status, headers, exc_info)
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        kept = [(k, v) for k, v in headers if k.lower() not in _INTERNAL]
        seconds = names.get(SHARED.lower(), "")
        if (
            key is not None
            and seconds.isdigit()
            and status.startswith("200")
            and "set-cookie" not in names
        ):
            self.misses += 1
            entry = _Entry(
                status, kept, body, time.monotonic() + int(seconds), names.get(NOW.lower(), "")
            )
            with self._lock:
                if len(self._entries) >= self.max_entries:
                    self._entries.clear()  # bounded: a burst of odd keys costs one refill
                self._entries[key] = entry
        start_response(status, kept, exc_info)
        return [body]
