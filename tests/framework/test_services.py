import pytest

from convenor.core.errors import Conflict, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.framework.codes import code_sort_key
from convenor.framework.models import Framework, FrameworkItem, Position
from convenor.framework.services import (
    framework_create,
    framework_delete,
    framework_update,
    item_create,
    item_delete,
    item_update,
    position_create,
    position_delete,
    position_update,
)

from .conftest import make_item

pytestmark = pytest.mark.django_db


def test_framework_create_records_an_audit_entry(coordinator):
    framework = framework_create(actor=coordinator, slug="sdgs", title="SDGs")
    entry = AuditEntry.objects.get(action="framework.create")
    assert entry.actor == coordinator
    assert entry.target_id == str(framework.pk)


def test_framework_create_taken_slug_is_a_conflict(coordinator, framework):
    with pytest.raises(Conflict) as caught:
        framework_create(actor=coordinator, slug=framework.slug, title="Again")
    assert caught.value.field == "slug"


@pytest.mark.parametrize("slug", ["", "Bad Slug", "new", "a--b"])
def test_framework_create_refuses_bad_slugs(coordinator, slug):
    with pytest.raises(Unprocessable):
        framework_create(actor=coordinator, slug=slug, title="T")


def test_framework_update_records_only_changes(coordinator, framework):
    framework_update(actor=coordinator, framework=framework, data={"title": "New title"})
    entry = AuditEntry.objects.get(action="framework.update")
    assert entry.changes == {"title": ["The Acts", "New title"]}
    framework_update(actor=coordinator, framework=framework, data={"title": "New title"})
    assert AuditEntry.objects.filter(action="framework.update").count() == 1


def test_framework_update_refuses_unknown_fields(coordinator, framework):
    with pytest.raises(Unprocessable):
        framework_update(actor=coordinator, framework=framework, data={"pk": 3})


def test_framework_delete_takes_its_nested_items(coordinator, acts, framework):
    framework_delete(actor=coordinator, framework=framework)
    assert not Framework.objects.filter(slug="acts").exists()
    assert FrameworkItem.objects.count() == 0
    assert AuditEntry.objects.filter(action="framework.delete").count() == 1


def test_item_create_sets_sort_key_tags_and_audit(coordinator, framework):
    item = item_create(
        actor=coordinator,
        framework=framework,
        code="3.10",
        title="T",
        kind="target",
        tags=["women", "Children"],
    )
    assert item.sort_key
    assert sorted(item.tags.values_list("slug", flat=True)) == ["children", "women"]
    entry = AuditEntry.objects.get(action="framework_item.create")
    assert entry.changes["code"] == "3.10"


def test_item_create_duplicate_code_is_a_conflict(coordinator, acts, framework):
    with pytest.raises(Conflict) as caught:
        item_create(actor=coordinator, framework=framework, code="3.6", title="Dup", kind="target")
    assert caught.value.status == 409
    assert caught.value.field == "code"


def test_same_code_in_another_framework_is_fine(coordinator, acts, other_framework):
    item = item_create(
        actor=coordinator, framework=other_framework, code="3.6", title="T", kind="goal"
    )
    assert item.code == "3.6"


def test_item_create_refuses_parent_from_another_framework(coordinator, acts, other_framework):
    with pytest.raises(Unprocessable) as caught:
        item_create(
            actor=coordinator,
            framework=other_framework,
            code="1",
            title="T",
            kind="goal",
            parent=acts["3"],
        )
    assert caught.value.field == "parent"


@pytest.mark.parametrize("code", ["", " ", "3 6", "new", "-1", "x" * 40])
def test_item_create_refuses_bad_codes(coordinator, framework, code):
    with pytest.raises(Unprocessable):
        item_create(actor=coordinator, framework=framework, code=code, title="T", kind="goal")


def test_item_create_target_year_horizon_needs_a_year(coordinator, framework):
    with pytest.raises(Unprocessable) as caught:
        item_create(
            actor=coordinator, framework=framework, code="1", title="T", kind="goal", horizon="year"
        )
    assert caught.value.field == "target_year"


def test_item_update_refuses_a_cycle(coordinator, acts):
    with pytest.raises(Unprocessable) as caught:
        item_update(actor=coordinator, item=acts["3"], data={"parent": acts["3.6"]})
    assert caught.value.field == "parent"
    with pytest.raises(Unprocessable):
        item_update(actor=coordinator, item=acts["3"], data={"parent": acts["3"]})


