"""API schemas of frameworks, items and positions."""

from __future__ import annotations

from ninja import Field, Schema

from .models import Horizon, ItemKind, PositionKind

# Orders are small numbers; a bound keeps them inside every database's integer range.
ORDER_LIMIT = 1_000_000


class FrameworkOut(Schema):
    slug: str
    title: str
    short_title: str
    description: str
    source: str
    source_url: str
    language: str
    order: int
    item_count: int = 0


class FrameworkIn(Schema):
    slug: str = Field(..., max_length=80)
    title: str = Field(..., max_length=300)
    short_title: str = Field("", max_length=100)
    description: str = ""
    source: str = Field("", max_length=500)
    source_url: str = Field("", max_length=500)
    language: str = Field("en", max_length=10)
    order: int = Field(0, ge=-ORDER_LIMIT, le=ORDER_LIMIT)


class FrameworkPatch(Schema):
    slug: str | None = Field(None, max_length=80)
    title: str | None = Field(None, max_length=300)
    short_title: str | None = Field(None, max_length=100)
    description: str | None = None
    source: str | None = Field(None, max_length=500)
    source_url: str | None = Field(None, max_length=500)
    language: str | None = Field(None, max_length=10)
    order: int | None = Field(None, ge=-ORDER_LIMIT, le=ORDER_LIMIT)


class ItemOut(Schema):
    framework: str
    code: str
    parent: str | None = Field(None, description="Code of the parent item, if any.")
    kind: ItemKind
    title: str
    description: str
    horizon: Horizon
    target_year: int | None = None
    urgent: bool
    tags: list[str]
    order: int


class PositionRef(Schema):
    slug: str
    kind: PositionKind
    title: str


class ItemDetailOut(ItemOut):
    ancestors: list[str] = Field(default_factory=list, description="Codes, root first.")
    children: list[ItemOut] = Field(default_factory=list)
    positions: list[PositionRef] = Field(default_factory=list)


class ItemIn(Schema):
    code: str = Field(..., max_length=32)
    title: str = Field(..., max_length=500)
    kind: ItemKind
    parent: str | None = Field(None, description="Code of the parent item in this framework.")
    description: str = ""
    horizon: Horizon = Horizon.NONE
    target_year: int | None = Field(None, ge=1900, le=2200)
    urgent: bool = False
    tags: list[str] = Field(default_factory=list, description="Tag slugs, e.g. women.")
    order: int = Field(0, ge=-ORDER_LIMIT, le=ORDER_LIMIT)


class ItemPatch(Schema):
    code: str | None = Field(None, max_length=32)
    title: str | None = Field(None, max_length=500)
    kind: ItemKind | None = None
    parent: str | None = Field(None, description="Code of the new parent; null for none.")
    description: str | None = None
    horizon: Horizon | None = None
    target_year: int | None = Field(None, ge=1900, le=2200)
    urgent: bool | None = None
    tags: list[str] | None = None
    order: int | None = Field(None, ge=-ORDER_LIMIT, le=ORDER_LIMIT)


class PositionOut(Schema):
    slug: str
    kind: PositionKind
    title: str
    text: str
    items: list[str] = Field(..., description='Items as "framework:code".')
    source: str
    source_url: str
    order: int
    language: str


class PositionIn(Schema):
    kind: PositionKind
    title: str = Field(..., max_length=300)
    slug: str = Field("", max_length=80)
    text: str = ""
    items: list[str] = Field(default_factory=list, description='e.g. ["ten-acts:3.6"].')
    source: str = Field("", max_length=500)
    source_url: str = Field("", max_length=500)
    order: int = Field(0, ge=-ORDER_LIMIT, le=ORDER_LIMIT)
    language: str = Field("en", max_length=10)


class PositionPatch(Schema):
    kind: PositionKind | None = None
    title: str | None = Field(None, max_length=300)
    slug: str | None = Field(None, max_length=80)
    text: str | None = None
    items: list[str] | None = None
    source: str | None = Field(None, max_length=500)
    source_url: str | None = Field(None, max_length=500)
    order: int | None = Field(None, ge=-ORDER_LIMIT, le=ORDER_LIMIT)
    language: str | None = Field(None, max_length=10)
