import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convenor.core.errors import InvalidInput, NotFound, Unprocessable
from convenor.framework import selectors
from convenor.framework.tree import flatten

from .conftest import make_item, make_position

pytestmark = pytest.mark.django_db


def test_framework_tree_nests_in_natural_code_order(framework, acts):
    roots = selectors.framework_tree(framework=framework)
    assert [n.item.code for n in roots] == ["2", "3", "10"]
    act3 = roots[1]
    assert [n.item.code for n in act3.children] == ["3.3", "3.6", "3.10"]


def test_framework_tree_takes_two_queries_whatever_its_size(framework, acts):
    with CaptureQueriesContext(connection) as small:
        flatten(selectors.framework_tree(framework=framework))
    parent = acts["3.6"]
    for n in range(30):
        parent = make_item(framework, f"3.6.{n}", parent=parent if n % 3 else acts["3"], tags=["x"])
    with CaptureQueriesContext(connection) as large:
        nodes = flatten(selectors.framework_tree(framework=framework))
        for node in nodes:
            list(node.item.tags.all())
            _ = node.item.parent
    assert len(nodes) == 36
    assert len(small) == len(large) == 2


def test_framework_tree_filters_by_tag_and_horizon(framework, acts):
    codes = [
        n.item.code for n in flatten(selectors.framework_tree(framework=framework, tag="children"))
    ]
    assert codes == ["3.6"]
    codes = [
        n.item.code for n in flatten(selectors.framework_tree(framework=framework, horizon="year"))
    ]
    assert codes == ["2"]
    codes = [
        n.item.code for n in flatten(selectors.framework_tree(framework=framework, kind="target"))
    ]
    assert codes == ["3.3", "3.6", "3.10"]


def test_framework_get_unknown_slug_is_not_found(db):
    with pytest.raises(NotFound):
        selectors.framework_get(slug="nope")


def test_item_detail_has_breadcrumb_children_and_positions(framework, acts):
    deep = make_item(framework, "3.6.1", parent=acts["3.6"])
    make_position("no-detention", kind="red_line", items=[acts["3.6"]])
    detail = selectors.item_detail(framework=framework, code="3.6")
    assert [a.code for a in detail.ancestors] == ["3"]
    assert detail.children == [deep]
    assert [p.slug for p in detail.positions] == ["no-detention"]
    assert [a.code for a in selectors.item_detail(framework=framework, code="3.6.1").ancestors] == [
        "3",
        "3.6",
    ]


def test_item_detail_unknown_code_is_not_found(framework, acts):
    with pytest.raises(NotFound):
        selectors.item_detail(framework=framework, code="99")


def test_items_by_tag_spans_frameworks(framework, other_framework, acts):
    make_item(other_framework, "7", tags=["women"])
    found = [(i.framework.slug, i.code) for i in selectors.items_by_tag(tag="women")]
    assert found == [("acts", "3"), ("goals", "7")]
    assert [i.code for i in selectors.items_by_tag(tag="women", framework=other_framework)] == ["7"]


def test_position_list_groups_by_kind_and_filters(framework, other_framework, acts):
    other = make_item(other_framework, "13")
    make_position("issue", kind="key_issue", items=[acts["3"]])
    make_position("red", kind="red_line", items=[acts["3.6"], other])
    make_position("base", kind="baseline", items=[other], text="about firewalls")
    assert [p.slug for p in selectors.position_list()] == ["base", "red", "issue"]
    assert [p.slug for p in selectors.position_list(kind="red_line")] == ["red"]
    assert [p.slug for p in selectors.position_list(framework=framework)] == ["red", "issue"]
    assert [p.slug for p in selectors.position_list(item=other)] == ["base", "red"]
    assert [p.slug for p in selectors.position_list(q="FIREWALL")] == ["base"]


def test_item_from_filter_accepts_full_and_bare_references(framework, acts):
    assert selectors.item_from_filter("acts:3.6") == acts["3.6"]
    assert selectors.item_from_filter("3.6", framework=framework) == acts["3.6"]
    for bad in ["3.6", "acts:99", "nope:3", ":"]:
        with pytest.raises(InvalidInput):
            selectors.item_from_filter(bad)


def test_items_from_refs_names_the_unknown_ones(framework, acts):
    assert selectors.items_from_refs(["acts:3", "acts:3.6"]) == [acts["3"], acts["3.6"]]
    with pytest.raises(Unprocessable) as caught:
        selectors.items_from_refs(["acts:3", "acts:77"])
    assert "acts:77" in caught.value.detail
