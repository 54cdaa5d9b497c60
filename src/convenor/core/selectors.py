"""Reads of the shared kernel: the audit log, the user list, task progress."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from .models import AuditEntry, TaskProgress, User


def audit_entries(
    *,
    action_prefix: str = "",
    actor_email: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries, newest first, filtered; each row's actor is loaded with it."""
    entries = AuditEntry.objects.select_related("actor").order_by("-created_at", "-id")
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix)
    if actor_email:
        entries = entries.filter(actor__email__iexact=actor_email)
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries


def user_list(*, role: str = "", query: str = "") -> QuerySet[User]:
    """Users ordered by e-mail, optionally filtered by role and by part of the e-mail or name."""
    users = User.objects.order_by("email")
    if role:
        users = users.filter(role=role)
    if query:
        users = users.filter(Q(email__icontains=query) | Q(display_name__icontains=query))
    return users


def task_progress_get(*, progress_id: int) -> TaskProgress | None:
    return TaskProgress.objects.select_related("created_by").filter(pk=progress_id).first()
