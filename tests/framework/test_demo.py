import pytest
from django.apps import apps

from convenor.core.models import AuditEntry
from convenor.framework import demo
from convenor.framework.models import Framework, FrameworkItem, Position

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("framework").get_models()
    }


def test_loading_twice_changes_nothing(coordinator):
    first = demo.load(actor=coordinator)
    counts, audits = row_counts(), AuditEntry.objects.count()
    second = demo.load(actor=coordinator)
    assert first["created"] > 0
    assert second["created"] == second["updated"] == 0
    assert row_counts() == counts
    assert AuditEntry.objects.count() == audits


def test_ten_acts_has_acts_one_to_ten_and_the_named_sub_acts(db):
    demo.load()
    items = FrameworkItem.objects.filter(framework__slug="ten-acts")
    acts = list(items.filter(kind="goal", parent=None).values_list("code", flat=True))
    assert acts == [str(n) for n in range(1, 11)]
    sub_acts = {"2.3", "3.3", "3.4", "3.6", "6.1", "9.1", "9.6"}
    assert set(items.filter(kind="target").values_list("code", flat=True)) == sub_acts
    for code in sub_acts:
        assert items.get(code=code).parent.code == code.split(".")[0]
    assert items.filter(kind="group").count() == 4
    assert set(items.filter(kind="principle").values_list("code", flat=True)) == {
        "P-1",
        "P-2",
        "P-3",
    }
    assert set(items.filter(urgent=True).values_list("code", flat=True)) == {"3.6", "6.1", "9.1"}
    assert items.get(code="1").title == "Drivers of Human Mobility"
    assert set(items.filter(tags__slug="children", code="3.6").values_list("code", flat=True)) == {
        "3.6"
    }


def test_gcm_objectives_has_23_objectives_and_10_principles(db):
    demo.load()
    items = FrameworkItem.objects.filter(framework__slug="gcm-objectives")
    objectives = list(items.filter(kind="objective").values_list("code", flat=True))
    assert objectives == [str(n) for n in range(1, 24)]
    assert items.filter(kind="principle").count() == 10
    assert "A/RES/73/195" in Framework.objects.get(slug="gcm-objectives").source
    assert items.get(code="13").title.startswith("Use migration detention only")


def test_green_room_positions_are_all_there_and_linked(db):
    demo.load()
    assert Position.objects.filter(kind="key_issue").count() == 12
    assert Position.objects.filter(kind="baseline").count() == 16
    assert Position.objects.filter(kind="red_line").count() == 5
    assert Position.objects.filter(kind="common_message").exists()
    assert not Position.objects.filter(items=None).exists()
    detention = Position.objects.get(slug="red-line-no-child-detention")
    assert {
        f"{i.framework.slug}:{i.code}" for i in detention.items.select_related("framework")
    } >= {"ten-acts:3.6", "gcm-objectives:13"}
    funding = Position.objects.get(kind="key_issue", order=12)
    assert funding.title == "Funding mechanisms"
