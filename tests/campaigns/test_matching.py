from hypothesis import given
from hypothesis import strategies as st

from convenor.campaigns.matching import canonical_email, name_key, name_similarity
from convenor.campaigns.regions import region_of


def test_canonical_email_folds_case_dots_and_tags_for_gmail():
    assert canonical_email("Ana.Reyes+gcm@GoogleMail.com") == "anareyes@gmail.com"
    assert canonical_email("a.n.a.reyes@gmail.com") == "anareyes@gmail.com"


def test_canonical_email_drops_tags_but_keeps_dots_elsewhere():
    assert canonical_email("Ana.Reyes+gcm@MFA.example.org") == "ana.reyes@mfa.example.org"


@given(st.emails())
def test_canonical_email_is_idempotent(email):
    once = canonical_email(email)
    assert canonical_email(once) == once


def test_names_with_acronym_and_stopwords_are_the_same_organisation():
    assert name_key("Migrant Forum in Asia") == name_key("Migrant Forum Asia (MFA)")
    assert name_similarity("Migrant Forum in Asia", "Migrant Forum Asia (MFA)") == 1.0


def test_accents_and_case_do_not_matter():
    assert name_similarity("Visions Solidaires", "visions solidaires") == 1.0
    assert name_similarity("Alianza Américas", "ALIANZA AMERICAS") == 1.0


def test_different_organisations_score_low():
    assert name_similarity("Migrant Forum in Asia", "Caritas Internationalis") < 0.5


def test_country_region_mapping():
    assert region_of("PH") == "asia"
    assert region_of("LB") == "mena"
    assert region_of("FJ") == "pacific"
    assert region_of("EC") == "latin-america-caribbean"
    assert region_of("ZZ") == "global"
