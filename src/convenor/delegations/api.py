"""The delegations API under /api/v1/delegations: rounds, quotas, nominations (scoped to the
caller's own processes), runs and invitations. Published rounds are public; everything else
needs a signed-in caller; writes need a bearer token and call the same services as the
pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth, request_user
from convenor.core.errors import PermissionDenied as Forbidden
from convenor.core.pagination import Pagination
from convenor.core.permissions import require
from convenor.core.schemas import ErrorOut

from . import selectors, services

router = Router(tags=["delegations"])

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class RoundOut(Schema):
    slug: str
    title: str
    event: str
    capacity: int
    deadline: datetime.datetime | None
    status: str

    @staticmethod
    def resolve_event(obj: Any) -> str:
        return str(obj.event.slug)


class QuotaOut(Schema):
    slug: str
    process_name: str
    mode: str
    max_names: int | None
    seats: int
    coordinator_label: str


class NominationOut(Schema):
    id: int
    quota: str
    priority: int
    name: str
    organisation: str

    @staticmethod
    def resolve_quota(obj: Any) -> str:
        return str(obj.quota.slug)

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.person.name)

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        org = obj.person.organisation
        return str(obj.organisation_name or (org.name if org else ""))


class NominationIn(Schema):
    name: str
    email: str = ""
    organisation: str = ""
    gender: str = ""
    youth: bool | None = None
    migrant_or_refugee: bool = False
    do_not_publish: bool = False
    priority: int | None = None


class RunIn(Schema):
    time_limit: float = 10.0


class RunOut(Schema):
    id: int
    round: str
    kind: str
    status: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    input: dict[str, Any]
    result: dict[str, Any]
    error: str
    progress_id: int | None

    @staticmethod
    def resolve_round(obj: Any) -> str:
        return str(obj.round.slug)


class InvitationOut(Schema):
    id: int
    name: str
    quota: str
    status: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.person.name)

    @staticmethod
    def resolve_quota(obj: Any) -> str:
        return str(obj.quota.slug)


def _viewer(request: HttpRequest) -> Any:
    user = request_user(request)
    if not getattr(user, "is_authenticated", False):
        raise Forbidden("Sign in (or send a bearer token) to see selection rounds.")
    return user


@router.get("/rounds", response={200: list[RoundOut], 400: ErrorOut})
@paginate(Pagination)
def list_rounds(request: HttpRequest) -> Any:
    """Published rounds are public; coordinators see every round, nomination coordinators
    also their own."""
    return selectors.rounds_visible(viewer=request_user(request))


@router.get("/rounds/{slug}", response={200: RoundOut, 403: ErrorOut, 404: ErrorOut})
def get_round(request: HttpRequest, slug: str) -> Any:
    """A published round for anyone; another round for those who may view it (404 for an
    anonymous caller)."""
    return selectors.round_get_visible(slug=slug, viewer=request_user(request))


@router.get("/rounds/{slug}/quotas", response={200: list[QuotaOut], 400: ErrorOut, **READ_ERRORS})
@paginate(Pagination)
def list_quotas(request: HttpRequest, slug: str) -> Any:
    viewer = _viewer(request)
    return selectors.quota_list(round=selectors.round_get(slug=slug, viewer=viewer), viewer=viewer)


@router.get(
    "/rounds/{slug}/nominations",
    response={200: list[NominationOut], 400: ErrorOut, **READ_ERRORS},
)
@paginate(Pagination)
def list_nominations(request: HttpRequest, slug: str) -> Any:
    """Coordinators see every name; a nomination coordinator only their own processes'."""
    viewer = _viewer(request)
    round_ = selectors.round_get(slug=slug, viewer=viewer)
    return selectors.nominations_visible(round=round_, viewer=viewer)


@router.post(
    "/rounds/{slug}/quotas/{quota}/nominations",
    response={201: NominationOut, **WRITE_ERRORS},
    auth=TokenAuth(),
)
def create_nomination(request: HttpRequest, slug: str, quota: str, payload: NominationIn) -> Any:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    quota_obj = selectors.quota_get(round=round_, slug=quota, viewer=request.user)
    data = payload.dict()
    priority = data.pop("priority")
    nomination = services.nomination_add(
        actor=request.user, quota=quota_obj, nominee=services.Nominee(**data), priority=priority
    )
    return 201, nomination


@router.delete(
    "/nominations/{pk}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=TokenAuth(),
)
def delete_nomination(request: HttpRequest, pk: int) -> Any:
    nomination = selectors.nomination_get(pk=pk, viewer=request.user)
    services.nomination_remove(actor=request.user, nomination=nomination)
    return 204, None


@router.post("/rounds/{slug}/runs", response={202: RunOut, **WRITE_ERRORS}, auth=TokenAuth())
def start_run(request: HttpRequest, slug: str, payload: RunIn) -> Any:
    """Start the solver as a background task; poll GET /runs/{id} for the result."""
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    run = services.selection_run_start(
        actor=request.user, round=round_, time_limit=payload.time_limit
    )
    return 202, run


@router.get("/runs/{pk}", response={200: RunOut, **READ_ERRORS})
def get_run(request: HttpRequest, pk: int) -> Any:
    return selectors.run_get(pk=pk, viewer=_viewer(request))


@router.get(
    "/rounds/{slug}/invitations",
    response={200: list[InvitationOut], 400: ErrorOut, **READ_ERRORS},
)
@paginate(Pagination)
def list_invitations(request: HttpRequest, slug: str) -> Any:
    viewer = _viewer(request)
    round_ = selectors.round_get(slug=slug, viewer=viewer)
    require(viewer, "delegations.manage_invitations", round_)
    return selectors.invitation_list(round=round_)


@router.post(
    "/runs/{pk}/invitations", response={201: list[InvitationOut], **WRITE_ERRORS}, auth=TokenAuth()
)
def send_invitations(request: HttpRequest, pk: int) -> Any:
    run = selectors.run_get(pk=pk, viewer=request.user)
    return 201, services.invitations_send(actor=request.user, run=run)
