"""Background tasks of the campaigns app (thin: they call a service)."""

from __future__ import annotations

from django_tasks import task

from .outbox import outbox_send_due
from .services import ips_purge


@task()
def outbox_send_task() -> int:
    """Send the e-mails that are due (several runs at once are safe)."""
    return outbox_send_due()


@task()
def ips_purge_task() -> int:
    """Drop hashed IPs of statements closed longer than their retention period."""
    return ips_purge()
