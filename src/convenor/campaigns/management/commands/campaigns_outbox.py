"""`convenor campaigns_outbox [--loop]`: send the campaigns e-mails that are due.

With --loop it keeps polling (a dedicated outbox worker, for sites that set
CAMPAIGNS_OUTBOX_ENQUEUE = False); --max-seconds bounds it.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from convenor.campaigns.outbox import outbox_send_due


class Command(BaseCommand):
    help = "Send the campaigns e-mails that are due (retries failures with backoff)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--max-seconds", type=float, default=24 * 3600.0)

    def handle(self, *args, loop: bool, interval: float, max_seconds: float, **options):
        deadline = time.monotonic() + max_seconds
        total = 0
        while True:
            try:
                sent = outbox_send_due()
            except Exception as exc:  # the database restarting: try again next round
                self.stderr.write(f"outbox: {type(exc).__name__}: {exc}")
                close_old_connections()
                sent = 0
            total += sent
            if not loop or time.monotonic() > deadline:
                break
            if not sent:
                time.sleep(interval)
        self.stdout.write(f"sent {total}")
