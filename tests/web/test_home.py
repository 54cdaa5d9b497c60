import datetime as dt

import pytest
from django.test import Client

from convenor.web.navigation import nav_links


@pytest.mark.django_db
def test_home_renders_without_data(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1" in body and "Convenor" in body
    assert 'href="#main"' in body  # skip link
    assert '<main id="main"' in body


@pytest.mark.django_db
def test_home_shows_the_current_phase_events_and_news(client):
    models = pytest.importorskip("convenor.process.models")
    pytest.importorskip("convenor.process.selectors")
    today = dt.date.today()
    process = models.Process.objects.create(
        slug="demo-process", name="Demo process", start_date=today - dt.timedelta(days=400)
    )
    models.Phase.objects.create(
        process=process,
        slug="past",
        name="Past phase",
        order=1,
        start_date=today - dt.timedelta(days=400),
        end_date=today - dt.timedelta(days=100),
    )
    models.Phase.objects.create(
        process=process,
        slug="now",
        name="Phase under way",
        order=2,
        start_date=today - dt.timedelta(days=99),
    )
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Demo process" in body
    assert 'aria-current="step"' in body
    timeline = body[body.index('<ol class="timeline"') :]
    assert timeline.index("Past phase") < timeline.index("Phase under way")


@pytest.mark.django_db
def test_nav_shows_public_sections_and_hides_coordinator_links_from_visitors(client):
    body = client.get("/").content.decode()
    assert 'href="/"' in body
    assert 'href="/api/v1/docs"' in body
    assert 'href="/audit/"' not in body
    assert 'href="/users/"' not in body


@pytest.mark.django_db
def test_nav_shows_audit_users_and_admin_to_coordinators(coordinator_client):
    body = coordinator_client.get("/").content.decode()
    assert 'href="/audit/"' in body
    assert 'href="/users/"' in body
    assert 'href="/admin/"' in body


@pytest.mark.django_db
def test_nav_links_leave_out_pages_that_are_not_registered(member):
    urls = [link["url"] for link in nav_links(user=member, current_path="/")]
    assert urls[0] == "/"
    assert all(url.startswith("/") for url in urls)
    current = [link for link in nav_links(user=member, current_path="/") if link["current"]]
    assert [link["url"] for link in current] == ["/"]


@pytest.mark.django_db
def test_accept_language_french_gives_a_french_page():
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/")
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_language_switch_sets_cookie_and_later_pages_are_french(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="fr"' in body
    assert "Aller au contenu" in body or "Accueil" in body


@pytest.mark.django_db
def test_right_to_left_language_sets_dir_rtl(client, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]
    response = Client(HTTP_ACCEPT_LANGUAGE="ar").get("/")
    assert 'dir="rtl"' in response.content.decode()
