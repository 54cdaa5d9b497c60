import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from convenor.core.models import AuditEntry
from convenor.process.models import Document, Event, NewsItem

from .conftest import (
    make_document,
    make_event,
    make_news,
    make_org,
    make_person,
    make_region,
)

D = datetime.date


@pytest.fixture
def client():
    return Client()


@pytest.mark.django_db
def test_process_list_links_processes(client, process):
    response = client.get(reverse("process:process_list"))
    assert response.status_code == 200
    assert reverse("process:process_detail", args=[process.slug]) in response.content.decode()


@pytest.mark.django_db
def test_process_detail_marks_the_phase_current_on_the_given_date(client, process, phases):
    response = client.get(
        reverse("process:process_detail", args=[process.slug]), {"on": "2018-03-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="current" aria-current="step"' in html
    current_block = html.split('aria-current="step"')[1].split("</li>")[0]
    assert "Negotiations" in current_block
    assert "Current phase on 1 Mar 2018" in current_block
    assert html.count('aria-current="step"') == 1


@pytest.mark.django_db
def test_process_detail_marks_today_by_default(client, process, phases, monkeypatch):
    from convenor.process import selectors

    monkeypatch.setattr(selectors, "today", lambda: D(2017, 5, 1))
    html = client.get(reverse("process:process_detail", args=[process.slug])).content.decode()
    assert "Consultations" in html.split('aria-current="step"')[1].split("</li>")[0]


@pytest.mark.django_db
def test_process_detail_bad_date_is_400_with_form_error(client, process, phases):
    response = client.get(
        reverse("process:process_detail", args=[process.slug]), {"on": "2018-13-45"}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/processes/nope/",
        "/events/nope/",
        "/events/nope/calendar.ics",
        "/documents/999999/",
        "/news/nope/",
    ],
)
def test_unknown_objects_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.fixture
def events(process, phases):
    asia = make_region("asia")
    return [
        make_event(
            process,
            slug="bangkok",
            title="Bangkok meeting",
            region=asia,
            phase=phases["consultations"],
        ),
        make_event(
            process,
            slug="round",
            title="Round one",
            kind="negotiation_round",
            phase=phases["negotiations"],
            start_date=D(2018, 2, 20),
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"phase": "negotiations"}, "Round one", "Bangkok meeting"),
        ({"kind": "negotiation_round"}, "Round one", "Bangkok meeting"),
        ({"region": "asia"}, "Bangkok meeting", "Round one"),
        ({"date_from": "2018-01-01"}, "Round one", "Bangkok meeting"),
        ({"date_to": "2017-12-31"}, "Bangkok meeting", "Round one"),
        ({"q": "bangkok"}, "Bangkok meeting", "Round one"),
        ({"process": "gcm", "q": "round"}, "Round one", "Bangkok meeting"),
    ],
)
def test_event_list_filters(client, events, params, shown, hidden):
    response = client.get(reverse("process:event_list"), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert shown in html
    assert hidden not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "yesterday"},
        {"date_to": "2018-02-30"},
        {"kind": "party"},
        {"region": "atlantis"},
        {"phase": "nope"},
        {"process": "nope"},
        {"organisation": "nope"},
        {"date_from": "2018-02-01", "date_to": "2018-01-01"},
    ],
)
def test_event_list_bad_filter_is_400_with_form_error(client, events, params):
    response = client.get(reverse("process:event_list"), params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_event_list_offers_the_calendar_of_its_process_and_region(client, process):
    make_event(process, slug="pacific-one", region=make_region("pacific"))
    body = client.get(reverse("process:event_list"), {"region": "pacific"}).content.decode()
    calendar = reverse("process:events_calendar")
    assert f'href="{calendar}?region=pacific"' in body
    assert client.get(f"{calendar}?region=pacific").status_code == 200
    both = client.get(reverse("process:event_list"), {"process": "gcm", "region": "pacific"})
    assert f'href="{calendar}?process=gcm&amp;region=pacific"' in both.content.decode()


@pytest.mark.django_db
def test_event_list_paginates(client, process):
    for n in range(55):
        make_event(process, slug=f"e{n}", title=f"Meeting {n:02d}")
    first = client.get(reverse("process:event_list")).content.decode()
    second = client.get(reverse("process:event_list"), {"page": 2}).content.decode()
    assert "Page 1 of 2" in first
    assert first.count("<tr>") == 51  # header + 50 rows
    assert second.count("<tr>") == 6
    assert client.get(reverse("process:event_list"), {"page": "zz"}).status_code == 200


@pytest.mark.django_db
def test_event_detail_shows_everything_and_hides_private_people(
    client, coordinator_client, process
):
    mfa = make_org("mfa", name="Migrant Forum in Asia")
    public = make_person("public-person", name="Public Person")
    hidden = make_person("hidden-person", name="Hidden Person", do_not_publish=True)
    event = make_event(
        process,
        slug="bangkok",
        title="Asia consultation",
        city="Bangkok",
        country="TH",
        anchors=[mfa],
        focal_points=[public, hidden],
    )
    en = make_document(event=event, title="Asia report")
    make_document(
        event=event, title="Rapport Asie", language="fr", translation_group=en.translation_group
    )
    html = client.get(reverse("process:event_detail", args=["bangkok"])).content.decode()
    assert "Asia consultation" in html and "Bangkok" in html and "Thailand" in html
    assert reverse("directory:organisation_detail", args=["mfa"]) in html
    assert "Public Person" in html
    assert "Hidden Person" not in html
    assert ">EN<" in html and ">FR<" in html
    assert "Rapport Asie" not in html  # grouped under the English version
    assert reverse("process:event_calendar", args=["bangkok"]) in html
    html = coordinator_client.get(
        reverse("process:event_detail", args=["bangkok"])
    ).content.decode()
    assert "Hidden Person" in html


@pytest.mark.django_db
def test_document_list_and_detail_show_language_versions(client, process):
    en = make_document(title="Africa report", language="en")
    fr = make_document(
        title="Rapport Afrique", language="fr", translation_group=en.translation_group
    )
    html = client.get(reverse("process:document_list")).content.decode()
    assert "Africa report" in html and "Rapport Afrique" in html
    detail = client.get(reverse("process:document_detail", args=[en.pk])).content.decode()
    assert reverse("process:document_detail", args=[fr.pk]) in detail
    assert client.get(reverse("process:document_list"), {"kind": "poem"}).status_code == 400
    assert client.get(reverse("process:document_list"), {"event": "nope"}).status_code == 400


@pytest.mark.django_db
def test_news_pages_render_markdown_safely(client):
    item = make_news(slug="walls", title="Walls come down", body="**Berlin** <script>x</script>")
    draft = make_news(slug="draft", published=False)
    assert "Walls come down" in client.get(reverse("process:news_list")).content.decode()
    html = client.get(reverse("process:news_detail", args=[item.slug])).content.decode()
    assert "<strong>Berlin</strong>" in html
    assert "<script>x" not in html
    assert client.get(reverse("process:news_detail", args=[draft.slug])).status_code == 404


# Write pages ---------------------------------------------------------------------------


def _login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_event_create_page_creates_and_redirects(focal_point, process, phases):
    make_org("mfa")
    client = _login(focal_point)
    assert client.get(reverse("process:event_create")).status_code == 200
    response = client.post(
        reverse("process:event_create"),
        {
            "title": "Asia consultation",
            "process": "gcm",
            "kind": "regional_consultation",
            "start_date": "2017-08-04",
            "end_date": "2017-08-05",
            "city": "Bangkok",
            "country": "TH",
            "organisations": ["mfa"],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("process:event_detail", args=[event.slug])
    assert event.phase == phases["consultations"]
    assert AuditEntry.objects.filter(action="event.create", actor=focal_point).exists()


@pytest.mark.django_db
def test_event_create_page_end_before_start_shows_field_error(coordinator_client, process):
    response = coordinator_client.post(
        reverse("process:event_create"),
        {
            "title": "X",
            "process": "gcm",
            "kind": "webinar",
            "start_date": "2017-08-04",
            "end_date": "2017-08-01",
        },
    )
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_event_edit_page_updates(coordinator_client, process):
    event = make_event(process, slug="e", title="Old")
    data = {"title": "New title", "process": "gcm", "kind": "webinar", "start_date": "2017-08-04"}
    response = coordinator_client.post(reverse("process:event_edit", args=["e"]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.kind) == ("New title", "webinar")


@pytest.mark.django_db
def test_write_pages_redirect_anonymous_to_login(client, process):
    response = client.get(reverse("process:event_create"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_member_cannot_open_write_pages(member, process):
    client = _login(member)
    assert client.get(reverse("process:event_create")).status_code == 403
    assert client.get(reverse("process:document_create")).status_code == 403
    assert client.get(reverse("process:news_create")).status_code == 403


@pytest.mark.django_db
def test_document_upload_page_stores_a_pdf(rapporteur):
    client = _login(rapporteur)
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("process:document_create"),
        {"title": "Report", "kind": "report", "language": "en", "file": upload},
    )
    doc = Document.objects.get()
    assert response.status_code == 302
    assert doc.content_type == "application/pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "Files of this type are not accepted"),
        ("fake.pdf", b"<html>", "does not match its type"),
        ("big.pdf", b"%PDF-" + b"x" * 200, "The file is too large"),
    ],
)
def test_document_upload_page_shows_clear_error(rapporteur, settings, name, content, message):
    settings.DOCUMENT_MAX_BYTES = 100
    client = _login(rapporteur)
    response = client.post(
        reverse("process:document_create"),
        {
            "title": "Report",
            "kind": "report",
            "language": "en",
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_document_form_needs_file_or_link(rapporteur):
    client = _login(rapporteur)
    response = client.post(
        reverse("process:document_create"), {"title": "R", "kind": "report", "language": "en"}
    )
    assert response.status_code == 400
    assert "either an uploaded file or an external link" in response.content.decode()


@pytest.mark.django_db
def test_document_create_page_with_link_and_translation(rapporteur):
    english = make_document()
    client = _login(rapporteur)
    response = client.post(
        reverse("process:document_create"),
        {
            "title": "Rapport",
            "kind": "report",
            "language": "fr",
            "url": "https://ex.org/fr.pdf",
            "translation_of": english.pk,
        },
    )
    assert response.status_code == 302
    assert Document.objects.get(language="fr").translation_group == english.translation_group


@pytest.mark.django_db
def test_document_edit_and_delete_pages(coordinator_client):
    doc = make_document(title="Old")
    response = coordinator_client.post(
        reverse("process:document_edit", args=[doc.pk]),
        {"title": "New", "kind": "summary", "language": "en"},
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert (doc.title, doc.kind) == ("New", "summary")
    assert (
        coordinator_client.post(reverse("process:document_delete", args=[doc.pk])).status_code
        == 302
    )
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_news_create_and_edit_pages(coordinator_client):
    response = coordinator_client.post(
        reverse("process:news_create"),
        {"title": "Hello", "body": "*hi*", "language": "en", "published": "on"},
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302
    response = coordinator_client.post(
        reverse("process:news_edit", args=[item.slug]), {"title": "Hello again", "language": "en"}
    )
    item.refresh_from_db()
    assert (item.title, item.published) == ("Hello again", False)


@pytest.mark.django_db
def test_event_delete_page(coordinator_client, process):
    make_event(process, slug="e")
    assert coordinator_client.get(reverse("process:event_delete", args=["e"])).status_code == 200
    assert coordinator_client.post(reverse("process:event_delete", args=["e"])).status_code == 302
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_organisation_panel_lists_anchored_events(client, process):
    mfa = make_org("mfa", name="Migrant Forum in Asia")
    make_event(process, title="Asia consultation", anchors=[mfa])
    make_document(title="Asia report", organisations=[mfa])
    html = client.get(reverse("directory:organisation_detail", args=["mfa"])).content.decode()
    assert "Asia consultation" in html
    assert "Asia report" in html


@pytest.mark.django_db
def test_person_panel_lists_focal_point_events(client, process):
    person = make_person("roula-hamati", name="Roula Hamati")
    make_event(process, title="MENA consultation", focal_points=[person])
    html = client.get(reverse("directory:person_detail", args=["roula-hamati"])).content.decode()
    assert "MENA consultation" in html
