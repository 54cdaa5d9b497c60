"""`convenor worker`: run the background task worker (django-tasks-db's `db_worker`).

Every option of db_worker applies, e.g. `--batch` (run what is queued, then stop),
`--interval SECONDS`, `--queue-name NAME`, `--max-tasks N`.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "Run the background task worker (django-tasks database backend)."
