"""Writes: processes, phases, events, documents and news. Each function checks the
actor's permission, validates, saves in one transaction and records an audit entry."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_countries import countries

from convenor.core.audit import audit_record, changed_fields
from convenor.core.errors import Conflict, Unprocessable
from convenor.core.languages import MESSAGE as LANGUAGE_MESSAGE
from convenor.core.languages import is_language_code
from convenor.core.permissions import require
from convenor.core.text import unique_slug
from convenor.core.uploads import check_upload
from convenor.directory.models import Organisation, Person, Region

from .models import (
    AnchorRole,
    Document,
    DocumentKind,
    Event,
    EventKind,
    EventOrganisation,
    NewsItem,
    Phase,
    Process,
)
from .selectors import current_among

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
# Path segments the pages use after /events/, /documents/ and /news/.
RESERVED_SLUGS = {"new", "edit", "delete", "feed"}


# Shared checks ----------------------------------------------------------------------


def check_dates(
    start: datetime.date | None, end: datetime.date | None, *, field: str = "end_date"
) -> None:
    """Unprocessable (naming `field`) when the end comes before the start."""
    if start is not None and end is not None and end < start:
        raise Unprocessable(_("The end date is before the start date."), field=field)


def _check_choice(value: str, choices: Any, *, field: str) -> None:
    if value not in choices.values:
        raise Unprocessable(_("This value is not one of the allowed choices."), field=field)


def _check_required(value: Any, *, field: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise Unprocessable(_("This field is required."), field=field)


def _check_language(value: str) -> None:
    if not is_language_code(value):
        raise Unprocessable(str(LANGUAGE_MESSAGE), field="language")


def _check_url(value: str, *, field: str) -> None:
    if not value:
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise Unprocessable(_("Enter a valid web address."), field=field) from exc


def _check_slug(value: str, *, field: str = "slug") -> None:
    if value and (not SLUG_RE.match(value) or len(value) > 100 or value in RESERVED_SLUGS):
        raise Unprocessable(
            _("Use only letters, digits, hyphens and underscores (at most 100)."), field=field
        )


def _slug_for(model: Any, *, slug: str, base: str, scope: Mapping[str, Any] | None = None) -> str:
    """The given slug (Conflict if taken) or a free one made from `base`."""
    qs = model.objects.filter(**(scope or {}))
    if slug:
        _check_slug(slug)
        if qs.filter(slug=slug).exists():
            raise Conflict(_("This identifier is already used."), field="slug")
        return slug
    return unique_slug(base, lambda s: s in RESERVED_SLUGS or qs.filter(slug=s).exists())


def _save_new(obj: Any) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise Conflict(_("This record clashes with an existing one."), field="slug") from exc


def _apply(instance: Any, data: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise Unprocessable(_("This field cannot be changed here."), field=sorted(unknown)[0])
    return changed_fields(instance, dict(data))


# Processes --------------------------------------------------------------------------

PROCESS_FIELDS = ("name", "short_name", "description", "start_date", "end_date", "website")


def _validate_process(p: Process) -> None:
    _check_required(p.name, field="name")
    check_dates(p.start_date, p.end_date)
    _check_url(p.website, field="website")


def process_create(
    *,
    actor: Any,
    name: str,
    slug: str = "",
    short_name: str = "",
    description: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    website: str = "",
) -> Process:
    require(actor, "process.add_process")
    process = Process(
        name=name,
        short_name=short_name,
        description=description,
        start_date=start_date,
        end_date=end_date,
        website=website,
    )
    _validate_process(process)
    with transaction.atomic():
        process.slug = _slug_for(Process, slug=slug, base=short_name or name)
        _save_new(process)
        audit_record(actor=actor, action="process.create", target=process)
    return process


def process_update(*, actor: Any, process: Process, data: Mapping[str, Any]) -> Process:
    require(actor, "process.change_process", process)
    with transaction.atomic():
        changes = _apply(process, data, PROCESS_FIELDS)
        _validate_process(process)
        if changes:
            process.save(update_fields=[*changes, "updated_at"])
            audit_record(actor=actor, action="process.update", target=process, changes=changes)
    return process


def process_delete(*, actor: Any, process: Process) -> None:
    require(actor, "process.delete_process", process)
    with transaction.atomic():
        audit_record(actor=actor, action="process.delete", target=process)
        process.delete()


# Phases -----------------------------------------------------------------------------

PHASE_FIELDS = ("name", "description", "order", "start_date", "end_date")


def _validate_phase(phase: Phase) -> None:
    _check_required(phase.name, field="name")
    _check_required(phase.start_date, field="start_date")
    check_dates(phase.start_date, phase.end_date)


def phase_create(
    *,
    actor: Any,
    process: Process,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    slug: str = "",
    description: str = "",
    order: int | None = None,
) -> Phase:
    require(actor, "process.add_phase")
    if order is None:
        order = process.phases.count() + 1
    phase = Phase(
        process=process,
        name=name,
        description=description,
        order=order,
        start_date=start_date,
        end_date=end_date,
    )
    _validate_phase(phase)
    with transaction.atomic():
        phase.slug = _slug_for(Phase, slug=slug, base=name, scope={"process": process})
        _save_new(phase)
        audit_record(actor=actor, action="phase.create", target=phase)
    return phase


def phase_update(*, actor: Any, phase: Phase, data: Mapping[str, Any]) -> Phase:
    require(actor, "process.change_phase", phase)
    with transaction.atomic():
        changes = _apply(phase, data, PHASE_FIELDS)
        _validate_phase(phase)
        if changes:
            phase.save(update_fields=list(changes))
            audit_record(actor=actor, action="phase.update", target=phase, changes=changes)
    return phase


def phase_delete(*, actor: Any, phase: Phase) -> None:
    require(actor, "process.delete_phase", phase)
    with transaction.atomic():
        audit_record(actor=actor, action="phase.delete", target=phase)
        phase.delete()


# Events -----------------------------------------------------------------------------

EVENT_FIELDS = (
    "process",
    "phase",
    "title",
    "kind",
    "themes",
    "description",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "time_zone",
    "city",
    "country",
    "region",
    "venue",
    "online",
    "url",
    "organiser",
    "note",
    "source",
)


def _validate_event(event: Event) -> None:
    _check_required(event.title, field="title")
    _check_choice(event.kind, EventKind, field="kind")
    _check_required(event.start_date, field="start_date")
    if event.end_date is None:
        event.end_date = event.start_date
    check_dates(event.start_date, event.end_date)
    if (
        event.start_time
        and event.end_time
        and event.start_date == event.end_date
        and event.end_time < event.start_time
    ):
        raise Unprocessable(_("The end time is before the start time."), field="end_time")
    if event.time_zone:
        _check_time_zone(event.time_zone)
    code = str(event.country or "")
    if code and not countries.alpha2(code):
        raise Unprocessable(_("Unknown country code."), field="country")
    _check_url(event.url, field="url")
    if event.phase is not None and event.phase.process_id != event.process_id:
        raise Unprocessable(_("This phase belongs to another process."), field="phase")
    if event.phase is not None and not event.phase.is_current_on(event.start_date):
        raise Unprocessable(
            _("The event starts outside this phase; choose the phase of its start date."),
            field="phase",
        )


def _check_time_zone(name: str) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise Unprocessable(_("Unknown time zone."), field="time_zone") from exc


def _set_anchors(event: Event, anchors: Iterable[Organisation | tuple[Organisation, str]]) -> None:
    """Replace the event's anchoring organisations (an organisation or (organisation, role))."""
    EventOrganisation.objects.filter(event=event).delete()
    rows = []
    for order, item in enumerate(anchors):
        org, role = item if isinstance(item, tuple) else (item, AnchorRole.ANCHOR)
        _check_choice(role, AnchorRole, field="organisations")
        rows.append(EventOrganisation(event=event, organisation=org, role=role, order=order))
    EventOrganisation.objects.bulk_create(rows)


