import pytest
from django.apps import apps

from convenor.core.models import AuditEntry
from convenor.delegations import demo
from convenor.delegations.models import SelectionRound
from convenor.directory import demo as directory_demo
from convenor.process import demo as process_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    directory_demo.load()
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
    assert not any(k.endswith(("_created", "_updated")) for k in second)


def test_annex3_round(loaded):
    round_ = SelectionRound.objects.get(event__slug="civil-society-stocktaking-2017")
    assert round_.capacity == 60
    quotas = list(round_.quotas.all())
    assert len(quotas) == 18  # 13 processes; the regional one has a quota per region
    assert sum(q.seats for q in quotas) == 60
    by_slug = {q.slug: q for q in quotas}
    assert (by_slug["gfmd-csd"].mode, by_slug["gfmd-csd"].max_names, by_slug["gfmd-csd"].seats) == (
        "nominate",
        7,
        4,
    )
    assert by_slug["migrants-and-refugees"].max_names is None
    assert by_slug["mexico"].seats == 7
