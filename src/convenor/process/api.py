"""The process API: processes, phases, events, documents and news.
Reads are public; writes need a bearer token and call the same services as the pages."""

import datetime
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth, request_user
from convenor.core.errors import Unprocessable
from convenor.core.pagination import Pagination
from convenor.core.schemas import ErrorOut
from convenor.directory.models import Organisation, Person, Region

from . import selectors, services
from .filters import DocumentFilterForm, EventFilterForm, parse_filters
from .models import Document, Event, NewsItem, Phase, Process
from .schemas import (
    DocumentDetailOut,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    DocumentVersionOut,
    EventDetailOut,
    EventIn,
    EventOut,
    EventPatch,
    NewsIn,
    NewsOut,
    NewsPatch,
    PhaseIn,
    PhaseOut,
    PhasePatch,
    ProcessIn,
    ProcessOut,
    ProcessPatch,
)

router = Router(tags=["process"])

WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut}
CHANGE_ERRORS = {**WRITE_ERRORS, 404: ErrorOut}
DELETE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _ref(model: type[Model], slug: str | None, *, field: str) -> Any:
    """The object with this slug, None for no slug; Unprocessable naming `field` if unknown."""
    if slug is None or slug == "":
        return None
    obj = model._default_manager.filter(slug=slug).first()  # type: ignore[attr-defined]
    if obj is None:
        raise Unprocessable(f"Unknown {field}: {slug}", field=field)
    return obj


def _refs(model: type[Model], slugs: list[str], *, field: str) -> list[Any]:
    return [_ref(model, s, field=field) for s in slugs]


# Processes and phases ---------------------------------------------------------------


@router.get("/processes", response={200: list[ProcessOut], 400: ErrorOut})
@paginate(Pagination)
def list_processes(request: HttpRequest) -> Any:
    return selectors.process_list()


@router.get("/processes/{slug}", response={200: ProcessOut, 404: ErrorOut})
def get_process(request: HttpRequest, slug: str) -> Any:
    return selectors.process_get(slug=slug)


@router.get(
    "/processes/{slug}/phases", response={200: list[PhaseOut], 400: ErrorOut, 404: ErrorOut}
)
def list_process_phases(request: HttpRequest, slug: str, on: datetime.date | None = None) -> Any:
    """The phases of a process; `current` marks the phase current on `on` (default today)."""
    process = selectors.process_get(slug=slug)
    return [
        {
            "process": process.slug,
            "slug": entry.phase.slug,
            "name": entry.phase.name,
            "description": entry.phase.description,
            "order": entry.phase.order,
            "start_date": entry.phase.start_date,
            "end_date": entry.phase.end_date,
            "current": entry.current,
        }
        for entry in selectors.process_timeline(process=process, on=on)
    ]


@router.get("/phases", response={200: list[PhaseOut], 400: ErrorOut})
@paginate(Pagination)
def list_phases(request: HttpRequest) -> Any:
    return selectors.phase_list()


@router.post("/processes", response={201: ProcessOut, **WRITE_ERRORS}, auth=TokenAuth())
def create_process(request: HttpRequest, payload: ProcessIn) -> Any:
    return 201, services.process_create(actor=request.user, **payload.dict())


@router.patch("/processes/{slug}", response={200: ProcessOut, **CHANGE_ERRORS}, auth=TokenAuth())
def update_process(request: HttpRequest, slug: str, payload: ProcessPatch) -> Any:
    process = selectors.process_get(slug=slug)
    data = payload.dict(exclude_unset=True)
    return services.process_update(actor=request.user, process=process, data=data)


@router.delete("/processes/{slug}", response={204: None, **DELETE_ERRORS}, auth=TokenAuth())
def delete_process(request: HttpRequest, slug: str) -> Any:
    services.process_delete(actor=request.user, process=selectors.process_get(slug=slug))
    return 204, None


@router.post(
    "/processes/{slug}/phases", response={201: PhaseOut, **CHANGE_ERRORS}, auth=TokenAuth()
)
def create_phase(request: HttpRequest, slug: str, payload: PhaseIn) -> Any:
    process = selectors.process_get(slug=slug)
    return 201, services.phase_create(actor=request.user, process=process, **payload.dict())


def _phase(slug: str, phase: str) -> Phase:
    return get_object_or_404(
        Phase.objects.select_related("process"), process__slug=slug, slug=phase
    )


