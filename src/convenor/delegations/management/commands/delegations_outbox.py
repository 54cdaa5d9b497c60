"""`convenor delegations_outbox`: send the invitation e-mails that are due (for a cron job
or a site that does not run the task worker; the task does the same after each commit)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from convenor.delegations.outbox import outbox_send_due


class Command(BaseCommand):
    help = "Send the delegation invitation e-mails that are due (retries failures with backoff)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"sent {outbox_send_due()}")
