"""Rate limits and burst detection held in the shared cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

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
    try:  # one round trip in the common case: the key exists
        return int(cache.incr(cache_key))
    except ValueError:
        pass
    if cache.add(cache_key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(cache_key))  # added meanwhile by a parallel request
    except ValueError:
        cache.set(cache_key, 1, timeout=window)
        return 1


def _redis_client():
    """The raw Redis client behind Django's cache, or None for other backends."""
    inner = getattr(cache, "_cache", None)
    get_client = getattr(inner, "get_client", None)
    if get_client is None or "redis" not in type(cache).__module__:
        return None
    return get_client(write=True)


def over_many(checks: list[tuple[str, str]]) -> list[bool]:
    """Count one event for each (limit name, key) and tell which limits are exceeded: one
    round trip to Redis (a pipeline) when the cache is Redis. Fails open like over()."""
    try:
        client = _redis_client()
        if client is None:
            return [over(name, key) for name, key in checks]
        pipe = client.pipeline(transaction=False)
        for name, key in checks:
            cache_key = cache.make_and_validate_key(
                f"campaigns:rl:{name}:{hashlib.sha1(key.encode()).hexdigest()}"
            )
            pipe.incr(cache_key)
            pipe.expire(cache_key, limit(name)[1], nx=True)
        counts = pipe.execute()[::2]
        return [int(n) > limit(name)[0] for n, (name, _key) in zip(counts, checks, strict=True)]
    except Exception:  # the cache server is down
        logger.warning("rate limit cache unavailable", exc_info=True)
        return [False] * len(checks)


def over(name: str, key: str) -> bool:
    """Count one event and tell whether the limit of `name` is now exceeded. When the cache
    is unreachable, signatures are still accepted (a lost signature is worse than a missed
    limit)."""
    allowed, _ = limit(name)
    try:
        return hit(name, key) > allowed
    except Exception:  # the cache server is down
        logger.warning("rate limit cache unavailable", exc_info=True)
        return False
