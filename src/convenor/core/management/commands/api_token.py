"""`convenor api-token <email> [--name NAME]`: print a new API token for a user."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from convenor.core.models import User
from convenor.core.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for the user with this e-mail and print it (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the user's e-mail address")
        parser.add_argument("--name", default="cli", help="a name to recognise the token by")

    def handle(self, *args, email: str, name: str, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            # CommandError prints the message (no traceback) and exits with status 1.
            raise CommandError(f"No active user with the e-mail address {email!r}.")
        _token, raw = api_token_create(user=user, name=name)
        self.stdout.write(raw)
