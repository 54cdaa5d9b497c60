import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convenor.campaigns.models import Signature, SignatureStatus
from convenor.campaigns.tokens import token_make

from .conftest import sign, sign_and_confirm

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "signer_kind": "organisation",
        "organisation_name": "Visions Solidaires",
        "country": "TG",
        "organisation_kind": "ngo",
        "contact_name": "Kofi",
        "email": "kofi@visions.example",
        "public_display": "on",
        "consent": "on",
        "website": "",
        "started": str(int(time.time()) - 60),
    }
    data.update(overrides)
    return data


def test_statement_page_shows_form_without_javascript(client, statement):
    response = client.get(f"/statements/{statement.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post"' in html and "<script" not in html.split("</main>")[0]
    assert len(response.content) < 200_000


def test_sign_through_the_page_then_check_email(client, statement):
    response = client.post(f"/statements/{statement.slug}/sign/", form_data())
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert Signature.objects.count() == 1


def test_sign_page_in_french_and_spanish(client, statement):
    for lang, word in (("fr", "Signer"), ("es", "Firmar")):
        response = client.get(f"/statements/{statement.slug}/", HTTP_ACCEPT_LANGUAGE=lang)
        assert word in response.content.decode()


def test_invalid_form_shows_errors_with_400(client, statement):
    response = client.post(f"/statements/{statement.slug}/sign/", form_data(email="x", consent=""))
    assert response.status_code == 400


def test_honeypot_answers_like_success_but_stores_nothing(client, statement):
    response = client.post(f"/statements/{statement.slug}/sign/", form_data(website="http://spam"))
    assert response.status_code == 200
    assert Signature.objects.count() == 0


def test_closed_statement_refuses_with_clear_message(client, closed_statement):
    page = client.get(f"/statements/{closed_statement.slug}/").content.decode()
    assert "no longer accepts signatures" in page
    response = client.post(f"/statements/{closed_statement.slug}/sign/", form_data())
    assert response.status_code == 409
    assert Signature.objects.count() == 0


def test_scanner_get_does_not_confirm_but_post_does(client, statement):
    signature = sign(statement)
    token = token_make(public_id=str(signature.public_id), purpose="confirm")
    path = f"/signatures/confirm/{token}/"
    for _ in range(3):
        assert client.get(path).status_code == 200
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.PENDING
    client.post(path)
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.CONFIRMED


def test_withdraw_link_withdraws_on_post(client, statement):
    signature = sign_and_confirm(statement)
    token = token_make(public_id=str(signature.public_id), purpose="withdraw")
    client.post(f"/signatures/withdraw/{token}/")
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.WITHDRAWN


def test_expired_link_page_says_so(settings, client, statement):
    signature = sign(statement)
    token = token_make(public_id=str(signature.public_id), purpose="confirm")
    settings.CAMPAIGNS_TOKEN_MAX_AGE = -1
    response = client.post(f"/signatures/confirm/{token}/")
    assert response.status_code == 422
    assert "expired" in response.content.decode()


def _listed_and_hidden(statement):
    sign_and_confirm(statement)
    sign_and_confirm(
        statement, organisation_name="Hidden NGO", email="h@hidden.example", public_display=False
    )


def test_public_list_and_public_csv_omit_unlisted_and_emails(client, statement):
    _listed_and_hidden(statement)
    for path in (
        f"/statements/{statement.slug}/signatories/",
        f"/statements/{statement.slug}/signatories.csv",
    ):
        body = client.get(path).content.decode("utf-8-sig")
        assert "Migrant Forum in Asia" in body
        assert "Hidden NGO" not in body and "@" not in body.split("<main")[-1].replace("&#x27;", "")


def test_coordinator_exports_without_contacts_omit_unlisted_and_emails(
    coordinator_client, statement
):
    _listed_and_hidden(statement)
    csv_body = coordinator_client.get(f"/statements/{statement.slug}/export.csv").content
    text = csv_body.decode("utf-8-sig")
    assert "Migrant Forum in Asia" in text and "Hidden NGO" not in text and "@" not in text
    xlsx = coordinator_client.get(f"/statements/{statement.slug}/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from io import BytesIO

    from openpyxl import load_workbook

    cells = [
        c
        for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True)
        for c in row
    ]
    assert "Hidden NGO" not in cells and not any("@" in str(c) for c in cells)


def test_coordinator_export_with_contacts_has_everyone(coordinator_client, statement):
    _listed_and_hidden(statement)
    text = coordinator_client.get(
        f"/statements/{statement.slug}/export.csv?contacts=1"
    ).content.decode("utf-8-sig")
    assert "Hidden NGO" in text and "h@hidden.example" in text


def test_pdf_annex_lists_only_listed_signatories(coordinator_client, statement):
    _listed_and_hidden(statement)
    response = coordinator_client.get(f"/statements/{statement.slug}/annex.pdf")
    assert response.status_code == 200
    assert response.content[:4] == b"%PDF"
    from fpdf import FPDF  # noqa: F401  (the library is installed)

    assert b"hidden.example" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/statements/{slug}/export.csv",
        "/statements/{slug}/export.csv?contacts=1",
        "/statements/{slug}/annex.pdf",
        "/statements/{slug}/moderation/",
        "/statements/{slug}/manage/",
    ],
)
def test_members_cannot_reach_coordinator_pages(client, member, statement, path):
    client.force_login(member)
    assert client.get(path.format(slug=statement.slug)).status_code == 403


