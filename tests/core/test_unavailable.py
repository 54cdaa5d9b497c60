"""A database that cannot be reached answers 503 with Retry-After, never 500."""

import pytest
from django.db import InterfaceError, OperationalError

from convenor.campaigns import selectors
from tests.campaigns.conftest import make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(selectors, "statement_get", fail)
    monkeypatch.setattr(selectors, "statement_for_signing", fail)


def test_a_page_says_try_again_with_503(client, coordinator, database_down):
    response = client.get("/statements/any/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Nothing you sent is lost" in response.content.decode()


def test_the_page_is_translated(client, database_down):
    client.cookies["django_language"] = "fr"
    response = client.get("/statements/any/")
    assert response.status_code == 503
    assert "Nothing you sent is lost" not in response.content.decode()


def test_the_api_answers_503_json_with_retry_after(client, database_down):
    response = client.post(
        "/api/v1/campaigns/statements/any/signatures",
        {"email": "a@x.example"},
        content_type="application/json",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "unavailable"


def test_interface_errors_count_as_unavailable_too(client, monkeypatch, coordinator):
    make_statement(coordinator, slug="s")

    def fail(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(selectors, "statement_get", fail)
    assert client.get("/api/v1/campaigns/statements/s").status_code == 503


def test_the_schema_documents_503(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/campaigns/statements/{slug}/signatures"]["post"]
    assert "503" in operation["responses"]
