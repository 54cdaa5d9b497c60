"""Reads: timelines, event and document lists, news, and an organisation's activity.

Each selector decides its select_related/prefetch once, so that a page or endpoint
runs the same number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from convenor.directory.models import Organisation, Person, Region

from .models import Document, Event, EventOrganisation, NewsItem, Phase, Process

# Lists that are not paginated (panels, feeds) stop here.
PANEL_LIMIT = 20
FEED_LIMIT = 2000


def today() -> datetime.date:
    return timezone.localdate()


# Processes and phases ---------------------------------------------------------------


def process_list() -> QuerySet[Process]:
    return Process.objects.order_by("-start_date", "name")


def process_get(*, slug: str) -> Process:
    """The process with this slug, or Http404."""
    return get_object_or_404(Process, slug=slug)


def phase_list(*, process: Process | None = None) -> QuerySet[Phase]:
    qs = Phase.objects.select_related("process").order_by("process__slug", "order", "start_date")
    if process is not None:
        qs = qs.filter(process=process)
    return qs


def phase_get(*, process: Process, slug: str) -> Phase:
    """The phase of `process` with this slug, or Http404."""
    return get_object_or_404(Phase.objects.select_related("process"), process=process, slug=slug)


def current_among(phases: list[Phase], on: datetime.date) -> Phase | None:
    """The phase current on `on`: start <= on <= end (an empty end is open). When phases
    overlap, the one that started last wins, so that at most one phase is current."""
    candidates = [p for p in phases if p.is_current_on(on)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.start_date, p.order, p.pk or 0))


def phase_current(*, process: Process, on: datetime.date | None = None) -> Phase | None:
    """The phase of `process` current on `on` (today by default), or None."""
    return current_among(list(process.phases.all()), on or today())


@dataclass
class TimelineEntry:
    phase: Phase
    current: bool
    past: bool


def process_timeline(*, process: Process, on: datetime.date | None = None) -> list[TimelineEntry]:
    """The phases of `process` in order, marking the one current on `on` (today by default)."""
    on = on or today()
    phases = list(process.phases.order_by("order", "start_date"))
    current = current_among(phases, on)
    return [
        TimelineEntry(
            phase=p,
            current=p == current,
            past=p.end_date is not None and p.end_date < on,
        )
        for p in phases
    ]


# Events -----------------------------------------------------------------------------


def event_list(
    *,
    process: Process | None = None,
    phase: str | None = None,
    kind: str | None = None,
    region: Region | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str | None = None,
    organisation: Organisation | None = None,
) -> QuerySet[Event]:
    """Events matching every given filter, by start date. `phase` is a phase slug (phases
    are unique by slug within a process). A date range keeps events that overlap it."""
    qs = Event.objects.select_related("process", "phase", "region").order_by(
        "start_date", "title", "id"
    )
    if process is not None:
        qs = qs.filter(process=process)
    if phase:
        qs = qs.filter(phase__slug=phase)
    if kind:
        qs = qs.filter(kind=kind)
    if region is not None:
        qs = qs.filter(region=region)
    if date_from is not None:
        qs = qs.filter(end_date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(start_date__lte=date_to)
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(themes__icontains=q)
            | Q(city__icontains=q)
            | Q(organiser__icontains=q)
            | Q(description__icontains=q)
        )
    if organisation is not None:
        qs = qs.filter(
            pk__in=EventOrganisation.objects.filter(organisation=organisation).values("event_id")
        )
    return qs


def event_list_rows(**filters: Any) -> QuerySet[Event]:
    """event_list with only the columns the events table shows (no descriptions, notes or
    process): fewer columns to read and fewer model fields to build per row."""
    return (
        event_list(**filters)
        .select_related(None)
        .select_related("phase", "region")
        .only(*EVENT_ROW_FIELDS)
    )


EVENT_ROW_FIELDS = (
    "slug",
    "title",
    "kind",
    "start_date",
    "end_date",
    "city",
    "country",
    "online",
    "phase__name",
    "region__name",
)


def public_people(qs: QuerySet[Person], *, viewer: Any) -> QuerySet[Person]:
    """People the viewer may see: coordinators see everyone, others only public people."""
    if viewer is not None and viewer.has_perm("process.view_private_people"):
        return qs
    return qs.filter(do_not_publish=False)


def event_get(*, slug: str, viewer: Any = None) -> Event:
    """One event with its anchors and the focal points the viewer may see (or Http404)."""
    people = public_people(Person.objects.select_related("organisation"), viewer=viewer)
    qs = Event.objects.select_related("process", "phase", "region").prefetch_related(
        Prefetch(
            "anchorings",
            queryset=EventOrganisation.objects.select_related("organisation").order_by(
                "order", "id"
            ),
        ),
        Prefetch("focal_points", queryset=people.order_by("name")),
    )
    return get_object_or_404(qs, slug=slug)


def events_for_calendar(**filters: Any) -> QuerySet[Event]:
    """Events for an iCalendar feed (the filters of event_list), with anchors and public
    focal points, bounded."""
    qs = event_list(**filters).prefetch_related(
        Prefetch(
            "anchorings",
            queryset=EventOrganisation.objects.select_related("organisation").order_by(
                "order", "id"
            ),
        ),
        Prefetch("focal_points", queryset=Person.objects.filter(do_not_publish=False)),
    )
    return qs[:FEED_LIMIT]


# Documents --------------------------------------------------------------------------


@dataclass
class DocumentGroup:
    """Language versions of one document; `main` is the English one if any, else the first."""

    main: Document
    versions: list[Document] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        return [d.language for d in self.versions]


def group_documents(documents: list[Document]) -> list[DocumentGroup]:
    """Group documents by translation_group, keeping the order of first appearance."""
    groups: OrderedDict[Any, list[Document]] = OrderedDict()
    for doc in documents:
        groups.setdefault(doc.translation_group, []).append(doc)
    result = []
    for versions in groups.values():
        versions.sort(key=lambda d: (d.language != "en", d.language, d.pk))
        result.append(DocumentGroup(main=versions[0], versions=versions))
    return result


def document_list(
    *,
    process: Process | None = None,
    event: Event | None = None,
    language: str | None = None,
    kind: str | None = None,
) -> QuerySet[Document]:
    qs = Document.objects.select_related("process", "event").prefetch_related("organisations")
    if process is not None:
        qs = qs.filter(process=process)
    if event is not None:
        qs = qs.filter(event=event)
    if language:
        qs = qs.filter(language=language)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def document_versions(documents: list[Document]) -> dict[Any, list[Document]]:
    """For the given documents, every language version of each (one query)."""
    groups = {d.translation_group for d in documents}
    if not groups:
        return {}
    result: dict[Any, list[Document]] = {g: [] for g in groups}
    for doc in (
        Document.objects.filter(translation_group__in=groups)
        .only("id", "title", "language", "translation_group")
        .order_by("language", "id")
    ):
        result[doc.translation_group].append(doc)
    return result


def document_get(*, pk: int) -> Document:
    qs = Document.objects.select_related("process", "event").prefetch_related("organisations")
    return get_object_or_404(qs, pk=pk)


def event_documents(*, event: Event) -> list[DocumentGroup]:
    """The event's documents with all their language versions, grouped."""
    groups = Document.objects.filter(event=event).values("translation_group")
    docs = Document.objects.filter(translation_group__in=groups).order_by(
        "kind", "title", "language", "id"
    )
    return group_documents(list(docs))


