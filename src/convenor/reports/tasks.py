"""Background tasks of the reports app (thin: they take ids and call a service)."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from .services import import_execute


@task()
def import_task(import_id: int, language: str = "en") -> str:
    """Import a queued file; messages are written in the language of the person who
    started the import, so that the progress page speaks it."""
    with translation.override(language):
        batch = import_execute(import_id=import_id)
    return str(batch.status) if batch is not None else "missing"
