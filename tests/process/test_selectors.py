import datetime
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convenor.process import selectors
from convenor.process.models import Phase

from .conftest import make_document, make_event, make_org, make_person, make_region

D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2017, 3, 31), None),
        (D(2017, 4, 1), "consultations"),  # first day
        (D(2017, 11, 30), "consultations"),  # last day
        (D(2017, 12, 1), None),  # gap between phases
        (D(2018, 2, 1), "negotiations"),
        (D(2018, 7, 31), "negotiations"),
        (D(2030, 1, 1), "implementation"),  # no end: open
    ],
)
def test_phase_current_on_boundaries(process, phases, on, expected):
    current = selectors.phase_current(process=process, on=on)
    assert (current.slug if current else None) == expected


@pytest.mark.django_db
def test_phase_current_defaults_to_today(process, phases, monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: D(2018, 3, 1))
    assert selectors.phase_current(process=process).slug == "negotiations"


@pytest.mark.django_db
def test_overlapping_phases_latest_start_is_current(process, phases):
    Phase.objects.create(
        process=process,
        slug="stocktaking",
        name="Stocktaking",
        order=2,
        start_date=D(2017, 11, 1),
        end_date=D(2018, 1, 31),
    )
    assert selectors.phase_current(process=process, on=D(2017, 11, 15)).slug == "stocktaking"
    assert selectors.phase_current(process=process, on=D(2017, 10, 31)).slug == "consultations"
    timeline = selectors.process_timeline(process=process, on=D(2017, 11, 15))
    assert [e.phase.slug for e in timeline if e.current] == ["stocktaking"]


@pytest.mark.django_db
def test_process_timeline_marks_past_and_current(process, phases):
    timeline = selectors.process_timeline(process=process, on=D(2018, 3, 1))
    assert [(e.phase.slug, e.current, e.past) for e in timeline] == [
        ("consultations", False, True),
        ("negotiations", True, False),
        ("implementation", False, False),
    ]


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@given(
    cuts=st.lists(dates, min_size=2, max_size=12, unique=True),
    open_end=st.booleans(),
    on=dates,
)
def test_current_among_non_overlapping_phases_is_one_or_none(cuts, open_end, on):
    """For phases that do not overlap, at most one is current, and it contains the date."""
    cuts.sort()
    phases = []
    for n, (start, nxt) in enumerate(itertools.pairwise(cuts)):
        end = nxt - datetime.timedelta(days=1)
        if end >= start:
            phases.append(Phase(pk=n + 1, slug=f"p{n}", start_date=start, end_date=end, order=n))
    if open_end:
        phases.append(Phase(pk=99, slug="open", start_date=cuts[-1], end_date=None, order=99))
    containing = [p for p in phases if p.is_current_on(on)]
    assert len(containing) <= 1
    current = selectors.current_among(phases, on)
    assert current == (containing[0] if containing else None)


@pytest.fixture
def catalogue(process, phases):
    asia, europe = make_region("asia"), make_region("europe")
    mfa = make_org("mfa")
    events = {
        "bangkok": make_event(
            process,
            slug="bangkok",
            title="Asia consultation",
            city="Bangkok",
            region=asia,
            phase=phases["consultations"],
            start_date=D(2017, 8, 4),
            end_date=D(2017, 8, 5),
            anchors=[mfa],
        ),
        "brussels": make_event(
            process,
            slug="brussels",
            title="Europe consultation",
            city="Brussels",
            region=europe,
            phase=phases["consultations"],
            start_date=D(2017, 10, 2),
            end_date=D(2017, 10, 3),
        ),
        "round": make_event(
            process,
            slug="round",
            title="Negotiation round",
            kind="negotiation_round",
            themes="Zero draft",
            phase=phases["negotiations"],
            start_date=D(2018, 2, 20),
            end_date=D(2018, 2, 22),
        ),
    }
    return {"events": events, "asia": asia, "mfa": mfa, "phases": phases}


def _slugs(qs):
    return [e.slug for e in qs]


@pytest.mark.django_db
def test_event_list_ordered_by_start_date(catalogue):
    assert _slugs(selectors.event_list()) == ["bangkok", "brussels", "round"]


