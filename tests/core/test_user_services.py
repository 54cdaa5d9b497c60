import pytest

from convenor.core.errors import InvalidInput, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry, Role
from convenor.core.selectors import audit_entries, user_list
from convenor.core.services import user_set_preferences, user_set_role


@pytest.mark.django_db
def test_user_set_role_by_coordinator_is_audited(coordinator, member):
    user_set_role(actor=coordinator, user=member, role=Role.RAPPORTEUR)
    member.refresh_from_db()
    assert member.role == Role.RAPPORTEUR
    entry = AuditEntry.objects.get(action="user.set_role")
    assert (entry.actor, entry.target_id) == (coordinator, str(member.pk))


@pytest.mark.django_db
def test_user_set_role_same_role_records_nothing(coordinator, member):
    user_set_role(actor=coordinator, user=member, role=Role.MEMBER)
    assert not AuditEntry.objects.filter(action="user.set_role").exists()


@pytest.mark.django_db
def test_user_set_role_refuses_non_coordinators(focal_point, member):
    with pytest.raises(PermissionDenied):
        user_set_role(actor=focal_point, user=member, role=Role.COORDINATOR)


@pytest.mark.django_db
def test_user_set_role_rejects_unknown_role(coordinator, member):
    with pytest.raises(InvalidInput) as error:
        user_set_role(actor=coordinator, user=member, role="emperor")
    assert error.value.field == "role"


@pytest.mark.django_db
def test_last_coordinator_keeps_the_role_but_one_of_two_may_step_down(coordinator, member):
    with pytest.raises(Unprocessable):
        user_set_role(actor=coordinator, user=coordinator, role=Role.MEMBER)
    user_set_role(actor=coordinator, user=member, role=Role.COORDINATOR)
    user_set_role(actor=coordinator, user=coordinator, role=Role.MEMBER)
    coordinator.refresh_from_db()
    assert coordinator.role == Role.MEMBER


@pytest.mark.django_db
def test_user_set_preferences_only_for_oneself(member, coordinator):
    user_set_preferences(actor=member, user=member, preferred_language="fr")
    member.refresh_from_db()
    assert member.preferred_language == "fr"
    with pytest.raises(PermissionDenied):
        user_set_preferences(actor=coordinator, user=member, preferred_language="es")
    with pytest.raises(InvalidInput):
        user_set_preferences(actor=member, user=member, preferred_language="xx")


@pytest.mark.django_db
def test_selectors_filter_users_and_audit_entries(coordinator, member, rapporteur):
    assert list(user_list(role=Role.RAPPORTEUR)) == [rapporteur]
    assert list(user_list(query="MEMB")) == [member]
    user_set_role(actor=coordinator, user=member, role=Role.FOCAL_POINT)
    assert audit_entries(action_prefix="user.").count() == 1
    assert audit_entries(actor_email="COORDINATOR@example.org").count() == 1
    assert audit_entries(actor_email=member.email).count() == 0
