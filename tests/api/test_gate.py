"""The API's fast lane answers signature submissions exactly as Django's route does."""

import datetime as dt
import io
import json
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convenor.api.gate import SignatureGate
from convenor.campaigns.models import OutboxMessage, Signature
from tests.campaigns.conftest import _clean_cache, make_statement, signature_data  # noqa: F401

pytestmark = pytest.mark.django_db
PATH = "/api/v1/campaigns/statements/{}/signatures"


@pytest.fixture
def statement(coordinator):
    return make_statement(coordinator)


class Spy:
    """The Django application, counting the requests that reach it."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


def call(app, path, body, *, headers=None, method="POST", length=True):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "203.0.113.9",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": "application/json",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if length:
        environ["CONTENT_LENGTH"] = str(len(body))
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    # As Django's test client does: the test's transaction keeps its connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = app(environ, start_response)
        answer["body"] = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer


def both(path, body, **kwargs):
    """The same request through the gate and through Django; the gate must answer itself."""
    spy = Spy()
    fast = call(SignatureGate(spy), path, body, **kwargs)
    assert spy.calls == 0
    slow = call(WSGIHandler(), path, body, **kwargs)
    return fast, slow


def same(fast, slow):
    assert fast["status"] == slow["status"]
    assert fast["body"] == slow["body"]
    assert fast["headers"] == slow["headers"]


@pytest.mark.parametrize(
    "body",
    [
        json.dumps(signature_data(email="", country="XX", consent=False)).encode(),
        json.dumps(signature_data(organisation_kind=5, public_display="maybe")).encode(),
        b"{not json",
        b"[1, 2]",
        b"",
        b"[" * 5000,
    ],
)
def test_invalid_submissions_get_the_same_answer(statement, body):
    fast, slow = both(PATH.format(statement.slug), body)
    assert fast["status"] == 422
    same(fast, slow)


def test_unknown_statement_and_closed_statement_get_the_same_answer(coordinator):
    now = timezone.now()
    closed = make_statement(
        coordinator, "closed", opens=now - dt.timedelta(days=9), closes=now - dt.timedelta(days=1)
    )
    body = json.dumps(signature_data()).encode()
    for slug, status in (("nowhere", 404), (closed.slug, 409)):
        fast, slow = both(PATH.format(slug), body)
        assert fast["status"] == status
        same(fast, slow)


def test_errors_are_in_the_callers_language(statement):
    body = json.dumps(signature_data(consent=False)).encode()
    fast, slow = both(PATH.format(statement.slug), body, headers={"Accept-Language": "fr"})
    same(fast, slow)
    assert fast["headers"]["Content-Language"] == "fr"
    assert "confidentialité" in json.loads(fast["body"])["detail"]


def test_a_signature_through_the_gate_is_stored_once_with_its_email(statement):
    body = json.dumps(signature_data()).encode()
    headers = {"Idempotency-Key": "gate-1"}
    fast, slow = both(PATH.format(statement.slug), body, headers=headers)
    assert fast["status"] == slow["status"] == 202
    assert json.loads(fast["body"]) == json.loads(slow["body"])  # the retry gets the same id
    assert {k for k in fast["headers"]} == {k for k in slow["headers"]}
    assert Signature.objects.count() == 1 and OutboxMessage.objects.count() == 1
    changed = json.dumps(signature_data(contact_name="Other")).encode()
    fast, slow = both(PATH.format(statement.slug), changed, headers=headers)
    assert fast["status"] == 422
    same(fast, slow)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"headers": {"Host": "evil.example"}},  # a host not allowed: Django answers 400
        {"length": False},  # no Content-Length
        {"method": "PUT"},
    ],
)
def test_requests_that_need_django_go_to_django(statement, kwargs):
    spy = Spy()
    call(SignatureGate(spy), PATH.format(statement.slug), b"{}", **kwargs)
    assert spy.calls == 1


def test_a_body_over_the_limit_goes_to_django(statement):
    spy = Spy()
    call(SignatureGate(spy), PATH.format(statement.slug), b" " * (70 * 1024) + b"{}")
    assert spy.calls == 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.dictionaries(
        st.sampled_from(
            [
                "organisation_name",
                "country",
                "organisation_kind",
                "contact_name",
                "email",
                "consent",
                "public_display",
                "language",
                "network",
                "signer_kind",
            ]
        ),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12)),
    )
)
def test_any_body_gets_the_same_answer_both_ways(statement, body):
    """Generated bodies (never valid: no consent with an e-mail) give identical answers."""
    body = {**body, "consent": False}
    fast, slow = both(PATH.format(statement.slug), json.dumps(body).encode())
    same(fast, slow)
