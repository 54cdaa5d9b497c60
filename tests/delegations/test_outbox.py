"""Invitation e-mails go through an outbox: written with the invitation, sent after commit,
retried with backoff when the mail server fails, never sent twice."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from convenor.delegations import outbox, services
from convenor.delegations.models import Invitation, InvitationMessage

from .conftest import nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations(asia, nominator, coordinator, round_, django_capture_on_commit_callbacks):
    nominate(nominator, asia, "A One", "B Two")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.selection_run_start(actor=coordinator, round=round_, time_limit=5)
    run.refresh_from_db()
    return run


def _send(coordinator, run, capture, *, execute):
    with capture(execute=execute):
        return services.invitations_send(actor=coordinator, run=run)


def test_invitations_write_one_outbox_row_each_and_send_after_commit(
    invitations, coordinator, django_capture_on_commit_callbacks
):
    created = _send(coordinator, invitations, django_capture_on_commit_callbacks, execute=True)
    assert InvitationMessage.objects.count() == len(created) == 2
    assert len(mail.outbox) == 2
    assert all(m.sent_at is not None for m in InvitationMessage.objects.all())
    assert all(i.sent_at is not None for i in Invitation.objects.all())
    assert "/invitation/" in mail.outbox[0].body


def test_nothing_is_sent_twice(invitations, coordinator, django_capture_on_commit_callbacks):
    _send(coordinator, invitations, django_capture_on_commit_callbacks, execute=True)
    assert outbox.outbox_send_due() == 0
    assert len(mail.outbox) == 2


def test_a_mail_server_failure_is_retried_later(
    invitations, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    _send(coordinator, invitations, django_capture_on_commit_callbacks, execute=False)

    def broken(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    assert outbox.outbox_send_due() == 0
    message = InvitationMessage.objects.order_by("id").first()
    assert message.attempts == 1 and "mail server down" in message.last_error
    assert message.next_attempt_at > timezone.now() and not message.failed
    monkeypatch.undo()
    assert outbox.outbox_send_due() == 0  # not due yet: backoff
    InvitationMessage.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert outbox.outbox_send_due() == 2
    assert len(mail.outbox) == 2


def test_a_message_gives_up_after_the_last_attempt(invitations, coordinator, monkeypatch):
    services.invitations_send(actor=coordinator, run=invitations)
    InvitationMessage.objects.update(attempts=outbox.MAX_ATTEMPTS - 1)
    monkeypatch.setattr(
        "django.core.mail.EmailMessage.send", lambda self, *a, **k: (_ for _ in ()).throw(OSError)
    )
    outbox.outbox_send_due()
    assert all(m.failed for m in InvitationMessage.objects.all())


def test_the_email_is_in_the_persons_language(invitations, coordinator):
    services.invitations_send(actor=coordinator, run=invitations)
    Invitation.objects.first().person.__class__.objects.update(languages=["es"])
    call_command("delegations_outbox", stdout=io.StringIO())
    assert mail.outbox[0].subject.startswith("Invitación")


def test_backoff_grows_and_is_capped():
    assert outbox.backoff(1) < outbox.backoff(2) < outbox.backoff(3)
    assert outbox.backoff(50) == dt.timedelta(hours=1)
