import datetime

import pytest
from django.test import Client

from convenor.core.models import AuditEntry
from convenor.core.services import api_token_create
from convenor.process.models import Document, Event, NewsItem, Phase, Process

from .conftest import make_document, make_event, make_news, make_org, make_person, make_region

D = datetime.date
API = "/api/v1"


@pytest.fixture
def api():
    return Client()


def _token(user):
    return {"Authorization": f"Bearer {api_token_create(user=user)[1]}"}


# Reads ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_processes_list_and_detail(api, process):
    body = api.get(f"{API}/processes").json()
    assert body["count"] == 1
    assert body["items"][0]["slug"] == "gcm"
    assert api.get(f"{API}/processes/gcm").json()["name"] == "Global Compact"
    assert api.get(f"{API}/processes/nope").status_code == 404


@pytest.mark.django_db
def test_process_phases_mark_current_on_date(api, process, phases):
    body = api.get(f"{API}/processes/gcm/phases", {"on": "2018-03-01"}).json()
    assert [(p["slug"], p["current"]) for p in body] == [
        ("consultations", False),
        ("negotiations", True),
        ("implementation", False),
    ]
    assert api.get(f"{API}/processes/gcm/phases", {"on": "March"}).status_code == 400
    assert api.get(f"{API}/processes/nope/phases").status_code == 404


@pytest.mark.django_db
def test_phases_list(api, process, phases):
    body = api.get(f"{API}/phases").json()
    assert body["count"] == 3
    assert body["items"][0]["process"] == "gcm"


@pytest.fixture
def catalogue(process, phases):
    asia = make_region("asia")
    mfa = make_org("mfa")
    make_event(
        process,
        slug="bangkok",
        title="Bangkok",
        region=asia,
        anchors=[mfa],
        phase=phases["consultations"],
        country="TH",
    )
    make_event(
        process,
        slug="round",
        title="Round",
        kind="negotiation_round",
        phase=phases["negotiations"],
        start_date=D(2018, 2, 20),
    )
    return process


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "slugs"),
    [
        ({}, ["bangkok", "round"]),
        ({"process": "gcm"}, ["bangkok", "round"]),
        ({"phase": "negotiations"}, ["round"]),
        ({"kind": "negotiation_round"}, ["round"]),
        ({"region": "asia"}, ["bangkok"]),
        ({"date_from": "2018-01-01"}, ["round"]),
        ({"date_to": "2017-12-31"}, ["bangkok"]),
        ({"q": "bang"}, ["bangkok"]),
        ({"organisation": "mfa"}, ["bangkok"]),
    ],
)
def test_events_filters(api, catalogue, params, slugs):
    response = api.get(f"{API}/events", params)
    assert response.status_code == 200
    assert [e["slug"] for e in response.json()["items"]] == slugs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "party"}, "kind"),
        ({"region": "atlantis"}, "region"),
        ({"process": "nope"}, "process"),
        ({"phase": "nope"}, "phase"),
        ({"organisation": "nope"}, "organisation"),
        ({"date_from": "tomorrow"}, "date_from"),
        ({"date_from": "2018-02-01", "date_to": "2018-01-01"}, "date_to"),
        ({"limit": "0"}, "limit"),
    ],
)
def test_events_bad_filters_are_400_naming_the_field(api, catalogue, params, field):
    response = api.get(f"{API}/events", params)
    assert response.status_code == 400
    assert response.json()["field"] == field


@pytest.mark.django_db
def test_events_pagination(api, process):
    for n in range(5):
        make_event(process, slug=f"e{n}")
    body = api.get(f"{API}/events", {"limit": 2, "offset": 2}).json()
    assert body["count"] == 5
    assert [e["slug"] for e in body["items"]] == ["e2", "e3"]


@pytest.mark.django_db
def test_event_detail_hides_private_people_from_anonymous(api, process, auth_header):
    make_event(
        process,
        slug="x",
        focal_points=[make_person("pub"), make_person("hid", do_not_publish=True)],
        anchors=[make_org("mfa")],
    )
    body = api.get(f"{API}/events/x").json()
    assert [p["slug"] for p in body["focal_points"]] == ["pub"]
    assert body["organisations"] == [{"slug": "mfa", "name": "MFA", "role": "anchor"}]
    body = api.get(f"{API}/events/x", headers=auth_header).json()
    assert {p["slug"] for p in body["focal_points"]} == {"pub", "hid"}
    assert api.get(f"{API}/events/nope").status_code == 404


