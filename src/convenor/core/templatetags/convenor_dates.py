"""One way to write dates on every page: the current language's DATE_FORMAT (see
config/formats), in a <time> element where a template wants one.

    {% load convenor_dates %}{{ value|day }}  {{ value|moment }}  {% day_range obj %}
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=4096)
def _day(value: datetime.date, language: str | None) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def format_day(value: datetime.date | None) -> str:
    """The date in the current language's DATE_FORMAT ("4 Aug 2017", "4 août 2017"),
    worked out once per date and language (lists write the same dates many times)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _day(value, get_language())


def time_html(value: datetime.date) -> str:
    """<time datetime="2017-08-04">4 Aug 2017</time>, built without format_html (used per row)."""
    return f'<time datetime="{value.isoformat()}">{format_day(value)}</time>'


@register.filter
def day(value: datetime.date | None) -> str:
    """{{ value|day }}: the date in the current language's DATE_FORMAT."""
    return format_day(value)


@register.filter
def moment(value: datetime.datetime | None) -> str:
    """{{ value|moment }}: date and time in the current language's DATETIME_FORMAT, local time."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def range_html(start: datetime.date | None, end: datetime.date | None, *, ongoing: str = "") -> str:
    """ "<time>start</time> – <time>end</time>", one date when they are equal, "start – ongoing"
    when `ongoing` is given and there is no end."""
    if start is None:
        return ""
    html = time_html(start)
    if end is not None and end != start:
        html += " – " + time_html(end)
    elif end is None and ongoing:
        html += format_html(" – {}", ongoing)
    return html


@register.simple_tag
def day_range(obj: object, ongoing: str = "") -> SafeString:
    """{% day_range obj %}: obj.start_date – obj.end_date as <time> elements."""
    return SafeString(
        range_html(
            getattr(obj, "start_date", None), getattr(obj, "end_date", None), ongoing=ongoing
        )
    )
