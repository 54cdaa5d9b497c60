"""Writes of the shared kernel: users' roles and preferences, API tokens and task progress."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_record
from .errors import InvalidInput, NotFound, Unprocessable
from .errors import PermissionDenied as PermissionDeniedError
from .models import ApiToken, Role, TaskProgress, User
from .permissions import require

TOKEN_PREFIX = "cvn_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def user_set_role(*, actor: Any, user: User, role: str) -> User:
    """Give `user` the role `role` (coordinators only); the change is audited.

    The last active coordinator cannot give up the role, so that someone can still manage roles.
    """
    require(actor, "core.change_user_role", user)
    if role not in Role.values:
        raise InvalidInput(_("Unknown role."), field="role")
    if user.role == role:
        return user
    with transaction.atomic():
        if user.role == Role.COORDINATOR:
            others = User.objects.filter(role=Role.COORDINATOR, is_active=True).exclude(pk=user.pk)
            if not others.exists():
                raise Unprocessable(
                    _("The last coordinator cannot lose the coordinator role."), field="role"
                )
        old = user.role
        user.role = role
        user.save(update_fields=["role"])
        audit_record(
            actor=actor, action="user.set_role", target=user, changes={"role": [old, role]}
        )
    return user


def user_set_preferences(*, actor: Any, user: User, preferred_language: str) -> User:
    """Change a user's own preferences (only the user themself may)."""
    if getattr(actor, "pk", None) != user.pk:
        raise PermissionDeniedError(_("You may only change your own preferences."))
    codes = {code for code, _name in settings.LANGUAGES}
    if preferred_language not in codes:
        raise InvalidInput(_("Unknown language."), field="preferred_language")
    if user.preferred_language == preferred_language:
        return user
    with transaction.atomic():
        old = user.preferred_language
        user.preferred_language = preferred_language
        user.save(update_fields=["preferred_language"])
        audit_record(
            actor=actor,
            action="user.set_preferences",
            target=user,
            changes={"preferred_language": [old, preferred_language]},
        )
    return user


def api_token_create(*, user: User, name: str = "", actor: Any = None) -> tuple[ApiToken, str]:
    """Create a token for `user`; return it with the secret, which is shown only once."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=raw[:12], key_hash=hash_token(raw)
        )
        audit_record(actor=actor or user, action="api_token.create", target=token)
    return token, raw


def api_token_revoke(*, token_id: int, user: User, actor: Any = None) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.filter(pk=token_id, user=user, revoked_at=None).first()
        if token is None:
            raise NotFound("No such token.")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor or user, action="api_token.revoke", target=token)
    return token


def api_token_user(*, raw: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def task_progress_create(
    *, kind: str, label: str = "", total: int = 0, created_by: Any = None
) -> TaskProgress:
    user = created_by if getattr(created_by, "is_authenticated", False) else None
    return TaskProgress.objects.create(kind=kind, label=label, total=total, created_by=user)


def task_progress_update(
    *,
    progress_id: int,
    done: int | None = None,
    total: int | None = None,
    status: str | None = None,
    message: str | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    """Record how far a piece of long work has come (one UPDATE, no read)."""
    fields: dict[str, Any] = {"updated_at": timezone.now()}
    if done is not None:
        fields["done"] = done
    if total is not None:
        fields["total"] = total
    if status is not None:
        fields["status"] = status
    if message is not None:
        fields["message"] = message[:500]
    if result is not None:
        fields["result"] = result
    TaskProgress.objects.filter(pk=progress_id).update(**fields)
