"""One call that checks a `rules` permission and raises the domain error."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .errors import PermissionDenied


def require(user: Any, perm: str, obj: Any = None) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