@router.patch(
    "/processes/{slug}/phases/{phase}",
    response={200: PhaseOut, **CHANGE_ERRORS},
    auth=TokenAuth(),
)
def update_phase(request: HttpRequest, slug: str, phase: str, payload: PhasePatch) -> Any:
    data = payload.dict(exclude_unset=True)
    return services.phase_update(actor=request.user, phase=_phase(slug, phase), data=data)


@router.delete(
    "/processes/{slug}/phases/{phase}", response={204: None, **DELETE_ERRORS}, auth=TokenAuth()
)
def delete_phase(request: HttpRequest, slug: str, phase: str) -> Any:
    services.phase_delete(actor=request.user, phase=_phase(slug, phase))
    return 204, None


# Events -----------------------------------------------------------------------------


@router.get("/events", response={200: list[EventOut], 400: ErrorOut})
@paginate(Pagination)
def list_events(
    request: HttpRequest,
    process: str | None = None,
    phase: str | None = None,
    kind: str | None = None,
    region: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str | None = None,
    organisation: str | None = None,
) -> Any:
    """Events by start date. A date range keeps the events that overlap it."""
    filters = parse_filters(
        EventFilterForm,
        {
            "process": process,
            "phase": phase,
            "kind": kind,
            "region": region,
            "date_from": date_from,
            "date_to": date_to,
            "q": q,
            "organisation": organisation,
        },
    )
    return selectors.event_list(**filters)


@router.get("/events/{slug}", response={200: EventDetailOut, 404: ErrorOut})
def get_event(request: HttpRequest, slug: str) -> Any:
    return selectors.event_get(slug=slug, viewer=request_user(request))


def _event_refs(data: dict[str, Any], process: Process | None) -> dict[str, Any]:
    """Turn the slugs of an event payload into objects (Unprocessable when unknown)."""
    if "phase" in data:
        slug = data["phase"]
        data["phase"] = None
        if slug:
            data["phase"] = Phase.objects.filter(process=process, slug=slug).first()
            if data["phase"] is None:
                raise Unprocessable(f"Unknown phase: {slug}", field="phase")
    if "region" in data:
        data["region"] = _ref(Region, data["region"], field="region")
    return data


def _anchors(items: list[dict[str, str]] | None) -> list[tuple[Organisation, str]] | None:
    if items is None:
        return None
    return [
        (_ref(Organisation, item["slug"], field="organisations"), item.get("role", "anchor"))
        for item in items
    ]


@router.post("/events", response={201: EventDetailOut, **WRITE_ERRORS}, auth=TokenAuth())
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    data = payload.dict()
    process = _ref(Process, data.pop("process"), field="process")
    if process is None:
        raise Unprocessable("A process is required.", field="process")
    anchors = _anchors(data.pop("organisations"))
    people = _refs(Person, data.pop("focal_points"), field="focal_points")
    data = _event_refs(data, process)
    event = services.event_create(
        actor=request.user, process=process, anchors=anchors or [], focal_points=people, **data
    )
    return 201, selectors.event_get(slug=event.slug, viewer=request.user)


@router.patch("/events/{slug}", response={200: EventDetailOut, **CHANGE_ERRORS}, auth=TokenAuth())
def update_event(request: HttpRequest, slug: str, payload: EventPatch) -> Any:
    event = selectors.event_get(slug=slug, viewer=request.user)
    data = payload.dict(exclude_unset=True)
    anchors = _anchors(data.pop("organisations", None))
    people_slugs = data.pop("focal_points", None)
    people = None if people_slugs is None else _refs(Person, people_slugs, field="focal_points")
    data = _event_refs(data, event.process)
    for key in ("title", "kind", "start_date"):
        if key in data and data[key] is None:
            raise Unprocessable("This field cannot be empty.", field=key)
    services.event_update(
        actor=request.user, event=event, data=data, anchors=anchors, focal_points=people
    )
    return selectors.event_get(slug=event.slug, viewer=request.user)


@router.delete("/events/{slug}", response={204: None, **DELETE_ERRORS}, auth=TokenAuth())
def delete_event(request: HttpRequest, slug: str) -> Any:
    services.event_delete(actor=request.user, event=selectors.event_get(slug=slug))
    return 204, None


# Documents --------------------------------------------------------------------------


@router.get("/documents", response={200: list[DocumentOut], 400: ErrorOut})
@paginate(Pagination)
def list_documents(
    request: HttpRequest,
    process: str | None = None,
    event: str | None = None,
    language: str | None = None,
    kind: str | None = None,
) -> Any:
    filters = parse_filters(
        DocumentFilterForm, {"process": process, "event": event, "language": language, "kind": kind}
    )
    return selectors.document_list(**filters)


