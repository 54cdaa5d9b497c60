"""Demo loader: the selection round of the Puerto Vallarta Civil Society Stocktaking and
Strategy Meeting with the Annex 3 quotas (demo_data/selection.yaml, from seed 001).
Idempotent: loading twice creates nothing and records no audit entry."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.dateparse import parse_datetime

from convenor.core.audit import audit_record
from convenor.process.models import Event

from .models import Quota, SelectionRound

DATA = Path(__file__).parent / "demo_data" / "selection.yaml"


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


def load(*, actor: Any = None) -> dict[str, int]:
    """Upsert the demo round and its quotas; skipped when the meeting is not loaded."""
    with DATA.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    counts: Counter[str] = Counter()
    spec = data["round"]
    event = Event.objects.filter(slug=spec["event"]).first()
    if event is None:
        return {"missing_references": 1}
    deadline = spec.get("deadline")
    if isinstance(deadline, str):
        deadline = parse_datetime(deadline)
    with transaction.atomic():
        round_ = _upsert(
            SelectionRound,
            {"slug": spec["slug"]},
            {
                "event": event,
                "title": spec["title"],
                "capacity": spec["capacity"],
                "deadline": deadline,
                "description": spec.get("description", "").strip(),
                "source": data["source"],
            },
            counts,
            actor,
        )
        if counts["selectionround_created"]:
            round_.status = spec.get("status", "open")
            round_.save(update_fields=["status"])
        for order, q in enumerate(data["quotas"], start=1):
            _upsert(
                Quota,
                {"round": round_, "slug": q["slug"]},
                {
                    "process_name": q["process_name"],
                    "coordinator_label": q.get("coordinator", ""),
                    "mode": q["mode"],
                    "max_names": q.get("max_names"),
                    "seats": q["seats"],
                    "note": q.get("note", ""),
                    "order": order,
                },
                counts,
                actor,
            )
    counts["quotas"] = len(data["quotas"])
    return dict(counts)