def test_item_update_refuses_a_deep_cycle(coordinator, framework, acts):
    deep = make_item(framework, "3.6.1", parent=acts["3.6"], kind="target")
    with pytest.raises(Unprocessable):
        item_update(actor=coordinator, item=acts["3"], data={"parent": deep})
    acts["3"].refresh_from_db()
    assert acts["3"].parent_id is None


def test_item_update_moves_and_recodes_with_audit(coordinator, acts):
    item_update(actor=coordinator, item=acts["3.10"], data={"parent": acts["10"], "code": "10.1"})
    item = FrameworkItem.objects.get(pk=acts["3.10"].pk)
    assert item.parent == acts["10"]
    assert item.code == "10.1"
    assert item.sort_key == code_sort_key("10.1")
    entry = AuditEntry.objects.get(action="framework_item.update")
    assert entry.changes["parent"] == ["3", "10"]
    assert entry.changes["code"] == ["3.10", "10.1"]


def test_item_update_keeps_sort_key_in_step_with_code(coordinator, framework, acts):
    item_update(actor=coordinator, item=acts["2"], data={"code": "20"})
    codes = list(
        FrameworkItem.objects.filter(framework=framework, parent=None).values_list(
            "code", flat=True
        )
    )
    assert codes == ["3", "10", "20"]


def test_item_update_duplicate_code_is_a_conflict(coordinator, acts):
    with pytest.raises(Conflict):
        item_update(actor=coordinator, item=acts["3.10"], data={"code": "3.6"})


def test_item_update_tags_are_audited(coordinator, acts):
    item_update(actor=coordinator, item=acts["10"], data={"tags": ["children"]})
    entry = AuditEntry.objects.get(action="framework_item.update")
    assert entry.changes == {"tags": [[], ["children"]]}


def test_item_delete_refuses_an_item_with_children(coordinator, acts):
    with pytest.raises(Conflict):
        item_delete(actor=coordinator, item=acts["3"])
    item_delete(actor=coordinator, item=acts["3.6"])
    assert not FrameworkItem.objects.filter(code="3.6").exists()
    assert AuditEntry.objects.filter(action="framework_item.delete").count() == 1


def test_position_create_links_items_and_makes_a_slug(coordinator, acts):
    position = position_create(
        actor=coordinator, kind="red_line", title="No child detention", items=[acts["3.6"]]
    )
    assert position.slug == "no-child-detention"
    assert list(position.items.all()) == [acts["3.6"]]
    entry = AuditEntry.objects.get(action="position.create")
    assert entry.changes["items"] == [[], ["acts:3.6"]]


def test_position_create_taken_slug_is_a_conflict(coordinator):
    position_create(actor=coordinator, kind="baseline", title="A", slug="a")
    with pytest.raises(Conflict):
        position_create(actor=coordinator, kind="baseline", title="B", slug="a")


def test_position_create_refuses_unknown_kind(coordinator):
    with pytest.raises(Unprocessable):
        position_create(actor=coordinator, kind="wish", title="A")


def test_position_update_replaces_items_and_audits(coordinator, acts):
    position = position_create(actor=coordinator, kind="baseline", title="A", items=[acts["3"]])
    position_update(
        actor=coordinator, position=position, data={"items": [acts["10"]], "title": "B"}
    )
    position.refresh_from_db()
    assert list(position.items.all()) == [acts["10"]]
    entry = AuditEntry.objects.get(action="position.update")
    assert entry.changes["items"] == [["acts:3"], ["acts:10"]]
    assert entry.changes["title"] == ["A", "B"]


def test_position_delete_keeps_the_items(coordinator, acts):
    position = position_create(actor=coordinator, kind="baseline", title="A", items=[acts["3"]])
    position_delete(actor=coordinator, position=position)
    assert not Position.objects.exists()
    assert FrameworkItem.objects.filter(pk=acts["3"].pk).exists()
    assert AuditEntry.objects.filter(action="position.delete").count() == 1


def test_writes_by_non_coordinators_are_refused(member, framework, acts):
    with pytest.raises(PermissionDenied):
        framework_create(actor=member, slug="x", title="X")
    with pytest.raises(PermissionDenied):
        item_create(actor=member, framework=framework, code="99", title="X", kind="goal")
    with pytest.raises(PermissionDenied):
        position_create(actor=member, kind="baseline", title="X")
    assert not AuditEntry.objects.exists()
