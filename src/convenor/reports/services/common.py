"""What the reports services share: limits and a source's attributes."""

from __future__ import annotations

from typing import Any

from convenor.process.models import Event

MAX_TEXT = 5000


def source_attributes(event: Event | None) -> dict[str, Any]:
    """The attributes a recommendation takes from its source event."""
    if event is None:
        return {"event": None, "region": None, "process": None}
    return {"event": event, "region": event.region, "process": event.process}
