import datetime

import pytest
from django.apps import apps

from convenor.core.models import AuditEntry
from convenor.directory import demo as directory_demo
from convenor.process import demo, selectors
from convenor.process.models import Document, Event, EventKind, NewsItem, Phase, Process

D = datetime.date


@pytest.fixture
def loaded(db):
    directory_demo.load()
    return demo.load()


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.django_db
def test_loading_twice_changes_nothing(loaded):
    before = _row_counts()
    audits = AuditEntry.objects.count()
    second = demo.load()
    assert _row_counts() == before
    assert AuditEntry.objects.count() == audits
    assert not any(k.endswith(("_created", "_updated", "_synced")) for k in second)


@pytest.mark.django_db
def test_demo_references_resolve_against_the_directory_demo(loaded):
    assert loaded.get("missing_references", 0) == 0


@pytest.mark.django_db
def test_demo_process_and_phases(loaded):
    process = Process.objects.get(slug="gcm-2017-2018")
    phases = {p.slug: (p.start_date, p.end_date) for p in process.phases.all()}
    assert phases == {
        "consultations": (D(2017, 4, 1), D(2017, 11, 30)),
        "stocktaking": (D(2017, 11, 1), D(2018, 1, 31)),
        "negotiations": (D(2018, 2, 1), D(2018, 7, 31)),
        "adoption": (D(2018, 8, 1), D(2018, 12, 31)),
        "implementation": (D(2019, 1, 1), None),
    }
    assert selectors.phase_current(process=process, on=D(2018, 12, 10)).slug == "adoption"
    assert selectors.phase_current(process=process, on=D(2025, 1, 1)).slug == "implementation"


@pytest.mark.django_db
def test_demo_has_seven_regional_consultations_in_the_right_cities(loaded):
    events = Event.objects.filter(kind=EventKind.REGIONAL_CONSULTATION)
    assert {(e.city, e.country.code, e.region.slug) for e in events} == {
        ("Bangkok", "TH", "asia"),
        ("Beirut", "LB", "mena"),
        ("Bamako", "ML", "africa"),
        ("Washington DC", "US", "north-america"),
        ("Brussels", "BE", "europe"),
        ("Quito", "EC", "latin-america-caribbean"),
        ("Nadi", "FJ", "pacific"),
    }
    quito = events.get(city="Quito")
    roles = {a.organisation.slug: a.role for a in quito.anchorings.all()}
    assert roles == {
        "bloque-latinoamericano": "anchor",
        "asylum-access-ecuador": "technical_focal_point",
    }
    bamako = events.get(city="Bamako")
    assert {o.slug for o in bamako.organisations.all()} == {"panidmr", "made-afrique"}
    assert (bamako.start_date, bamako.end_date) == (D(2017, 8, 28), D(2017, 8, 29))


@pytest.mark.django_db
def test_demo_has_six_thematic_consultations_first_on_8_may(loaded):
    thematic = Event.objects.filter(kind=EventKind.THEMATIC_CONSULTATION).order_by("start_date")
    assert thematic.count() == 6
    assert (thematic[0].start_date, thematic[0].end_date) == (D(2017, 5, 8), D(2017, 5, 9))


@pytest.mark.django_db
def test_demo_language_versions_are_grouped(loaded):
    africa = Document.objects.filter(event__slug="rcsc-africa-2017", kind="report")
    assert sorted(africa.values_list("language", flat=True)) == ["en", "fr"]
    assert len(set(africa.values_list("translation_group", flat=True))) == 1
    latin = Document.objects.filter(event__slug="rcsc-latin-america-2017")
    assert sorted(latin.values_list("language", flat=True)) == ["en", "es"]
    assert len(set(latin.values_list("translation_group", flat=True))) == 1


@pytest.mark.django_db
def test_demo_news_from_seed_004(loaded):
    assert NewsItem.objects.count() == 10
    hearing = NewsItem.objects.get(slug="second-multi-stakeholder-hearing")
    assert hearing.date == D(2017, 10, 11)
    assert hearing.event.venue == "Palais des Nations"


@pytest.mark.django_db
def test_demo_every_record_names_its_source(loaded):
    assert not Event.objects.filter(source="").exists()
    assert not Document.objects.filter(source="").exists()
    assert not NewsItem.objects.filter(note="").exists()
    assert Phase.objects.count() == 5
