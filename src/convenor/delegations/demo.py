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
from django.utils.text import slugify

from convenor.core.audit import audit_record
from convenor.directory.models import Organisation, Person
from convenor.process.models import Event

from .models import Nomination, Quota, SelectionRound

DATA = Path(__file__).parent / "demo_data" / "selection.yaml"
NOMINATIONS = Path(__file__).parent / "demo_data" / "nominations.yaml"
FICTIONAL_ROLE = "Fictional nominee (demo data)"


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
        _load_nominations(round_, counts, actor)
    counts["quotas"] = len(data["quotas"])
    return dict(counts)


def _parse_line(line: str) -> dict[str, Any]:
    """ "Name | organisation | gender | flags" -> its parts (see nominations.yaml)."""
    parts = [p.strip() for p in line.split("|")] + ["", "", ""]
    flags = set(parts[3].split())
    return {
        "name": parts[0],
        "organisation": parts[1],
        "gender": parts[2],
        "youth": "youth" in flags,
        "migrant": "migrant" in flags,
    }


def _load_nominations(round_: SelectionRound, counts: Counter, actor: Any) -> None:
    """Upsert the fictional nominees (clearly marked in the directory) and their
    nominations in priority order."""
    with NOMINATIONS.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    quotas = {q.slug: q for q in round_.quotas.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for quota_slug, lines in data["quotas"].items():
        quota = quotas.get(quota_slug)
        if quota is None:
            counts["missing_references"] += 1
            continue
        for priority, line in enumerate(lines, start=1):
            spec = _parse_line(line)
            organisation = organisations.get(spec["organisation"])
            slug = "fictional-" + slugify(spec["name"])
            person = _upsert(
                Person,
                {"slug": slug},
                {
                    "name": spec["name"],
                    "organisation": organisation,
                    "role": FICTIONAL_ROLE,
                    "email": f"{slug}@example.org",
                    "gender": spec["gender"],
                    "is_youth": spec["youth"],
                    "source": data["source"],
                },
                counts,
                actor,
            )
            _upsert(
                Nomination,
                {"quota": quota, "person": person},
                {
                    "priority": priority,
                    "organisation_name": "" if organisation else spec["organisation"],
                    "migrant_or_refugee": spec["migrant"],
                },
                counts,
                actor,
            )
