"""Demo data of the reports app: the GFMD 2017 template, the green-room report of seed 002
(submitted, quotes anonymous) and the other seeds' baselines, red lines and issues as
recommendations from their events. Loading twice changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from convenor.process.models import Event

from .language import detect_language
from .models import (
    SECTION_TO_KIND,
    Recommendation,
    Report,
    ReportingTemplate,
    SectionKind,
    TemplateSection,
)
from .services import source_attributes

DATA = Path(__file__).resolve().parent / "demo_data"
REPORT_SECTIONS = {
    "baselines": SectionKind.BASELINE,
    "red-lines": SectionKind.RED_LINE,
    "mechanisms": SectionKind.MECHANISM,
    "questions": SectionKind.QUESTION,
    "quotes": SectionKind.QUOTE,
    "steps": SectionKind.STRATEGIC_STEP,
    "issues": SectionKind.ISSUE,
    "notes": SectionKind.FREE_TEXT,
}


def _read(name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _upsert(model: Any, lookup: dict[str, Any], values: dict[str, Any], counts: dict[str, int]):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        counts[model._meta.model_name] = counts.get(model._meta.model_name, 0) + 1
        return model.objects.create(**lookup, **values)
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
    return obj


def load(*, actor: Any = None) -> dict[str, int]:
    """Upsert the demo templates, report and recommendations; return how many were created."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        templates = {}
        for t in _read("templates.yaml")["templates"]:
            template = _upsert(
                ReportingTemplate,
                {"slug": t["slug"]},
                {"title": t["title"], "description": t["description"], "source": "seed 002"},
                counts,
            )
            for order, s in enumerate(t["sections"]):
                _upsert(
                    TemplateSection,
                    {"template": template, "order": order},
                    {
                        "kind": s["kind"],
                        "title": s["title"],
                        "help_text": s.get("help", ""),
                        "max_items": s.get("max_items", 0),
                    },
                    counts,
                )
            templates[template.slug] = template
        _load_report(_read("green_room_report.yaml"), templates, counts)
        events = {e.slug: e for e in Event.objects.select_related("region", "process")}
        for r in _read("recommendations.yaml")["recommendations"]:
            event = events.get(r["event"])
            if event is None:
                continue  # the process demo was not loaded
            _upsert(
                Recommendation,
                {"natural_key": f"demo:{r['key']}", "report": None},
                {
                    "kind": r["kind"],
                    "text": r["text"].strip(),
                    "language": detect_language(r["text"]),
                    "reference": r["source"].split(", ", 1)[-1][:60],
                    **source_attributes(event),
                },
                counts,
            )
    return counts


def _load_report(data: dict[str, Any], templates: dict[str, Any], counts: dict[str, int]) -> None:
    event = Event.objects.select_related("region", "process").filter(slug=data["event"]).first()
    if event is None:
        return
    template = templates[data["template"]]
    report = _upsert(
        Report,
        {"slug": data["slug"]},
        {
            "template": template,
            "event": event,
            "session": data["session"],
            "status": data["status"],
            "language": data["language"],
            "source": data["source"],
        },
        counts,
    )
    sections = {s.kind: s for s in template.sections.all()}
    order = 0
    for key, kind in REPORT_SECTIONS.items():
        for i, entry in enumerate(data["sections"].get(key, [])):
            order += 1
            _upsert(
                Recommendation,
                {"natural_key": f"demo:{report.slug}:{key}:{i}", "report": report},
                {
                    "kind": SECTION_TO_KIND[kind],
                    "section": sections[kind],
                    "text": entry["text"].strip(),
                    "language": "en",
                    "horizon": entry.get("horizon", ""),
                    "time_frame": entry.get("time_frame", ""),
                    "order": order,
                    **source_attributes(event),
                },
                counts,
            )
