import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from convenor.campaigns import services
from convenor.campaigns.models import Signature
from convenor.campaigns.tokens import token_make


@pytest.fixture(autouse=True)
def _clean_cache(settings):
    from convenor.campaigns import selectors

    settings.CAMPAIGNS_OUTBOX_ENQUEUE = False
    selectors._SIGNING_CACHE.clear()
    cache.clear()
    yield
    cache.clear()


def make_statement(actor, slug="ten-acts-test", *, opens=None, closes=None, **extra):
    now = timezone.now()
    return services.statement_create(
        actor=actor,
        slug=slug,
        title=extra.pop("title", "Now and How: Ten Acts"),
        text=extra.pop("text", "We call on states to **act now**."),
        language=extra.pop("language", "en"),
        signer_kinds=extra.pop("signer_kinds", ["organisation"]),
        opens_at=opens or now - dt.timedelta(days=1),
        closes_at=closes or now + dt.timedelta(days=30),
        **extra,
    )


@pytest.fixture
def statement(coordinator):
    return make_statement(coordinator)


@pytest.fixture
def closed_statement(coordinator):
    now = timezone.now()
    return make_statement(
        coordinator,
        "act-now-test",
        opens=now - dt.timedelta(days=30),
        closes=now - dt.timedelta(days=1),
    )


def signature_data(**overrides):
    data = {
        "organisation_name": "Migrant Forum in Asia",
        "country": "PH",
        "organisation_kind": "network",
        "contact_name": "Ana Reyes",
        "email": "ana@mfa.example.org",
        "public_display": True,
        "consent": True,
        "language": "en",
    }
    data.update(overrides)
    return data


def sign(statement, **overrides):
    key = overrides.pop("idempotency_key", None)
    ip = overrides.pop("ip", "203.0.113.5")
    public_id = services.signature_submit(
        statement=statement, data=signature_data(**overrides), ip=ip, idempotency_key=key
    )
    return Signature.objects.get(public_id=public_id)


def confirm(signature: Signature) -> Signature:
    token = token_make(public_id=str(signature.public_id), purpose="confirm")
    return services.signature_confirm(token=token)


def sign_and_confirm(statement, **overrides):
    return confirm(sign(statement, **overrides))
