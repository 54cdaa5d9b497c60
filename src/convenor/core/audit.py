"""Audit entries: every write by a person records who, what and when."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one write. `actor` may be None (the system) or an anonymous user."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        changes=_jsonable(changes or {}),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def changed_fields(instance: models.Model, data: dict[str, Any]) -> dict[str, Any]:
    """Set the given fields on `instance`; return {field: [old, new]} for those that changed."""
    changes: dict[str, Any] = {}
    for name, new in data.items():
        old = getattr(instance, name)
        if old != new:
            changes[name] = [old, new]
            setattr(instance, name, new)
    return changes
