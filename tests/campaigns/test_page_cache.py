"""The public statement page through the site's WSGI application, as gunicorn serves it."""

import io
import re
import time

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.core.pagecache import PageCache

from .conftest import sign_and_confirm
from .test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    # As the test client does: the test's transaction must survive the end of a request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield PageCache(WSGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


STARTED = re.compile(r'name="started" value="(\d+)"')


def started(page: str) -> int:
    match = STARTED.search(page)
    assert match is not None
    return int(match.group(1))


def get(app, path, **environ):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers

    base = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
    }
    body = b"".join(app({**base, **environ}, start_response))
    return seen["status"], dict(seen["headers"]), body.decode()


def test_anonymous_page_is_the_same_for_everyone_and_served_without_queries(site, statement):
    status, headers, first = get(site, f"/statements/{statement.slug}/")
    assert status.startswith("200")
    assert "csrfmiddlewaretoken" not in first and "Set-Cookie" not in headers
    with CaptureQueriesContext(connection) as queries:
        _status, _headers, second = get(site, f"/statements/{statement.slug}/")
    assert len(queries) == 0 and site.hits == 1
    assert started(second) >= started(first)
    assert STARTED.sub("", second) == STARTED.sub("", first)


def test_french_visitors_get_the_french_page(site, statement):
    english = get(site, f"/statements/{statement.slug}/")[2]
    french = get(site, f"/statements/{statement.slug}/", HTTP_COOKIE="django_language=fr")[2]
    assert "Sign this statement" in english
    assert "Signer cette déclaration" in french and "Sign this statement" not in french


def test_count_follows_confirmations_within_seconds(site, statement, monkeypatch):
    assert "0 signatures" in get(site, f"/statements/{statement.slug}/")[2]
    sign_and_confirm(statement, email="a@one.example", organisation_name="One")
    assert "0 signatures" in get(site, f"/statements/{statement.slug}/")[2]  # kept 2 s
    later = time.monotonic() + 3
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert "1 signature<" in get(site, f"/statements/{statement.slug}/")[2]


def test_signed_in_coordinators_never_get_the_shared_page(site, statement, coordinator):
    client = Client()
    client.force_login(coordinator)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    get(site, f"/statements/{statement.slug}/")
    page = get(site, f"/statements/{statement.slug}/", HTTP_COOKIE=cookie)[2]
    assert "Sign out" in page


def test_signing_through_the_page_needs_no_csrf_token(statement):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/statements/{statement.slug}/sign/", form_data())
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
