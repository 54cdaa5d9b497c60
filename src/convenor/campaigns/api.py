"""The campaigns API under /api/v1/campaigns/: parse -> one service or selector -> schema."""

from __future__ import annotations

import datetime as dt
import json

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth, request_user
from convenor.core.errors import NotFound
from convenor.core.pagination import Pagination
from convenor.core.schemas import ErrorOut

from . import selectors, services
from .errors import InvalidFields
from .models import Statement

router = Router(tags=["campaigns"])


class StatementIn(Schema):
    slug: str
    title: str
    text: str
    language: str = "en"
    signer_kinds: list[str] = ["organisation"]
    opens_at: dt.datetime
    closes_at: dt.datetime | None = None
    time_zone: str = "UTC"
    summary: str = ""
    embargo_until: dt.datetime | None = None


class BreakdownRow(Schema):
    key: str
    label: str
    count: int
    percent: int


class Breakdown(Schema):
    regions: list[BreakdownRow]
    kinds: list[BreakdownRow]


class StatementOut(Schema):
    slug: str
    title: str
    language: str
    languages: list[str]
    signer_kinds: list[str]
    opens_at: dt.datetime
    closes_at: dt.datetime | None
    time_zone: str
    is_open: bool
    version: int
    summary: str
    text: str
    signature_count: int
    listed_count: int
    breakdown: Breakdown


class StatementListOut(Schema):
    slug: str
    title: str
    opens_at: dt.datetime
    closes_at: dt.datetime | None
    is_open: bool

    @staticmethod
    def resolve_is_open(obj) -> bool:
        return obj.is_open()


class SignatureIn(Schema):
    organisation_name: str | None = None
    country: str | None = None
    organisation_kind: str | None = None
    contact_name: str | None = None
    email: str | None = None
    public_display: bool = True
    consent: bool = False
    language: str | None = None
    network: str | None = None
    signer_kind: str | None = None


class SignatureAccepted(Schema):
    id: str
    status: str


class TokenIn(Schema):
    token: str


class SignatureStatusOut(Schema):
    id: str
    status: str


class SignatoryOut(Schema):
    name: str
    country: str
    region: str
    kind: str
    network: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country.code if obj.country else ""

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.organisation_kind or obj.signer_kind


def _visible(request: HttpRequest, slug: str) -> Statement:
    statement = selectors.statement_get(slug)
    if selectors.public_numbers_hidden(statement, request_user(request)):
        raise NotFound("Statement not found.")
    return statement


def statement_out(statement: Statement, language: str) -> dict:
    text = selectors.statement_text(statement, language)
    summary = selectors.statement_summary(statement)
    return {
        "slug": statement.slug,
        "title": text.title if text else statement.title,
        "language": statement.reference_language,
        "languages": selectors.statement_languages(statement),
        "signer_kinds": statement.signer_kinds,
        "opens_at": statement.opens_at,
        "closes_at": statement.closes_at,
        "time_zone": statement.time_zone,
        "is_open": statement.is_open(),
        "version": text.version.number if text else 0,
        "summary": text.summary if text else "",
        "text": text.body if text else "",
        "signature_count": summary["signature_count"],
        "listed_count": summary["listed_count"],
        "breakdown": {"regions": summary["regions"], "kinds": summary["kinds"]},
    }


@router.post(
    "/statements",
    auth=TokenAuth(),
    response={201: StatementOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def statement_create(request: HttpRequest, payload: StatementIn):
    statement = services.statement_create(actor=request.user, **payload.dict())
    return 201, statement_out(statement, statement.reference_language)


@router.get("/statements", response=list[StatementListOut])
@paginate(Pagination)
def statement_list(request: HttpRequest):
    return selectors.statements_visible(request_user(request))


@router.get("/statements/{slug}", response={200: StatementOut, 404: ErrorOut})
def statement_detail(request: HttpRequest, slug: str, language: str = ""):
    statement = _visible(request, slug)
    return statement_out(statement, language or statement.reference_language)


def _json_object(body: bytes) -> dict:
    try:
        data = json.loads(body) if body else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise InvalidFields({"request": _("Send the fields as one JSON object.")})
    return data


def signature_post(
    *, slug: str, body: bytes, ip: str, idempotency_key: str | None
) -> tuple[int, dict]:
    """The public signature endpoint from the request body to its answer, shared by the
    route below and the API's fast lane (`convenor.api.gate`), which runs it without the
    middleware and the router when a request needs neither. Raises DomainError."""
    data = _json_object(body)
    statement = selectors.statement_for_signing(slug)
    public_id = services.signature_submit(
        statement=statement, data=data, ip=ip, idempotency_key=idempotency_key
    )
    assert public_id is not None  # only page forms are checked for bots
    return 202, {"id": str(public_id), "status": "pending_confirmation"}


@router.post(
    "/statements/{slug}/signatures",
    response={
        202: SignatureAccepted,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    # The body is read by signature_post (the fast lane shares it); documented here.
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SignatureIn.model_json_schema()}},
        }
    },
)
def signature_submit(
    request: HttpRequest,
    slug: str,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    return signature_post(
        slug=slug,
        body=request.body,
        ip=request.META.get("REMOTE_ADDR", ""),
        idempotency_key=idempotency_key,
    )


@router.post("/signatures/confirm", response={200: SignatureStatusOut, 422: ErrorOut})
def signature_confirm(request: HttpRequest, payload: TokenIn):
    signature = services.signature_confirm(token=payload.token)
    return {"id": str(signature.public_id), "status": signature.status}


@router.post("/signatures/withdraw", response={200: SignatureStatusOut, 422: ErrorOut})
def signature_withdraw(request: HttpRequest, payload: TokenIn):
    signature = services.signature_withdraw(token=payload.token)
    return {"id": str(signature.public_id), "status": signature.status}


@router.get(
    "/statements/{slug}/signatories",
    response={200: list[SignatoryOut], 400: ErrorOut, 404: ErrorOut},
)
@paginate(Pagination)
def signatories(
    request: HttpRequest, slug: str, country: str = "", region: str = "", kind: str = ""
):
    statement = _visible(request, slug)
    return selectors.public_signatories(statement, country=country, region=region, kind=kind)
