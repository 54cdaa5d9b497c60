"""Role predicates shared by every app's rules.py."""

from __future__ import annotations

import rules

from .models import Role


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or getattr(user, "role", None) == Role.COORDINATOR)
    )


@rules.predicate
def is_focal_point(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "role", None) == Role.FOCAL_POINT)


@rules.predicate
def is_rapporteur(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "role", None) == Role.RAPPORTEUR)


@rules.predicate
def is_member(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "role", None) == Role.MEMBER)


is_signed_in = rules.is_authenticated

rules.add_perm("core.view_auditentry", is_coordinator)


@rules.predicate
def is_task_creator(user, progress) -> bool:
    return bool(
        progress is not None
        and user
        and user.is_authenticated
        and getattr(progress, "created_by_id", None) == user.pk
    )


# A task's page shows its creator's work; coordinators see every task.
rules.add_perm("core.view_taskprogress", is_coordinator | is_task_creator)
rules.add_perm("core.view_user", is_coordinator)
rules.add_perm("core.change_user_role", is_coordinator)
rules.add_perm("core.manage_own_tokens", is_signed_in)
