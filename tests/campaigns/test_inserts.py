"""One atomic write per signature: the signature and its e-mail together, or nothing."""

import pytest

from convenor.campaigns.inserts import signature_insert
from convenor.campaigns.models import MessageKind, OutboxMessage, Signature
from convenor.campaigns.services import current_version

pytestmark = pytest.mark.django_db


def new_signature(statement, *, email="a@one.example", key=None):
    return Signature(
        statement=statement,
        version=current_version(statement),
        organisation_name="One",
        contact_name="Ana",
        email=email,
        canonical_email=email,
        email_domain=email.rpartition("@")[2],
        country="PH",
        organisation_kind="ngo",
        idempotency_key=key,
        notices_sent=1,
    )


def test_a_new_signature_is_stored_with_its_confirmation_email(statement):
    signature = new_signature(statement)
    assert signature_insert(signature, message=OutboxMessage(kind=MessageKind.CONFIRM))
    stored = Signature.objects.get(pk=signature.pk)
    assert stored.country.code == "PH" and stored.public_id == signature.public_id
    assert list(OutboxMessage.objects.values_list("signature_id", "kind")) == [
        (signature.pk, MessageKind.CONFIRM)
    ]


@pytest.mark.parametrize(
    "second",
    [
        {"email": "a@one.example", "key": "k2"},  # the same e-mail for this statement
        {"email": "b@two.example", "key": "k1"},  # the same Idempotency-Key
    ],
)
def test_a_repeat_stores_nothing_at_all(statement, second):
    signature_insert(
        new_signature(statement, key="k1"), message=OutboxMessage(kind=MessageKind.CONFIRM)
    )
    repeat = new_signature(statement, **second)
    assert not signature_insert(repeat, message=OutboxMessage(kind=MessageKind.CONFIRM))
    assert repeat.pk is None
    assert Signature.objects.count() == 1 and OutboxMessage.objects.count() == 1
