import contextlib
import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from convenor.campaigns import services
from convenor.campaigns.errors import InvalidFields, RateLimited
from convenor.campaigns.models import (
    ChangeKind,
    MessageKind,
    OutboxMessage,
    Review,
    Signature,
    SignatureStatus,
)
from convenor.campaigns.selectors import statement_summary
from convenor.campaigns.tokens import token_make
from convenor.core.errors import Conflict, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.directory.models import Organisation

from .conftest import confirm, sign, sign_and_confirm, signature_data

pytestmark = pytest.mark.django_db


def test_statement_create_makes_first_version_and_audit(statement):
    assert statement.versions.count() == 1
    assert statement.versions.get().texts.get().language == "en"
    assert AuditEntry.objects.filter(action="campaigns.statement_create").exists()


def test_statement_create_needs_a_coordinator(member):
    from .conftest import make_statement

    with pytest.raises(PermissionDenied):
        make_statement(member)


def test_statement_create_applies_the_time_zone(coordinator):
    statement = services.statement_create(
        actor=coordinator,
        slug="tz",
        title="T",
        text="x",
        language="fr",
        signer_kinds=["organisation", "individual"],
        opens_at="2017-10-01T00:00:00",
        closes_at="2017-11-30T23:59:00",
        time_zone="America/New_York",
    )
    assert statement.closes_at == dt.datetime(2017, 12, 1, 4, 59, tzinfo=dt.UTC)


def test_signature_submit_records_pending_signature_and_outbox(statement):
    signature = sign(statement)
    assert signature.status == SignatureStatus.PENDING
    assert signature.canonical_email == "ana@mfa.example.org"
    assert signature.region == "asia"
    assert signature.version.number == 1
    assert OutboxMessage.objects.filter(signature=signature, kind=MessageKind.CONFIRM).count() == 1
    assert statement_summary(statement)["signature_count"] == 0


def test_signature_submit_stores_ip_hashed_only(statement):
    signature = sign(statement, ip="198.51.100.7")
    assert signature.ip_hash and "198.51.100.7" not in signature.ip_hash
    assert len(signature.ip_hash) == 32


def test_signature_submit_repeat_email_returns_existing(statement):
    first = sign(statement)
    again = sign(statement, email="ANA+again@mfa.example.org", organisation_name="Other")
    assert again.pk == first.pk
    assert Signature.objects.count() == 1


def test_repeats_send_a_few_emails_at_most(statement):
    first = sign(statement)
    for _ in range(6):
        with contextlib.suppress(RateLimited):
            sign(statement)
    assert OutboxMessage.objects.filter(signature=first).count() == services.MAX_NOTICES


def test_repeat_after_confirmation_sends_already_signed_notice(statement):
    signature = sign_and_confirm(statement)
    sign(statement)
    kinds = list(OutboxMessage.objects.filter(signature=signature).values_list("kind", flat=True))
    assert kinds == [MessageKind.CONFIRM, MessageKind.ALREADY_SIGNED]


def test_same_idempotency_key_returns_same_signature(statement):
    first = sign(statement, idempotency_key="k-1")
    again = sign(statement, idempotency_key="k-1")
    assert again.pk == first.pk


def test_same_idempotency_key_with_different_body_is_refused(statement):
    sign(statement, idempotency_key="k-1")
    with pytest.raises(Unprocessable) as error:
        sign(statement, idempotency_key="k-1", email="other@example.org")
    assert error.value.status == 422


def test_invalid_submission_names_every_field(statement):
    with pytest.raises(InvalidFields) as error:
        services.signature_submit(
            statement=statement,
            data={"email": "not-an-email", "country": "XX", "consent": False},
        )
    assert {"email", "country", "consent", "organisation_name", "contact_name"} <= set(
        error.value.errors
    )


def test_closed_statement_refuses(closed_statement):
    with pytest.raises(Conflict) as error:
        sign(closed_statement)
    assert error.value.status == 409
    assert "closed" in error.value.detail.lower()


def test_extend_reopens_a_closed_statement(coordinator, closed_statement):
    services.statement_extend(
        actor=coordinator,
        statement=closed_statement,
        closes_at=timezone.now() + dt.timedelta(days=7),
    )
    assert sign(closed_statement).pk


