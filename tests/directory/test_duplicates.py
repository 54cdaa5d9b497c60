"""A second organisation with the same name and country is refused, naming the first."""

import pytest
from django.test import Client

from convenor.directory import services
from convenor.directory.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa(coordinator):
    return services.organisation_create(
        actor=coordinator, name="Migrant Forum in Asia", slug="mfa", country="PH"
    )


def test_same_name_and_country_in_any_case_is_a_conflict_naming_the_existing(coordinator, mfa):
    with pytest.raises(services.DuplicateOrganisation) as caught:
        services.organisation_create(
            actor=coordinator, name="  migrant forum IN ASIA ", country="PH"
        )
    assert caught.value.status == 409
    assert caught.value.existing == mfa
    assert "mfa" in caught.value.detail
    assert Organisation.objects.count() == 1


def test_same_name_in_another_country_is_a_different_organisation(coordinator, mfa):
    other = services.organisation_create(
        actor=coordinator, name="Migrant Forum in Asia", country="TH"
    )
    assert other.slug != "mfa"


def test_api_answers_409_naming_the_existing_organisation(auth_header, mfa):
    response = Client().post(
        "/api/v1/organisations",
        {"name": "MIGRANT FORUM IN ASIA", "country": "PH"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 409
    body = response.json()
    assert body["field"] == "name" and "mfa" in body["detail"]


def test_page_shows_the_error_with_a_link_to_the_existing_one(coordinator_client, mfa):
    response = coordinator_client.post(
        "/organisations/new/", {"name": "Migrant forum in Asia", "kind": "ngo", "country": "PH"}
    )
    assert response.status_code == 400
    assert 'href="/organisations/mfa/"' in response.content.decode()
    assert Organisation.objects.count() == 1


def test_renaming_to_the_name_of_another_organisation_is_a_conflict(coordinator, mfa):
    other = services.organisation_create(actor=coordinator, name="Other forum", country="PH")
    with pytest.raises(services.DuplicateOrganisation) as caught:
        services.organisation_update(
            actor=coordinator, organisation=other, data={"name": "MIGRANT FORUM IN ASIA"}
        )
    assert caught.value.existing == mfa
    other.refresh_from_db()
    assert other.name == "Other forum"
    renamed = services.organisation_update(
        actor=coordinator, organisation=mfa, data={"name": "Migrant Forum in Asia (MFA)"}
    )
    assert renamed.name == "Migrant Forum in Asia (MFA)"
