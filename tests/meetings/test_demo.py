import pytest
from django.apps import apps

from convenor.core.models import AuditEntry
from convenor.directory import demo as directory_demo
from convenor.framework import demo as framework_demo
from convenor.meetings import demo
from convenor.meetings.models import Meeting, Session, SmallTable
from convenor.process import demo as process_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    directory_demo.load()
    framework_demo.load()
    process_demo.load()
    return demo.load()


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_loading_twice_changes_nothing(loaded):
    before = _row_counts()
    audits = AuditEntry.objects.count()
    second = demo.load()
    assert _row_counts() == before
    assert AuditEntry.objects.count() == audits
    assert not any(k.endswith(("_created", "_updated", "_set")) for k in second)


def test_annex1_programme(loaded):
    assert loaded.get("missing_references", 0) == 0
    meeting = Meeting.objects.get(event__slug="civil-society-stocktaking-2017")
    assert [d.date.day for d in meeting.days.all()] == [2, 3]
    parallel = Session.objects.filter(day__meeting=meeting, kind="parallel")
    codes = sorted(t.code for s in parallel for t in s.themes.all())
    assert codes == ["2", "3", "5", "9"]
    rounds = Session.objects.filter(day__meeting=meeting, kind="small_table")
    assert sorted(s.table_round for s in rounds) == [1, 2]
    assert all(s.chatham_house for s in rounds)
    assert SmallTable.objects.filter(meeting=meeting).count() == 10


def test_demo_programme_is_in_puerto_vallarta_local_time(loaded):
    from django.test import Client

    meeting = Meeting.objects.get(event__slug="civil-society-stocktaking-2017")
    assert meeting.zone_name == "America/Mexico_City"
    ics = Client().get("/meetings/civil-society-stocktaking-2017/programme.ics").content
    # The 09:00 welcome on 2 December 2017 is 15:00 UTC (Central Standard Time, UTC-6).
    assert b"DTSTART:20171202T150000Z" in ics


def test_demo_tables_have_no_facilitator_because_the_seeds_name_none(loaded):
    assert not SmallTable.objects.filter(facilitator__isnull=False).exists()
