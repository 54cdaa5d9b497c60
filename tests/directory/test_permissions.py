"""Each write, per role: coordinators all; focal points create/update organisations,
people and memberships; rapporteurs and members read only (except their own Person)."""

import pytest

from convenor.core.errors import PermissionDenied
from convenor.directory import services
from convenor.directory.models import Membership

ROLES = ["coordinator", "focal_point", "rapporteur", "member"]


def _writes(mfa, committee, public_person):
    membership = Membership.objects.create(organisation=mfa, committee=committee)
    return {
        "organisation_create": lambda a: services.organisation_create(actor=a, name="New org"),
        "organisation_update": lambda a: services.organisation_update(
            actor=a, organisation=mfa, data={"acronym": "Z"}
        ),
        "organisation_delete": lambda a: services.organisation_delete(actor=a, organisation=mfa),
        "person_create": lambda a: services.person_create(actor=a, name="New person"),
        "person_update": lambda a: services.person_update(
            actor=a, person=public_person, data={"role": "Z"}
        ),
        "person_delete": lambda a: services.person_delete(actor=a, person=public_person),
        "committee_create": lambda a: services.committee_create(actor=a, name="New committee"),
        "committee_update": lambda a: services.committee_update(
            actor=a, committee=committee, data={"description": "Z"}
        ),
        "membership_create": lambda a: services.membership_create(
            actor=a, person=public_person, committee=committee
        ),
        "membership_update": lambda a: services.membership_update(
            actor=a, membership=membership, data={"role": "chair"}
        ),
        "membership_delete": lambda a: services.membership_delete(actor=a, membership=membership),
        "region_upsert": lambda a: services.region_upsert(actor=a, slug="pacific", name="Pacific"),
    }


ALLOWED = {
    "coordinator": {
        "organisation_create",
        "organisation_update",
        "organisation_delete",
        "person_create",
        "person_update",
        "person_delete",
        "committee_create",
        "committee_update",
        "membership_create",
        "membership_update",
        "membership_delete",
        "region_upsert",
    },
    "focal_point": {
        "organisation_create",
        "organisation_update",
        "person_create",
        "person_update",
        "membership_create",
        "membership_update",
    },
    "rapporteur": set(),
    "member": set(),
}
WRITES = sorted(ALLOWED["coordinator"])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", WRITES)
def test_write_permission_per_role(request, role, write, mfa, committee, public_person):
    actor = request.getfixturevalue(role)
    action = _writes(mfa, committee, public_person)[write]
    if write in ALLOWED[role]:
        action(actor)
    else:
        with pytest.raises(PermissionDenied):
            action(actor)