# News -------------------------------------------------------------------------------


def news_list(*, language: str | None = None, include_drafts: bool = False) -> QuerySet[NewsItem]:
    qs = NewsItem.objects.select_related("event", "organisation", "process")
    if not include_drafts:
        qs = qs.filter(published=True)
    if language:
        qs = qs.filter(language=language)
    return qs


def news_latest(*, limit: int = 10, language: str | None = None) -> list[NewsItem]:
    """The latest published news, newest first (items without a date last)."""
    return list(news_list(language=language)[:limit])


def news_get(*, slug: str, include_drafts: bool = False) -> NewsItem:
    return get_object_or_404(news_list(include_drafts=include_drafts), slug=slug)


# Panels -----------------------------------------------------------------------------


def organisation_activity(*, organisation: Organisation) -> dict[str, Any]:
    """Events the organisation anchors and documents it authored (bounded)."""
    anchorings = list(
        EventOrganisation.objects.filter(organisation=organisation)
        .select_related("event", "event__region")
        .order_by("event__start_date")[:PANEL_LIMIT]
    )
    documents = list(organisation.documents.order_by("-published_on", "title")[:PANEL_LIMIT])
    return {"anchorings": anchorings, "documents": documents}


def person_activity(*, person: Person, viewer: Any = None) -> dict[str, Any]:
    """Events where the person is a focal point; nothing for a hidden person."""
    if person.do_not_publish and not (
        viewer is not None and viewer.has_perm("process.view_private_people")
    ):
        return {"events": []}
    events = list(
        person.focal_point_events.select_related("region").order_by("start_date")[:PANEL_LIMIT]
    )
    return {"events": events}
