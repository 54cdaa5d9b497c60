import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from convenor.core.models import User


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_login_with_email_and_password_works(client, member):
    verified(member)
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(member.pk)


@pytest.mark.django_db
def test_login_with_a_wrong_password_fails_with_a_message(client, member):
    verified(member)
    response = client.post("/accounts/login/", {"login": member.email, "password": "nope"})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_account_pages_use_the_site_layout(client):
    for url in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        body = client.get(url).content.decode()
        assert 'class="site-header"' in body, url
        assert 'id="lang-select"' in body, url


@pytest.mark.django_db
def test_signup_sends_a_verification_email_and_confirming_allows_login(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new.person@example.org",
            "password1": "a-long-fresh-password-42",
            "password2": "a-long-fresh-password-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.role == "member"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("testserver", 1)[-1]
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.django_db
def test_unverified_account_cannot_sign_in(client, member):
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "a-long-test-password"}
    )
    assert SESSION_KEY not in client.session
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]


@pytest.mark.django_db
def test_password_reset_sends_an_email(client, member):
    verified(member)
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_mfa_pages_render_in_the_site_layout(member):
    verified(member)
    client = Client()
    client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password"})
    body = client.get("/accounts/2fa/").content.decode()
    assert 'class="subnav"' in body
    assert "Authenticator" in body
    # Activating TOTP first asks for the password again (reauthentication).
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        client.post(response["Location"], {"password": "a-long-test-password"})
        response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body or "otpauth" in body or "secret" in body.lower()


@pytest.mark.django_db
def test_totp_activation_then_recovery_codes(member):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    verified(member)
    client = Client()
    client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password"})
    response = client.get("/accounts/2fa/totp/activate/")
    if response.status_code == 302:
        client.post(response["Location"], {"password": "a-long-test-password"})
        response = client.get("/accounts/2fa/totp/activate/")
    secret = response.context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type="totp").exists()
    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 200
