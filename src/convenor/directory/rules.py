"""Who may change the directory. Checked in one place: services call core.permissions.require."""

from __future__ import annotations

import rules

from convenor.core.rules import is_coordinator, is_focal_point, is_signed_in


@rules.predicate
def is_own_person(user, person) -> bool:
    """The person record is linked to the signed-in user (people edit their own entry)."""
    return bool(
        person is not None
        and getattr(user, "is_authenticated", False)
        and getattr(person, "user_id", None) == user.pk
    )


can_edit_directory = is_coordinator | is_focal_point

rules.add_perm("directory.add_organisation", can_edit_directory)
rules.add_perm("directory.change_organisation", can_edit_directory)
rules.add_perm("directory.delete_organisation", is_coordinator)

rules.add_perm("directory.add_person", can_edit_directory)
rules.add_perm("directory.change_person", can_edit_directory | is_own_person)
rules.add_perm("directory.delete_person", is_coordinator)
# Seeing people marked "do not publish" and anyone's e-mail address.
rules.add_perm("directory.view_hidden_person", is_coordinator)
rules.add_perm("directory.view_person_email", is_coordinator)
# Linking a person record to a sign-in account grants that account edit rights over it.
rules.add_perm("directory.link_person_user", is_coordinator)

rules.add_perm("directory.add_membership", can_edit_directory)
rules.add_perm("directory.change_membership", can_edit_directory)
rules.add_perm("directory.delete_membership", is_coordinator)

rules.add_perm("directory.add_committee", is_coordinator)
rules.add_perm("directory.change_committee", is_coordinator)
rules.add_perm("directory.upsert_region", is_coordinator)

# People can download and erase what the directory holds about them.
rules.add_perm("directory.export_own_data", is_signed_in)
rules.add_perm("directory.erase_own_data", is_signed_in)
