"""Background tasks of the site shell (thin: they take ids and call the work)."""

from __future__ import annotations

from django_tasks import task

from .demo import demo_load


@task()
def demo_load_task(progress_id: int) -> None:
    """Load the demo data, recording progress on TaskProgress `progress_id`."""
    demo_load(progress_id=progress_id)
