import pytest
from django.test import Client

from convenor.core.models import Role, User


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_user(role: str, email: str | None = None) -> User:
    return User.objects.create_user(
        email=email or f"{role}@example.org", password="a-long-test-password", role=role
    )


@pytest.fixture
def coordinator(db) -> User:
    return make_user(Role.COORDINATOR)


@pytest.fixture
def focal_point(db) -> User:
    return make_user(Role.FOCAL_POINT)


@pytest.fixture
def rapporteur(db) -> User:
    return make_user(Role.RAPPORTEUR)


@pytest.fixture
def member(db) -> User:
    return make_user(Role.MEMBER)


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def coordinator_token(coordinator) -> str:
    from convenor.core.services import api_token_create

    _, raw = api_token_create(user=coordinator, name="test")
    return raw


@pytest.fixture
def auth_header(coordinator_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {coordinator_token}"}