@pytest.mark.django_db
def test_documents_list_filters_and_detail_versions(api, process):
    event = make_event(process, slug="e")
    en = make_document(event=event, process=process, language="en", organisations=[make_org("mfa")])
    fr = make_document(
        event=event,
        process=process,
        language="fr",
        kind="summary",
        translation_group=en.translation_group,
    )
    make_document(language="es")
    assert api.get(f"{API}/documents").json()["count"] == 3
    assert [d["id"] for d in api.get(f"{API}/documents", {"language": "fr"}).json()["items"]] == [
        fr.pk
    ]
    assert api.get(f"{API}/documents", {"kind": "summary"}).json()["count"] == 1
    assert api.get(f"{API}/documents", {"event": "e"}).json()["count"] == 2
    assert api.get(f"{API}/documents", {"process": "gcm"}).json()["count"] == 2
    assert api.get(f"{API}/documents", {"kind": "poem"}).status_code == 400
    assert api.get(f"{API}/documents", {"event": "nope"}).status_code == 400
    assert api.get(f"{API}/documents", {"language": "English!"}).status_code == 400
    body = api.get(f"{API}/documents/{en.pk}").json()
    assert body["organisations"] == ["mfa"]
    assert body["versions"] == [{"id": fr.pk, "language": "fr", "title": fr.title}]
    assert api.get(f"{API}/documents/999999").status_code == 404


@pytest.mark.django_db
def test_news_list_and_detail(api, coordinator):
    make_news(slug="a", body="**x**")
    make_news(slug="fr", language="fr")
    make_news(slug="draft", published=False)
    assert api.get(f"{API}/news").json()["count"] == 2
    assert [n["slug"] for n in api.get(f"{API}/news", {"language": "fr"}).json()["items"]] == ["fr"]
    assert api.get(f"{API}/news/a").json()["body_html"] == "<p><strong>x</strong></p>"
    assert api.get(f"{API}/news/draft").status_code == 404
    assert api.get(f"{API}/news/draft", headers=_token(coordinator)).status_code == 200


