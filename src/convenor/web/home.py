"""What the home page shows: the featured process's timeline, events and news.

The reads come from convenor.process.selectors; a section whose selector is missing is
left out rather than failing the page.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from typing import Any

logger = logging.getLogger(__name__)

EVENTS_SHOWN = 5
NEWS_SHOWN = 5


def _process_selectors() -> Any | None:
    try:
        return importlib.import_module("convenor.process.selectors")
    except ModuleNotFoundError as error:
        if error.name != "convenor.process.selectors":
            raise
        return None


def _call(selectors: Any, name: str, **kwargs: Any) -> Any:
    function = getattr(selectors, name, None)
    return None if function is None else function(**kwargs)


def home_context(*, today: dt.date, language: str) -> dict[str, Any]:
    """The featured process with its phases (the one under way on `today` marked), upcoming
    and recent events, and the latest news in `language`."""
    context: dict[str, Any] = {
        "process": None,
        "phases": [],
        "current_phase": None,
        "upcoming_events": [],
        "recent_events": [],
        "news": [],
        "today": today,
    }
    selectors = _process_selectors()
    if selectors is None:
        return context
    process = _call(selectors, "process_featured", on=today)
    context["process"] = process
    if process is not None:
        context["phases"] = list(_call(selectors, "phase_list", process=process) or [])
        context["current_phase"] = _call(selectors, "phase_current", process=process, on=today)
    context["upcoming_events"] = list(
        _call(selectors, "event_upcoming", on=today, limit=EVENTS_SHOWN) or []
    )
    context["recent_events"] = list(
        _call(selectors, "event_recent", on=today, limit=EVENTS_SHOWN) or []
    )
    context["news"] = list(
        _call(selectors, "news_latest", limit=NEWS_SHOWN, language=language) or []
    )
    return context
