"""Errors of the delegations app that carry more than one message."""

from __future__ import annotations

from django.utils.translation import gettext as _

from convenor.core.errors import InvalidInput


class ImportRejected(InvalidInput):
    """A CSV upload refused as a whole: `lines` says what is wrong, line by line."""

    code = "import_rejected"

    def __init__(self, lines: list[str], *, field: str = "file"):
        self.lines = list(lines)
        head = _("The file was refused and nothing was imported (%(n)d problems).") % {
            "n": len(self.lines)
        }
        super().__init__("\n".join([head, *self.lines[:100]]), field=field)
