import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from .conftest import make_news

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
def test_atom_feed_is_valid_xml_with_published_items_newest_first():
    make_news(slug="old", title="Old news", date=datetime.date(2017, 1, 1))
    make_news(slug="new", title="New news", date=datetime.date(2018, 1, 1), body="**bold**")
    make_news(slug="draft", title="Draft news", published=False)
    response = Client().get("/news/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["New news", "Old news"]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").endswith("/news/new/")
    assert "<strong>bold</strong>" in first.findtext(f"{ATOM}summary")
    assert first.findtext(f"{ATOM}updated")


@pytest.mark.django_db
def test_atom_feed_empty_is_still_valid():
    root = ET.fromstring(Client().get("/news/feed.atom").content)
    assert root.findall(f"{ATOM}entry") == []


@pytest.mark.django_db
def test_atom_entry_ids_are_absolute_iris():
    # Atom (RFC 4287, 4.2.6) wants an IRI; "news-1" makes validators and some readers reject it.
    make_news(slug="dated", title="Dated", date=datetime.date(2017, 10, 11))
    root = ET.fromstring(Client().get("/news/feed.atom").content)
    entry_id = root.find(f"{ATOM}entry").findtext(f"{ATOM}id")
    assert entry_id.startswith("http://testserver/")


@pytest.mark.django_db
def test_atom_entry_without_a_date_does_not_claim_to_be_published_today():
    make_news(slug="undated", title="Undated 2017 item", date=None)
    entry = ET.fromstring(Client().get("/news/feed.atom").content).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}published") is None
    assert entry.findtext(f"{ATOM}updated")
