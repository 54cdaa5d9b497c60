"""Writes of the directory. Each checks permission, validates, saves in one transaction
and leaves an audit entry. Errors are core domain errors, each naming its field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_slug
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_countries import countries

from convenor.core.audit import audit_record, changed_fields
from convenor.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.core.permissions import require
from convenor.core.text import unique_slug

from .models import (
    Committee,
    EcosocStatus,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Person,
    Region,
)

# Slugs that would clash with fixed URLs such as /organisations/new/ or /people/me/.
RESERVED_SLUGS = {"new", "me", "export", "export-csv", "export-xlsx"}

ORGANISATION_FIELDS = (
    "name",
    "slug",
    "acronym",
    "kind",
    "country",
    "region",
    "ecosoc_status",
    "special_accreditation",
    "website",
    "description",
    "source",
)
PERSON_FIELDS = (
    "name",
    "slug",
    "organisation",
    "role",
    "languages",
    "email",
    "gender",
    "is_youth",
    "do_not_publish",
    "user",
    "source",
)
# What someone may change about themselves without being a coordinator or focal point.
SELF_EDITABLE_PERSON_FIELDS = {
    "name",
    "role",
    "languages",
    "email",
    "gender",
    "is_youth",
    "do_not_publish",
}
COMMITTEE_FIELDS = ("name", "slug", "description", "convener", "source")
MEMBERSHIP_FIELDS = (
    "organisation",
    "person",
    "network",
    "committee",
    "role",
    "region",
    "start_date",
    "end_date",
    "note",
    "source",
)
ERASED_NAME = "Erased person"


# --- field cleaning -------------------------------------------------------------------------


def _text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    """A trimmed string without NUL bytes (PostgreSQL refuses them), within its length."""
    text = ("" if value is None else str(value)).replace("\x00", "").strip()
    if required and not text:
        raise Unprocessable(_("This field is required."), field=field)
    if len(text) > max_length:
        raise Unprocessable(
            _("At most %(n)d characters.") % {"n": max_length}, field=field, code="too_long"
        )
    return text


def _choice(value: Any, *, field: str, choices: list[str]) -> str:
    text = "" if value is None else str(value)
    if text not in choices:
        raise Unprocessable(_("Not one of the allowed values."), field=field, code="choice")
    return text


def _bool(value: Any, *, field: str, allow_none: bool = False) -> bool | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool):
        return value
    raise Unprocessable(_("Must be true or false."), field=field)


def _country(value: Any) -> str:
    code = _text(value, field="country", max_length=10).upper()
    if code and code not in dict(countries):
        raise Unprocessable(_("Unknown country code."), field="country", code="country")
    return code


def _url(value: Any, *, field: str) -> str:
    url = _text(value, field=field, max_length=500)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise Unprocessable(_("Enter a valid web address."), field=field) from exc
    return url


def _email(value: Any) -> str:
    email = _text(value, field="email", max_length=254)
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise Unprocessable(_("Enter a valid e-mail address."), field="email") from exc
    return email


def _date(value: Any, *, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise InvalidInput(_("Enter a date as YYYY-MM-DD."), field=field) from exc


def _languages(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise Unprocessable(_("A list of language codes, e.g. en, fr, es."), field="languages")
    languages = [_text(item, field="languages", max_length=35) for item in items]
    languages = [code for code in languages if code]
    if len(languages) > 20:
        raise Unprocessable(_("At most 20 languages."), field="languages")
    return languages


def _by_slug(model: type, value: Any, *, field: str) -> Any:
    """An instance of `model` from an instance, a slug or None; unknown slugs are a 422."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    found = model.objects.filter(slug=str(value)).first()  # type: ignore[attr-defined]
    if found is None:
        raise Unprocessable(_("Nothing with this slug exists."), field=field, code="unknown")
    return found


def _person_ref(value: Any) -> Person | None:
    return _by_slug(Person, value, field="person")


def _slug(value: Any, *, model: type, instance: Any = None) -> str:
    slug = _text(value, field="slug", max_length=100, required=True)
    try:
        validate_slug(slug)
    except ValidationError as exc:
        raise Unprocessable(
            _("Use only letters, numbers, hyphens and underscores."), field="slug"
        ) from exc
    taken = model.objects.filter(slug=slug)  # type: ignore[attr-defined]
    if instance is not None and instance.pk:
        taken = taken.exclude(pk=instance.pk)
    if slug in RESERVED_SLUGS or taken.exists():
        raise Conflict(_("This slug is already taken."), field="slug", code="duplicate_slug")
    return slug


