"""The tree builder: every item exactly once, children under their parent."""

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from convenor.framework.tree import build_tree, flatten


@dataclass
class Row:
    pk: int
    parent_id: int | None


@st.composite
def forests(draw):
    """Rows whose parents come earlier (a forest), in a shuffled order."""
    size = draw(st.integers(min_value=0, max_value=40))
    rows = []
    for pk in range(1, size + 1):
        parent = (
            draw(st.one_of(st.none(), st.integers(min_value=1, max_value=pk - 1)))
            if pk > 1
            else None
        )
        rows.append(Row(pk, parent))
    return draw(st.permutations(rows))


@st.composite
def any_parents(draw):
    """Rows with arbitrary parent ids: dangling parents, self-references and cycles."""
    size = draw(st.integers(min_value=0, max_value=30))
    return [
        Row(pk, draw(st.one_of(st.none(), st.integers(min_value=0, max_value=size + 2))))
        for pk in range(1, size + 1)
    ]


@given(forests())
def test_every_item_appears_once_under_its_parent(rows):
    roots = build_tree(rows)
    nodes = flatten(roots)
    assert sorted(n.item.pk for n in nodes) == sorted(r.pk for r in rows)
    for node in nodes:
        for child in node.children:
            assert child.item.parent_id == node.item.pk
            assert child.depth == node.depth + 1
    assert all(root.item.parent_id is None for root in roots)


@given(forests())
def test_siblings_keep_their_given_order(rows):
    position = {row.pk: i for i, row in enumerate(rows)}
    for node in flatten(build_tree(rows)):
        order = [position[c.item.pk] for c in node.children]
        assert order == sorted(order)


@given(any_parents())
def test_broken_data_still_shows_every_item_once(rows):
    nodes = flatten(build_tree(rows))
    assert sorted(n.item.pk for n in nodes) == [r.pk for r in rows]


def test_parent_shows_before_children():
    rows = [Row(3, 2), Row(2, 1), Row(1, None)]
    assert [n.item.pk for n in flatten(build_tree(rows))] == [1, 2, 3]
