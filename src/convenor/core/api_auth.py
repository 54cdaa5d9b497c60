"""API authentication: `Authorization: Bearer <token>` for writes; reads may be anonymous."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from .services import api_token_user


class TokenAuth(HttpBearer):
    """Requires a valid token. The user ends up in request.auth and request.user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(raw=token)
        if user is not None:
            request.user = user
        return user


def request_user(request: HttpRequest) -> Any:
    """The caller of a read endpoint: the token's user, the session's user, or anonymous."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = api_token_user(raw=header[7:].strip())
        return user or AnonymousUser()
    return getattr(request, "user", None) or AnonymousUser()
