"""The framework API: frameworks, their items and positions. Reads are public; writes
need a coordinator's token. Each endpoint parses, calls one selector or service, and
answers with a schema."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth
from convenor.core.errors import InvalidInput, Unprocessable
from convenor.core.pagination import Pagination
from convenor.core.schemas import ErrorOut

from . import selectors, services
from .models import Framework, FrameworkItem, Horizon, ItemKind, Position, PositionKind
from .schemas import (
    FrameworkIn,
    FrameworkOut,
    FrameworkPatch,
    ItemDetailOut,
    ItemIn,
    ItemOut,
    ItemPatch,
    PositionIn,
    PositionOut,
    PositionPatch,
)

router = Router(tags=["framework"])

READ_ERRORS: dict[int, Any] = {404: ErrorOut}
LIST_ERRORS: dict[int, Any] = {400: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def _actor(request: HttpRequest) -> Any:
    """The user whose token authenticated this write (set by TokenAuth)."""
    return getattr(request, "auth", None)


def _framework_out(framework: Framework) -> dict[str, Any]:
    data = {name: getattr(framework, name, None) for name in FrameworkOut.model_fields}
    if data["item_count"] is None:
        data["item_count"] = framework.items.count()
    return data


def _item_out(item: FrameworkItem, framework_slug: str) -> dict[str, Any]:
    return {
        "framework": framework_slug,
        "code": item.code,
        "parent": item.parent.code if item.parent_id and item.parent else None,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "horizon": item.horizon,
        "target_year": item.target_year,
        "urgent": item.urgent,
        "tags": [tag.slug for tag in item.tags.all()],
        "order": item.order,
    }


def _position_out(position: Position) -> dict[str, Any]:
    data = {name: getattr(position, name) for name in PositionOut.model_fields if name != "items"}
    data["items"] = [f"{item.framework.slug}:{item.code}" for item in position.items.all()]
    return data


def _parent(framework: Framework, code: str | None) -> FrameworkItem | None:
    if code is None:
        return None
    item = FrameworkItem.objects.filter(framework=framework, code=code).first()
    if item is None:
        raise Unprocessable(_("No item with this code in this framework."), field="parent")
    return item


# -- frameworks ----------------------------------------------------------------------------


@router.get("/frameworks", response={200: list[FrameworkOut], **LIST_ERRORS})
@paginate(Pagination)
def list_frameworks(request: HttpRequest):
    """Every framework, with its number of items."""
    return selectors.framework_list()


@router.get("/frameworks/{slug}", response={200: FrameworkOut, **READ_ERRORS})
def get_framework(request: HttpRequest, slug: str):
    return _framework_out(selectors.framework_get(slug=slug))


@router.post("/frameworks", response={201: FrameworkOut, **WRITE_ERRORS}, auth=TokenAuth())
def create_framework(request: HttpRequest, payload: FrameworkIn):
    framework = services.framework_create(actor=_actor(request), **payload.dict())
    return 201, _framework_out(framework)


@router.patch("/frameworks/{slug}", response={200: FrameworkOut, **WRITE_ERRORS}, auth=TokenAuth())
def update_framework(request: HttpRequest, slug: str, payload: FrameworkPatch):
    framework = selectors.framework_get(slug=slug)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    framework = services.framework_update(actor=_actor(request), framework=framework, data=data)
    return _framework_out(framework)


@router.delete("/frameworks/{slug}", response={204: None, **WRITE_ERRORS}, auth=TokenAuth())
def delete_framework(request: HttpRequest, slug: str):
    services.framework_delete(actor=_actor(request), framework=selectors.framework_get(slug=slug))
    return 204, None


# -- items ---------------------------------------------------------------------------------


class ItemFilters(Schema):
    tag: str | None = None
    horizon: Horizon | None = None
    kind: ItemKind | None = None


@router.get("/frameworks/{slug}/items", response={200: list[ItemOut], **LIST_ERRORS, **READ_ERRORS})
@paginate(Pagination)
def list_items(request: HttpRequest, slug: str, filters: Query[ItemFilters]):
    """The framework's items as a flat list in natural code order, each naming its parent."""
    framework = selectors.framework_get(slug=slug)
    if filters.tag and not selectors.tag_list().filter(slug=filters.tag).exists():
        raise InvalidInput(_("Unknown tag."), field="tag")
    items = selectors.item_list(
        framework=framework,
        tag=filters.tag,
        horizon=filters.horizon.value if filters.horizon is not None else None,
        kind=filters.kind.value if filters.kind else None,
    )
    return _ItemsOf(items, framework.slug)


class _ItemsOf:
    """A lazily sliced item list that the paginator can count and slice, turned into
    output dicts only for the page it returns."""

    def __init__(self, items, framework_slug: str):
        self.items, self.slug = items, framework_slug

    def count(self) -> int:
        return self.items.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        return [_item_out(item, self.slug) for item in self.items[key]]


