"""Background tasks of the directory (thin: they take ids and plain data, and call the work)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from .export_jobs import organisations_xlsx_build


@task()
def organisations_xlsx_task(progress_id: int, filters: dict[str, Any]) -> None:
    """Build a large XLSX export of the directory (see export_jobs)."""
    organisations_xlsx_build(progress_id=progress_id, filters=filters)
