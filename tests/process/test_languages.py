"""Document and news language codes are real ISO 639-1 codes ("zz" and "sp" are not)."""

import pytest
from django.test import Client

from convenor.core.errors import Unprocessable
from convenor.core.languages import is_language_code
from convenor.process import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar", "pt-BR", "zh-Hant"])
def test_real_codes_are_accepted(code):
    assert is_language_code(code)


@pytest.mark.parametrize("code", ["zz", "sp", "xx-YY", "eng", "EN", "", "e"])
def test_unknown_codes_are_refused(code):
    assert not is_language_code(code)


def test_service_refuses_an_unknown_language_naming_the_field(coordinator, process):
    with pytest.raises(Unprocessable) as caught:
        services.document_create(
            actor=coordinator,
            title="Report",
            kind="report",
            url="https://example.org/r.pdf",
            language="zz",
            process=process,
        )
    assert caught.value.field == "language"


def test_api_answers_422_naming_the_language_field(auth_header, process):
    response = Client().post(
        "/api/v1/documents",
        {"title": "Report", "kind": "report", "url": "https://ex.org/r.pdf", "language": "sp"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 422
    assert response.json()["field"] == "language"


def test_documents_filter_with_an_unknown_language_is_400():
    assert Client().get("/documents/?language=zz").status_code == 400
    response = Client().get("/api/v1/documents?language=zz")
    assert response.status_code == 400
    assert "language" in response.json()["detail"]


def test_document_page_form_shows_the_language_error(coordinator_client, process):
    response = coordinator_client.post(
        "/documents/new/",
        {"title": "Report", "kind": "report", "language": "zz", "url": "https://ex.org/r.pdf"},
    )
    assert response.status_code == 400
    assert "ISO 639-1" in response.content.decode() or "ISO 639" in response.content.decode()
