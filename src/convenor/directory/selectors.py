"""Reads of the directory. Query shape (joins, prefetching) is decided here, once."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django_countries import countries

from convenor.core.errors import InvalidInput, NotFound

from .models import Committee, Membership, Organisation, OrganisationKind, Person, Region

MAX_QUERY_LENGTH = 200
# Beyond a few words a search only grows the SQL; later words are ignored.
MAX_SEARCH_WORDS = 8
# The detail pages show at most this many members and people; the rest are a link away.
DETAIL_LIST_LIMIT = 50


def viewer_sees_hidden(viewer: Any) -> bool:
    """Coordinators see people marked "do not publish"; nobody else does."""
    return bool(viewer is not None and viewer.has_perm("directory.view_hidden_person"))


def viewer_sees_email(viewer: Any) -> bool:
    return bool(viewer is not None and viewer.has_perm("directory.view_person_email"))


def public_people(viewer: Any = None) -> QuerySet[Person]:
    """People the viewer may see: everyone for coordinators, else those not marked hidden."""
    people = Person.objects.all()
    if not viewer_sees_hidden(viewer):
        people = people.filter(do_not_publish=False)
    return people


def visible_memberships(viewer: Any = None) -> QuerySet[Membership]:
    """Memberships the viewer may see: those of hidden people are left out for the public."""
    memberships = Membership.objects.all()
    if not viewer_sees_hidden(viewer):
        memberships = memberships.exclude(person__do_not_publish=True)
    return memberships


def clean_search(q: str | None) -> str:
    """A search string safe for every database: no NUL bytes, bounded length, trimmed."""
    return (q or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


def clean_country(country: str | None) -> str:
    """An ISO 3166 alpha-2 code in upper case, or "" for none. Raises InvalidInput otherwise."""
    code = (country or "").strip().upper()
    if code and code not in dict(countries):
        raise InvalidInput(_("Unknown country code."), field="country")
    return code


def clean_kind(kind: str | None) -> str:
    value = (kind or "").strip()
    if value and value not in OrganisationKind.values:
        raise InvalidInput(_("Unknown kind of organisation."), field="kind")
    return value


def organisation_list(
    *,
    q: str | None = "",
    kind: str | None = "",
    country: str | None = "",
    region: str | None = "",
    ecosoc: bool | None = None,
    network: str | None = "",
) -> QuerySet[Organisation]:
    """Organisations matching the filters, ordered by name, with their region.

    `ecosoc=True` keeps those with ECOSOC status or special accreditation; `False` those
    with neither. `network` is a network's slug: keeps its member organisations.
    Raises InvalidInput (naming the field) for an unknown kind or country."""
    organisations = Organisation.objects.select_related("region").order_by("name", "id")
    text = clean_search(q)
    # Each word must appear in the name or the acronym, in any order ("forum asia").
    for word in text.split()[:MAX_SEARCH_WORDS]:
        organisations = organisations.filter(Q(name__icontains=word) | Q(acronym__icontains=word))
    kind_value = clean_kind(kind)
    if kind_value:
        organisations = organisations.filter(kind=kind_value)
    code = clean_country(country)
    if code:
        organisations = organisations.filter(country=code)
    if region:
        organisations = organisations.filter(region__slug=region)
    accredited = ~Q(ecosoc_status="") | Q(special_accreditation=True)
    if ecosoc is True:
        organisations = organisations.filter(accredited)
    elif ecosoc is False:
        organisations = organisations.exclude(accredited)
    if network:
        # An IN over one indexed lookup, evaluated once: no duplicate rows, and far cheaper
        # on SQLite than a correlated EXISTS per organisation.
        members = Membership.objects.filter(
            network__slug=network, organisation__isnull=False
        ).values("organisation_id")
        organisations = organisations.filter(pk__in=members)
    return organisations


def organisation_list_rows(**filters: Any) -> QuerySet[Organisation]:
    """organisation_list for the directory page, which never shows descriptions
    (they may be long), so they are not read."""
    return organisation_list(**filters).defer("description", "created_at", "updated_at")


def organisation_get(*, slug: str) -> Organisation:
    organisation = Organisation.objects.select_related("region").filter(slug=slug).first()
    if organisation is None:
        raise NotFound(_("No such organisation."))
    return organisation


def organisation_detail(*, slug: str, viewer: Any = None) -> dict[str, Any]:
    """Everything the organisation page shows: its roles in committees and networks, its
    members if it is a network, its public people and the committees it convenes."""
    organisation = organisation_get(slug=slug)
    roles = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("organisation", "committee", "network", "region")
        .order_by("committee__name", "network__name", "start_date", "id")
    )
    members = list(
        visible_memberships(viewer)
        .filter(network=organisation)
        .select_related("organisation", "person", "network", "region")
        .order_by("organisation__name", "person__name", "id")[: DETAIL_LIST_LIMIT + 1]
    )
    people = list(
        public_people(viewer)
        .filter(organisation=organisation)
        .order_by("name", "id")[: DETAIL_LIST_LIMIT + 1]
    )
    convened = list(organisation.convened_committees.order_by("name"))
    return {
        "organisation": organisation,
        "roles": roles,
        "members": members[:DETAIL_LIST_LIMIT],
        "more_members": len(members) > DETAIL_LIST_LIMIT,
        "people": people[:DETAIL_LIST_LIMIT],
        "more_people": len(people) > DETAIL_LIST_LIMIT,
        "convened": convened,
        "is_network": organisation.kind == OrganisationKind.NETWORK or bool(members),
    }


def person_list(
    *, viewer: Any = None, q: str | None = "", organisation: str | None = ""
) -> QuerySet[Person]:
    """People the viewer may see, by name, with their organisation; `organisation` is a slug."""
    people = public_people(viewer).select_related("organisation").order_by("name", "id")
    text = clean_search(q)
    if text:
        people = people.filter(Q(name__icontains=text) | Q(role__icontains=text))
    if organisation:
        people = people.filter(organisation__slug=organisation)
    return people


def person_get(*, slug: str, viewer: Any = None) -> Person:
    """The person, if the viewer may see them: hidden people are a NotFound for everyone
    but coordinators and themselves."""
    people = Person.objects.select_related("organisation").filter(slug=slug)
    person = people.filter(do_not_publish=False).first()
    if person is None:
        # A hidden person is shown to coordinators and to that person only.
        person = people.first()
        if person is not None and not (
            viewer_sees_hidden(viewer)
            or (getattr(viewer, "is_authenticated", False) and person.user_id == viewer.pk)
        ):
            person = None
    if person is None:
        raise NotFound(_("No such person."))
    return person


def person_detail(*, slug: str, viewer: Any = None) -> dict[str, Any]:
    person = person_get(slug=slug, viewer=viewer)
    memberships = list(
        person.memberships.select_related("person", "committee", "network", "region").order_by(
            "start_date", "id"
        )
    )
    return {"person": person, "memberships": memberships}


def committee_list() -> QuerySet[Committee]:
    """Committees by name with their convener and number of members (committees are few)."""
    return (
        Committee.objects.select_related("convener")
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )


def committee_get(*, slug: str) -> Committee:
    committee = Committee.objects.select_related("convener").filter(slug=slug).first()
    if committee is None:
        raise NotFound(_("No such committee."))
    return committee


def committee_detail(*, slug: str, viewer: Any = None) -> dict[str, Any]:
    """The committee with its visible members, their roles, regions and dates."""
    committee = committee_get(slug=slug)
    memberships = list(
        visible_memberships(viewer)
        .filter(committee=committee)
        .select_related(
            "organisation", "person", "person__organisation", "network", "committee", "region"
        )
        .order_by("role", "organisation__name", "person__name", "id")
    )
    return {"committee": committee, "memberships": memberships}


def membership_list(
    *, viewer: Any = None, organisation: str | None = "", committee: str | None = ""
) -> QuerySet[Membership]:
    """Visible memberships, optionally of one organisation (as member or as network) or in
    one committee (both slugs)."""
    memberships = visible_memberships(viewer).select_related(
        "organisation", "person", "network", "committee", "region"
    )
    if organisation:
        memberships = memberships.filter(
            Q(organisation__slug=organisation) | Q(network__slug=organisation)
        )
    if committee:
        memberships = memberships.filter(committee__slug=committee)
    return memberships.order_by("id")


def membership_get(*, pk: int) -> Membership:
    membership = (
        Membership.objects.select_related("organisation", "person", "network", "committee")
        .filter(pk=pk)
        .first()
    )
    if membership is None:
        raise NotFound(_("No such membership."))
    return membership


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("order", "name")


def person_for_user(user: Any) -> Person | None:
    """The person record linked to a signed-in user, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.select_related("organisation").filter(user=user).first()
