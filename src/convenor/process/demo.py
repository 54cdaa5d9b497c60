"""Demo loader: upserts the GCM process, its phases, events, documents and news from
demo_data/*.yaml (transcribed from the seeds). Loading twice changes nothing.

Organisations, people and regions come from the directory demo (loaded first); a reference
to one that does not exist is skipped and counted under "missing_references"."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction

from convenor.core.audit import audit_record
from convenor.directory.models import Organisation, Person, Region

from .models import Document, Event, EventOrganisation, NewsItem, Phase, Process

DATA_DIR = Path(__file__).parent / "demo_data"
GROUP_NAMESPACE = uuid.UUID("6f1c7d1e-3f5b-4e0e-9a43-0c6b8f8f1a10")


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def translation_group(key: str) -> uuid.UUID:
    """The stable translation group of a demo document group key."""
    return uuid.uuid5(GROUP_NAMESPACE, key)


class _Loader:
    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.counts: Counter[str] = Counter()
        self.regions = {r.slug: r for r in Region.objects.all()}
        self.orgs = {o.slug: o for o in Organisation.objects.all()}
        self.people = {p.slug: p for p in Person.objects.all()}

    # Lookups that tolerate a missing directory record.
    def _get(self, table: dict[str, Any], slug: str | None) -> Any:
        if not slug:
            return None
        obj = table.get(slug)
        if obj is None:
            self.counts["missing_references"] += 1
        return obj

    def upsert(
        self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
    ) -> Any:
        """Create or update one row; audit only when something changed."""
        name = model._meta.model_name
        obj = model._default_manager.filter(**lookup).first()  # type: ignore[attr-defined]
        if obj is None:
            obj = model(**lookup, **values)
            obj.save()
            self.counts[f"{name}_created"] += 1
            audit_record(actor=self.actor, action=f"demo.{name}.create", target=obj)
            return obj
        changes = {}
        for key, value in values.items():
            field = model._meta.get_field(key)
            current = getattr(obj, getattr(field, "attname", key))
            new = value.pk if isinstance(value, models.Model) else value
            if isinstance(field, models.ForeignKey) and value is None:
                new = None
            if str(current) != str(new) if key == "country" else current != new:
                changes[key] = [current, new]
                setattr(obj, key, value)
        if changes:
            obj.save(update_fields=list(changes))
            self.counts[f"{name}_updated"] += 1
            audit_record(
                actor=self.actor, action=f"demo.{name}.update", target=obj, changes=changes
            )
        return obj

    def sync_m2m(self, obj: Any, attr: str, wanted: list[Any]) -> None:
        manager = getattr(obj, attr)
        have = set(manager.values_list("pk", flat=True))
        want = {o.pk for o in wanted}
        if have != want:
            manager.set(wanted)
            self.counts[f"{attr}_synced"] += 1
            audit_record(
                actor=self.actor,
                action=f"demo.{obj._meta.model_name}.{attr}",
                target=obj,
                changes={attr: [sorted(have), sorted(want)]},
            )

    def sync_anchors(self, event: Event, anchors: list[dict[str, str]]) -> None:
        wanted = []
        for order, item in enumerate(anchors):
            org = self._get(self.orgs, item["slug"])
            if org is not None:
                wanted.append((org.pk, item.get("role", "anchor"), order))
        have = list(
            EventOrganisation.objects.filter(event=event)
            .order_by("order", "id")
            .values_list("organisation_id", "role", "order")
        )
        if have != wanted:
            EventOrganisation.objects.filter(event=event).delete()
            EventOrganisation.objects.bulk_create(
                EventOrganisation(event=event, organisation_id=o, role=r, order=n)
                for o, r, n in wanted
            )
            self.counts["anchors_synced"] += 1
            audit_record(
                actor=self.actor,
                action="demo.event.anchors",
                target=event,
                changes={"anchors": [have, wanted]},
            )

    # Records ----------------------------------------------------------------------------

    def processes(self) -> dict[str, Process]:
        result = {}
        for rec in _read("processes.yaml")["processes"]:
            process = self.upsert(
                Process,
                {"slug": rec["slug"]},
                {
                    "name": rec["name"],
                    "short_name": rec.get("short_name", ""),
                    "description": rec.get("description", ""),
                    "start_date": rec.get("start_date"),
                    "end_date": rec.get("end_date"),
                    "website": rec.get("website", ""),
                },
            )
            for phase in rec.get("phases", []):
                self.upsert(
                    Phase,
                    {"process": process, "slug": phase["slug"]},
                    {
                        "name": phase["name"],
                        "description": phase.get("description", ""),
                        "order": phase.get("order", 0),
                        "start_date": phase["start_date"],
                        "end_date": phase.get("end_date"),
                    },
                )
            result[process.slug] = process
        return result

    def events(self, processes: dict[str, Process]) -> dict[str, Event]:
        result = {}
        default = next(iter(processes.values()))
        for rec in _read("events.yaml")["events"]:
            process = processes.get(rec.get("process", default.slug), default)
            phase = (
                Phase.objects.filter(process=process, slug=rec["phase"]).first()
                if rec.get("phase")
                else None
            )
            event = self.upsert(
                Event,
                {"slug": rec["slug"]},
                {
                    "process": process,
                    "phase": phase,
                    "title": rec["title"],
                    "kind": rec["kind"],
                    "themes": rec.get("themes", ""),
                    "description": rec.get("description", ""),
                    "start_date": rec["start_date"],
                    "end_date": rec.get("end_date") or rec["start_date"],
                    "city": rec.get("city", ""),
                    "country": rec.get("country", ""),
                    "region": self._get(self.regions, rec.get("region")),
                    "venue": rec.get("venue", ""),
                    "online": rec.get("online", False),
                    "url": rec.get("url", ""),
                    "organiser": rec.get("organiser", ""),
                    "note": rec.get("note", ""),
                    "source": rec.get("source", "")[:300],
                },
            )
            self.sync_anchors(event, rec.get("anchors", []))
            people = [self._get(self.people, s) for s in rec.get("focal_points", [])]
            self.sync_m2m(event, "focal_points", [p for p in people if p is not None])
            result[event.slug] = event
        return result

    def documents(self, processes: dict[str, Process], events: dict[str, Event]) -> None:
        for rec in _read("documents.yaml")["documents"]:
            event = events.get(rec.get("event", ""))
            process = processes.get(rec.get("process", "")) or (event.process if event else None)
            doc = self.upsert(
                Document,
                {"reference": rec["reference"]},
                {
                    "title": rec["title"],
                    "kind": rec["kind"],
                    "language": rec.get("language", "en"),
                    "url": rec["url"],
                    "process": process,
                    "event": event,
                    "translation_group": translation_group(rec["group"]),
                    "published_on": rec.get("published_on"),
                    "source": rec.get("source", "")[:300],
                    "note": rec.get("note", ""),
                },
            )
            orgs = [self._get(self.orgs, s) for s in rec.get("organisations", [])]
            self.sync_m2m(doc, "organisations", [o for o in orgs if o is not None])

    def news(self, processes: dict[str, Process], events: dict[str, Event]) -> None:
        for rec in _read("news.yaml")["news"]:
            self.upsert(
                NewsItem,
                {"slug": rec["slug"]},
                {
                    "title": rec["title"],
                    "date": rec.get("date"),
                    "body": rec.get("body", ""),
                    "language": rec.get("language", "en"),
                    "process": processes.get(rec.get("process", "")),
                    "event": events.get(rec.get("event", "")),
                    "organisation": self._get(self.orgs, rec.get("organisation")),
                    "published": rec.get("published", True),
                    "note": "; ".join(x for x in (rec.get("source", ""), rec.get("note", "")) if x),
                },
            )


def load(*, actor: Any = None) -> dict[str, int]:
    """Upsert the demo records; return counts of what was created, updated or missing."""
    loader = _Loader(actor)
    with transaction.atomic():
        processes = loader.processes()
        events = loader.events(processes)
        loader.documents(processes, events)
        loader.news(processes, events)
    counts = dict(loader.counts)
    counts["processes"] = Process.objects.count()
    counts["events"] = Event.objects.count()
    counts["documents"] = Document.objects.count()
    counts["news"] = NewsItem.objects.count()
    return counts
