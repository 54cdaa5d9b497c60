import pytest
from django.apps import apps

from convenor.core.models import AuditEntry
from convenor.directory import demo as directory_demo
from convenor.framework import demo as framework_demo
from convenor.process import demo as process_demo
from convenor.reports import demo
from convenor.reports.models import Recommendation, Report, ReportStatus

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
    assert loaded["report"] == 1 and loaded["recommendation"] > 50
    before = _row_counts()
    audits = AuditEntry.objects.count()
    assert demo.load() == {}
    assert _row_counts() == before and AuditEntry.objects.count() == audits


def test_green_room_report_is_submitted_with_every_section(loaded, coordinator_client):
    report = Report.objects.get(slug="gfmd-2017-green-room")
    assert report.status == ReportStatus.SUBMITTED
    kinds = set(report.items.values_list("kind", flat=True))
    assert {
        "baseline",
        "red_line",
        "mechanism",
        "question",
        "quote",
        "strategic_step",
        "issue",
    } <= kinds
    quotes = report.items.filter(kind="quote")
    assert quotes.count() == 8 and all(q.attribution == "anonymous" for q in quotes)
    assert report.items.filter(kind="mechanism", horizon="2y").exists()
    assert coordinator_client.get(f"/reports/{report.slug}/").status_code == 200
    other = Recommendation.objects.filter(report=None)
    assert other.exists() and other.filter(event__slug="civil-society-stocktaking-2017").exists()
