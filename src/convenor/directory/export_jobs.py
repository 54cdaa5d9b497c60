"""Large XLSX exports of the directory, built by a background task into MEDIA_ROOT under
a name nobody can guess, and handed to the person who asked for them.

Small exports (under XLSX_DIRECT_LIMIT rows) are still answered directly by the page."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from convenor.core.errors import InvalidInput, NotFound, PermissionDenied
from convenor.core.models import TaskProgress
from convenor.core.services import task_progress_create, task_progress_update

from . import exports, selectors

XLSX_DIRECT_LIMIT = 2000
KIND = "directory.organisations_xlsx"
FILENAME = "organisations.xlsx"


def organisations_xlsx_start(*, actor: Any, filters: dict[str, Any], total: int) -> TaskProgress:
    """Queue the export of the organisations matching `filters` (keyword arguments of
    selectors.organisation_list); the returned TaskProgress shows how far it has come."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to export a large directory."))
    from .tasks import organisations_xlsx_task

    progress = task_progress_create(
        kind=KIND, label=_("Organisations (Excel)"), total=total, created_by=actor
    )
    transaction.on_commit(lambda: organisations_xlsx_task.enqueue(progress.pk, filters))
    return progress


def organisations_xlsx_build(*, progress_id: int, filters: dict[str, Any]) -> None:
    """Write the workbook, recording progress, and record where it is (a random name)."""
    task_progress_update(progress_id=progress_id, status=TaskProgress.Status.RUNNING)
    try:
        organisations = selectors.organisation_list(**filters)
        data = exports.organisations_xlsx(
            organisations,
            on_progress=lambda done: task_progress_update(progress_id=progress_id, done=done),
        )
        name = default_storage.save(
            f"exports/{secrets.token_urlsafe(24)}/{FILENAME}", ContentFile(data)
        )
    except Exception as error:
        task_progress_update(
            progress_id=progress_id,
            status=TaskProgress.Status.FAILED,
            message=f"{type(error).__name__}",
        )
        raise
    progress = TaskProgress.objects.get(pk=progress_id)
    task_progress_update(
        progress_id=progress_id,
        status=TaskProgress.Status.DONE,
        done=progress.total,
        message=_("The file is ready."),
        result={
            "file": name,
            "download_url": reverse("directory:organisation_export_download", args=[progress_id]),
        },
    )


def organisations_xlsx_file(*, actor: Any, progress_id: int) -> str:
    """The storage name of a finished export, for its creator only (others: NotFound)."""
    progress = TaskProgress.objects.filter(pk=progress_id, kind=KIND).first()
    if progress is None or not getattr(actor, "is_authenticated", False):
        raise NotFound(_("No such export."))
    if progress.created_by_id != actor.pk:
        raise NotFound(_("No such export."))
    name = (progress.result or {}).get("file")
    if progress.status != TaskProgress.Status.DONE or not name:
        raise InvalidInput(_("The export is not ready yet."))
    if not default_storage.exists(name):
        raise NotFound(_("No such export."))
    return name