def event_create(
    *,
    actor: Any,
    process: Process,
    title: str,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    slug: str = "",
    phase: Phase | None = None,
    region: Region | None = None,
    anchors: Iterable[Organisation | tuple[Organisation, str]] = (),
    focal_points: Iterable[Person] = (),
    **fields: Any,
) -> Event:
    """Create an event. Without a phase, the phase current on its start date is used."""
    require(actor, "process.add_event")
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise Unprocessable(_("Unknown field."), field=sorted(unknown)[0])
    event = Event(
        process=process,
        phase=phase,
        title=title,
        kind=kind,
        start_date=start_date,
        end_date=end_date or start_date,
        region=region,
        **fields,
    )
    if event.phase is None and start_date is not None:
        event.phase = current_among(list(process.phases.all()), start_date)
    _validate_event(event)
    with transaction.atomic():
        event.slug = _slug_for(Event, slug=slug, base=f"{title} {start_date:%Y}")
        _save_new(event)
        _set_anchors(event, anchors)
        event.focal_points.set(list(focal_points))
        audit_record(actor=actor, action="event.create", target=event)
    return event


def event_update(
    *,
    actor: Any,
    event: Event,
    data: Mapping[str, Any],
    anchors: Iterable[Organisation | tuple[Organisation, str]] | None = None,
    focal_points: Iterable[Person] | None = None,
) -> Event:
    """Change the given fields; anchors/focal points are replaced when given."""
    require(actor, "process.change_event", event)
    with transaction.atomic():
        changes = _apply(event, data, EVENT_FIELDS)
        _validate_event(event)
        if changes:
            event.save(update_fields=[*changes, "updated_at"])
        if anchors is not None:
            anchors = list(anchors)
            before = sorted(
                a.organisation.slug for a in event.anchorings.select_related("organisation")
            )
            _set_anchors(event, anchors)
            after = sorted((a[0] if isinstance(a, tuple) else a).slug for a in anchors)
            if before != after:
                changes["organisations"] = [before, after]
        if focal_points is not None:
            people = list(focal_points)
            before = sorted(event.focal_points.values_list("slug", flat=True))
            event.focal_points.set(people)
            after = sorted(p.slug for p in people)
            if before != after:
                changes["focal_points"] = [before, after]
        if changes:
            audit_record(actor=actor, action="event.update", target=event, changes=changes)
    return event


