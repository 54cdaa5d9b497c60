"""Every write to frameworks, items and positions: permission, rules, transaction, audit."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from convenor.core.audit import audit_record, changed_fields
from convenor.core.errors import Conflict, Unprocessable
from convenor.core.permissions import require
from convenor.core.text import unique_slug

from .codes import is_valid_code
from .models import Framework, FrameworkItem, Horizon, ItemKind, Position, PositionKind, Tag
from .selectors import item_descendant_ids

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRAMEWORK_FIELDS = {
    "slug",
    "title",
    "short_title",
    "description",
    "source",
    "source_url",
    "language",
    "order",
}
ITEM_FIELDS = {
    "code",
    "parent",
    "kind",
    "title",
    "description",
    "horizon",
    "target_year",
    "urgent",
    "tags",
    "order",
}
POSITION_FIELDS = {
    "slug",
    "kind",
    "title",
    "text",
    "items",
    "source",
    "source_url",
    "order",
    "language",
}


# -- checks shared by the writes ---------------------------------------------------------


# Words that name a page of their own in the URLs (e.g. /frameworks/new/).
RESERVED = {"new"}


def _check_slug(slug: str) -> None:
    if not SLUG.match(slug or "") or len(slug) > 80 or slug in RESERVED:
        raise Unprocessable(
            _("Use lower-case letters, digits and single dashes (at most 80)."), field="slug"
        )


def _check_title(title: str) -> None:
    if not (title or "").strip():
        raise Unprocessable(_("A title is required."), field="title")


def _check_unknown(data: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise Unprocessable(
            _("Unknown field: %(fields)s.") % {"fields": ", ".join(unknown)}, field=unknown[0]
        )


def _check_item_values(values: dict[str, Any]) -> None:
    code = values.get("code")
    if code is not None and (not is_valid_code(code) or code.lower() in RESERVED):
        raise Unprocessable(
            _(
                "A code is 1 to 32 letters, digits, dots, dashes or underscores, "
                "starting with a letter or digit."
            ),
            field="code",
        )
    if "kind" in values and values["kind"] not in ItemKind.values:
        raise Unprocessable(_("Unknown kind of item."), field="kind")
    if "horizon" in values and values["horizon"] not in Horizon.values:
        raise Unprocessable(_("Unknown horizon."), field="horizon")
    year = values.get("target_year")
    if year is not None and not 1900 <= int(year) <= 2200:
        raise Unprocessable(_("A target year lies between 1900 and 2200."), field="target_year")
    if "title" in values:
        _check_title(values["title"])


def _check_item_horizon(item: FrameworkItem) -> None:
    if item.horizon == Horizon.TARGET_YEAR and item.target_year is None:
        raise Unprocessable(
            _("A target year is needed when the horizon is a target year."), field="target_year"
        )


def _check_parent(item: FrameworkItem, parent: FrameworkItem | None) -> None:
    """The parent lies in the same framework and is neither the item nor below it."""
    if parent is None:
        return
    if parent.framework_id != item.framework_id:
        raise Unprocessable(_("The parent must be in the same framework."), field="parent")
    if item.pk is not None and (
        parent.pk == item.pk or parent.pk in item_descendant_ids(item=item)
    ):
        raise Unprocessable(
            _("An item cannot be placed under itself or one of its own sub-items."),
            field="parent",
        )


def _code_taken(framework: Framework, code: str, exclude_pk: int | None = None) -> bool:
    taken = FrameworkItem.objects.filter(framework=framework, code=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    return taken.exists()


def _tags_from_slugs(slugs: list[str]) -> list[Tag]:
    """The tags named by `slugs`, created on first use (a tag is just a shared word)."""
    tags = []
    for slug in dict.fromkeys(s.strip().lower() for s in slugs):
        if not SLUG.match(slug) or len(slug) > 50:
            raise Unprocessable(
                _("A tag is lower-case letters, digits and dashes (at most 50)."), field="tags"
            )
        tag, _created = Tag.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
        )
        tags.append(tag)
    return tags


def _set_tags(item: FrameworkItem, slugs: list[str]) -> dict[str, Any]:
    old = sorted(item.tags.values_list("slug", flat=True))
    tags = _tags_from_slugs(slugs)
    new = sorted(t.slug for t in tags)
    if old == new:
        return {}
    item.tags.set(tags)
    return {"tags": [old, new]}


def _set_items(position: Position, items: list[FrameworkItem]) -> dict[str, Any]:
    def ref(i: FrameworkItem) -> str:
        return f"{i.framework.slug}:{i.code}"

    old = sorted(ref(i) for i in position.items.select_related("framework"))
    new = sorted(ref(i) for i in items)
    if old == new:
        return {}
    position.items.set(items)
    return {"items": [old, new]}


# -- frameworks ----------------------------------------------------------------------------


def framework_create(
    *,
    actor: Any,
    slug: str,
    title: str,
    short_title: str = "",
    description: str = "",
    source: str = "",
    source_url: str = "",
    language: str = "en",
    order: int = 0,
) -> Framework:
    """Create a framework; a taken slug is a Conflict."""
    require(actor, "framework.add_framework")
    _check_slug(slug)
    _check_title(title)
    with transaction.atomic():
        if Framework.objects.filter(slug=slug).exists():
            raise Conflict(_("This address is already taken."), field="slug")
        framework = Framework.objects.create(
            slug=slug,
            title=title.strip(),
            short_title=short_title,
            description=description,
            source=source,
            source_url=source_url,
            language=language,
            order=order,
        )
        audit_record(
            actor=actor,
            action="framework.create",
            target=framework,
            changes={"slug": slug, "title": framework.title},
        )
    return framework


def framework_update(*, actor: Any, framework: Framework, data: dict[str, Any]) -> Framework:
    """Change the given fields of `framework`; records only what changed."""
    require(actor, "framework.change_framework", framework)
    _check_unknown(data, FRAMEWORK_FIELDS)
    if "slug" in data:
        _check_slug(data["slug"])
    if "title" in data:
        _check_title(data["title"])
    with transaction.atomic():
        if (
            "slug" in data
            and Framework.objects.filter(slug=data["slug"]).exclude(pk=framework.pk).exists()
        ):
            raise Conflict(_("This address is already taken."), field="slug")
        changes = changed_fields(framework, data)
        if changes:
            framework.save(update_fields=[*changes, "updated_at"])
            audit_record(actor=actor, action="framework.update", target=framework, changes=changes)
    return framework


def framework_delete(*, actor: Any, framework: Framework) -> None:
    """Delete a framework with all its items (positions stay, without those links)."""
    require(actor, "framework.delete_framework", framework)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="framework.delete",
            target=framework,
            changes={"slug": framework.slug, "items": framework.items.count()},
        )
        framework.delete()


# -- items ---------------------------------------------------------------------------------


def item_create(
    *,
    actor: Any,
    framework: Framework,
    code: str,
    title: str,
    kind: str,
    parent: FrameworkItem | None = None,
    description: str = "",
    horizon: str = "",
    target_year: int | None = None,
    urgent: bool = False,
    tags: list[str] | None = None,
    order: int = 0,
) -> FrameworkItem:
    """Create an item in `framework`; a code already used there is a Conflict, a parent
    from another framework is refused."""
    require(actor, "framework.add_frameworkitem")
    code = (code or "").strip()
    values: dict[str, Any] = {"code": code, "title": title, "kind": kind, "horizon": horizon}
    values["target_year"] = target_year
    _check_item_values(values)
    item = FrameworkItem(
        framework=framework,
        parent=parent,
        code=code,
        kind=kind,
        title=title.strip(),
        description=description,
        horizon=horizon,
        target_year=target_year,
        urgent=urgent,
        order=order,
    )
    _check_item_horizon(item)
    _check_parent(item, parent)
    with transaction.atomic():
        if _code_taken(framework, code):
            raise Conflict(_("This code is already used in this framework."), field="code")
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError as exc:  # a concurrent create took the code first
            raise Conflict(_("This code is already used in this framework."), field="code") from exc
        tag_changes = _set_tags(item, tags or [])
        audit_record(
            actor=actor,
            action="framework_item.create",
            target=item,
            changes={
                "framework": framework.slug,
                "code": code,
                "parent": parent.code if parent else None,
                **tag_changes,
            },
        )
    return item


def item_update(*, actor: Any, item: FrameworkItem, data: dict[str, Any]) -> FrameworkItem:
    """Change the given fields (`parent` an item or None, `tags` a list of slugs).
    Moving an item under itself or its own sub-items is refused; so is a taken code."""
    require(actor, "framework.change_frameworkitem", item)
    _check_unknown(data, ITEM_FIELDS)
    data = dict(data)
    if "code" in data:
        data["code"] = (data["code"] or "").strip()
    _check_item_values(data)
    tags = data.pop("tags", None)
    if "parent" in data:
        _check_parent(item, data["parent"])
    with transaction.atomic():
        if "code" in data and _code_taken(item.framework, data["code"], exclude_pk=item.pk):
            raise Conflict(_("This code is already used in this framework."), field="code")
        old_parent = item.parent.code if item.parent_id and item.parent else None
        changes = changed_fields(item, data)
        _check_item_horizon(item)
        if "parent" in changes:
            new_parent = data["parent"]
            changes["parent"] = [old_parent, new_parent.code if new_parent else None]
        if changes:
            fields = list(changes)
            if "code" in changes:
                fields.append("sort_key")
            item.save(update_fields=[*fields, "updated_at"])
        if tags is not None:
            changes.update(_set_tags(item, list(tags)))
        if changes:
            audit_record(actor=actor, action="framework_item.update", target=item, changes=changes)
    return item


def item_delete(*, actor: Any, item: FrameworkItem) -> None:
    """Delete an item that has no sub-items; positions lose their link to it."""
    require(actor, "framework.delete_frameworkitem", item)
    with transaction.atomic():
        if item.children.exists():
            raise Conflict(_("This item has sub-items: delete or move them first."), field="code")
        audit_record(
            actor=actor,
            action="framework_item.delete",
            target=item,
            changes={"framework": item.framework.slug, "code": item.code},
        )
        item.delete()


# -- positions -----------------------------------------------------------------------------


def _check_position_kind(kind: str) -> None:
    if kind not in PositionKind.values:
        raise Unprocessable(_("Unknown kind of position."), field="kind")


def position_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    text: str = "",
    items: list[FrameworkItem] | None = None,
    slug: str = "",
    source: str = "",
    source_url: str = "",
    order: int = 0,
    language: str = "en",
) -> Position:
    """Create a position linked to `items`; without a slug one is made from the title."""
    require(actor, "framework.add_position")
    _check_position_kind(kind)
    _check_title(title)
    if slug:
        _check_slug(slug)
    with transaction.atomic():
        if slug and Position.objects.filter(slug=slug).exists():
            raise Conflict(_("This address is already taken."), field="slug")
        slug = slug or unique_slug(
            title, lambda s: Position.objects.filter(slug=s).exists(), max_length=80
        )
        position = Position.objects.create(
            slug=slug,
            kind=kind,
            title=title.strip(),
            text=text,
            source=source,
            source_url=source_url,
            order=order,
            language=language,
        )
        item_changes = _set_items(position, list(items or []))
        audit_record(
            actor=actor,
            action="position.create",
            target=position,
            changes={"slug": slug, "kind": kind, **item_changes},
        )
    return position


def position_update(*, actor: Any, position: Position, data: dict[str, Any]) -> Position:
    """Change the given fields (`items` a list of FrameworkItem replaces the links)."""
    require(actor, "framework.change_position", position)
    _check_unknown(data, POSITION_FIELDS)
    data = dict(data)
    items = data.pop("items", None)
    if "kind" in data:
        _check_position_kind(data["kind"])
    if "title" in data:
        _check_title(data["title"])
    if "slug" in data:
        _check_slug(data["slug"])
    with transaction.atomic():
        if (
            "slug" in data
            and Position.objects.filter(slug=data["slug"]).exclude(pk=position.pk).exists()
        ):
            raise Conflict(_("This address is already taken."), field="slug")
        changes = changed_fields(position, data)
        if changes:
            position.save(update_fields=[*changes, "updated_at"])
        if items is not None:
            changes.update(_set_items(position, list(items)))
        if changes:
            audit_record(actor=actor, action="position.update", target=position, changes=changes)
    return position


def position_delete(*, actor: Any, position: Position) -> None:
    require(actor, "framework.delete_position", position)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="position.delete",
            target=position,
            changes={"slug": position.slug, "kind": position.kind},
        )
        position.delete()
