"""Who may do what with selection rounds. Coordinators manage rounds, quotas, runs and
invitations; a quota's nomination coordinator sees and edits only that quota's names."""

from __future__ import annotations

from typing import Any

import rules

from convenor.core.rules import is_coordinator


def _quota_of(obj: Any) -> Any:
    """The quota an object belongs to (a quota itself, or a nomination's quota)."""
    if obj is None:
        return None
    return obj if hasattr(obj, "seats") else getattr(obj, "quota", None)


@rules.predicate
def is_quota_coordinator(user: Any, obj: Any) -> bool:
    quota = _quota_of(obj)
    return bool(
        quota is not None
        and user is not None
        and user.is_authenticated
        and user.is_active
        and quota.coordinator_id == user.pk
    )


@rules.predicate
def coordinates_a_quota(user: Any, round_: Any = None) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    quotas = user.delegation_quotas.all()
    if round_ is not None:
        quotas = quotas.filter(round=round_)
    return bool(quotas.exists())


rules.add_perm("delegations.manage_round", is_coordinator)
rules.add_perm("delegations.view_round", is_coordinator | coordinates_a_quota)
rules.add_perm("delegations.view_quota", is_coordinator | is_quota_coordinator)
rules.add_perm("delegations.nominate", is_coordinator | is_quota_coordinator)
rules.add_perm("delegations.run_selection", is_coordinator)
rules.add_perm("delegations.manage_invitations", is_coordinator)
rules.add_perm("delegations.merge_people", is_coordinator)
