"""Demo data: the three sign-on documents of the seeds (demo_data/statements.yaml).

Idempotent: statements, versions and texts are upserted by slug / version / language;
a second run creates no rows and no audit entries.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from .models import Statement, StatementText, StatementVersion

DATA = Path(__file__).resolve().parent / "demo_data" / "statements.yaml"


def _when(value: str | None, tz: str) -> dt.datetime | None:
    if not value:
        return None
    return dt.datetime.fromisoformat(value).replace(tzinfo=zoneinfo.ZoneInfo(tz))


def _links(record: dict[str, Any]) -> tuple[Any, list[Any]]:
    from convenor.framework.models import FrameworkItem
    from convenor.process.models import Process

    process = Process.objects.filter(slug=record.get("process") or "").first()
    items = []
    if record.get("framework") and record.get("framework_items"):
        items = list(
            FrameworkItem.objects.filter(
                framework__slug=record["framework"], code__in=record["framework_items"]
            )
        )
    return process, items


def load(*, actor: Any = None) -> dict[str, int]:
    """Upsert the demo statements; return how many were created."""
    records = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        for record in records:
            tz = record["time_zone"]
            reference = record["texts"][record["language"]]
            process, items = _links(record)
            values = {
                "title": reference["title"],
                "reference_language": record["language"],
                "signer_kinds": record["signer_kinds"],
                "opens_at": _when(record["opens_at"], tz),
                "closes_at": _when(record["closes_at"], tz),
                "time_zone": tz,
                "process": process,
                "source": record["source"][:300],
            }
            statement = Statement.objects.filter(slug=record["slug"]).first()
            if statement is None:
                statement = Statement.objects.create(slug=record["slug"], **values)
                created += 1
            else:
                changed = [k for k, v in values.items() if getattr(statement, k) != v]
                for name in changed:
                    setattr(statement, name, values[name])
                if changed:
                    statement.save(update_fields=changed)
            if items and set(statement.framework_items.all()) != set(items):
                statement.framework_items.set(items)
            version, _ = StatementVersion.objects.get_or_create(statement=statement, number=1)
            if not version.signatures.exists():
                for language, text in record["texts"].items():
                    wanted = {
                        "title": text["title"],
                        "summary": text["summary"],
                        "body": text["body"],
                    }
                    existing = version.texts.filter(language=language).first()
                    if existing is None:
                        StatementText.objects.create(version=version, language=language, **wanted)
                    elif any(getattr(existing, k) != v for k, v in wanted.items()):
                        for k, v in wanted.items():
                            setattr(existing, k, v)
                        existing.save()
    return {"statements": created, "total": len(records)}
