"""Loads the demo frameworks (Ten Acts, GCM objectives) and civil society positions from
demo_data/, transcribed from the seeds. Idempotent: records are matched by slug or by
(framework, code), and a second load changes nothing and records no audit entry."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from convenor.core.audit import audit_record

from .models import Framework, FrameworkItem, Position, Tag

DATA = Path(__file__).resolve().parent / "demo_data"
FRAMEWORK_FILES = ("ten-acts.yaml", "gcm-objectives.yaml")


def _read(name: str) -> dict[str, Any]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _upsert(model, lookup: dict[str, Any], values: dict[str, Any], stats: dict[str, int]):
    """Create or update one row; count it as created, updated or unchanged."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        stats["created"] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
        stats["updated"] += 1
    return obj


def _set_m2m(manager, wanted: list[Any], stats: dict[str, int]) -> None:
    if {obj.pk for obj in manager.all()} != {obj.pk for obj in wanted}:
        manager.set(wanted)
        stats["updated"] += 1


def _load_tags(stats: dict[str, int]) -> dict[str, Tag]:
    tags = {}
    for row in _read("tags.yaml")["tags"]:
        tags[row["slug"]] = _upsert(Tag, {"slug": row["slug"]}, {"name": row["name"]}, stats)
    return tags


def _item_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of a framework file: listed items, principles, and objectives from CSV."""
    rows = list(data.get("items", []))
    for row in data.get("principles", []):
        rows.append({"kind": "principle", "order": 0, **row})
    if data.get("objectives_csv"):
        with (DATA / data["objectives_csv"]).open(encoding="utf-8") as handle:
            lines = [line for line in handle if not line.startswith("#")]
        for row in csv.DictReader(lines):
            rows.append({"code": row["code"], "title": row["title"], "kind": "objective"})
            rows[-1]["order"] = 10
    return rows


def _load_framework(name: str, tags: dict[str, Tag], stats: dict[str, int]) -> Framework:
    data = _read(name)
    meta = dict(data["framework"])
    framework = _upsert(Framework, {"slug": meta.pop("slug")}, meta, stats)
    items: dict[str, FrameworkItem] = {}
    for row in _item_rows(data):
        parent = items[str(row["parent"])] if row.get("parent") else None
        values = {
            "parent": parent,
            "kind": row["kind"],
            "title": row["title"],
            "description": row.get("description", ""),
            "horizon": row.get("horizon", ""),
            "target_year": row.get("target_year"),
            "urgent": bool(row.get("urgent", False)),
            "order": row.get("order", 0),
        }
        item = _upsert(
            FrameworkItem, {"framework": framework, "code": str(row["code"])}, values, stats
        )
        _set_m2m(item.tags, [tags[slug] for slug in row.get("tags", [])], stats)
        items[item.code] = item
    return framework


def _load_positions(stats: dict[str, int]) -> int:
    data = _read("positions.yaml")
    defaults = data.get("defaults", {})
    lookup = {
        (item.framework.slug, item.code): item
        for item in FrameworkItem.objects.select_related("framework")
    }
    for row in data["positions"]:
        values = {
            "kind": row["kind"],
            "title": row["title"],
            "text": row.get("text", ""),
            "source": row.get("source", defaults.get("source", "")),
            "source_url": row.get("source_url", defaults.get("source_url", "")),
            "order": row.get("order", 0),
            "language": row.get("language", defaults.get("language", "en")),
        }
        position = _upsert(Position, {"slug": row["slug"]}, values, stats)
        wanted = [lookup[tuple(ref.split(":", 1))] for ref in row.get("items", [])]
        _set_m2m(position.items, wanted, stats)
    return len(data["positions"])


def load(*, actor: Any = None) -> dict[str, int]:
    """Upsert the demo frameworks, items, tags and positions; return counts."""
    stats = {"created": 0, "updated": 0}
    with transaction.atomic():
        tags = _load_tags(stats)
        frameworks = [_load_framework(name, tags, stats) for name in FRAMEWORK_FILES]
        positions = _load_positions(stats)
        if stats["created"] or stats["updated"]:
            audit_record(actor=actor, action="framework.demo_load", changes=dict(stats))
    return {
        "frameworks": len(frameworks),
        "items": FrameworkItem.objects.filter(framework__in=frameworks).count(),
        "tags": len(tags),
        "positions": positions,
        **stats,
    }
