"""`convenor load-demo [--sync] [--reset-password]`: load the demo data and the coordinator."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from convenor.web.demo import COORDINATOR_EMAIL, coordinator_ensure, demo_load, demo_progress
from convenor.web.tasks import demo_load_task


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and make sure the demo coordinator account exists."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sync", action="store_true", help="load in this process instead of the worker"
        )
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="give the demo coordinator a new random password and print it",
        )

    def handle(self, *args, sync: bool, reset_password: bool, **options) -> None:
        _user, created, password = coordinator_ensure(reset_password=reset_password)
        if created:
            self.stdout.write(f"Created the coordinator account {COORDINATOR_EMAIL}.")
        else:
            self.stdout.write(f"The coordinator account {COORDINATOR_EMAIL} exists already.")
        if password:
            self.stdout.write(f"  e-mail:   {COORDINATOR_EMAIL}")
            self.stdout.write(f"  password: {password}")
        else:
            self.stdout.write(
                "  (its password is not shown again: `convenor load-demo --reset-password` "
                "or `convenor changepassword coordinator@example.org` sets a new one)"
            )

        progress = demo_progress()
        if sync:
            demo_load(progress_id=progress.pk, report=self.stdout.write)
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
            return
        transaction.on_commit(lambda: demo_load_task.enqueue(progress.pk))
        path = reverse("web:task_detail", args=[progress.pk])
        self.stdout.write(
            f"Demo load queued; a worker (`convenor worker`) runs it. Progress: {path}"
        )
