import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from convenor.campaigns.models import OutboxMessage
from convenor.campaigns.outbox import outbox_send_due

from .conftest import sign

pytestmark = pytest.mark.django_db


class FailingBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")

    def open(self):
        pass

    def close(self):
        pass


def test_outbox_row_written_with_the_signature(statement):
    signature = sign(statement)
    assert OutboxMessage.objects.filter(signature=signature, sent_at=None).count() == 1


def test_outbox_retries_after_a_failing_smtp_backend(settings, statement):
    sign(statement)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    assert outbox_send_due() == 0
    message = OutboxMessage.objects.get()
    assert message.attempts == 1 and message.sent_at is None and "SMTP down" in message.last_error
    assert message.next_attempt_at > timezone.now()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_send_due() == 0  # not due yet: backoff
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert outbox_send_due() == 1
    assert len(mail.outbox) == 1
    assert outbox_send_due() == 0  # sent once


def test_outbox_task_sends(settings, statement):
    from convenor.campaigns.tasks import outbox_send_task

    sign(statement)
    outbox_send_task.enqueue()
    assert len(mail.outbox) == 1
    assert "ana@mfa.example.org" in mail.outbox[0].to


def test_signature_submit_enqueues_the_task_on_commit(
    settings, statement, django_capture_on_commit_callbacks
):
    settings.CAMPAIGNS_OUTBOX_ENQUEUE = True
    with django_capture_on_commit_callbacks(execute=True):
        sign(statement)
    assert len(mail.outbox) == 1


def test_deleting_a_signature_takes_its_messages_along(statement):
    signature = sign(statement)
    assert OutboxMessage.objects.count() == 1
    signature.delete()
    assert OutboxMessage.objects.count() == 0


def test_a_message_whose_signature_is_gone_is_never_sent(statement):
    """The link has no constraint in the database: a signature deleted in raw SQL leaves its
    message, which the sender passes over."""
    from django.db import connection

    from convenor.campaigns.models import Signature

    signature = sign(statement)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Signature._meta.db_table} WHERE id = %s", [signature.pk])
    assert OutboxMessage.objects.count() == 1
    assert outbox_send_due() == 0
    assert mail.outbox == []