def _document_detail(document: Document) -> DocumentDetailOut:
    versions = selectors.document_versions([document]).get(document.translation_group, [])
    out = DocumentDetailOut.from_orm(document)
    out.versions = [
        DocumentVersionOut(id=v.pk, language=v.language, title=v.title)
        for v in versions
        if v.pk != document.pk
    ]
    return out


@router.get("/documents/{id}", response={200: DocumentDetailOut, 404: ErrorOut})
def get_document(request: HttpRequest, id: int) -> Any:
    return _document_detail(selectors.document_get(pk=id))


@router.post("/documents", response={201: DocumentDetailOut, **WRITE_ERRORS}, auth=TokenAuth())
def create_document(request: HttpRequest, payload: DocumentIn) -> Any:
    """Record a document published elsewhere (uploads go through the page)."""
    data = payload.dict()
    translation_of = None
    if data["translation_of"] is not None:
        translation_of = Document.objects.filter(pk=data["translation_of"]).first()
        if translation_of is None:
            raise Unprocessable("Unknown document.", field="translation_of")
    document = services.document_create(
        actor=request.user,
        title=data["title"],
        kind=data["kind"],
        url=data["url"],
        language=data["language"],
        process=_ref(Process, data["process"], field="process"),
        event=_ref(Event, data["event"], field="event"),
        organisations=_refs(Organisation, data["organisations"], field="organisations"),
        translation_of=translation_of,
        published_on=data["published_on"],
        source=data["source"],
    )
    return 201, _document_detail(selectors.document_get(pk=document.pk))


@router.patch(
    "/documents/{id}", response={200: DocumentDetailOut, **CHANGE_ERRORS}, auth=TokenAuth()
)
def update_document(request: HttpRequest, id: int, payload: DocumentPatch) -> Any:
    document = selectors.document_get(pk=id)
    data = payload.dict(exclude_unset=True)
    slugs = data.pop("organisations", None)
    orgs = None if slugs is None else _refs(Organisation, slugs, field="organisations")
    for key in ("title", "kind", "language"):
        if key in data and data[key] is None:
            raise Unprocessable("This field cannot be empty.", field=key)
    if "url" in data and data["url"] is None:
        data["url"] = ""
    if "source" in data and data["source"] is None:
        data["source"] = ""
    services.document_update(actor=request.user, document=document, data=data, organisations=orgs)
    return _document_detail(selectors.document_get(pk=id))


@router.delete("/documents/{id}", response={204: None, **DELETE_ERRORS}, auth=TokenAuth())
def delete_document(request: HttpRequest, id: int) -> Any:
    services.document_delete(actor=request.user, document=selectors.document_get(pk=id))
    return 204, None


# News -------------------------------------------------------------------------------


@router.get("/news", response={200: list[NewsOut], 400: ErrorOut})
@paginate(Pagination)
def list_news(request: HttpRequest, language: str | None = None) -> Any:
    """Published news, newest first."""
    return selectors.news_list(language=language or None)


@router.get("/news/{slug}", response={200: NewsOut, 404: ErrorOut})
def get_news(request: HttpRequest, slug: str) -> Any:
    drafts = request_user(request).has_perm("process.change_newsitem")
    return selectors.news_get(slug=slug, include_drafts=drafts)


def _news_refs(data: dict[str, Any]) -> dict[str, Any]:
    for key, model in (("process", Process), ("event", Event), ("organisation", Organisation)):
        if key in data:
            data[key] = _ref(model, data[key], field=key)
    return data


@router.post("/news", response={201: NewsOut, **WRITE_ERRORS}, auth=TokenAuth())
def create_news(request: HttpRequest, payload: NewsIn) -> Any:
    return 201, services.news_create(actor=request.user, **_news_refs(payload.dict()))


@router.patch("/news/{slug}", response={200: NewsOut, **CHANGE_ERRORS}, auth=TokenAuth())
def update_news(request: HttpRequest, slug: str, payload: NewsPatch) -> Any:
    item = get_object_or_404(NewsItem, slug=slug)
    data = _news_refs(payload.dict(exclude_unset=True))
    for key in ("title", "language", "published"):
        if key in data and data[key] is None:
            raise Unprocessable("This field cannot be empty.", field=key)
    if "body" in data and data["body"] is None:
        data["body"] = ""
    return services.news_update(actor=request.user, item=item, data=data)


@router.delete("/news/{slug}", response={204: None, **DELETE_ERRORS}, auth=TokenAuth())
def delete_news(request: HttpRequest, slug: str) -> Any:
    services.news_delete(actor=request.user, item=get_object_or_404(NewsItem, slug=slug))
    return 204, None
