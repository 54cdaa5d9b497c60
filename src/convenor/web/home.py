"""What the home page shows: the latest process's timeline, events around today, news."""

from __future__ import annotations

import datetime as dt
from typing import Any

from convenor.process import selectors as process_selectors

EVENTS_SHOWN = 5
NEWS_SHOWN = 5


def home_context(*, today: dt.date, language: str, on: dt.date | None = None) -> dict[str, Any]:
    """The latest process with its phases in order (the one under way `on` that date, by
    default today, marked), the next and the most recent events, and the latest news in
    `language` (in any language when there is none in it)."""
    process = process_selectors.process_list().first()
    day = on or today
    timeline = process_selectors.process_timeline(process=process, on=day) if process else []
    current = next((entry.phase for entry in timeline if entry.current), None)
    upcoming = list(process_selectors.event_list(date_from=today)[:EVENTS_SHOWN])
    recent = list(
        process_selectors.event_list(date_to=today - dt.timedelta(days=1)).reverse()[:EVENTS_SHOWN]
    )
    news = process_selectors.news_latest(limit=NEWS_SHOWN, language=language)
    if not news:
        news = process_selectors.news_latest(limit=NEWS_SHOWN)
    return {
        "process": process,
        "timeline": timeline,
        "current_phase": current,
        "upcoming_events": upcoming,
        "recent_events": recent,
        "news": news,
        "today": today,
        "on": day,
    }
