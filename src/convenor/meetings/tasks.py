"""Background tasks of the meetings app (thin: they take ids and call a service)."""

from __future__ import annotations

from django_tasks import task

from .services import table_run_execute


@task()
def table_run_task(run_id: int) -> str:
    """Solve one recorded small-table run; returns its status."""
    return table_run_execute(run_id=run_id).status
