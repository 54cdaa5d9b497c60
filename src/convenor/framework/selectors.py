"""Reads of frameworks, items and positions; prefetching is decided here, once."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from convenor.core.errors import InvalidInput, NotFound, Unprocessable

from .models import Framework, FrameworkItem, Position, PositionKind, Tag
from .tree import TreeNode, build_tree


def framework_list() -> QuerySet[Framework]:
    """Every framework with the number of its items, in display order."""
    return Framework.objects.annotate(item_count=Count("items")).order_by("order", "title", "pk")


def framework_get(*, slug: str) -> Framework:
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None:
        raise NotFound(_("No framework with this address."), field="slug")
    return framework


def tag_list() -> QuerySet[Tag]:
    return Tag.objects.all()


def _items(framework: Framework) -> QuerySet[FrameworkItem]:
    return (
        FrameworkItem.objects.filter(framework=framework)
        .select_related("parent")
        .prefetch_related("tags")
        .order_by("order", "sort_key")
    )


def item_list(
    *,
    framework: Framework,
    tag: str | None = None,
    horizon: str | None = None,
    kind: str | None = None,
) -> QuerySet[FrameworkItem]:
    """The items of `framework` in natural code order, optionally only those with a tag
    (slug), a horizon or a kind. Two queries whatever the number of items."""
    items = _items(framework)
    if tag:
        items = items.filter(tags__slug=tag)
    if horizon is not None and horizon != "":
        items = items.filter(horizon=horizon)
    if kind:
        items = items.filter(kind=kind)
    return items.distinct()


def framework_tree(
    *,
    framework: Framework,
    tag: str | None = None,
    horizon: str | None = None,
    kind: str | None = None,
) -> list[TreeNode]:
    """The items of `framework` nested under their parents (two queries). With a filter,
    only matching items are shown, each under its nearest shown parent or as a root."""
    return build_tree(item_list(framework=framework, tag=tag, horizon=horizon, kind=kind))


@dataclass
class ItemDetail:
    item: FrameworkItem
    ancestors: list[FrameworkItem] = field(default_factory=list)
    children: list[FrameworkItem] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)


def item_get(*, framework: Framework, code: str) -> FrameworkItem:
    item = (
        FrameworkItem.objects.filter(framework=framework, code=code)
        .select_related("framework", "parent")
        .first()
    )
    if item is None:
        raise NotFound(_("No item with this code in this framework."), field="code")
    return item


def item_detail(*, framework: Framework, code: str) -> ItemDetail:
    """An item with its parents (root first), its children and the positions that point
    at it, in a fixed number of queries whatever the depth."""
    item = (
        FrameworkItem.objects.filter(framework=framework, code=code)
        .select_related("framework", "parent")
        .prefetch_related(
            "tags",
            Prefetch(
                "children",
                queryset=FrameworkItem.objects.prefetch_related("tags").order_by(
                    "order", "sort_key"
                ),
            ),
            Prefetch("positions", queryset=_positions_base()),
        )
        .first()
    )
    if item is None:
        raise NotFound(_("No item with this code in this framework."), field="code")
    # One query for the whole framework's (id, parent, code, title): the breadcrumb
    # then costs nothing more however deep the item sits.
    outline = {
        row.pk: row
        for row in FrameworkItem.objects.filter(framework=framework).only(
            "id", "parent_id", "code", "title", "framework_id"
        )
    }
    ancestors: list[FrameworkItem] = []
    seen = {item.pk}
    parent_id = item.parent_id
    while parent_id is not None and parent_id not in seen and parent_id in outline:
        seen.add(parent_id)
        parent = outline[parent_id]
        ancestors.append(parent)
        parent_id = parent.parent_id
    ancestors.reverse()
    return ItemDetail(
        item=item,
        ancestors=ancestors,
        children=list(item.children.all()),
        positions=list(item.positions.all()),
    )


def item_descendant_ids(*, item: FrameworkItem) -> set[int]:
    """Ids of every item below `item` (one query for the framework's outline)."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in FrameworkItem.objects.filter(framework_id=item.framework_id).values_list(
        "id", "parent_id"
    ):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = list(children.get(item.pk, []))
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