@router.get("/frameworks/{slug}/items/{code}", response={200: ItemDetailOut, **READ_ERRORS})
def get_item(request: HttpRequest, slug: str, code: str):
    framework = selectors.framework_get(slug=slug)
    detail = selectors.item_detail(framework=framework, code=code)
    data = _item_out(detail.item, framework.slug)
    data["ancestors"] = [ancestor.code for ancestor in detail.ancestors]
    data["children"] = [_item_out(child, framework.slug) for child in detail.children]
    data["positions"] = [
        {"slug": p.slug, "kind": p.kind, "title": p.title} for p in detail.positions
    ]
    return data


@router.post("/frameworks/{slug}/items", response={201: ItemOut, **WRITE_ERRORS}, auth=TokenAuth())
def create_item(request: HttpRequest, slug: str, payload: ItemIn):
    framework = selectors.framework_get(slug=slug)
    data = payload.dict()
    data["parent"] = _parent(framework, data.pop("parent"))
    data["kind"] = payload.kind.value
    data["horizon"] = payload.horizon.value
    item = services.item_create(actor=_actor(request), framework=framework, **data)
    return 201, _item_out(item, framework.slug)


@router.patch(
    "/frameworks/{slug}/items/{code}", response={200: ItemOut, **WRITE_ERRORS}, auth=TokenAuth()
)
def update_item(request: HttpRequest, slug: str, code: str, payload: ItemPatch):
    framework = selectors.framework_get(slug=slug)
    item = selectors.item_get(framework=framework, code=code)
    data = payload.dict(exclude_unset=True)
    # null clears only what may be empty: the parent and the target year.
    data = {k: v for k, v in data.items() if v is not None or k in ("parent", "target_year")}
    if "parent" in data:
        data["parent"] = _parent(framework, data["parent"])
    for name in ("kind", "horizon"):
        if name in data:
            data[name] = data[name].value
    item = services.item_update(actor=_actor(request), item=item, data=data)
    return _item_out(item, framework.slug)


@router.delete(
    "/frameworks/{slug}/items/{code}", response={204: None, **WRITE_ERRORS}, auth=TokenAuth()
)
def delete_item(request: HttpRequest, slug: str, code: str):
    framework = selectors.framework_get(slug=slug)
    services.item_delete(
        actor=_actor(request), item=selectors.item_get(framework=framework, code=code)
    )
    return 204, None


# -- positions -----------------------------------------------------------------------------


class PositionFilters(Schema):
    kind: PositionKind | None = None
    framework: str | None = None
    item: str | None = None
    q: str | None = None


@router.get("/positions", response={200: list[PositionOut], **LIST_ERRORS})
@paginate(Pagination)
def list_positions(request: HttpRequest, filters: Query[PositionFilters]):
    """Positions grouped by kind; filter by kind, framework (slug), item ("framework:code",
    or a bare code with `framework`) and words (q)."""
    framework = None
    if filters.framework:
        framework = Framework.objects.filter(slug=filters.framework).first()
        if framework is None:
            raise InvalidInput(_("Unknown framework."), field="framework")
    item = selectors.item_from_filter(filters.item, framework=framework) if filters.item else None
    positions = selectors.position_list(
        kind=filters.kind.value if filters.kind else None,
        framework=framework,
        item=item,
        q=filters.q or None,
    )
    return _PositionsOf(positions)


class _PositionsOf:
    def __init__(self, positions):
        self.positions = positions

    def count(self) -> int:
        return self.positions.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        return [_position_out(position) for position in self.positions[key]]


@router.get("/positions/{slug}", response={200: PositionOut, **READ_ERRORS})
def get_position(request: HttpRequest, slug: str):
    return _position_out(selectors.position_get(slug=slug))


@router.post("/positions", response={201: PositionOut, **WRITE_ERRORS}, auth=TokenAuth())
def create_position(request: HttpRequest, payload: PositionIn):
    data = payload.dict()
    data["kind"] = payload.kind.value
    data["items"] = selectors.items_from_refs(data["items"])
    position = services.position_create(actor=_actor(request), **data)
    return 201, _position_out(selectors.position_get(slug=position.slug))


@router.patch("/positions/{slug}", response={200: PositionOut, **WRITE_ERRORS}, auth=TokenAuth())
def update_position(request: HttpRequest, slug: str, payload: PositionPatch):
    position = selectors.position_get(slug=slug)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "kind" in data:
        data["kind"] = data["kind"].value
    if "items" in data:
        data["items"] = selectors.items_from_refs(data["items"])
    position = services.position_update(actor=_actor(request), position=position, data=data)
    return _position_out(selectors.position_get(slug=position.slug))


@router.delete("/positions/{slug}", response={204: None, **WRITE_ERRORS}, auth=TokenAuth())
def delete_position(request: HttpRequest, slug: str):
    services.position_delete(actor=_actor(request), position=selectors.position_get(slug=slug))
    return 204, None
