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


def test_demo_nominees_are_marked_fictional(loaded):
    from convenor.delegations.models import Nomination

    nominations = Nomination.objects.filter(quota__round__slug="puerto-vallarta-2017-delegates")
    assert nominations.count() > 60
    for n in nominations.select_related("person"):
        assert n.person.role == demo.FICTIONAL_ROLE
        assert n.person.slug.startswith("fictional-")
        assert n.person.email.endswith("@example.org")
        assert "FICTIONAL" in n.person.source


def test_demo_round_selection_seats_sixty_unduplicated_delegates(loaded, coordinator):
    from convenor.delegations import services

    round_ = SelectionRound.objects.get(slug="puerto-vallarta-2017-delegates")
    run = services.selection_run_start(actor=coordinator, round=round_, time_limit=20)
    run = services.selection_run_execute(run_id=run.pk)  # the task runs after commit
    assert run.status == "done" and run.outcome in ("optimal", "feasible")
    selected = run.result["selected"]
    assert len(selected) == 60
    assert len({s["person"] for s in selected}) == 60
    per_quota: dict[str, int] = {}
    for seat in selected:
        per_quota[seat["quota"]] = per_quota.get(seat["quota"], 0) + 1
    assert per_quota == {q.slug: q.seats for q in round_.quotas.all()}