def test_extend_refuses_an_earlier_time(coordinator, statement):
    with pytest.raises(InvalidFields):
        services.statement_extend(
            actor=coordinator, statement=statement, closes_at=statement.closes_at - dt.timedelta(1)
        )


def test_honeypot_and_fast_forms_store_nothing(statement):
    data = signature_data()
    assert services.signature_submit(statement=statement, data=data, honeypot="spam") is None
    import time

    started = time.time()
    assert (
        services.signature_submit(statement=statement, data=data, form_started_at=started) is None
    )
    assert Signature.objects.count() == 0


def test_rate_limit_per_ip(settings, statement):
    settings.CAMPAIGNS_RATE_LIMITS = {"ip": (2, 600)}
    sign(statement, email="a@x.org")
    sign(statement, email="b@x.org")
    with pytest.raises(RateLimited) as error:
        sign(statement, email="c@x.org")
    assert error.value.status == 429


def test_rate_limit_per_email(settings, statement):
    settings.CAMPAIGNS_RATE_LIMITS = {"email": (2, 600)}
    sign(statement)
    sign(statement)
    with pytest.raises(RateLimited):
        sign(statement, ip="192.0.2.99")


def test_burst_from_one_address_is_flagged(settings, statement):
    settings.CAMPAIGNS_RATE_LIMITS = {"burst_ip": (2, 600)}
    rows = [sign(statement, email=f"p{i}@ngo{i}.org") for i in range(3)]
    assert [bool(r.flagged) for r in rows] == [False, False, True]


def test_confirm_counts_the_signature(statement):
    signature = sign_and_confirm(statement)
    assert signature.status == SignatureStatus.CONFIRMED
    summary = statement_summary(statement)
    assert summary["signature_count"] == 1
    assert summary["regions"][0]["key"] == "asia"


def test_confirm_twice_counts_once(statement):
    signature = sign(statement)
    confirm(signature)
    confirm(signature)
    assert statement_summary(statement)["signature_count"] == 1


def test_token_expires(settings, statement):
    signature = sign(statement)
    token = token_make(public_id=str(signature.public_id), purpose="confirm")
    settings.CAMPAIGNS_TOKEN_MAX_AGE = -1
    with pytest.raises(Unprocessable) as error:
        services.signature_confirm(token=token)
    assert error.value.code == "token_expired"


def test_forged_or_wrong_purpose_token_is_refused(statement):
    signature = sign(statement)
    withdraw = token_make(public_id=str(signature.public_id), purpose="withdraw")
    with pytest.raises(Unprocessable):
        services.signature_confirm(token=withdraw)
    with pytest.raises(Unprocessable):
        services.signature_confirm(token=withdraw + "x")


def test_withdraw_removes_from_count(statement):
    signature = sign_and_confirm(statement)
    services.signature_withdraw(
        token=token_make(public_id=str(signature.public_id), purpose="withdraw")
    )
    assert statement_summary(statement)["signature_count"] == 0


def test_unlisted_signature_is_counted_but_not_broken_down(statement):
    sign_and_confirm(statement, public_display=False)
    summary = statement_summary(statement)
    assert summary["signature_count"] == 1
    assert summary["listed_count"] == 0
    assert summary["regions"] == []


def test_close_name_from_another_address_is_merged(statement):
    sign_and_confirm(statement)
    second = sign_and_confirm(
        statement, organisation_name="Migrant Forum Asia (MFA)", email="info@mfa-asia.example"
    )
    assert second.review == Review.MERGED
    assert statement_summary(statement)["signature_count"] == 1


def test_somewhat_close_name_is_queued_for_review(statement):
    sign_and_confirm(statement, organisation_name="Migrant Forum in Asia")
    second = sign_and_confirm(
        statement, organisation_name="Migrant Forum Asia Pacific", email="x@y.example"
    )
    assert second.review == Review.PENDING
    assert statement_summary(statement)["signature_count"] == 1


def test_directory_link_above_threshold(statement):
    org = Organisation.objects.create(name="Migrant Forum in Asia", slug="mfa", acronym="MFA")
    signature = sign_and_confirm(statement, organisation_name="Migrant Forum Asia (MFA)")
    assert signature.organisation == org


