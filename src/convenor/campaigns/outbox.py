"""Sending the outbox: at least once, with retries and backoff."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import MessageKind, OutboxMessage, StatementText
from .tokens import token_make

MAX_ATTEMPTS = 12
BACKOFF_SECONDS = 30  # doubled after each failure, up to an hour


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(3600, BACKOFF_SECONDS * 2 ** max(0, attempts - 1)))


def _title(message: OutboxMessage) -> str:
    signature = message.signature
    text = (
        StatementText.objects.filter(version_id=signature.version_id, language=signature.language)
        .values_list("title", flat=True)
        .first()
    )
    return text or signature.statement.title


def render(message: OutboxMessage) -> EmailMessage:
    """The e-mail for one outbox message, in the signatory's language."""
    signature = message.signature
    site = settings.SITE_URL.rstrip("/")
    version = signature.statement.versions.order_by("-number").values_list("number", flat=True)
    number = version.first() or 0
    confirm = token_make(public_id=str(signature.public_id), purpose="confirm", version=number)
    withdraw = token_make(public_id=str(signature.public_id), purpose="withdraw")
    with translation.override(signature.language):
        title = _title(message)
        confirm_url = site + reverse("campaigns:signature_confirm", args=[confirm])
        withdraw_url = site + reverse("campaigns:signature_withdraw", args=[withdraw])
        if message.kind == MessageKind.ALREADY_SIGNED:
            subject = _("You have already signed: %(title)s") % {"title": title}
            lines = [
                _("Someone (probably you) asked to sign “%(title)s” with this address.")
                % {"title": title},
                _("Your signature is already confirmed; nothing else is needed."),
            ]
        elif message.kind == MessageKind.RECONFIRM:
            subject = _("The text changed: please confirm again: %(title)s") % {"title": title}
            lines = [
                _("The text of “%(title)s” was changed after you signed it.") % {"title": title},
                _("To keep your signature, open this link and press the button:"),
                confirm_url,
            ]
        else:
            subject = _("Confirm your signature: %(title)s") % {"title": title}
            lines = [
                _("Thank you for signing “%(title)s”.") % {"title": title},
                _("To confirm your signature, open this link and press the button:"),
                confirm_url,
                _("If you did not sign, ignore this e-mail: nothing will be published."),
            ]
        lines += ["", _("To withdraw your signature:"), withdraw_url]
    return EmailMessage(subject=subject, body="\n".join(lines), to=[signature.email])


def outbox_send_due(*, batch: int = 100, max_batches: int = 50) -> int:
    """Send due messages; failures are retried later with backoff. Rows are locked with SKIP
    LOCKED so that several workers never send the same message at the same time. Returns the
    number sent."""
    sent = 0
    for _round in range(max_batches):
        now = timezone.now()
        with transaction.atomic():
            due = list(
                OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True, failed=False, next_attempt_at__lte=now)
                .select_related("signature__statement")
                .order_by("next_attempt_at", "id")[:batch]
            )
            if not due:
                break
            connection = get_connection(fail_silently=False)
            for message in due:
                try:
                    email = render(message)
                    email.connection = connection
                    email.send()
                except Exception as exc:  # any failure of the mail server: retry later
                    message.attempts += 1
                    message.last_error = f"{type(exc).__name__}: {exc}"[:500]
                    message.next_attempt_at = now + backoff(message.attempts)
                    message.failed = message.attempts >= MAX_ATTEMPTS
                else:
                    message.attempts += 1
                    message.sent_at = timezone.now()
                    sent += 1
            OutboxMessage.objects.bulk_update(
                due, ["attempts", "last_error", "next_attempt_at", "failed", "sent_at"]
            )
            if all(m.sent_at is None for m in due):
                break  # the mail server is down: stop until the next run
    return sent
