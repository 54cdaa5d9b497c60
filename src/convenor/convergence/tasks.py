"""Background tasks of the convergence app (thin: they take ids and call a service)."""

from __future__ import annotations

from django_tasks import task

from .services import clustering_run_execute, mapping_run_execute


@task()
def mapping_run_task(run_id: int) -> str:
    return str(mapping_run_execute(run_id=run_id).status)


@task()
def clustering_run_task(run_id: int) -> str:
    return str(clustering_run_execute(run_id=run_id).status)