def event_delete(*, actor: Any, event: Event) -> None:
    require(actor, "process.delete_event", event)
    with transaction.atomic():
        audit_record(actor=actor, action="event.delete", target=event)
        event.delete()


# Documents --------------------------------------------------------------------------

DOCUMENT_FIELDS = (
    "title",
    "kind",
    "language",
    "url",
    "process",
    "event",
    "translation_group",
    "published_on",
    "source",
    "note",
)


def _validate_document(doc: Document) -> None:
    _check_required(doc.title, field="title")
    _check_choice(doc.kind, DocumentKind, field="kind")
    _check_language(doc.language)
    _check_url(doc.url, field="url")
    has_file, has_url = bool(doc.file), bool(doc.url)
    if has_file == has_url:
        raise Unprocessable(
            _("Give either an uploaded file or an external link, not both or neither."),
            field="url",
        )
    if doc.event is not None and doc.process is None:
        doc.process = doc.event.process


def _new_document(
    *,
    title: str,
    kind: str,
    language: str,
    process: Process | None,
    event: Event | None,
    translation_of: Document | None,
    published_on: datetime.date | None,
    source: str,
    actor: Any,
) -> Document:
    return Document(
        title=title,
        kind=kind,
        language=language,
        process=process,
        event=event,
        translation_group=translation_of.translation_group if translation_of else uuid.uuid4(),
        published_on=published_on,
        source=source,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def document_create(
    *,
    actor: Any,
    title: str,
    kind: str,
    url: str,
    language: str = "en",
    process: Process | None = None,
    event: Event | None = None,
    organisations: Iterable[Organisation] = (),
    translation_of: Document | None = None,
    published_on: datetime.date | None = None,
    source: str = "",
) -> Document:
    """Record a document published elsewhere (an external link). `translation_of` puts it in
    the same translation group as another language version."""
    require(actor, "process.add_document")
    _check_required(url, field="url")
    doc = _new_document(
        title=title,
        kind=kind,
        language=language,
        process=process,
        event=event,
        translation_of=translation_of,
        published_on=published_on,
        source=source,
        actor=actor,
    )
    doc.url = url
    _validate_document(doc)
    with transaction.atomic():
        doc.save()
        doc.organisations.set(list(organisations))
        audit_record(actor=actor, action="document.create", target=doc)
    return doc


def document_upload(
    *,
    actor: Any,
    upload: UploadedFile,
    title: str,
    kind: str,
    language: str = "en",
    process: Process | None = None,
    event: Event | None = None,
    organisations: Iterable[Organisation] = (),
    translation_of: Document | None = None,
    published_on: datetime.date | None = None,
    source: str = "",
) -> Document:
    """Store an uploaded document. Its type, content and size are checked before anything
    is stored (InvalidInput naming the field "file")."""
    require(actor, "process.add_document")
    content_type = check_upload(upload, field="file")
    doc = _new_document(
        title=title,
        kind=kind,
        language=language,
        process=process,
        event=event,
        translation_of=translation_of,
        published_on=published_on,
        source=source,
        actor=actor,
    )
    doc.file = upload  # type: ignore[assignment]
    _check_required(title, field="title")
    _check_choice(kind, DocumentKind, field="kind")
    _check_language(language)
    if doc.event is not None and doc.process is None:
        doc.process = doc.event.process
    doc.content_type = content_type
    doc.size = upload.size
    with transaction.atomic():
        doc.save()
        doc.organisations.set(list(organisations))
        audit_record(
            actor=actor,
            action="document.upload",
            target=doc,
            changes={"file": doc.file.name, "size": doc.size, "content_type": content_type},
        )
    return doc


def document_update(
    *,
    actor: Any,
    document: Document,
    data: Mapping[str, Any],
    organisations: Iterable[Organisation] | None = None,
) -> Document:
    require(actor, "process.change_document", document)
    with transaction.atomic():
        changes = _apply(document, data, DOCUMENT_FIELDS)
        _validate_document(document)
        if changes:
            document.save(update_fields=[*changes, "updated_at"])
        if organisations is not None:
            orgs = list(organisations)
            before = sorted(document.organisations.values_list("slug", flat=True))
            document.organisations.set(orgs)
            after = sorted(o.slug for o in orgs)
            if before != after:
                changes["organisations"] = [before, after]
        if changes:
            audit_record(actor=actor, action="document.update", target=document, changes=changes)
    return document


def document_delete(*, actor: Any, document: Document) -> None:
    require(actor, "process.delete_document", document)
    with transaction.atomic():
        audit_record(actor=actor, action="document.delete", target=document)
        stored = document.file.name if document.file else ""
        storage = document.file.storage if document.file else None
        document.delete()
        if storage is not None and stored:
            # Remove the file only once the row is really gone.
            transaction.on_commit(lambda: storage.delete(stored))


# News -------------------------------------------------------------------------------

NEWS_FIELDS = ("title", "date", "body", "language", "process", "event", "organisation", "published")


def _validate_news(item: NewsItem) -> None:
    _check_required(item.title, field="title")
    _check_language(item.language)


def news_create(
    *,
    actor: Any,
    title: str,
    body: str = "",
    date: datetime.date | None = None,
    slug: str = "",
    language: str = "en",
    process: Process | None = None,
    event: Event | None = None,
    organisation: Organisation | None = None,
    published: bool = True,
) -> NewsItem:
    require(actor, "process.add_newsitem")
    item = NewsItem(
        title=title,
        body=body,
        date=date,
        language=language,
        process=process,
        event=event,
        organisation=organisation,
        published=published,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _validate_news(item)
    with transaction.atomic():
        item.slug = _slug_for(NewsItem, slug=slug, base=title)
        _save_new(item)
        audit_record(actor=actor, action="news.create", target=item)
    return item


def news_update(*, actor: Any, item: NewsItem, data: Mapping[str, Any]) -> NewsItem:
    require(actor, "process.change_newsitem", item)
    with transaction.atomic():
        changes = _apply(item, data, NEWS_FIELDS)
        _validate_news(item)
        if changes:
            item.save(update_fields=[*changes, "updated_at"])
            audit_record(actor=actor, action="news.update", target=item, changes=changes)
    return item


def news_delete(*, actor: Any, item: NewsItem) -> None:
    require(actor, "process.delete_newsitem", item)
    with transaction.atomic():
        audit_record(actor=actor, action="news.delete", target=item)
        item.delete()
