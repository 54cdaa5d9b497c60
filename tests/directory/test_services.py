import pytest

from convenor.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.directory import services
from convenor.directory.models import Membership, Organisation, Person


def _audited(action: str) -> bool:
    return AuditEntry.objects.filter(action=action).exists()


def test_organisation_create_saves_and_audits(coordinator, asia):
    org = services.organisation_create(
        actor=coordinator, name="Migrant Forum", acronym="MF", country="ph", region="asia"
    )
    assert org.slug == "migrant-forum" and org.country == "PH" and org.region == asia
    entry = AuditEntry.objects.get(action="organisation.create")
    assert entry.actor == coordinator and entry.target_id == str(org.pk)


def test_organisation_create_duplicate_slug_is_conflict(coordinator, mfa):
    with pytest.raises(Conflict) as info:
        services.organisation_create(actor=coordinator, name="Other", slug="mfa")
    assert info.value.field == "slug"


def test_organisation_create_reserved_slug_is_conflict(coordinator, db):
    with pytest.raises(Conflict):
        services.organisation_create(actor=coordinator, name="New", slug="new")


@pytest.mark.parametrize(
    ("field", "value"),
    [("country", "XX"), ("kind", "bogus"), ("region", "atlantis"), ("website", "notaurl")],
)
def test_organisation_create_bad_value_is_unprocessable_naming_field(coordinator, db, field, value):
    with pytest.raises(Unprocessable) as info:
        services.organisation_create(actor=coordinator, name="X", **{field: value})
    assert info.value.field == field


def test_organisation_create_strips_nul_bytes(coordinator, db):
    org = services.organisation_create(actor=coordinator, name="A\x00B")
    assert org.name == "AB"


def test_organisation_update_audits_changes_only(coordinator, mfa):
    services.organisation_update(actor=coordinator, organisation=mfa, data={"acronym": "MFA2"})
    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.changes == {"acronym": ["MFA", "MFA2"]}
    services.organisation_update(actor=coordinator, organisation=mfa, data={"acronym": "MFA2"})
    assert AuditEntry.objects.filter(action="organisation.update").count() == 1


def test_organisation_update_unknown_field_is_unprocessable(coordinator, mfa):
    with pytest.raises(Unprocessable) as info:
        services.organisation_update(actor=coordinator, organisation=mfa, data={"pk": 3})
    assert info.value.field == "pk"


def test_organisation_delete_audits(coordinator, mfa):
    services.organisation_delete(actor=coordinator, organisation=mfa)
    assert not Organisation.objects.filter(slug="mfa").exists()
    assert _audited("organisation.delete")


def test_person_create_does_not_copy_email_to_audit(coordinator, mfa):
    person = services.person_create(
        actor=coordinator, name="Ana", organisation="mfa", email="ana@example.org"
    )
    assert person.organisation == mfa
    entry = AuditEntry.objects.get(action="person.create")
    assert "ana@example.org" not in str(entry.changes)


def test_person_create_bad_email_is_unprocessable(coordinator, db):
    with pytest.raises(Unprocessable) as info:
        services.person_create(actor=coordinator, name="Ana", email="nope")
    assert info.value.field == "email"


def test_person_update_and_delete_audit(coordinator, public_person):
    services.person_update(actor=coordinator, person=public_person, data={"role": "Chair"})
    assert _audited("person.update")
    services.person_delete(actor=coordinator, person=public_person)
    assert _audited("person.delete")
    assert not Person.objects.filter(slug="colin-rajah").exists()


def test_member_updates_own_person_self_described_fields(member, public_person):
    public_person.user = member
    public_person.save()
    services.person_update(
        actor=member,
        person=public_person,
        data={"gender": "woman", "is_youth": True, "languages": ["fr"], "do_not_publish": True},
    )
    public_person.refresh_from_db()
    assert public_person.gender == "woman" and public_person.is_youth is True
    assert public_person.languages == ["fr"] and public_person.do_not_publish is True


def test_member_cannot_change_own_organisation_or_slug(member, public_person):
    public_person.user = member
    public_person.save()
    with pytest.raises(PermissionDenied) as info:
        services.person_update(actor=member, person=public_person, data={"slug": "x"})
    assert info.value.field == "slug"


