import pytest

from convenor.directory.models import Organisation


@pytest.mark.django_db
def test_organisation_name_shows_a_different_acronym_once():
    assert str(Organisation(name="Migrant Forum in Asia", acronym="MFA")) == (
        "Migrant Forum in Asia (MFA)"
    )


@pytest.mark.django_db
def test_organisation_whose_acronym_is_its_name_is_not_repeated():
    # "AFL-CIO (AFL-CIO)" showed on event pages and in every organisation picker.
    assert str(Organisation(name="AFL-CIO", acronym="AFL-CIO")) == "AFL-CIO"
    assert str(Organisation(name="AFFORD", acronym="afford")) == "AFFORD"


@pytest.mark.django_db
def test_organisation_pages_do_not_repeat_an_acronym_equal_to_the_name(client):
    Organisation.objects.create(
        slug="afl-cio", name="AFL-CIO", acronym="AFL-CIO", kind="trade_union"
    )
    detail = client.get("/organisations/afl-cio/").content.decode()
    listing = client.get("/organisations/").content.decode()
    assert "AFL-CIO (AFL-CIO)" not in detail
    assert "(AFL-CIO)" not in listing
