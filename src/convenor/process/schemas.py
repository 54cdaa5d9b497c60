"""API schemas of the process app."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from ninja import Schema

from convenor.core.text import render_markdown


def _slug(obj: Any) -> str | None:
    return obj.slug if obj is not None else None


class ProcessOut(Schema):
    slug: str
    name: str
    short_name: str
    description: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    website: str


class ProcessIn(Schema):
    name: str
    slug: str = ""
    short_name: str = ""
    description: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    website: str = ""


class ProcessPatch(Schema):
    name: str | None = None
    short_name: str | None = None
    description: str | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    website: str | None = None


class PhaseOut(Schema):
    process: str
    slug: str
    name: str
    description: str
    order: int
    start_date: datetime.date
    end_date: datetime.date | None
    current: bool = False

    @staticmethod
    def resolve_process(obj: Any) -> str:
        return obj["process"] if isinstance(obj, dict) else obj.process.slug


class PhaseIn(Schema):
    name: str
    start_date: datetime.date
    end_date: datetime.date | None = None
    slug: str = ""
    description: str = ""
    order: int | None = None


class PhasePatch(Schema):
    name: str | None = None
    description: str | None = None
    order: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    process: str
    phase: str | None
    themes: str
    start_date: datetime.date
    end_date: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    time_zone: str
    city: str
    country: str
    region: str | None
    venue: str
    online: bool
    url: str
    organiser: str

    @staticmethod
    def resolve_process(obj: Any) -> str:
        return obj.process.slug

    @staticmethod
    def resolve_phase(obj: Any) -> str | None:
        return _slug(obj.phase)

    @staticmethod
    def resolve_region(obj: Any) -> str | None:
        return _slug(obj.region)

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return obj.country.code or ""


class AnchorOut(Schema):
    slug: str
    name: str
    role: str


class PersonRef(Schema):
    slug: str
    name: str


class EventDetailOut(EventOut):
    description: str
    organisations: list[AnchorOut]
    focal_points: list[PersonRef]

    @staticmethod
    def resolve_organisations(obj: Any) -> list[dict[str, str]]:
        return [
            {"slug": a.organisation.slug, "name": a.organisation.name, "role": a.role}
            for a in obj.anchorings.all()
        ]

    @staticmethod
    def resolve_focal_points(obj: Any) -> list[dict[str, str]]:
        return [{"slug": p.slug, "name": p.name} for p in obj.focal_points.all()]


class AnchorIn(Schema):
    slug: str
    role: str = "anchor"


class EventIn(Schema):
    process: str
    title: str
    kind: str
    start_date: datetime.date
    end_date: datetime.date | None = None
    slug: str = ""
    phase: str | None = None
    themes: str = ""
    description: str = ""
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    time_zone: str = ""
    city: str = ""
    country: str = ""
    region: str | None = None
    venue: str = ""
    online: bool = False
    url: str = ""
    organiser: str = ""
    organisations: list[AnchorIn] = []
    focal_points: list[str] = []


class EventPatch(Schema):
    title: str | None = None
    kind: str | None = None
    phase: str | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    themes: str | None = None
    description: str | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    time_zone: str | None = None
    city: str | None = None
    country: str | None = None
    region: str | None = None
    venue: str | None = None
    online: bool | None = None
    url: str | None = None
    organiser: str | None = None
    organisations: list[AnchorIn] | None = None
    focal_points: list[str] | None = None


class DocumentVersionOut(Schema):
    id: int
    language: str
    title: str


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    language: str
    href: str
    content_type: str
    size: int | None
    process: str | None
    event: str | None
    organisations: list[str]
    translation_group: UUID
    published_on: datetime.date | None
    source: str

    @staticmethod
    def resolve_process(obj: Any) -> str | None:
        return _slug(obj.process)

    @staticmethod
    def resolve_event(obj: Any) -> str | None:
        return _slug(obj.event)

    @staticmethod
    def resolve_organisations(obj: Any) -> list[str]:
        return [o.slug for o in obj.organisations.all()]


class DocumentDetailOut(DocumentOut):
    versions: list[DocumentVersionOut] = []


class DocumentIn(Schema):
    title: str
    kind: str
    url: str
    language: str = "en"
    process: str | None = None
    event: str | None = None
    organisations: list[str] = []
    translation_of: int | None = None
    published_on: datetime.date | None = None
    source: str = ""


class DocumentPatch(Schema):
    title: str | None = None
    kind: str | None = None
    language: str | None = None
    url: str | None = None
    published_on: datetime.date | None = None
    source: str | None = None
    organisations: list[str] | None = None


class NewsOut(Schema):
    slug: str
    title: str
    date: datetime.date | None
    body: str
    body_html: str
    language: str
    process: str | None
    event: str | None
    organisation: str | None
    published: bool

    @staticmethod
    def resolve_body_html(obj: Any) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_process(obj: Any) -> str | None:
        return _slug(obj.process)

    @staticmethod
    def resolve_event(obj: Any) -> str | None:
        return _slug(obj.event)

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return _slug(obj.organisation)


class NewsIn(Schema):
    title: str
    body: str = ""
    date: datetime.date | None = None
    slug: str = ""
    language: str = "en"
    process: str | None = None
    event: str | None = None
    organisation: str | None = None
    published: bool = True


class NewsPatch(Schema):
    title: str | None = None
    body: str | None = None
    date: datetime.date | None = None
    language: str | None = None
    process: str | None = None
    event: str | None = None
    organisation: str | None = None
    published: bool | None = None
