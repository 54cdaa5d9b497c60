"""The directory API: organisations, people, committees, memberships, regions.

Reads are public (hidden people and all e-mail addresses only for coordinators); writes
need a bearer token and go through the same services as the pages."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from convenor.core.api_auth import TokenAuth, request_user
from convenor.core.pagination import Pagination
from convenor.core.schemas import ErrorOut

from . import selectors, services
from .models import Committee, Membership, Organisation, OrganisationKind, Person

router = Router(tags=["directory"])

READ_ERRORS: dict[int, Any] = {400: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def _slug(obj: Any) -> str | None:
    return obj.slug if obj is not None else None


def _actor(request: HttpRequest) -> Any:
    """The token's user on a write endpoint (ninja sets request.auth)."""
    return getattr(request, "auth", None)


# --- schemas --------------------------------------------------------------------------------


class RegionOut(Schema):
    slug: str
    name: str


class OrganisationOut(Schema):
    slug: str
    name: str
    acronym: str
    kind: str
    country: str
    region: str | None
    ecosoc_status: str
    special_accreditation: bool
    website: str
    description: str
    source: str

    @staticmethod
    def resolve_country(obj: Organisation) -> str:
        return str(obj.country.code or "")  # type: ignore[attr-defined]

    @staticmethod
    def resolve_region(obj: Organisation) -> str | None:
        return _slug(obj.region)


class MembershipOut(Schema):
    id: int
    organisation: str | None
    person: str | None
    network: str | None
    committee: str | None
    role: str
    region: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    note: str

    @staticmethod
    def resolve_organisation(obj: Membership) -> str | None:
        return _slug(obj.organisation)

    @staticmethod
    def resolve_person(obj: Membership) -> str | None:
        return _slug(obj.person)

    @staticmethod
    def resolve_network(obj: Membership) -> str | None:
        return _slug(obj.network)

    @staticmethod
    def resolve_committee(obj: Membership) -> str | None:
        return _slug(obj.committee)

    @staticmethod
    def resolve_region(obj: Membership) -> str | None:
        return _slug(obj.region)


class OrganisationDetailOut(OrganisationOut):
    roles: list[MembershipOut]

    @staticmethod
    def resolve_roles(obj: Organisation) -> list[Membership]:
        return getattr(obj, "visible_roles", [])


def _private(context: Any) -> bool:
    """Whether the caller may see private fields (set once per request by the endpoint)."""
    request = (context or {}).get("request")
    return bool(getattr(request, "directory_private", False))


class PersonOut(Schema):
    slug: str
    name: str
    organisation: str | None
    role: str
    languages: list[str]
    # Only for coordinators; null for everyone else.
    email: str | None = None
    gender: str | None = None
    is_youth: bool | None = None
    do_not_publish: bool | None = None

    @staticmethod
    def resolve_organisation(obj: Person) -> str | None:
        return _slug(obj.organisation)

    @staticmethod
    def resolve_languages(obj: Person) -> list[str]:
        return [str(code) for code in obj.languages or []]

    @staticmethod
    def resolve_email(obj: Person, context: Any) -> str | None:
        return obj.email if _private(context) else None

    @staticmethod
    def resolve_gender(obj: Person, context: Any) -> str | None:
        return obj.gender if _private(context) else None

    @staticmethod
    def resolve_is_youth(obj: Person, context: Any) -> bool | None:
        return obj.is_youth if _private(context) else None

    @staticmethod
    def resolve_do_not_publish(obj: Person, context: Any) -> bool | None:
        return obj.do_not_publish if _private(context) else None


class PersonDetailOut(PersonOut):
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(obj: Person) -> list[Membership]:
        return getattr(obj, "visible_memberships", [])


class CommitteeOut(Schema):
    slug: str
    name: str
    description: str
    convener: str | None

    @staticmethod
    def resolve_convener(obj: Committee) -> str | None:
        return _slug(obj.convener)


class CommitteeDetailOut(CommitteeOut):
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(obj: Committee) -> list[Membership]:
        return getattr(obj, "visible_memberships", [])


class OrganisationIn(Schema):
    name: str
    slug: str = ""
    acronym: str = ""
    kind: str = OrganisationKind.NGO.value
    country: str = ""
    region: str | None = None
    ecosoc_status: str = ""
    special_accreditation: bool = False
    website: str = ""
    description: str = ""
    source: str = ""


class OrganisationPatch(Schema):
    name: str | None = None
    slug: str | None = None
    acronym: str | None = None
    kind: str | None = None
    country: str | None = None
    region: str | None = None
    ecosoc_status: str | None = None
    special_accreditation: bool | None = None
    website: str | None = None
    description: str | None = None
    source: str | None = None


class PersonIn(Schema):
    name: str
    slug: str = ""
    organisation: str | None = None
    role: str = ""
    languages: list[str] = []
    email: str = ""
    gender: str = ""
    is_youth: bool | None = None
    do_not_publish: bool = False


class PersonPatch(Schema):
    name: str | None = None
    slug: str | None = None
    organisation: str | None = None
    role: str | None = None
    languages: list[str] | None = None
    email: str | None = None
    gender: str | None = None
    is_youth: bool | None = None
    do_not_publish: bool | None = None