@pytest.mark.django_db
def test_event_list_filters(catalogue, process):
    assert _slugs(selectors.event_list(phase="negotiations")) == ["round"]
    assert _slugs(selectors.event_list(kind="negotiation_round")) == ["round"]
    assert _slugs(selectors.event_list(region=catalogue["asia"])) == ["bangkok"]
    assert _slugs(selectors.event_list(organisation=catalogue["mfa"])) == ["bangkok"]
    assert _slugs(selectors.event_list(q="zero")) == ["round"]
    assert _slugs(selectors.event_list(q="brussels")) == ["brussels"]
    assert _slugs(selectors.event_list(process=process, kind="webinar")) == []


@pytest.mark.django_db
def test_event_list_date_range_keeps_overlapping_events(catalogue):
    # Bangkok runs 4-5 August: a range starting on the 5th still includes it.
    assert _slugs(selectors.event_list(date_from=D(2017, 8, 5), date_to=D(2017, 10, 2))) == [
        "bangkok",
        "brussels",
    ]
    assert _slugs(selectors.event_list(date_from=D(2017, 8, 6), date_to=D(2017, 10, 1))) == []


@pytest.mark.django_db
def test_event_get_hides_private_focal_points_from_non_coordinators(process, coordinator, member):
    public = make_person("public-person")
    hidden = make_person("hidden-person", do_not_publish=True)
    make_event(process, slug="e", focal_points=[public, hidden])
    seen = {p.slug for p in selectors.event_get(slug="e", viewer=member).focal_points.all()}
    assert seen == {"public-person"}
    seen = {p.slug for p in selectors.event_get(slug="e", viewer=coordinator).focal_points.all()}
    assert seen == {"public-person", "hidden-person"}


@pytest.mark.django_db
def test_event_documents_grouped_by_translation_group(process):
    event = make_event(process)
    english = make_document(event=event, title="Africa report", language="en")
    french = make_document(
        event=event, title="Rapport", language="fr", translation_group=english.translation_group
    )
    other = make_document(event=event, title="Summary", kind="summary")
    groups = selectors.event_documents(event=event)
    assert len(groups) == 2
    report = next(g for g in groups if g.main == english)
    assert report.versions == [english, french]
    assert report.languages == ["en", "fr"]
    assert any(g.main == other for g in groups)


@pytest.mark.django_db
def test_document_list_filters(process):
    event = make_event(process)
    make_document(event=event, language="fr", kind="summary")
    make_document(process=process, language="en")
    assert selectors.document_list(language="fr").count() == 1
    assert selectors.document_list(kind="summary").count() == 1
    assert selectors.document_list(event=event).count() == 1
    assert selectors.document_list(process=process).count() == 1


@pytest.mark.django_db
def test_news_latest_published_newest_first_with_language(db):
    from .conftest import make_news

    old = make_news(date=D(2017, 1, 1))
    new = make_news(date=D(2018, 1, 1))
    make_news(date=D(2019, 1, 1), published=False)
    undated = make_news(date=None)
    french = make_news(date=D(2016, 1, 1), language="fr")
    assert selectors.news_latest(limit=10) == [new, old, french, undated]
    assert selectors.news_latest(limit=1) == [new]
    assert selectors.news_latest(language="fr") == [french]


@pytest.mark.django_db
def test_organisation_and_person_activity(process):
    mfa = make_org("mfa")
    person = make_person("p")
    hidden = make_person("h", do_not_publish=True)
    event = make_event(process, anchors=[mfa], focal_points=[person, hidden])
    doc = make_document(organisations=[mfa])
    activity = selectors.organisation_activity(organisation=mfa)
    assert [a.event for a in activity["anchorings"]] == [event]
    assert activity["documents"] == [doc]
    assert selectors.person_activity(person=person)["events"] == [event]
    assert selectors.person_activity(person=hidden)["events"] == []


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["process", "phase", "kind", "region", "date_from", "date_to", "q", "organisation"]
        ),
        st.one_of(st.text(max_size=30), st.dates().map(str)),
    )
)
def test_event_filters_never_raise_anything_but_invalid_input(catalogue, data):
    from convenor.core.errors import InvalidInput
    from convenor.process.filters import EventFilterForm, parse_filters

    try:
        filters = parse_filters(EventFilterForm, data)
    except InvalidInput as exc:
        assert exc.detail
        return
    list(selectors.event_list(**filters))
