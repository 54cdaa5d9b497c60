"""Signed, expiring links for confirming and withdrawing a signature."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from convenor.core.errors import Unprocessable

SALT = "convenor.campaigns.signature"
PURPOSES = ("confirm", "withdraw")


def max_age() -> int:
    """Seconds a link stays valid (CAMPAIGNS_TOKEN_MAX_AGE, default 14 days)."""
    return int(getattr(settings, "CAMPAIGNS_TOKEN_MAX_AGE", 14 * 24 * 3600))


def token_make(*, public_id: str, purpose: str, version: int = 0) -> str:
    """A URL-safe token naming one signature, what it may do, and the version it is for."""
    return signing.dumps({"s": str(public_id), "p": purpose, "v": version}, salt=SALT)


def token_read(token: str, *, purpose: str) -> tuple[str, int]:
    """(public_id, version) of a valid token for `purpose`; Unprocessable when it is forged,
    expired or meant for something else."""
    from django.utils.translation import gettext as _

    try:
        data = signing.loads(str(token), salt=SALT, max_age=max_age())
    except signing.SignatureExpired as exc:
        raise Unprocessable(
            _("This link has expired. Sign again to receive a new one."),
            code="token_expired",
            field="token",
        ) from exc
    except signing.BadSignature as exc:
        raise Unprocessable(
            _("This link is not valid."), code="token_invalid", field="token"
        ) from exc
    if not isinstance(data, dict) or data.get("p") != purpose:
        raise Unprocessable(_("This link is not valid."), code="token_invalid", field="token")
    return str(data.get("s")), int(data.get("v") or 0)
