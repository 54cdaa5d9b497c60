"""The number of queries does not grow with the number of rows (1 row vs 3 rows)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convenor.directory.models import Committee, Membership, Organisation, Person, Region


def _seed_bodies() -> None:
    Region.objects.create(slug="asia", name="Asia")
    network = Organisation.objects.create(slug="net", name="A network", kind="network")
    Committee.objects.create(slug="core-group", name="Core", convener=network)


def _add_rows(numbers: range) -> None:
    """Per number: an organisation in the network and the committee, and a person in it."""
    region = Region.objects.get(slug="asia")
    network = Organisation.objects.get(slug="net")
    committee = Committee.objects.get(slug="core-group")
    for i in numbers:
        org = Organisation.objects.create(
            slug=f"org-{i}", name=f"Org {i}", region=region, acronym=f"O{i}", country="PH"
        )
        person = Person.objects.create(slug=f"p-{i}", name=f"P {i}", organisation=org)
        Membership.objects.create(organisation=org, network=network, region=region)
        Membership.objects.create(person=person, committee=committee, role="chair")
        Membership.objects.create(organisation=org, committee=committee)
        if i:
            # Roles that only the detail pages of org-0 and p-0 show.
            Membership.objects.create(
                organisation=Organisation.objects.get(slug="org-0"), network=org
            )
            Membership.objects.create(person=Person.objects.get(slug="p-0"), network=org)


def _queries(client, url: str, headers: dict | None = None) -> int:
    client.get(url, headers=headers or {})  # warm up: a token's first use records the time
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers or {})
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


URLS = [
    "/organisations/",
    "/organisations/?region=asia&q=org&network=net&ecosoc=no&country=PH",
    "/organisations/net/",
    "/organisations/org-0/",
    "/people/",
    "/people/p-0/",
    "/committees/",
    "/committees/core-group/",
    "/organisations/export.csv",
    "/organisations/export.xlsx",
    "/export/popolo.json",
    "/api/v1/organisations",
    "/api/v1/organisations/net",
    "/api/v1/organisations/org-0",
    "/api/v1/people/p-0",
    "/api/v1/people",
    "/api/v1/committees",
    "/api/v1/committees/core-group",
    "/api/v1/memberships",
    "/api/v1/regions",
]


@pytest.mark.parametrize("url", URLS)
def test_query_count_same_for_one_and_three_rows(client, db, url):
    _seed_bodies()
    _add_rows(range(1))
    one = _queries(client, url)
    _add_rows(range(1, 3))
    assert _queries(client, url) == one


@pytest.mark.parametrize("url", ["/people/", "/api/v1/people", "/organisations/net/"])
def test_query_count_constant_for_coordinator(coordinator_client, auth_header, db, url):
    _seed_bodies()
    _add_rows(range(1))
    one = _queries(coordinator_client, url, auth_header)
    _add_rows(range(1, 3))
    assert _queries(coordinator_client, url, auth_header) == one
