"""The meetings API under /api/v1/meetings: a meeting's programme sessions (public) and its
registrations (coordinators read; anyone with a token may register; coordinators decide)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth, request_user
from convenor.core.errors import NotFound, Unprocessable
from convenor.core.pagination import Pagination
from convenor.core.permissions import require
from convenor.core.schemas import ErrorOut

from . import selectors, services
from .models import Registration, Session

router = Router(tags=["meetings"])

WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class SessionOut(Schema):
    slug: str
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    kind: str
    title: str
    room: str
    chatham_house: bool
    table_round: int | None
    themes: list[str]
    facilitators: list[str]
    rapporteurs: list[str]

    @staticmethod
    def resolve_date(obj: Any) -> datetime.date:
        return obj.day.date  # type: ignore[no-any-return]

    @staticmethod
    def resolve_themes(obj: Any) -> list[str]:
        return [f"{t.framework.slug}:{t.code}" for t in obj.themes.all()]

    @staticmethod
    def resolve_facilitators(obj: Any) -> list[str]:
        return [p.name for p in obj.facilitators.all()]

    @staticmethod
    def resolve_rapporteurs(obj: Any) -> list[str]:
        return [p.name for p in obj.rapporteurs.all()]


class RegistrationOut(Schema):
    id: int
    name: str
    organisation_name: str
    country: str
    kind: str
    status: str
    travel_support: bool
    ldc_eligible: bool

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return str(obj.country.code or "") if obj.country else ""


class RegistrationIn(Schema):
    name: str
    email: str
    organisation_name: str = ""
    country: str = ""
    kind: str = "civil_society"
    dietary: str = ""
    accessibility: str = ""
    travel_support: bool = False
    parallel_session: str | None = None


class DecisionIn(Schema):
    status: str


@router.get("/{slug}/sessions", response={200: list[SessionOut], 400: ErrorOut, 404: ErrorOut})
@paginate(Pagination)
def list_sessions(request: HttpRequest, slug: str) -> Any:
    meeting = selectors.meeting_get(slug=slug)
    return selectors.session_list(meeting=meeting, viewer=request_user(request))


@router.get(
    "/{slug}/registrations",
    response={200: list[RegistrationOut], 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
@paginate(Pagination)
def list_registrations(request: HttpRequest, slug: str, status: str | None = None) -> Any:
    meeting = selectors.meeting_get(slug=slug)
    require(request_user(request), "meetings.view_registrations", meeting)
    return selectors.registration_list(meeting=meeting, status=status or None)


@router.post(
    "/{slug}/registrations", response={201: RegistrationOut, **WRITE_ERRORS}, auth=TokenAuth()
)
def create_registration(request: HttpRequest, slug: str, payload: RegistrationIn) -> Any:
    meeting = selectors.meeting_get(slug=slug)
    data = payload.dict()
    session_slug = data.pop("parallel_session")
    session = None
    if session_slug:
        session = Session.objects.filter(day__meeting=meeting, slug=session_slug).first()
        if session is None:
            raise Unprocessable(f"Unknown session: {session_slug}", field="parallel_session")
    registration = services.registration_create(
        actor=request.user, meeting=meeting, parallel_session=session, **data
    )
    return 201, registration


@router.post(
    "/{slug}/registrations/{pk}/decision",
    response={200: RegistrationOut, **WRITE_ERRORS},
    auth=TokenAuth(),
)
def decide_registration(request: HttpRequest, slug: str, pk: int, payload: DecisionIn) -> Any:
    meeting = selectors.meeting_get(slug=slug)
    registration = Registration.objects.filter(meeting=meeting, pk=pk).first()
    if registration is None:
        raise NotFound("No such registration.")
    return services.registration_decide(
        actor=request.user, registration=registration, status=payload.status
    )