def _free_slug(model: type, base: str) -> str:
    def taken(slug: str) -> bool:
        return slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists()  # type: ignore[attr-defined]

    return unique_slug(base, taken, max_length=100)


def _only(data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise Unprocessable(_("Unknown field."), field=unknown[0], code="unknown_field")


def _save(instance: Any, *, model: type, update_fields: list[str] | None = None) -> None:
    """Save, turning a unique-slug race into the same Conflict the check gives."""
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError as exc:
        if "slug" in str(exc).lower() or "unique" in str(exc).lower():
            raise Conflict(
                _("This slug is already taken."), field="slug", code="duplicate_slug"
            ) from exc
        raise


def _audit_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Changes as stored in the audit log: e-mail addresses are never copied into it."""
    return {k: ("(changed)" if k == "email" else v) for k, v in changes.items()}


# --- organisations --------------------------------------------------------------------------


def _clean_organisation(data: Mapping[str, Any], *, instance: Organisation | None) -> dict:
    _only(data, ORGANISATION_FIELDS)
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if name == "name":
            clean[name] = _text(value, field=name, max_length=300, required=True)
        elif name == "slug":
            if value in (None, ""):
                continue  # no slug: made from the name on create, kept on update
            clean[name] = _slug(value, model=Organisation, instance=instance)
        elif name == "acronym":
            clean[name] = _text(value, field=name, max_length=40)
        elif name == "kind":
            clean[name] = _choice(value, field=name, choices=OrganisationKind.values)
        elif name == "country":
            clean[name] = _country(value)
        elif name == "region":
            clean[name] = _by_slug(Region, value, field=name)
        elif name == "ecosoc_status":
            clean[name] = _choice(value or "", field=name, choices=EcosocStatus.values)
        elif name == "special_accreditation":
            clean[name] = _bool(value, field=name)
        elif name == "website":
            clean[name] = _url(value, field=name)
        elif name == "description":
            clean[name] = _text(value, field=name, max_length=20000)
        elif name == "source":
            clean[name] = _text(value, field=name, max_length=300)
    return clean


class DuplicateOrganisation(Conflict):
    """An organisation with the same name (in any case) and country already exists."""

    def __init__(self, existing: Organisation):
        super().__init__(
            _("An organisation named “%(name)s” already exists (%(slug)s).")
            % {"name": existing.name, "slug": existing.slug},
            code="duplicate",
            field="name",
        )
        self.existing = existing


def same_organisation(
    *, name: str, country: str, other_than: Organisation | None = None
) -> Organisation | None:
    """The organisation with this name (case-insensitive) and country, if there is one
    (other than `other_than`)."""
    qs = Organisation.objects.filter(name__iexact=name.strip(), country=country or "")
    if other_than is not None:
        qs = qs.exclude(pk=other_than.pk)
    return qs.order_by("pk").first()


def organisation_create(
    *,
    actor: Any,
    name: str,
    slug: str = "",
    acronym: str = "",
    kind: str = OrganisationKind.NGO,
    country: str = "",
    region: Region | str | None = None,
    ecosoc_status: str = "",
    special_accreditation: bool = False,
    website: str = "",
    description: str = "",
    source: str = "",
) -> Organisation:
    """Create an organisation. Duplicate slug, or the name of an organisation of the same
    country -> Conflict (DuplicateOrganisation names the existing one); bad country, kind,
    region or website -> Unprocessable naming the field."""
    require(actor, "directory.add_organisation")
    data = {
        "name": name,
        "slug": slug,
        "acronym": acronym,
        "kind": kind,
        "country": country,
        "region": region,
        "ecosoc_status": ecosoc_status,
        "special_accreditation": special_accreditation,
        "website": website,
        "description": description,
        "source": source,
    }
    with transaction.atomic():
        clean = _clean_organisation(data, instance=None)
        existing = same_organisation(name=clean["name"], country=clean.get("country") or "")
        if existing is not None:
            raise DuplicateOrganisation(existing)
        clean.setdefault("slug", _free_slug(Organisation, clean["name"]))
        organisation = Organisation(**clean)
        _save(organisation, model=Organisation)
        audit_record(
            actor=actor,
            action="organisation.create",
            target=organisation,
            changes={k: v for k, v in clean.items() if v not in ("", None, False)},
        )
    return organisation


def organisation_update(
    *, actor: Any, organisation: Organisation, data: Mapping[str, Any]
) -> Organisation:
    """Change the given fields (names as in ORGANISATION_FIELDS); audit what changed. A
    name and country that another organisation has -> DuplicateOrganisation (409)."""
    require(actor, "directory.change_organisation", organisation)
    with transaction.atomic():
        clean = _clean_organisation(data, instance=organisation)
        changes = changed_fields(organisation, clean)
        if "name" in changes or "country" in changes:
            existing = same_organisation(
                name=organisation.name,
                country=str(organisation.country or ""),
                other_than=organisation,
            )
            if existing is not None:
                raise DuplicateOrganisation(existing)
        if changes:
            _save(organisation, model=Organisation, update_fields=[*changes, "updated_at"])
            audit_record(
                actor=actor, action="organisation.update", target=organisation, changes=changes
            )
    return organisation


def organisation_delete(*, actor: Any, organisation: Organisation) -> None:
    """Delete an organisation with its memberships; its people stay, without organisation."""
    require(actor, "directory.delete_organisation", organisation)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="organisation.delete",
            target=organisation,
            changes={"slug": organisation.slug, "name": organisation.name},
        )
        organisation.delete()


# --- people ---------------------------------------------------------------------------------


def _clean_person(data: Mapping[str, Any], *, instance: Person | None) -> dict:
    _only(data, PERSON_FIELDS)
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if name == "name":
            clean[name] = _text(value, field=name, max_length=200, required=True)
        elif name == "slug":
            if value in (None, ""):
                continue  # no slug: made from the name on create, kept on update
            clean[name] = _slug(value, model=Person, instance=instance)
        elif name == "organisation":
            clean[name] = _by_slug(Organisation, value, field=name)
        elif name == "role":
            clean[name] = _text(value, field=name, max_length=200)
        elif name == "languages":
            clean[name] = _languages(value)
        elif name == "email":
            clean[name] = _email(value)
        elif name == "gender":
            clean[name] = _text(value, field=name, max_length=60)
        elif name == "is_youth":
            clean[name] = _bool(value, field=name, allow_none=True)
        elif name == "do_not_publish":
            clean[name] = _bool(value, field=name)
        elif name == "user":
            clean[name] = value or None
        elif name == "source":
            clean[name] = _text(value, field=name, max_length=300)
    return clean


def _check_person_fields(actor: Any, person: Person | None, fields: set[str]) -> None:
    """Coordinators and focal points change any field; people only some about themselves;
    only coordinators link a record to a sign-in account."""
    if "user" in fields:
        require(actor, "directory.link_person_user", person)
    if not actor.has_perm("directory.change_person"):
        refused = sorted(fields - SELF_EDITABLE_PERSON_FIELDS)
        if refused:
            raise PermissionDenied(
                _("You may not change this field."), field=refused[0], code="forbidden_field"
            )


def person_create(
    *,
    actor: Any,
    name: str,
    slug: str = "",
    organisation: Organisation | str | None = None,
    role: str = "",
    languages: list[str] | None = None,
    email: str = "",
    gender: str = "",
    is_youth: bool | None = None,
    do_not_publish: bool = False,
    user: Any = None,
) -> Person:
    """Create a person. Duplicate slug -> Conflict; bad e-mail/organisation -> Unprocessable."""
    require(actor, "directory.add_person")
    data: dict[str, Any] = {
        "name": name,
        "slug": slug,
        "organisation": organisation,
        "role": role,
        "languages": languages or [],
        "email": email,
        "gender": gender,
        "is_youth": is_youth,
        "do_not_publish": do_not_publish,
    }
    if user is not None:
        data["user"] = user
        _check_person_fields(actor, None, {"user"})
    with transaction.atomic():
        clean = _clean_person(data, instance=None)
        clean.setdefault("slug", _free_slug(Person, clean["name"]))
        person = Person(**clean)
        _save(person, model=Person)
        audit_record(
            actor=actor,
            action="person.create",
            target=person,
            changes=_audit_changes(
                {k: v for k, v in clean.items() if v not in ("", None, False, [])}
            ),
        )
    return person


def person_update(*, actor: Any, person: Person, data: Mapping[str, Any]) -> Person:
    """Change the given fields. A member may change only their own record, and only
    SELF_EDITABLE_PERSON_FIELDS of it."""
    require(actor, "directory.change_person", person)
    _check_person_fields(actor, person, set(data))
    with transaction.atomic():
        clean = _clean_person(data, instance=person)
        changes = changed_fields(person, clean)
        if changes:
            _save(person, model=Person, update_fields=[*changes, "updated_at"])
            audit_record(
                actor=actor,
                action="person.update",
                target=person,
                changes=_audit_changes(changes),
            )
    return person


def person_delete(*, actor: Any, person: Person) -> None:
    require(actor, "directory.delete_person", person)
    with transaction.atomic():
        audit_record(
            actor=actor, action="person.delete", target=person, changes={"slug": person.slug}
        )
        person.delete()


def person_export_data(*, actor: Any) -> dict[str, Any]:
    """Everything the directory holds about the signed-in user, as JSON-ready data."""
    require(actor, "directory.export_own_data")
    person = Person.objects.select_related("organisation").filter(user=actor).first()
    if person is None:
        raise NotFound(_("No directory entry is linked to your account."))
    memberships = person.memberships.select_related("committee", "network", "region")
    data = {
        "account": {
            "email": actor.email,
            "display_name": getattr(actor, "display_name", ""),
            "role": getattr(actor, "role", ""),
            "preferred_language": getattr(actor, "preferred_language", ""),
        },
        "person": {
            "name": person.name,
            "slug": person.slug,
            "organisation": person.organisation.slug if person.organisation else None,
            "role": person.role,
            "languages": person.languages,
            "email": person.email,
            "gender": person.gender,
            "is_youth": person.is_youth,
            "do_not_publish": person.do_not_publish,
            "created_at": person.created_at.isoformat(),
            "updated_at": person.updated_at.isoformat(),
        },
        "memberships": [
            {
                "committee": m.committee.slug if m.committee else None,
                "network": m.network.slug if m.network else None,
                "role": m.role,
                "region": m.region.slug if m.region else None,
                "start_date": m.start_date.isoformat() if m.start_date else None,
                "end_date": m.end_date.isoformat() if m.end_date else None,
                "note": m.note,
            }
            for m in memberships
        ],
    }
    with transaction.atomic():
        audit_record(actor=actor, action="person.export_own_data", target=person)
    return data


def person_erase(*, actor: Any) -> Person:
    """Anonymise the signed-in user's person record: name, e-mail and self-described data
    go, memberships are removed, the record is hidden and unlinked from the account, and
    earlier audit entries about it stop naming the person."""
    require(actor, "directory.erase_own_data")
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(user=actor).first()
        if person is None:
            raise NotFound(_("No directory entry is linked to your account."))
        person.name = ERASED_NAME
        person.slug = f"erased-{person.pk}"
        person.organisation = None
        person.role = ""
        person.languages = []
        person.email = ""
        person.gender = ""
        person.is_youth = None
        person.do_not_publish = True
        person.user = None
        person.save()
        removed = person.memberships.all().delete()[0]
        AuditEntry.objects.filter(target_type="directory.person", target_id=str(person.pk)).update(
            target_repr=ERASED_NAME, changes={}
        )
        audit_record(
            actor=actor,
            action="person.erase",
            target=person,
            changes={"erased": True, "memberships_removed": removed},
        )
    return person


# --- committees -----------------------------------------------------------------------------


def _clean_committee(data: Mapping[str, Any], *, instance: Committee | None) -> dict:
    _only(data, COMMITTEE_FIELDS)
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if name == "name":
            clean[name] = _text(value, field=name, max_length=300, required=True)
        elif name == "slug":
            if value in (None, ""):
                continue  # no slug: made from the name on create, kept on update
            clean[name] = _slug(value, model=Committee, instance=instance)
        elif name == "description":
            clean[name] = _text(value, field=name, max_length=20000)
        elif name == "convener":
            clean[name] = _by_slug(Organisation, value, field=name)
        elif name == "source":
            clean[name] = _text(value, field=name, max_length=300)
    return clean


def committee_create(
    *,
    actor: Any,
    name: str,
    slug: str = "",
    description: str = "",
    convener: Organisation | str | None = None,
) -> Committee:
    require(actor, "directory.add_committee")
    with transaction.atomic():
        clean = _clean_committee(
            {"name": name, "slug": slug, "description": description, "convener": convener},
            instance=None,
        )
        clean.setdefault("slug", _free_slug(Committee, clean["name"]))
        committee = Committee(**clean)
        _save(committee, model=Committee)
        audit_record(
            actor=actor,
            action="committee.create",
            target=committee,
            changes={k: v for k, v in clean.items() if v not in ("", None)},
        )
    return committee


def committee_update(*, actor: Any, committee: Committee, data: Mapping[str, Any]) -> Committee:
    require(actor, "directory.change_committee", committee)
    with transaction.atomic():
        clean = _clean_committee(data, instance=committee)
        changes = changed_fields(committee, clean)
        if changes:
            _save(committee, model=Committee, update_fields=[*changes, "updated_at"])
            audit_record(actor=actor, action="committee.update", target=committee, changes=changes)
    return committee


# --- memberships ----------------------------------------------------------------------------


def _clean_membership(data: Mapping[str, Any]) -> dict:
    _only(data, MEMBERSHIP_FIELDS)
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if name in ("organisation", "network"):
            clean[name] = _by_slug(Organisation, value, field=name)
        elif name == "person":
            clean[name] = _person_ref(value)
        elif name == "committee":
            clean[name] = _by_slug(Committee, value, field=name)
        elif name == "region":
            clean[name] = _by_slug(Region, value, field=name)
        elif name == "role":
            clean[name] = _choice(value, field=name, choices=MembershipRole.values)
        elif name in ("start_date", "end_date"):
            clean[name] = _date(value, field=name)
        elif name in ("note", "source"):
            clean[name] = _text(value, field=name, max_length=300)
    return clean


def _check_membership(membership: Membership) -> None:
    """A membership has exactly one member and exactly one body, and ends after it starts."""
    if (membership.organisation_id is None) == (membership.person_id is None):
        raise Unprocessable(
            _("Give either an organisation or a person as the member."), field="organisation"
        )
    if (membership.network_id is None) == (membership.committee_id is None):
        raise Unprocessable(_("Give either a network or a committee."), field="committee")
    if membership.network_id is not None and membership.network_id == membership.organisation_id:
        raise Unprocessable(_("An organisation cannot be a member of itself."), field="network")
    if (
        membership.start_date
        and membership.end_date
        and membership.end_date < membership.start_date
    ):
        raise Unprocessable(_("The end date is before the start date."), field="end_date")


def membership_create(
    *,
    actor: Any,
    organisation: Organisation | str | None = None,
    person: Person | str | None = None,
    network: Organisation | str | None = None,
    committee: Committee | str | None = None,
    role: str = MembershipRole.MEMBER,
    region: Region | str | None = None,
    start_date: dt.date | str | None = None,
    end_date: dt.date | str | None = None,
    note: str = "",
) -> Membership:
    """Put an organisation or a person in a network or a committee, with a role and dates."""
    require(actor, "directory.add_membership")
    with transaction.atomic():
        clean = _clean_membership(
            {
                "organisation": organisation,
                "person": person,
                "network": network,
                "committee": committee,
                "role": role,
                "region": region,
                "start_date": start_date,
                "end_date": end_date,
                "note": note,
            }
        )
        membership = Membership(**clean)
        _check_membership(membership)
        membership.save()
        audit_record(
            actor=actor,
            action="membership.create",
            target=membership,
            changes={k: v for k, v in clean.items() if v not in ("", None)},
        )
    return membership


def membership_update(*, actor: Any, membership: Membership, data: Mapping[str, Any]) -> Membership:
    require(actor, "directory.change_membership", membership)
    with transaction.atomic():
        clean = _clean_membership(data)
        changes = changed_fields(membership, clean)
        if changes:
            _check_membership(membership)
            membership.save(update_fields=list(changes))
            audit_record(
                actor=actor, action="membership.update", target=membership, changes=changes
            )
    return membership


def membership_delete(*, actor: Any, membership: Membership) -> None:
    require(actor, "directory.delete_membership", membership)
    with transaction.atomic():
        audit_record(actor=actor, action="membership.delete", target=membership)
        membership.delete()


# --- regions --------------------------------------------------------------------------------


def region_upsert(*, actor: Any, slug: str, name: str, order: int = 0) -> tuple[Region, bool]:
    """Create the region or bring it up to date; return it and whether it was created.
    Nothing is written (or audited) when it already matches."""
    require(actor, "directory.upsert_region")
    with transaction.atomic():
        clean_slug = _text(slug, field="slug", max_length=60, required=True)
        try:
            validate_slug(clean_slug)
        except ValidationError as exc:
            raise Unprocessable(
                _("Use only letters, numbers, hyphens and underscores."), field="slug"
            ) from exc
        data = {"name": _text(name, field="name", max_length=120, required=True), "order": order}
        region = Region.objects.filter(slug=clean_slug).first()
        if region is None:
            region = Region.objects.create(slug=clean_slug, **data)
            audit_record(actor=actor, action="region.create", target=region, changes=data)
            return region, True
        changes = changed_fields(region, data)
        if changes:
            region.save(update_fields=list(changes))
            audit_record(actor=actor, action="region.update", target=region, changes=changes)
    return region, False
