"""Background tasks of the delegations app (thin: they take ids and call a service)."""

from __future__ import annotations

from django_tasks import task

from .services import replacement_run, selection_run_execute


@task()
def selection_run_task(run_id: int) -> str:
    """Solve one recorded selection run; returns its status."""
    return selection_run_execute(run_id=run_id).status


@task()
def replacement_task(round_id: int) -> str:
    """Fill seats freed by declines from the waiting list, keeping every seat already offered."""
    run = replacement_run(round_id=round_id)
    return run.status if run is not None else "nothing to do"


@task()
def outbox_send_task() -> int:
    """Send the invitation e-mails that are due (several runs at once are safe)."""
    from .outbox import outbox_send_due

    return outbox_send_due()
