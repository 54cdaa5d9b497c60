"""The Atom feed of published news."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from convenor.core.text import render_markdown

from .models import NewsItem
from .selectors import news_latest

FEED_ITEMS = 50


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("News")
    subtitle = _("News from the coalition")

    def link(self) -> str:
        return reverse("process:news_list")

    def items(self) -> list[NewsItem]:
        return news_latest(limit=FEED_ITEMS)

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return str(render_markdown(item.body))

    def item_link(self, item: NewsItem) -> str:
        return reverse("process:news_detail", args=[item.slug])

    # No item_guid: each entry's <id> is then its absolute permalink, a valid Atom IRI.

    def _dated(self, item: NewsItem) -> datetime.datetime | None:
        if item.date is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_pubdate(self, item: NewsItem) -> datetime.datetime | None:
        # An item without a date (older news transcribed from the seeds) has no known
        # publication moment: the record's creation time would date 2017 news to today.
        return self._dated(item)

    def item_updateddate(self, item: NewsItem) -> datetime.datetime:
        dated = self._dated(item)
        return item.updated_at if dated is None else max(dated, item.updated_at)
