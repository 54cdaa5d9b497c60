"""Loads the directory's demo records from demo_data/*.yaml (transcribed from the seeds).

Idempotent: records are matched by slug (memberships by member, body and role), only
changed fields are written, and a second run creates nothing and audits nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction

from convenor.core.audit import audit_record

from .models import Committee, Membership, Organisation, Person, Region

DATA_DIR = Path(__file__).resolve().parent / "demo_data"


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> str:
    """Create or update one row; return "created", "updated" or "" (unchanged)."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        model._default_manager.create(**lookup, **values)
        return "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return ""
    for name in changed:
        setattr(instance, name, values[name])
    instance.save(update_fields=changed)
    return "updated"


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def load(*, actor: Any = None) -> dict[str, int]:
    """Upsert the demo regions, organisations, committees, people and memberships."""
    outcomes: list[str] = []
    counts: dict[str, int] = {}
    with transaction.atomic():
        regions_file = _read("regions.yaml")
        for row in regions_file["regions"]:
            outcomes.append(
                _upsert(Region, {"slug": row["slug"]}, {"name": row["name"], "order": row["order"]})
            )
        counts["regions"] = len(regions_file["regions"])
        regions = {r.slug: r for r in Region.objects.all()}

        rows = _read("organisations.yaml")["organisations"]
        for row in rows:
            values = {
                "name": row["name"],
                "acronym": row.get("acronym", ""),
                "kind": row["kind"],
                "country": row.get("country", ""),
                "region": regions.get(row.get("region", "")),
                "website": row.get("website", ""),
                "description": row.get("description", ""),
                "source": row["source"],
            }
            outcomes.append(_upsert(Organisation, {"slug": row["slug"]}, values))
        counts["organisations"] = len(rows)
        organisations = {o.slug: o for o in Organisation.objects.all()}

        rows = _read("committees.yaml")["committees"]
        for row in rows:
            values = {
                "name": row["name"],
                "description": row.get("description", ""),
                "convener": organisations.get(row.get("convener", "")),
                "source": row["source"],
            }
            outcomes.append(_upsert(Committee, {"slug": row["slug"]}, values))
        counts["committees"] = len(rows)
        committees = {c.slug: c for c in Committee.objects.all()}

        rows = _read("people.yaml")["people"]
        for row in rows:
            values = {
                "name": row["name"],
                "organisation": organisations.get(row.get("organisation", "")),
                "role": row.get("role", ""),
                "languages": row.get("languages", []),
                "do_not_publish": bool(row.get("do_not_publish", False)),
                "source": row["source"],
            }
            outcomes.append(_upsert(Person, {"slug": row["slug"]}, values))
        counts["people"] = len(rows)
        people = {p.slug: p for p in Person.objects.all()}

        rows = _read("memberships.yaml")["memberships"]
        for row in rows:
            lookup = {
                "organisation": organisations.get(row.get("organisation", "")),
                "person": people.get(row.get("person", "")),
                "network": organisations.get(row.get("network", "")),
                "committee": committees.get(row.get("committee", "")),
                "role": row["role"],
            }
            values = {
                "region": regions.get(row.get("region", "")),
                "start_date": _date(row.get("start_date")),
                "end_date": _date(row.get("end_date")),
                "note": row.get("note", ""),
                "source": row["source"],
            }
            outcomes.append(_upsert(Membership, lookup, values))
        counts["memberships"] = len(rows)

        counts["created"] = outcomes.count("created")
        counts["updated"] = outcomes.count("updated")
        if counts["created"] or counts["updated"]:
            audit_record(
                actor=actor,
                action="directory.demo_load",
                changes={"created": counts["created"], "updated": counts["updated"]},
            )
    return counts
