"""Choosing the interface language with a GET form: a cookie, and back to the same page."""

import pytest

pytestmark = pytest.mark.django_db


def test_switching_sets_the_cookie_and_returns_to_the_page(client):
    response = client.get("/language/", {"language": "fr", "next": "/events/?kind=hearing"})
    assert response.status_code == 302 and response["Location"] == "/events/?kind=hearing"
    assert response.cookies["django_language"].value == "fr"
    assert client.get("/events/").headers["Content-Language"] == "fr"


def test_other_sites_are_never_a_destination(client):
    response = client.get("/language/", {"language": "es", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_unknown_languages_change_nothing(client):
    response = client.get("/language/", {"language": "xx", "next": "/"})
    assert "django_language" not in response.cookies


def test_posting_is_refused(client):
    assert client.post("/language/", {"language": "fr"}).status_code == 405


def test_every_page_offers_the_switch_without_a_csrf_token(client):
    html = client.get("/").content.decode()
    assert 'action="/language/" method="get"' in html
    assert "csrfmiddlewaretoken" not in html
