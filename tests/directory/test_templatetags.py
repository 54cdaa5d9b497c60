"""The directory table rows, written by one tag (directory_tags.organisation_rows)."""

import pytest
from django.utils import translation

from convenor.directory.models import EcosocStatus, Organisation, OrganisationKind, Region
from convenor.directory.selectors import organisation_list_rows
from convenor.directory.templatetags.directory_tags import organisation_rows

pytestmark = pytest.mark.django_db


def test_organisation_rows_escape_and_label_every_column():
    region = Region.objects.create(slug="asia", name="Asia <&>", order=1)
    Organisation.objects.create(
        name='Forum <b>"Asia"</b>',
        slug="mfa",
        acronym="MFA",
        kind=OrganisationKind.NETWORK,
        country="PH",
        region=region,
        ecosoc_status=EcosocStatus.choices[1][0],
        special_accreditation=True,
    )
    Organisation.objects.create(name="AFL-CIO", slug="afl-cio", acronym="AFL-CIO")
    with translation.override("en"):
        html = organisation_rows(organisation_list_rows())
    assert "<b>" not in html and "Forum &lt;b&gt;&quot;Asia&quot;&lt;/b&gt;" in html
    assert 'href="/organisations/mfa/"' in html
    assert '<span class="muted">(MFA)</span>' in html
    assert "(AFL-CIO)" not in html
    assert str(OrganisationKind.NETWORK.label) in html
    assert "Philippines" in html
    assert "Asia &lt;&amp;&gt;" in html
    assert f"{EcosocStatus.choices[1][1]}; Special accreditation" in html