# Writes ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_process_and_phase_writes(api, auth_header):
    response = api.post(
        f"{API}/processes",
        {"name": "GCR", "slug": "gcr", "start_date": "2017-01-01"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201
    response = api.patch(
        f"{API}/processes/gcr",
        {"short_name": "GCR"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.json()["short_name"] == "GCR"
    response = api.post(
        f"{API}/processes/gcr/phases",
        {"name": "Talks", "start_date": "2018-01-01"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "talks"
    response = api.patch(
        f"{API}/processes/gcr/phases/talks",
        {"end_date": "2017-01-01"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 422
    assert response.json()["field"] == "end_date"
    assert api.delete(f"{API}/processes/gcr/phases/talks", headers=auth_header).status_code == 204
    assert api.delete(f"{API}/processes/gcr/phases/talks", headers=auth_header).status_code == 404
    assert api.delete(f"{API}/processes/gcr", headers=auth_header).status_code == 204
    assert not Process.objects.exists() and not Phase.objects.exists()
    assert AuditEntry.objects.filter(action__startswith="phase.").count() == 2


@pytest.mark.django_db
def test_process_create_duplicate_is_409(api, auth_header, process):
    response = api.post(
        f"{API}/processes",
        {"name": "x", "slug": "gcm"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 409


@pytest.mark.django_db
def test_event_create_update_delete(api, auth_header, process, phases):
    make_org("mfa")
    make_person("colin-rajah")
    make_region("asia")
    payload = {
        "process": "gcm",
        "title": "Asia",
        "kind": "regional_consultation",
        "start_date": "2017-08-04",
        "end_date": "2017-08-05",
        "region": "asia",
        "country": "TH",
        "organisations": [{"slug": "mfa"}],
        "focal_points": ["colin-rajah"],
    }
    response = api.post(
        f"{API}/events", payload, content_type="application/json", headers=auth_header
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["phase"], body["region"], body["country"]) == ("consultations", "asia", "TH")
    slug = body["slug"]
    response = api.patch(
        f"{API}/events/{slug}",
        {"city": "Bangkok", "organisations": []},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 200
    assert response.json()["city"] == "Bangkok"
    assert response.json()["organisations"] == []
    assert api.delete(f"{API}/events/{slug}", headers=auth_header).status_code == 204
    assert not Event.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"end_date": "2017-08-01"}, 422, "end_date"),
        ({"kind": "party"}, 422, "kind"),
        ({"process": "nope"}, 422, "process"),
        ({"region": "atlantis"}, 422, "region"),
        ({"phase": "nope"}, 422, "phase"),
        ({"focal_points": ["nobody"]}, 422, "focal_points"),
        ({"organisations": [{"slug": "nobody"}]}, 422, "organisations"),
        ({"start_date": "not a date"}, 422, "start_date"),
    ],
)
def test_event_create_invalid_body(api, auth_header, process, phases, change, status, field):
    payload = {
        "process": "gcm",
        "title": "T",
        "kind": "webinar",
        "start_date": "2017-08-04",
        **change,
    }
    response = api.post(
        f"{API}/events", payload, content_type="application/json", headers=auth_header
    )
    assert response.status_code == status
    assert response.json()["field"] == field


@pytest.mark.django_db
def test_document_writes(api, auth_header, process):
    make_event(process, slug="e")
    response = api.post(
        f"{API}/documents",
        {"title": "Report", "kind": "report", "url": "https://ex.org/r.pdf", "event": "e"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201
    doc_id = response.json()["id"]
    response = api.post(
        f"{API}/documents",
        {
            "title": "Rapport",
            "kind": "report",
            "url": "https://ex.org/fr.pdf",
            "language": "fr",
            "translation_of": doc_id,
        },
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201
    assert response.json()["versions"][0]["id"] == doc_id
    response = api.patch(
        f"{API}/documents/{doc_id}",
        {"title": "Better", "organisations": []},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.json()["title"] == "Better"
    response = api.patch(
        f"{API}/documents/{doc_id}",
        {"url": None},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 422
    assert api.delete(f"{API}/documents/{doc_id}", headers=auth_header).status_code == 204
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_news_writes(api, auth_header):
    response = api.post(
        f"{API}/news",
        {"title": "Hello", "body": "*x*"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201
    response = api.patch(
        f"{API}/news/hello",
        {"published": False},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.json()["published"] is False
    response = api.patch(
        f"{API}/news/hello",
        {"language": "English"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 422
    assert api.delete(f"{API}/news/hello", headers=auth_header).status_code == 204
    assert not NewsItem.objects.exists()
    assert api.delete(f"{API}/news/hello", headers=auth_header).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("post", "/processes", {"name": "x"}),
        ("patch", "/processes/gcm", {"name": "x"}),
        ("delete", "/processes/gcm", None),
        (
            "post",
            "/events",
            {"process": "gcm", "title": "t", "kind": "webinar", "start_date": "2017-01-01"},
        ),
        ("post", "/documents", {"title": "t", "kind": "report", "url": "https://ex.org"}),
        ("post", "/news", {"title": "t"}),
    ],
)
def test_writes_need_a_token(api, process, method, path, payload):
    kwargs = {"content_type": "application/json"} if payload is not None else {}
    call = getattr(api, method)
    response = (
        call(f"{API}{path}", payload, **kwargs) if payload is not None else call(f"{API}{path}")
    )
    assert response.status_code == 401
    bad = (
        call(f"{API}{path}", payload, headers={"Authorization": "Bearer cvn_nope"}, **kwargs)
        if payload is not None
        else call(f"{API}{path}", headers={"Authorization": "Bearer cvn_nope"})
    )
    assert bad.status_code == 401


@pytest.mark.django_db
def test_member_token_is_forbidden(api, member, process):
    headers = _token(member)
    response = api.post(
        f"{API}/news", {"title": "t"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    event_payload = {"process": "gcm", "title": "t", "kind": "webinar", "start_date": "2017-01-01"}
    response = api.post(
        f"{API}/events", event_payload, content_type="application/json", headers=headers
    )
    assert response.status_code == 403


def test_every_endpoint_declares_its_error_responses():
    from convenor.process.api import router

    for path, view in router.path_operations.items():
        for op in view.operations:
            codes = set(op.response_models)
            if "GET" in op.methods:
                assert 404 in codes or 400 in codes, path
            else:
                assert {401, 403, 404} <= codes or {401, 403, 422} <= codes, (path, op.methods)
