"""Builds the nested tree of a framework's items from a flat list, in Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


class TreeItem(Protocol):
    pk: Any
    parent_id: Any


@dataclass
class TreeNode:
    """One item and its children, in the order they were given."""

    item: Any
    children: list[TreeNode] = field(default_factory=list)
    depth: int = 0


def build_tree(items: Iterable[Any]) -> list[TreeNode]:
    """Nest `items` (each with `pk` and `parent_id`) under their parents.

    Every item appears exactly once. Items keep their relative order among siblings.
    An item whose parent is not in `items` becomes a root, so a partial list (e.g.
    filtered) still shows everything it holds. Should the data hold a cycle (the
    services refuse them), the first item of the cycle becomes a root.
    """
    nodes = {item.pk: TreeNode(item=item) for item in items}
    parent_of: dict[Any, TreeNode] = {}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.item.parent_id)
        if parent is None or parent is node:
            roots.append(node)
        else:
            parent.children.append(node)
            parent_of[node.item.pk] = parent
    reached = _walk(roots)
    for node in nodes.values():
        if node.item.pk in reached:
            continue
        parent_of[node.item.pk].children.remove(node)
        roots.append(node)
        reached |= _walk([node])
    return roots


def _walk(roots: list[TreeNode]) -> set[Any]:
    """Set depths below `roots` (iteratively: deep nests never hit the recursion limit)
    and return the keys of every node reached."""
    reached: set[Any] = set()
    stack = [(node, 0) for node in roots]
    while stack:
        node, depth = stack.pop()
        if node.item.pk in reached:
            continue
        reached.add(node.item.pk)
        node.depth = depth
        stack.extend((child, depth + 1) for child in node.children)
    return reached


def flatten(roots: list[TreeNode]) -> list[TreeNode]:
    """The nodes in display order (pre-order: a parent before its children)."""
    out: list[TreeNode] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out