class OrganisationFilters(Schema):
    q: str = ""
    kind: OrganisationKind | None = None
    country: str = ""
    region: str = ""
    ecosoc: bool | None = None
    network: str = ""


class PersonFilters(Schema):
    q: str = ""
    organisation: str = ""


class MembershipFilters(Schema):
    organisation: str = ""
    committee: str = ""


def _viewer(request: HttpRequest) -> Any:
    """The caller, remembered on the request with whether they may see private fields."""
    viewer = request_user(request)
    request.directory_private = selectors.viewer_sees_email(viewer)  # type: ignore[attr-defined]
    return viewer


# --- organisations --------------------------------------------------------------------------


@router.get("/organisations", response={200: list[OrganisationOut], **READ_ERRORS})
@paginate(Pagination)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]):
    """Organisations by name; filters: search text, kind, country (ISO code), region slug,
    ECOSOC status or special accreditation, and member of a network (slug)."""
    return selectors.organisation_list(
        q=filters.q,
        kind=filters.kind.value if filters.kind else "",
        country=filters.country,
        region=filters.region,
        ecosoc=filters.ecosoc,
        network=filters.network,
    )


@router.get("/organisations/{slug}", response={200: OrganisationDetailOut, 404: ErrorOut})
def organisation_detail(request: HttpRequest, slug: str):
    data = selectors.organisation_detail(slug=slug, viewer=_viewer(request))
    organisation = data["organisation"]
    organisation.visible_roles = data["roles"]
    return organisation


@router.post("/organisations", response={201: OrganisationOut, **WRITE_ERRORS}, auth=TokenAuth())
def organisation_create(request: HttpRequest, payload: OrganisationIn):
    return 201, services.organisation_create(actor=_actor(request), **payload.dict())


@router.patch(
    "/organisations/{slug}", response={200: OrganisationOut, **WRITE_ERRORS}, auth=TokenAuth()
)
def organisation_update(request: HttpRequest, slug: str, payload: OrganisationPatch):
    organisation = selectors.organisation_get(slug=slug)
    return services.organisation_update(
        actor=_actor(request), organisation=organisation, data=payload.dict(exclude_unset=True)
    )


@router.delete("/organisations/{slug}", response={204: None, **WRITE_ERRORS}, auth=TokenAuth())
def organisation_delete(request: HttpRequest, slug: str):
    services.organisation_delete(
        actor=_actor(request), organisation=selectors.organisation_get(slug=slug)
    )
    return 204, None


# --- people ---------------------------------------------------------------------------------


@router.get("/people", response={200: list[PersonOut], **READ_ERRORS})
@paginate(Pagination)
def person_list(request: HttpRequest, filters: Query[PersonFilters]):
    """People by name. Anonymous and non-coordinator callers see only published people and
    no e-mail addresses; coordinators (with a token) see everyone."""
    return selectors.person_list(
        viewer=_viewer(request), q=filters.q, organisation=filters.organisation
    )


@router.get("/people/{slug}", response={200: PersonDetailOut, 404: ErrorOut})
def person_detail(request: HttpRequest, slug: str):
    data = selectors.person_detail(slug=slug, viewer=_viewer(request))
    person = data["person"]
    person.visible_memberships = data["memberships"]
    return person


@router.post("/people", response={201: PersonOut, **WRITE_ERRORS}, auth=TokenAuth())
def person_create(request: HttpRequest, payload: PersonIn):
    _viewer(request)
    return 201, services.person_create(actor=_actor(request), **payload.dict())


@router.patch("/people/{slug}", response={200: PersonOut, **WRITE_ERRORS}, auth=TokenAuth())
def person_update(request: HttpRequest, slug: str, payload: PersonPatch):
    viewer = _viewer(request)
    person = selectors.person_get(slug=slug, viewer=viewer)
    return services.person_update(
        actor=_actor(request), person=person, data=payload.dict(exclude_unset=True)
    )


@router.delete("/people/{slug}", response={204: None, **WRITE_ERRORS}, auth=TokenAuth())
def person_delete(request: HttpRequest, slug: str):
    person = selectors.person_get(slug=slug, viewer=_actor(request))
    services.person_delete(actor=_actor(request), person=person)
    return 204, None


# --- committees, memberships, regions -------------------------------------------------------


@router.get("/committees", response={200: list[CommitteeOut], **READ_ERRORS})
@paginate(Pagination)
def committee_list(request: HttpRequest):
    return selectors.committee_list()


@router.get("/committees/{slug}", response={200: CommitteeDetailOut, 404: ErrorOut})
def committee_detail(request: HttpRequest, slug: str):
    data = selectors.committee_detail(slug=slug, viewer=request_user(request))
    committee = data["committee"]
    committee.visible_memberships = data["memberships"]
    return committee


@router.get("/memberships", response={200: list[MembershipOut], **READ_ERRORS})
@paginate(Pagination)
def membership_list(request: HttpRequest, filters: Query[MembershipFilters]):
    """Memberships, optionally of one organisation (as member or network) or one committee."""
    return selectors.membership_list(
        viewer=request_user(request),
        organisation=filters.organisation,
        committee=filters.committee,
    )


@router.get("/regions", response={200: list[RegionOut], **READ_ERRORS})
@paginate(Pagination)
def region_list(request: HttpRequest):
    return selectors.region_list()
