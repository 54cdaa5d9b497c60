import pytest

from convenor.core.models import AuditEntry
from convenor.directory.models import Organisation, Person

from .conftest import make_organisations, token_header


def test_organisation_list_paginated_and_filtered(client, mfa):
    make_organisations(5)
    data = client.get("/api/v1/organisations", {"limit": 2}).json()
    assert data["count"] == 6 and len(data["items"]) == 2
    data = client.get("/api/v1/organisations", {"kind": "network"}).json()
    assert [o["slug"] for o in data["items"]] == ["mfa"]
    data = client.get("/api/v1/organisations", {"region": "asia", "q": "forum"}).json()
    assert data["items"][0]["region"] == "asia"


@pytest.mark.parametrize(
    "params", [{"kind": "bogus"}, {"country": "XX"}, {"limit": "abc"}, {"ecosoc": "maybe"}]
)
def test_organisation_list_bad_filter_is_400(client, db, params):
    response = client.get("/api/v1/organisations", params)
    assert response.status_code == 400
    assert response.json()["field"]


def test_organisation_detail_and_404(client, mfa, committee):
    from convenor.directory.models import Membership

    Membership.objects.create(organisation=mfa, committee=committee, role="focal_point")
    data = client.get("/api/v1/organisations/mfa").json()
    assert data["acronym"] == "MFA" and data["roles"][0]["committee"] == "core-group"
    assert client.get("/api/v1/organisations/nope").status_code == 404


def test_organisation_write_needs_token(client, db):
    response = client.post("/api/v1/organisations", {"name": "X"}, content_type="application/json")
    assert response.status_code == 401


def test_organisation_create_update_delete_with_token(client, auth_header, asia):
    response = client.post(
        "/api/v1/organisations",
        {"name": "Asylum Access Ecuador", "country": "EC", "region": "asia"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201 and response.json()["slug"] == "asylum-access-ecuador"
    response = client.patch(
        "/api/v1/organisations/asylum-access-ecuador",
        {"acronym": "AAE"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 200 and response.json()["acronym"] == "AAE"
    response = client.delete("/api/v1/organisations/asylum-access-ecuador", headers=auth_header)
    assert response.status_code == 204
    assert AuditEntry.objects.filter(action__startswith="organisation.").count() == 3


def test_organisation_create_conflict_and_unprocessable(client, auth_header, mfa):
    response = client.post(
        "/api/v1/organisations",
        {"name": "X", "slug": "mfa"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 409 and response.json()["field"] == "slug"
    response = client.post(
        "/api/v1/organisations",
        {"name": "X", "country": "ZZ"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 422 and response.json()["field"] == "country"


def test_member_token_is_403(client, member, mfa):
    headers = token_header(member)
    response = client.post(
        "/api/v1/organisations", {"name": "X"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 403
    response = client.delete("/api/v1/organisations/mfa", headers=headers)
    assert response.status_code == 403


def test_patch_unknown_is_404(client, auth_header, db):
    response = client.patch(
        "/api/v1/organisations/nope", {}, content_type="application/json", headers=auth_header
    )
    assert response.status_code == 404


def test_people_public_only_without_emails(client, public_person, hidden_person, member):
    for headers in ({}, token_header(member)):
        data = client.get("/api/v1/people", headers=headers).json()
        assert [p["slug"] for p in data["items"]] == ["colin-rajah"]
        assert data["items"][0]["email"] is None
        assert client.get("/api/v1/people/hidden-person", headers=headers).status_code == 404
    assert client.get("/api/v1/people/colin-rajah").json()["email"] is None


def test_people_all_with_emails_for_coordinator(client, auth_header, public_person, hidden_person):
    data = client.get("/api/v1/people", headers=auth_header).json()
    assert {p["slug"] for p in data["items"]} == {"colin-rajah", "hidden-person"}
    assert {p["email"] for p in data["items"]} == {"colin@example.org", "hidden@example.org"}
    detail = client.get("/api/v1/people/hidden-person", headers=auth_header).json()
    assert detail["memberships"][0]["committee"] == "core-group"


def test_person_writes(client, auth_header, mfa):
    response = client.post(
        "/api/v1/people",
        {"name": "Roula Hamati", "organisation": "mfa", "languages": ["ar", "en"]},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201
    response = client.patch(
        "/api/v1/people/roula-hamati",
        {"role": "Coordinator"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 200 and response.json()["role"] == "Coordinator"
    assert client.delete("/api/v1/people/roula-hamati", headers=auth_header).status_code == 204
    assert not Person.objects.exists()


def test_member_token_patches_own_person_only(client, member, public_person):
    headers = token_header(member)
    response = client.patch(
        "/api/v1/people/colin-rajah",
        {"role": "x"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403
    public_person.user = member
    public_person.save()
    response = client.patch(
        "/api/v1/people/colin-rajah",
        {"gender": "man", "is_youth": False},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200


def test_committees_memberships_regions(client, hidden_person, committee, mfa):
    from convenor.directory.models import Membership

    Membership.objects.create(organisation=mfa, committee=committee, role="chair")
    assert client.get("/api/v1/committees").json()["items"][0]["slug"] == "core-group"
    detail = client.get("/api/v1/committees/core-group").json()
    assert [m["organisation"] for m in detail["memberships"]] == ["mfa"]
    assert client.get("/api/v1/committees/nope").status_code == 404
    data = client.get("/api/v1/memberships", {"committee": "core-group"}).json()
    assert data["count"] == 1 and data["items"][0]["person"] is None
    data = client.get("/api/v1/memberships", {"organisation": "mfa"}).json()
    assert data["count"] == 1
    assert client.get("/api/v1/regions").json()["items"][0]["slug"] == "asia"


def test_organisation_count_untouched_by_failed_create(client, auth_header, db):
    client.post(
        "/api/v1/organisations",
        {"name": ""},
        content_type="application/json",
        headers=auth_header,
    )
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize("offset", ["-1", "6056290313628136412824999227817984"])
def test_out_of_range_offset_is_400(client, db, offset):
    for url in ("/api/v1/organisations", "/api/v1/people", "/api/v1/memberships"):
        assert client.get(url, {"offset": offset}).status_code == 400
