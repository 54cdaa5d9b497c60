"""The `convenor` command: Django's management commands, plus the project's own.

convenor demo                 migrate, load the GCM demo data, serve on :8000 with a worker
convenor worker               run the background task worker
convenor api-token <email>    print a new API token for a user
convenor <any manage.py command>
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "api-token": "api_token",
    "load-demo": "load_demo",
    "worker": "worker",
    "solve-selection": "solve_selection",
    "demo": "demo",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["convenor", *args[1:]])


if __name__ == "__main__":
    main()
