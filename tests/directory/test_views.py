import pytest
from django.test import Client
from django.urls import reverse

from convenor.core.models import AuditEntry
from convenor.core.panels import Panel, register_panel
from convenor.directory.models import Organisation, Person

from .conftest import client_for


def test_organisation_list_shows_and_filters(client: Client, mfa, db):
    Organisation.objects.create(slug="picum", name="PICUM", kind="network", country="BE")
    response = client.get("/organisations/")
    assert response.status_code == 200
    assert b"Migrant Forum in Asia" in response.content and b"PICUM" in response.content
    response = client.get("/organisations/", {"region": "asia"})
    assert b"Migrant Forum in Asia" in response.content and b"PICUM" not in response.content
    response = client.get("/organisations/", {"q": "mfa"})
    assert b"Migrant Forum in Asia" in response.content and b"PICUM" not in response.content
    response = client.get("/organisations/", {"country": "BE"})
    assert b"PICUM" in response.content and b"Migrant Forum" not in response.content


def test_organisation_list_ecosoc_filter(client, mfa):
    Organisation.objects.create(slug="acc", name="Accredited org", special_accreditation=True)
    response = client.get("/organisations/", {"ecosoc": "yes"})
    assert b"Accredited org" in response.content and b"Migrant Forum" not in response.content


@pytest.mark.parametrize(
    "params",
    [{"kind": "unknown"}, {"page": "abc"}, {"page": "0"}, {"country": "XX"}, {"region": "mars"}],
)
def test_organisation_list_bad_filter_is_400_with_form_error(client, mfa, params):
    response = client.get("/organisations/", params)
    assert response.status_code == 400
    assert b'role="alert"' in response.content


def test_organisation_list_paginates_50(client, db):
    Organisation.objects.bulk_create(
        [Organisation(slug=f"o-{i:03}", name=f"Org {i:03}") for i in range(120)]
    )
    response = client.get("/organisations/")
    assert len(response.context["page"].object_list) == 50
    response = client.get("/organisations/", {"page": "3"})
    assert len(response.context["page"].object_list) == 20


def test_organisation_detail_shows_roles_people_and_panels(client, mfa, committee, public_person):
    from convenor.directory.models import Membership

    Membership.objects.create(organisation=mfa, committee=committee, role="focal_point")
    register_panel(
        "organisation_detail",
        Panel(template="directory/_nav.html", context=lambda obj, req: {"x": obj.slug}),
    )
    response = client.get("/organisations/mfa/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Core Group" in content and "Regional focal point" in content
    assert "Colin Rajah" in content
    assert "colin@example.org" not in content
    assert response.context["panels"]


def test_organisation_detail_hides_hidden_people(client, hidden_person):
    response = client.get("/organisations/mfa/")
    assert b"Hidden Person" not in response.content


def test_unknown_slugs_are_404(client, db):
    assert client.get("/organisations/nope/").status_code == 404
    assert client.get("/people/nope/").status_code == 404
    assert client.get("/committees/nope/").status_code == 404


def test_hidden_person_is_404_except_for_coordinator(client, hidden_person, member, coordinator):
    assert client.get("/people/hidden-person/").status_code == 404
    assert client_for(member).get("/people/hidden-person/").status_code == 404
    response = client_for(coordinator).get("/people/hidden-person/")
    assert response.status_code == 200
    assert b"hidden@example.org" in response.content


def test_person_detail_email_only_for_coordinators(client, public_person, focal_point):
    assert b"colin@example.org" not in client.get("/people/colin-rajah/").content
    assert b"colin@example.org" not in client_for(focal_point).get("/people/colin-rajah/").content


def test_person_list_excludes_hidden_for_public(client, public_person, hidden_person, coordinator):
    response = client.get("/people/")
    assert b"Colin Rajah" in response.content and b"Hidden Person" not in response.content
    response = client_for(coordinator).get("/people/")
    assert b"Hidden Person" in response.content


def test_person_list_bad_page_is_400(client, db):
    assert client.get("/people/", {"page": "abc"}).status_code == 400


def test_committee_list_and_detail_hide_hidden_members(client, hidden_person, committee):
    assert client.get("/committees/").status_code == 200
    response = client.get("/committees/core-group/")
    assert response.status_code == 200
    assert b"Hidden Person" not in response.content


def test_organisation_create_form(coordinator_client, asia):
    response = coordinator_client.post(
        "/organisations/new/",
        {"name": "New Network", "kind": "network", "country": "PH", "region": "asia"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="new-network").region == asia
    assert AuditEntry.objects.filter(action="organisation.create").exists()


def test_organisation_create_duplicate_slug_shows_form_error(coordinator_client, mfa):
    response = coordinator_client.post(
        "/organisations/new/", {"name": "X", "slug": "mfa", "kind": "ngo"}
    )
    assert response.status_code == 400
    assert "slug" in response.context["form"].errors


def test_organisation_forms_need_sign_in_and_permission(client, member, mfa):
    assert client.get("/organisations/new/").status_code == 302
    assert client_for(member).get("/organisations/new/").status_code == 403
    assert client_for(member).post("/organisations/mfa/delete/").status_code == 403


def test_organisation_edit_and_delete(coordinator_client, mfa):
    response = coordinator_client.post(
        "/organisations/mfa/edit/", {"name": "MFA renamed", "kind": "network"}
    )
    assert response.status_code == 302
    mfa.refresh_from_db()
    assert mfa.name == "MFA renamed" and mfa.slug == "mfa"
    assert coordinator_client.post("/organisations/mfa/delete/").status_code == 302
    assert not Organisation.objects.filter(slug="mfa").exists()


def test_member_edits_own_person_only(member, public_person):
    public_person.user = member
    public_person.save()
    client = client_for(member)
    response = client.post(
        "/people/colin-rajah/edit/", {"name": "Colin R.", "gender": "man", "languages": "en, fr"}
    )
    assert response.status_code == 302
    public_person.refresh_from_db()
    assert public_person.name == "Colin R." and public_person.languages == ["en", "fr"]
    Person.objects.create(slug="other", name="Other")
    assert client.get("/people/other/edit/").status_code == 403


def test_membership_form_creates(coordinator_client, mfa, committee):
    response = coordinator_client.post(
        reverse("directory:membership_create"),
        {"organisation": "mfa", "committee": "core-group", "role": "member"},
    )
    assert response.status_code == 302
    assert mfa.memberships.count() == 1


def test_membership_form_unknown_slug_is_form_error(coordinator_client, committee):
    response = coordinator_client.post(
        reverse("directory:membership_create"),
        {"organisation": "nope", "committee": "core-group", "role": "member"},
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors


def test_committee_create_form(coordinator_client, mfa):
    response = coordinator_client.post("/committees/new/", {"name": "ISC", "convener": "mfa"})
    assert response.status_code == 302


def test_me_export_and_erase(member, public_person):
    public_person.user = member
    public_person.save()
    client = client_for(member)
    response = client.get("/people/me/export.json")
    assert response.status_code == 200 and response.json()["person"]["name"] == "Colin Rajah"
    assert client.get("/people/me/erase/").status_code == 200
    response = client.post("/people/me/erase/", {"confirm": "yes"})
    assert response.status_code == 302
    public_person.refresh_from_db()
    assert public_person.do_not_publish and public_person.email == ""
    assert client.get("/people/me/export.json").status_code == 404


def test_me_pages_need_sign_in(client, db):
    assert client.get("/people/me/export.json").status_code == 302
    assert client.post("/people/me/erase/").status_code == 302
