"""Signing through the page in French, in Debian's chromium (Playwright)."""

import time

import pytest

from convenor.campaigns.models import Signature, SignatureStatus
from convenor.campaigns.tokens import token_make
from tests.browser.conftest import CHROMIUM

from .conftest import make_statement

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


def test_sign_and_confirm_in_french(live_server, page, coordinator, monkeypatch):
    from convenor.campaigns import services

    monkeypatch.setattr(services, "MIN_FORM_SECONDS", 0)
    statement = make_statement(coordinator, "lettre")
    page.goto(f"{live_server.url}/statements/{statement.slug}/")
    page.select_option("#lang-select", "fr")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_label("Nom de l'organisation").fill("Visions Solidaires")
    page.get_by_label("Pays").select_option("TG")
    page.get_by_label("Type d'organisation").select_option("ngo")
    page.get_by_label("Nom du contact").fill("Kofi")
    page.fill("#id_email", "kofi@visions.example")
    page.get_by_label("J'accepte la notice de confidentialité").check()
    time.sleep(0.2)
    page.get_by_role("button", name="Signer", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Consultez votre messagerie").is_visible()
    signature = Signature.objects.get()
    token = token_make(public_id=str(signature.public_id), purpose="confirm")
    page.goto(f"{live_server.url}/signatures/confirm/{token}/")
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.PENDING  # opening the link is not enough
    page.get_by_role("button", name="Confirmer ma signature").click()
    page.wait_for_load_state()
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.CONFIRMED