def test_member_cannot_update_someone_else(member, public_person):
    with pytest.raises(PermissionDenied):
        services.person_update(actor=member, person=public_person, data={"role": "x"})


def test_focal_point_cannot_link_user(focal_point, member, public_person):
    with pytest.raises(PermissionDenied):
        services.person_update(actor=focal_point, person=public_person, data={"user": member})


def test_committee_create_and_update_audit(coordinator, mfa):
    committee = services.committee_create(
        actor=coordinator, name="Action Committee", convener="mfa"
    )
    assert committee.slug == "action-committee" and committee.convener == mfa
    services.committee_update(actor=coordinator, committee=committee, data={"description": "d"})
    assert _audited("committee.create") and _audited("committee.update")


def test_membership_create_update_delete_audit(coordinator, mfa, committee, asia):
    membership = services.membership_create(
        actor=coordinator,
        organisation="mfa",
        committee="core-group",
        role="focal_point",
        region="asia",
        start_date="2017-08-04",
    )
    assert membership.region == asia and str(membership.start_date) == "2017-08-04"
    services.membership_update(actor=coordinator, membership=membership, data={"role": "chair"})
    services.membership_delete(actor=coordinator, membership=membership)
    assert not Membership.objects.exists()
    assert all(_audited(a) for a in ("membership.create", "membership.update", "membership.delete"))


def test_membership_needs_one_member_and_one_body(coordinator, mfa, committee, public_person):
    with pytest.raises(Unprocessable) as info:
        services.membership_create(actor=coordinator, committee="core-group")
    assert info.value.field == "organisation"
    with pytest.raises(Unprocessable) as info:
        services.membership_create(
            actor=coordinator, person="colin-rajah", committee="core-group", network="mfa"
        )
    assert info.value.field == "committee"
    with pytest.raises(Unprocessable):
        services.membership_create(actor=coordinator, organisation="mfa", network="mfa")


def test_membership_bad_dates(coordinator, mfa, committee):
    with pytest.raises(InvalidInput) as info:
        services.membership_create(
            actor=coordinator, organisation="mfa", committee="core-group", start_date="2017-13-01"
        )
    assert info.value.field == "start_date"
    with pytest.raises(Unprocessable) as info:
        services.membership_create(
            actor=coordinator,
            organisation="mfa",
            committee="core-group",
            start_date="2018-01-01",
            end_date="2017-01-01",
        )
    assert info.value.field == "end_date"


def test_region_upsert_creates_then_updates_then_nothing(coordinator, db):
    region, created = services.region_upsert(actor=coordinator, slug="asia", name="Asia")
    assert created
    _, created = services.region_upsert(actor=coordinator, slug="asia", name="Asia-Pacific")
    assert not created
    region.refresh_from_db()
    assert region.name == "Asia-Pacific"
    services.region_upsert(actor=coordinator, slug="asia", name="Asia-Pacific")
    assert AuditEntry.objects.filter(action__startswith="region.").count() == 2


def test_person_export_data_returns_own_record(member, public_person, committee):
    public_person.user = member
    public_person.save()
    Membership.objects.create(person=public_person, committee=committee, role="chair")
    data = services.person_export_data(actor=member)
    assert data["person"]["email"] == "colin@example.org"
    assert data["memberships"][0]["committee"] == "core-group"
    assert _audited("person.export_own_data")


def test_person_export_without_linked_person_is_not_found(member):
    with pytest.raises(NotFound):
        services.person_export_data(actor=member)


def test_person_erase_anonymises(member, public_person, committee, coordinator):
    services.person_update(actor=coordinator, person=public_person, data={"role": "Chair"})
    public_person.user = member
    public_person.save()
    Membership.objects.create(person=public_person, committee=committee, role="chair")
    services.person_erase(actor=member)
    public_person.refresh_from_db()
    assert public_person.name == services.ERASED_NAME
    assert public_person.email == "" and public_person.user is None
    assert public_person.do_not_publish and not public_person.memberships.exists()
    assert _audited("person.erase")
    assert not AuditEntry.objects.filter(target_repr__contains="Colin").exists()


def test_anonymous_cannot_write(db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=AnonymousUser(), name="X")
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=None, name="X")
