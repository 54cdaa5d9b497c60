"""Rate limits and burst detection held in the shared cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

# (requests, seconds). Per IP it is generous: whole NGO offices share one NAT address.
DEFAULTS = {
    "ip": (120, 600),
    "email": (5, 3600),
    "burst_ip": (30, 600),
    "burst_domain": (60, 600),
}


def limit(name: str) -> tuple[int, int]:
    limits = getattr(settings, "CAMPAIGNS_RATE_LIMITS", {})
    return tuple(limits.get(name, DEFAULTS[name]))  # type: ignore[return-value]


def hash_ip(ip: str) -> str:
    """The IP address, keyed with SECRET_KEY so that the stored value cannot be reversed."""
    if not ip:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()[:32]


def hit(name: str, key: str) -> int:
    """Count one event for `key` in the window of `name`; return the count so far."""
    _, window = limit(name)
    cache_key = f"campaigns:rl:{name}:{hashlib.sha1(key.encode()).hexdigest()}"
    if cache.add(cache_key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        return 1


def over(name: str, key: str) -> bool:
    """Count one event and tell whether the limit of `name` is now exceeded."""
    allowed, _ = limit(name)
    return hit(name, key) > allowed
