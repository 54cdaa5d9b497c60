import re

import pytest
from django.test import Client

from convenor.core.models import ApiToken, AuditEntry
from convenor.core.services import api_token_create, api_token_user
from convenor.directory.models import Person


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_profile_needs_a_login(client):
    response = client.get("/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_profile_shows_email_role_language_and_data_links(member_client, member):
    Person.objects.create(slug="me", name="Me", user=member)
    body = member_client.get("/profile/").content.decode()
    assert member.email in body
    assert "Organisation member" in body
    assert 'href="/people/me/export.json"' in body
    assert 'href="/people/me/erase/"' in body
    assert 'href="/accounts/2fa/"' in body


@pytest.mark.django_db
def test_profile_without_directory_entry_links_only_to_pages_that_answer(coordinator_client):
    # The demo coordinator has no directory entry: the export and erase pages are 404 for it.
    body = coordinator_client.get("/profile/").content.decode()
    section = body.split('id="data-title"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'href="([^"]+)"', section)
    assert links
    for link in links:
        assert coordinator_client.get(link).status_code == 200, link


@pytest.mark.django_db
def test_token_created_on_the_page_is_shown_once_and_works(member_client, member):
    response = member_client.post("/profile/tokens/", {"name": "laptop script"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(r'value="(cvn_[^"]+)"', response.content.decode()).group(1)
    assert api_token_user(raw=secret) == member
    token = ApiToken.objects.get(user=member)
    assert token.name == "laptop script"
    later = member_client.get("/profile/").content.decode()
    assert secret not in later
    assert token.prefix in later
    assert "laptop script" in later


@pytest.mark.django_db
def test_token_revoked_on_the_page_stops_working(member_client, member):
    token, raw = api_token_create(user=member, name="old")
    response = member_client.post(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api_token_user(raw=raw) is None
    assert AuditEntry.objects.filter(action="api_token.revoke", actor=member).exists()
    page = member_client.get("/profile/").content.decode()
    assert f"<code>{token.prefix}…</code>" not in page


@pytest.mark.django_db
def test_revoking_someone_elses_token_is_not_found(member_client, coordinator):
    token, raw = api_token_create(user=coordinator)
    response = member_client.post(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert api_token_user(raw=raw) == coordinator


@pytest.mark.django_db
def test_token_revoke_refuses_get(member_client, member):
    token, _raw = api_token_create(user=member)
    assert member_client.get(f"/profile/tokens/{token.pk}/revoke/").status_code == 405


@pytest.mark.django_db
def test_preferred_language_is_saved_audited_and_applied(member_client, member):
    response = member_client.post("/profile/preferences/", {"preferred_language": "es"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.preferred_language == "es"
    assert AuditEntry.objects.filter(action="user.set_preferences").count() == 1
    assert '<html lang="es"' in member_client.get("/profile/").content.decode()


@pytest.mark.django_db
def test_unknown_preferred_language_is_a_form_error(member_client):
    response = member_client.post("/profile/preferences/", {"preferred_language": "xx"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
