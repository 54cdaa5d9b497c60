"""Small tags for lists that are rendered 50 rows at a time; they do in one Python call
what an {% include %} per row would do in many template nodes."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django_countries import countries

from convenor.core.templatetags.convenor_dates import range_html
from convenor.process.models import Event, EventKind

register = template.Library()


@register.simple_tag
def date_range(obj: object) -> SafeString:
    """<time> elements for obj.start_date – obj.end_date (one date when they are equal)."""
    return SafeString(range_html(getattr(obj, "start_date", None), getattr(obj, "end_date", None)))


@register.simple_tag
def event_rows(events: Iterable[Event]) -> SafeString:
    """The <tr> rows of the events table (dates, title and phase, kind, place, region).

    Labels, country names, the link prefix and the "online" badge are worked out once per
    table: per row, the template engine's lookups, choice-label hashing, translated country
    names and URL reversing cost more than the rest of the events page."""
    kinds = {value: escape(str(label)) for value, label in EventKind.choices}
    url = reverse("process:event_detail", args=["__slug__"])
    online = f' <span class="badge">{escape(gettext("online"))}</span>'
    names: dict[str, str] = {}
    rows = []
    for event in events:
        # The raw code: the country descriptor builds a Country (and translates) per access.
        code = vars(event).get("country") or ""
        if code and code not in names:
            names[code] = str(countries.name(code))
        place = ", ".join(part for part in (event.city, names.get(code, "")) if part)
        phase = (
            f'<br><span class="muted">{escape(event.phase.name)}</span>'
            if event.phase is not None
            else ""
        )
        rows.append(
            "<tr>\n"
            f"    <td>{range_html(event.start_date, event.end_date)}</td>\n"
            f'    <th scope="row"><a href="{escape(url.replace("__slug__", event.slug))}">'
            f"{escape(event.title)}</a>{phase}</th>\n"
            f"    <td>{kinds.get(event.kind) or escape(event.kind)}</td>\n"
            f"    <td>{escape(place)}{online if event.online else ''}</td>\n"
            f"    <td>{escape(event.region.name) if event.region is not None else ''}</td>\n"
            "  </tr>"
        )
    return SafeString("\n".join(rows))
