import pytest
from django.test import Client

from convenor.core.services import api_token_create
from convenor.directory.models import Committee, Membership, Organisation, Person, Region


@pytest.fixture
def asia(db) -> Region:
    return Region.objects.create(slug="asia", name="Asia", order=2)


@pytest.fixture
def mfa(asia) -> Organisation:
    return Organisation.objects.create(
        slug="mfa", name="Migrant Forum in Asia", acronym="MFA", kind="network", region=asia
    )


@pytest.fixture
def committee(mfa) -> Committee:
    return Committee.objects.create(slug="core-group", name="Core Group", convener=mfa)


@pytest.fixture
def public_person(mfa) -> Person:
    return Person.objects.create(
        slug="colin-rajah",
        name="Colin Rajah",
        organisation=mfa,
        role="Liaison",
        email="colin@example.org",
    )


@pytest.fixture
def hidden_person(mfa, committee) -> Person:
    person = Person.objects.create(
        slug="hidden-person",
        name="Hidden Person",
        organisation=mfa,
        email="hidden@example.org",
        do_not_publish=True,
    )
    Membership.objects.create(person=person, committee=committee, role="member")
    return person


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def token_header(user) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


def make_organisations(n: int, *, region=None, prefix: str = "org") -> list[Organisation]:
    return Organisation.objects.bulk_create(
        [
            Organisation(slug=f"{prefix}-{i}", name=f"{prefix.title()} {i}", region=region)
            for i in range(n)
        ]
    )


def make_people(n: int, *, organisation=None, prefix: str = "person") -> list[Person]:
    return Person.objects.bulk_create(
        [
            Person(slug=f"{prefix}-{i}", name=f"{prefix.title()} {i}", organisation=organisation)
            for i in range(n)
        ]
    )
