import pytest
from django.db import connection
from django.test import Client, RequestFactory

from convenor.web import errors


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (errors.bad_request, 400, "Bad request"),
        (errors.permission_denied, 403, "Not allowed"),
        (errors.page_not_found, 404, "Page not found"),
    ],
)
def test_error_pages_render_without_a_database(handler, status, text):
    request = RequestFactory().get("/x/")
    response = handler(request, Exception("boom"))
    assert response.status_code == status
    assert text in response.content.decode()


def test_server_error_page_renders_without_a_database():
    response = errors.server_error(RequestFactory().get("/x/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_an_exception_in_a_view_gives_the_500_page(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    from unittest import mock

    with mock.patch("convenor.web.views.home.home_context", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_a_readable_403(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/profile/tokens/", {"name": "x"})
    assert response.status_code == 403
    assert "security cookie" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client):
    from unittest import mock

    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
