"""The programme as iCalendar: one VEVENT per session, in UTC."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as IcsEvent

from .models import Meeting, Session


def _zone(name: str) -> datetime.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name) if name else datetime.UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def programme_calendar(meeting: Meeting, sessions: Iterable[Session]) -> bytes:
    host = urlsplit(settings.SITE_URL).hostname or "convenor"
    tz = _zone(meeting.zone_name)
    cal = Calendar()
    cal.add("prodid", "-//Convenor//Programme//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", meeting.event.title)
    place = ", ".join(p for p in (meeting.event.venue, meeting.event.city) if p)
    for s in sessions:
        item = IcsEvent()
        item.add("uid", f"session-{s.pk}@{host}")
        item.add("summary", s.title)
        start = datetime.datetime.combine(s.day.date, s.start_time, tzinfo=tz)
        end = datetime.datetime.combine(s.day.date, s.end_time, tzinfo=tz)
        item.add("dtstart", start.astimezone(datetime.UTC))
        item.add("dtend", max(end, start + datetime.timedelta(minutes=5)).astimezone(datetime.UTC))
        item.add("dtstamp", datetime.datetime.now(datetime.UTC))
        location = ", ".join(p for p in (s.room, place) if p)
        if location:
            item.add("location", location)
        lines = [s.get_kind_display()]
        if s.chatham_house:
            lines.append("Chatham House rule")
        if s.description:
            lines.append(s.description)
        item.add("description", "\n".join(lines))
        cal.add_component(item)
    return cal.to_ical()