def test_anonymous_are_sent_to_sign_in(client, statement):
    response = client.get(f"/statements/{statement.slug}/export.csv")
    assert response.status_code == 302


def test_coordinator_extends_the_deadline_through_the_page(coordinator_client, closed_statement):
    response = coordinator_client.post(
        f"/statements/{closed_statement.slug}/manage/",
        {"form": "extend", "closes_at": "2099-01-01 12:00"},
    )
    assert response.status_code == 302
    closed_statement.refresh_from_db()
    assert closed_statement.is_open()


def test_coordinator_bulk_moderation(coordinator_client, statement):
    sign_and_confirm(statement, organisation_name="Migrant Forum in Asia")
    second = sign_and_confirm(
        statement, organisation_name="Migrant Forum Asia Pacific", email="x@y.example"
    )
    page = coordinator_client.get(f"/statements/{statement.slug}/moderation/")
    assert "Migrant Forum Asia Pacific" in page.content.decode()
    coordinator_client.post(
        f"/statements/{statement.slug}/moderation/",
        {"form": "moderate", "action": "approve", "ids": [second.pk]},
    )
    second.refresh_from_db()
    assert second.is_counted


def test_coordinator_creates_statement_through_the_page(coordinator_client):
    response = coordinator_client.post(
        "/statements/new/",
        {
            "slug": "letter",
            "title": "Open letter",
            "language": "es",
            "text": "Texto",
            "signer_kinds": ["organisation", "individual"],
            "time_zone": "Europe/Zurich",
            "opens_at": "2018-01-01 09:00",
            "closes_at": "2099-01-01 09:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


NAMES = ["Caritas Internationalis", "Solidarity Center", "Terre des Hommes"]


@pytest.mark.parametrize("page", ["list", "signatories", "detail", "moderation", "statements"])
def test_pages_query_count_same_for_one_and_three(coordinator_client, statement, page):
    paths = {
        "list": f"/statements/{statement.slug}/signatories/",
        "signatories": f"/statements/{statement.slug}/signatories/?region=europe",
        "detail": f"/statements/{statement.slug}/",
        "moderation": f"/statements/{statement.slug}/moderation/",
        "statements": "/statements/",
    }
    path = paths[page]
    sign_and_confirm(statement, organisation_name=NAMES[0], email="0@a.example", country="CH")
    one = _queries(coordinator_client, path)
    for i, name in enumerate(NAMES[1:], start=1):
        sign_and_confirm(statement, organisation_name=name, email=f"{i}@a{i}.example", country="BE")
    assert _queries(coordinator_client, path) == one
