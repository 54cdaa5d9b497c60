"""`convenor campaigns_purge_ips`: drop hashed IPs of statements closed past retention."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from convenor.campaigns.services import ips_purge


class Command(BaseCommand):
    help = "Drop hashed IP addresses of statements closed longer than their retention period."

    def handle(self, *args, **options):
        self.stdout.write(f"purged {ips_purge()} hashed addresses")
