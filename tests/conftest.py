import os

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


# Playwright in Debian's chromium: one browser for the whole session, shared by every
# browser test wherever it lives (a second sync_playwright() in one process fails).
@pytest.fixture(scope="session")
def browser():
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    # Playwright's sync API runs an event loop in this thread; the test's database
    # calls are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(accept_downloads=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
