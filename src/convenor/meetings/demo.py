"""Demo loader: the programme of the Puerto Vallarta Civil Society Stocktaking and Strategy
Meeting (Annex 1 of seed 001) with its ten small tables. Idempotent: loading twice creates
nothing and records no audit entry."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from convenor.core.audit import audit_record
from convenor.framework.models import FrameworkItem
from convenor.process.models import Event

from .models import Meeting, ProgrammeDay, Session, SmallTable

DATA = Path(__file__).parent / "demo_data" / "puerto-vallarta.yaml"


def _upsert(
    model: Any, lookup: dict[str, Any], values: dict[str, Any], counts: Counter, actor: Any
) -> Any:
    name = model._meta.model_name
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        counts[f"{name}_created"] += 1
        audit_record(actor=actor, action=f"demo.{name}.create", target=obj)
        return obj
    changes = {k: [getattr(obj, k), v] for k, v in values.items() if getattr(obj, k) != v}
    if changes:
        for key, (_old, new) in changes.items():
            setattr(obj, key, new)
        obj.save(update_fields=list(changes))
        counts[f"{name}_updated"] += 1
        audit_record(actor=actor, action=f"demo.{name}.update", target=obj, changes=changes)
    return obj


def _time(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def load(*, actor: Any = None) -> dict[str, int]:
    with DATA.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    event = Event.objects.filter(slug=data["event"]).first()
    if event is None:
        return {"missing_references": 1}
    items = {i.code: i for i in FrameworkItem.objects.filter(framework__slug=data["framework"])}
    counts: Counter[str] = Counter()
    with transaction.atomic():
        meeting = _upsert(
            Meeting,
            {"event": event},
            {
                "capacity": data["capacity"],
                "government_led": data["government_led"],
                "time_zone": data.get("time_zone", ""),
                "source": data["source"],
            },
            counts,
            actor,
        )
        for spec in data["days"]:
            day = _upsert(
                ProgrammeDay,
                {"meeting": meeting, "date": spec["date"]},
                {"title": spec["title"]},
                counts,
                actor,
            )
            for order, s in enumerate(spec["sessions"], start=1):
                session = _upsert(
                    Session,
                    {"day": day, "slug": s["slug"]},
                    {
                        "kind": s["kind"],
                        "title": s["title"],
                        "start_time": _time(s["start"]),
                        "end_time": _time(s["end"]),
                        "description": s.get("description", ""),
                        "chatham_house": s.get("chatham_house", False),
                        "table_round": s.get("table_round"),
                        "order": order,
                    },
                    counts,
                    actor,
                )
                wanted = {items[c].pk for c in s.get("themes", []) if c in items}
                counts["missing_references"] += sum(
                    1 for c in s.get("themes", []) if c not in items
                )
                if set(session.themes.values_list("pk", flat=True)) != wanted:
                    session.themes.set(wanted)
                    counts["session_themes_set"] += 1
        sizes = data["tables"]
        for number in range(1, 11):
            item = items.get(str(number))
            _upsert(
                SmallTable,
                {"meeting": meeting, "number": number},
                {
                    "name": f"ACT {number}" + (f": {item.title}" if item else ""),
                    "theme": item,
                    "min_size": sizes["min_size"],
                    "max_size": sizes["max_size"],
                    "min_gov": sizes["min_gov"],
                    "max_gov": sizes["max_gov"],
                },
                counts,
                actor,
            )
    return dict(counts)
