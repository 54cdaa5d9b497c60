"""Sending invitation e-mails: at least once, with retries and backoff.

The invitation and its message row are written in one transaction (services.py), so no
e-mail goes out for an invitation that rolled back, and none is lost when the mail server
is down: the row stays due until it is sent or has failed MAX_ATTEMPTS times."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Invitation, InvitationMessage

MAX_ATTEMPTS = 12
BACKOFF_SECONDS = 30  # doubled after each failure, up to an hour


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(3600, BACKOFF_SECONDS * 2 ** max(0, attempts - 1)))


def language_for(person: object) -> str:
    """The first of the person's languages that the site speaks, else the default."""
    known = {code for code, _name in settings.LANGUAGES}
    for code in getattr(person, "languages", None) or []:
        code = str(code).lower()[:2]
        if code in known:
            return code
    return str(settings.LANGUAGE_CODE)[:2]


def render(invitation: Invitation) -> EmailMessage:
    """The invitation e-mail, in the invited person's language."""
    site = settings.SITE_URL.rstrip("/")
    with translation.override(language_for(invitation.person)):
        link = site + reverse("delegations:invitation_answer", args=[invitation.token])
        names = {"meeting": invitation.round.title, "process": invitation.quota.process_name}
        subject = _("Invitation: %(meeting)s") % names
        body = "\n".join(
            [
                _("You are invited to %(meeting)s as a delegate of %(process)s.") % names,
                "",
                _("Please accept or decline here: %(link)s") % {"link": link},
            ]
        )
    return EmailMessage(subject=subject, body=body, to=[invitation.person.email])


def outbox_send_due(*, batch: int = 100, max_batches: int = 50) -> int:
    """Send the due invitation e-mails; a failure is retried later with backoff. Rows are
    locked with SKIP LOCKED so that two workers never send the same message. Returns the
    number sent."""
    sent = 0
    for _batch in range(max_batches):
        now = timezone.now()
        with transaction.atomic():
            due = list(
                InvitationMessage.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True, failed=False, next_attempt_at__lte=now)
                .select_related("invitation__person", "invitation__round", "invitation__quota")
                .order_by("next_attempt_at", "id")[:batch]
            )
            if not due:
                break
            connection = get_connection(fail_silently=False)
            delivered = []
            for message in due:
                message.attempts += 1
                try:
                    email = render(message.invitation)
                    email.connection = connection
                    email.send()
                except Exception as exc:  # any failure of the mail server: retry later
                    message.last_error = f"{type(exc).__name__}: {exc}"[:500]
                    message.next_attempt_at = now + backoff(message.attempts)
                    message.failed = message.attempts >= MAX_ATTEMPTS
                else:
                    message.sent_at = timezone.now()
                    delivered.append(message.invitation_id)
                    sent += 1
            InvitationMessage.objects.bulk_update(
                due, ["attempts", "last_error", "next_attempt_at", "failed", "sent_at"]
            )
            if delivered:
                Invitation.objects.filter(pk__in=delivered, sent_at__isnull=True).update(
                    sent_at=timezone.now()
                )
            if not delivered:
                break  # the mail server is down: stop until the next run
    return sent
