"""iCalendar (RFC 5545) for events: all-day dates with an exclusive DTEND, or times."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as IcsEvent

from .models import Event


def _uid(event: Event) -> str:
    # Stable across renames: the primary key never changes.
    host = urlsplit(settings.SITE_URL).hostname or "convenor"
    return f"event-{event.pk}@{host}"


def _moment(day: datetime.date, time: datetime.time, zone: str) -> datetime.datetime:
    tz: datetime.tzinfo = datetime.UTC
    if zone:
        try:
            tz = zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            tz = datetime.UTC
    # Written in UTC so that no VTIMEZONE block is needed.
    return datetime.datetime.combine(day, time, tzinfo=tz).astimezone(datetime.UTC)


def _location(event: Event) -> str:
    parts = [event.venue, event.city, getattr(event.country, "name", "") if event.country else ""]
    place = ", ".join(p for p in parts if p)
    if event.online:
        place = f"{place} (online)" if place else "Online"
    return place


def _description(event: Event) -> str:
    """Text for DESCRIPTION: themes, description, anchors and public focal points only.
    The focal points must have been prefetched without people marked do_not_publish."""
    lines = []
    if event.themes:
        lines.append(event.themes)
    if event.description:
        lines.append(event.description)
    anchors = [a.organisation.name for a in event.anchorings.all()]
    if anchors:
        lines.append("Anchored by: " + "; ".join(anchors))
    people = [p.name for p in event.focal_points.all() if not p.do_not_publish]
    if people:
        lines.append("Focal points: " + "; ".join(people))
    return "\n\n".join(lines)


def event_component(event: Event) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", _uid(event))
    item.add("summary", event.title)
    item.add("dtstamp", event.updated_at or datetime.datetime.now(datetime.UTC))
    if event.start_time:
        start = _moment(event.start_date, event.start_time, event.time_zone)
        end_time = event.end_time or event.start_time
        end = _moment(event.end_date, end_time, event.time_zone)
        if end <= start:
            end = start + datetime.timedelta(hours=1)
        item.add("dtstart", start)
        item.add("dtend", end)
    else:
        item.add("dtstart", event.start_date)
        item.add("dtend", event.end_date + datetime.timedelta(days=1))
    location = _location(event)
    if location:
        item.add("location", location)
    item.add(
        "url",
        event.url
        or settings.SITE_URL.rstrip("/") + reverse("process:event_detail", args=[event.slug]),
    )
    description = _description(event)
    if description:
        item.add("description", description)
    item.add("categories", [event.get_kind_display()])
    return item


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    """A VCALENDAR holding one VEVENT per event."""
    cal = Calendar()
    cal.add("prodid", "-//Convenor//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event_component(event))
    return cal.to_ical()
