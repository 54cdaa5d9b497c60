"""The events table rows, written by one tag (process_tags.event_rows)."""

import datetime

import pytest
from django.utils import translation

from convenor.directory.models import Region
from convenor.process.models import Event, EventKind
from convenor.process.selectors import event_list_rows
from convenor.process.templatetags.process_tags import event_rows

pytestmark = pytest.mark.django_db


def test_event_rows_escape_and_label_every_column(process, phases):
    region = Region.objects.create(slug="asia", name="Asia & <Pacific>", order=1)
    Event.objects.create(
        process=process,
        phase=phases["consultations"],
        slug="bangkok",
        title='Bangkok <script>alert("x")</script>',
        kind=EventKind.choices[0][0],
        start_date=datetime.date(2017, 9, 6),
        end_date=datetime.date(2017, 9, 7),
        city="Bangkok",
        country="TH",
        region=region,
        online=True,
    )
    with translation.override("en"):
        html = event_rows(event_list_rows())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="/events/bangkok/"' in html
    assert '<time datetime="2017-09-06">6 Sep 2017</time>' in html
    assert "Bangkok, Thailand" in html
    assert str(EventKind.choices[0][1]) in html
    assert phases["consultations"].name in html
    assert "Asia &amp; &lt;Pacific&gt;" in html
    assert '<span class="badge">online</span>' in html


def test_event_rows_translate_labels(process, phases):
    Event.objects.create(
        process=process,
        slug="paris",
        title="Paris",
        kind=EventKind.choices[0][0],
        start_date=datetime.date(2017, 8, 4),
        end_date=datetime.date(2017, 8, 4),
        country="FR",
    )
    with translation.override("fr"):
        html = event_rows(event_list_rows())
    assert "France" in html
    assert "4 août 2017" in html
