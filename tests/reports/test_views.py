import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.reports import services
from convenor.reports.models import Recommendation, ReportStatus, SectionKind

from .conftest import section

pytestmark = pytest.mark.django_db

SECRET = "Ana Secretname"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _quote_report(report, rapporteur, coordinator):
    """A published report with one quote whose speaker did not consent (stored anyway)."""
    quote = section(report.template, SectionKind.QUOTE)
    Recommendation.objects.create(
        report=report,
        section=quote,
        kind="quote",
        text="Orderly does not mean criminalised.",
        speaker=SECRET,
        speaker_consent=False,
        event=report.event,
    )
    report.status = ReportStatus.SUBMITTED
    report.save()
    services.report_publish(actor=coordinator, report=report)


def test_rapporteur_fills_saves_and_submits_without_js(report, rapporteur):
    client = client_for(rapporteur)
    url = f"/reports/{report.slug}/edit/"
    page = client.get(url)
    assert page.status_code == 200
    base = section(report.template, SectionKind.BASELINE)
    quote = section(report.template, SectionKind.QUOTE)
    data = {
        f"new-{base.pk}-0-text": "Regularisation is the missing solution.",
        f"new-{base.pk}-0-key": "abc",
        f"new-{quote.pk}-0-text": "We need a long-term vision.",
        f"new-{quote.pk}-0-key": "def",
        f"new-{quote.pk}-0-speaker": SECRET,
        "action": "save",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert report.items.count() == 2
    again = client.post(url, {**data, "action": "autosave"}, HTTP_HX_REQUEST="true")
    assert again.status_code == 200 and b"save-status" in again.content
    assert report.items.count() == 2  # same keys: no duplicates
    assert SECRET not in client.get(url).content.decode()
    response = client.post(url, {**data, "action": "submit"})
    report.refresh_from_db()
    assert response.status_code == 302 and report.status == ReportStatus.SUBMITTED


def test_coordinator_sends_back_and_publishes(report, rapporteur, coordinator, coordinator_client):
    base = section(report.template, SectionKind.BASELINE)
    services.report_save(
        actor=rapporteur,
        report=report,
        items=[services.ItemInput(section_id=base.pk, text="Rights regardless of status.")],
    )
    services.report_submit(actor=rapporteur, report=report)
    url = f"/reports/{report.slug}/review/"
    assert client_for(rapporteur).post(url, {"action": "publish"}).status_code == 403
    coordinator_client.post(url, {"action": "return", "comment": "Add a mechanism."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert (
        "Add a mechanism."
        in client_for(rapporteur).get(f"/reports/{report.slug}/").content.decode()
    )


def test_unpublished_report_is_404_for_others(report, member):
    assert Client().get(f"/reports/{report.slug}/").status_code == 404
    assert client_for(member).get(f"/reports/{report.slug}/").status_code == 404
    assert Client().get("/reports/nope/").status_code == 404


def test_assign_page_is_for_coordinators(coordinator_client, rapporteur, template, event):
    assert client_for(rapporteur).get("/reports/assign/").status_code == 403
    response = coordinator_client.post(
        "/reports/assign/",
        {
            "template": template.pk,
            "event": event.slug,
            "rapporteur": rapporteur.pk,
            "language": "fr",
            "session": "Atelier",
        },
    )
    assert response.status_code == 302
    assert rapporteur.reports.get().language == "fr"


def test_chatham_house_pages_api_and_export_never_show_a_name_without_consent(
    report, rapporteur, coordinator, coordinator_client, auth_header
):
    _quote_report(report, rapporteur, coordinator)
    for client in (Client(), coordinator_client):
        for url in (
            f"/reports/{report.slug}/",
            "/recommendations/",
            "/recommendations/export.csv",
            "/api/v1/reports/recommendations",
            f"/api/v1/reports/{report.slug}",
        ):
            body = client.get(url).content.decode()
            assert "Orderly does not mean" in body, url
            assert SECRET not in body, url
            assert "anonymous" in body, url
    body = Client().get("/api/v1/reports/recommendations", headers=auth_header).content.decode()
    assert SECRET not in body


def test_named_quote_with_consent_is_shown(report, rapporteur, coordinator):
    quote = section(report.template, SectionKind.QUOTE)
    services.report_save(
        actor=rapporteur,
        report=report,
        items=[
            services.ItemInput(
                section_id=quote.pk,
                text="December is our chance.",
                speaker="Wies",
                speaker_consent=True,
            )
        ],
    )
    services.report_submit(actor=rapporteur, report=report)
    services.report_publish(actor=coordinator, report=report)
    assert "Wies" in Client().get(f"/reports/{report.slug}/").content.decode()


def test_bad_filter_is_400(db):
    assert Client().get("/recommendations/?kind=nope").status_code == 400
    assert Client().get("/api/v1/reports/recommendations?kind=nope").status_code == 400


def test_import_pages(coordinator_client, event, rapporteur, django_capture_on_commit_callbacks):
    assert client_for(rapporteur).get("/recommendations/import/").status_code == 403
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = coordinator_client.post(
        "/recommendations/import/",
        {"file": SimpleUploadedFile("x.pdf", b"%PDF-broken"), "kind_default": "recommendation"},
    )
    assert bad.status_code == 400 and "damaged" in bad.content.decode()
    csv_file = SimpleUploadedFile("x.csv", b"text,lang\nProtect the rights of migrants.,en\n")
    response = coordinator_client.post(
        "/recommendations/import/",
        {"file": csv_file, "kind_default": "recommendation", "event": event.slug},
    )
    assert response.status_code == 302
    columns_url = response["Location"]
    assert coordinator_client.get(columns_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator_client.post(columns_url, {"text": "text", "language": "lang"})
    assert done.status_code == 302
    assert Recommendation.objects.get().region.slug == "asia"
    assert "1 recommendation imported." in coordinator_client.get(done["Location"]).content.decode()


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/reports/", "/recommendations/", "/api/v1/reports", "/api/v1/reports/recommendations"]
)
def test_list_query_counts_do_not_grow(
    url, template, event, coordinator, coordinator_client, rapporteur
):
    def add():
        r = services.report_assign(
            actor=coordinator, template=template, event=event, rapporteur=rapporteur
        )
        base = section(template, SectionKind.BASELINE)
        services.report_save(
            actor=coordinator,
            report=r,
            items=[services.ItemInput(section_id=base.pk, text="Rights for all.")],
        )

    add()
    one = _count(coordinator_client, url)
    add()
    add()
    assert _count(coordinator_client, url) == one
