import pytest

from convenor.directory import selectors
from convenor.directory.models import Organisation


@pytest.fixture
def organisations(db) -> None:
    Organisation.objects.create(slug="mfa", name="Migrant Forum in Asia", acronym="MFA")
    Organisation.objects.create(slug="picum", name="Platform for Undocumented Migrants")


def _slugs(**filters) -> set[str]:
    return {o.slug for o in selectors.organisation_list(**filters)}


def test_organisation_search_matches_every_word_anywhere_in_the_name(organisations):
    # A coordinator types "forum asia", not the exact phrase "Forum in Asia".
    assert _slugs(q="forum asia") == {"mfa"}
    assert _slugs(q="Asia  Forum") == {"mfa"}


def test_organisation_search_words_may_match_name_or_acronym(organisations):
    assert _slugs(q="mfa migrant") == {"mfa"}
    assert _slugs(q="migrants") == {"picum"}
    assert _slugs(q="forum platform") == set()