def test_moderation_approve_and_merge_adjust_counts(coordinator, statement):
    sign_and_confirm(statement, organisation_name="Migrant Forum in Asia")
    second = sign_and_confirm(
        statement, organisation_name="Migrant Forum Asia Pacific", email="x@y.example"
    )
    services.signatures_moderate(
        actor=coordinator, statement=statement, ids=[second.pk], action="approve"
    )
    assert statement_summary(statement)["signature_count"] == 2
    services.signatures_moderate(
        actor=coordinator, statement=statement, ids=[second.pk], action="reject"
    )
    assert statement_summary(statement)["signature_count"] == 1
    assert AuditEntry.objects.filter(action="campaigns.signatures_reject").exists()


def test_moderation_needs_a_coordinator(member, statement):
    with pytest.raises(PermissionDenied):
        services.signatures_moderate(actor=member, statement=statement, ids=[], action="approve")


def test_bulk_invalidate_by_domain(coordinator, statement):
    for i in range(3):
        sign_and_confirm(statement, organisation_name=f"Bot {i} Org", email=f"b{i}@spam.example")
    sign_and_confirm(statement, organisation_name="Real NGO", email="a@real.example")
    count = services.signatures_invalidate(
        actor=coordinator, statement=statement, domain="spam.example"
    )
    assert count == 3
    assert statement_summary(statement)["signature_count"] == 1


def test_bulk_invalidate_by_ip(coordinator, statement):
    first = sign_and_confirm(statement, ip="192.0.2.1")
    services.signatures_invalidate(actor=coordinator, statement=statement, ip_hash=first.ip_hash)
    assert statement_summary(statement)["signature_count"] == 0


def test_text_change_without_signatures_edits_in_place(coordinator, statement):
    version = services.statement_text_set(
        actor=coordinator, statement=statement, language="fr", title="Maintenant", body="Agir"
    )
    assert version.number == 1
    assert version.texts.count() == 2


def test_minor_change_after_signatures_makes_new_version_and_carries_over(coordinator, statement):
    signature = sign_and_confirm(statement)
    version = services.statement_text_set(
        actor=coordinator,
        statement=statement,
        language="en",
        title="Now and How: Ten Acts",
        body="We call on states to act now.",
        change=ChangeKind.MINOR,
    )
    assert version.number == 2
    signature.refresh_from_db()
    assert signature.version.number == 1
    assert signature.status == SignatureStatus.CONFIRMED
    assert statement.versions.get(number=1).texts.get().body == "We call on states to **act now**."
    assert statement_summary(statement)["signature_count"] == 1


def test_material_change_asks_signatories_to_confirm_again(coordinator, statement):
    signature = sign_and_confirm(statement)
    services.statement_text_set(
        actor=coordinator,
        statement=statement,
        language="en",
        title="Ten Acts",
        body="A different demand.",
        change=ChangeKind.MATERIAL,
    )
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.RECONFIRM
    assert statement_summary(statement)["signature_count"] == 0
    assert OutboxMessage.objects.filter(signature=signature, kind=MessageKind.RECONFIRM).exists()
    token = token_make(public_id=str(signature.public_id), purpose="confirm", version=2)
    services.signature_confirm(token=token)
    signature.refresh_from_db()
    assert signature.version.number == 2
    assert statement_summary(statement)["signature_count"] == 1


def test_version_with_signatures_text_is_immutable(coordinator, statement):
    sign(statement)
    services.statement_text_set(
        actor=coordinator, statement=statement, language="es", title="Ahora", body="Actuar"
    )
    assert statement.versions.get(number=1).texts.count() == 1


def test_ips_purged_after_closing_plus_retention(closed_statement, coordinator):
    services.statement_extend(
        actor=coordinator,
        statement=closed_statement,
        closes_at=timezone.now() + dt.timedelta(days=1),
    )
    sign(closed_statement)
    assert services.ips_purge(now=timezone.now() + dt.timedelta(days=10)) == 0
    later = timezone.now() + dt.timedelta(days=1 + closed_statement.ip_retention_days + 1)
    assert services.ips_purge(now=later) == 1
    assert Signature.objects.get().ip_hash == ""


def test_confirmation_email_is_in_the_signers_language(statement):
    from convenor.campaigns.outbox import outbox_send_due

    sign(statement, language="fr")
    assert outbox_send_due() == 1
    assert "Confirmez votre signature" in mail.outbox[0].subject
    assert "/signatures/confirm/" in mail.outbox[0].body