def items_by_tag(*, tag: str, framework: Framework | None = None) -> QuerySet[FrameworkItem]:
    """Items carrying the tag `tag` (slug), across frameworks unless one is given."""
    items = (
        FrameworkItem.objects.filter(tags__slug=tag)
        .select_related("framework", "parent")
        .prefetch_related("tags")
        .order_by("framework__order", "framework__title", "order", "sort_key")
    )
    if framework is not None:
        items = items.filter(framework=framework)
    return items.distinct()


def item_from_filter(ref: str, *, framework: Framework | None = None) -> FrameworkItem:
    """The item a filter names, as "framework-slug:code" or, with `framework`, a bare
    code. Anything else is a bad filter value (400 naming the field "item")."""
    if ":" in ref:
        slug, _sep, code = ref.partition(":")
    elif framework is not None:
        slug, code = framework.slug, ref
    else:
        slug, code = "", ""
    item = (
        FrameworkItem.objects.filter(framework__slug=slug.strip(), code=code.strip())
        .select_related("framework")
        .first()
        if slug and code
        else None
    )
    if item is None:
        raise InvalidInput(
            _('Unknown item "%(ref)s": name it as "framework:code", e.g. "ten-acts:3.6".')
            % {"ref": ref},
            field="item",
        )
    return item


def items_from_refs(refs: list[str], *, field_name: str = "items") -> list[FrameworkItem]:
    """The items named "framework-slug:code", in the given order; any unknown -> 422."""
    pairs = []
    for ref in refs:
        slug, _sep, code = ref.partition(":")
        if not slug or not code:
            raise Unprocessable(
                _('Name an item as "framework:code", e.g. "ten-acts:3.6".'), field=field_name
            )
        pairs.append((slug.strip(), code.strip()))
    if not pairs:
        return []
    query = Q()
    for slug, code in pairs:
        query |= Q(framework__slug=slug, code=code)
    found = {
        (item.framework.slug, item.code): item
        for item in FrameworkItem.objects.filter(query).select_related("framework")
    }
    missing = [f"{slug}:{code}" for slug, code in pairs if (slug, code) not in found]
    if missing:
        raise Unprocessable(
            _("No such framework item: %(refs)s.") % {"refs": ", ".join(missing)},
            field=field_name,
        )
    return [found[pair] for pair in dict.fromkeys(pairs)]


def _kind_rank() -> Case:
    # Group positions in the order people read them: baselines, red lines, messages, issues.
    return Case(
        *[When(kind=value, then=Value(rank)) for rank, value in enumerate(PositionKind.values)],
        default=Value(len(PositionKind.values)),
        output_field=IntegerField(),
    )


def _positions_base() -> QuerySet[Position]:
    return Position.objects.annotate(kind_rank=_kind_rank()).order_by(
        "kind_rank", "order", "title", "pk"
    )


def position_list(
    *,
    kind: str | None = None,
    framework: Framework | None = None,
    item: FrameworkItem | None = None,
    q: str | None = None,
) -> QuerySet[Position]:
    """Positions grouped by kind (baselines, red lines, common messages, key issues), each
    with its items and their frameworks prefetched; filters narrow the list."""
    positions = _positions_base().prefetch_related(
        Prefetch(
            "items",
            queryset=FrameworkItem.objects.select_related("framework").order_by(
                "framework__order", "framework__title", "order", "sort_key"
            ),
        )
    )
    if kind:
        positions = positions.filter(kind=kind)
    if framework is not None:
        positions = positions.filter(
            pk__in=Position.objects.filter(items__framework=framework).values("pk")
        )
    if item is not None:
        positions = positions.filter(pk__in=Position.objects.filter(items=item).values("pk"))
    if q:
        positions = positions.filter(Q(title__icontains=q) | Q(text__icontains=q))
    return positions


def position_get(*, slug: str) -> Position:
    """One position with its items (and their frameworks)."""
    position = position_list().filter(slug=slug).first()
    if position is None:
        raise NotFound(_("No position with this address."), field="slug")
    return position
