"""Rate limits and burst detection held in the shared cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from typing import Any

from django.conf import settings
from django.core.cache import caches

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


def _cache_key(name: str, key: str) -> str:
    return f"campaigns:rl:{name}:{hashlib.sha1(key.encode()).hexdigest()}"


def hit(name: str, key: str) -> int:
    """Count one event for `key` in the window of `name`; return the count so far."""
    cache = caches["default"]
    _, window = limit(name)
    cache_key = _cache_key(name, key)
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


_clients: dict[int, Any] = {}
_clients_lock = threading.Lock()


def _redis_client() -> Any:
    """The raw Redis client behind Django's Redis cache, made once per process (building a
    client object costs more than the round trip itself), or None for other backends."""
    cache = caches["default"]
    if type(cache).__module__ != "django.core.cache.backends.redis":
        return None
    client = _clients.get(id(cache))
    if client is None:
        with _clients_lock:
            client = _clients.setdefault(id(cache), cache._cache.get_client(write=True))  # type: ignore[attr-defined]
    return client


# Count one event per key (KEYS) and start its window (ARGV, seconds) on the first one:
# every limit and burst counter of a submission in a single command.
_COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('EXPIRE', key, ARGV[i]) end
  counts[i] = n
end
return counts
"""
_scripts: dict[int, Any] = {}


def over_many(checks: list[tuple[str, str]]) -> list[bool]:
    """Count one event for each (limit name, key) and tell which limits are exceeded: one
    command to Redis (a script) when the cache is Redis. When the cache is unreachable,
    signatures are still accepted (a lost signature is worse than a missed limit)."""
    try:
        client = _redis_client()
        if client is None:
            return [hit(name, key) > limit(name)[0] for name, key in checks]
        script = _scripts.get(id(client))
        if script is None:
            script = _scripts.setdefault(id(client), client.register_script(_COUNT_SCRIPT))
        cache = caches["default"]
        keys = [cache.make_and_validate_key(_cache_key(name, key)) for name, key in checks]
        counts = script(keys=keys, args=[limit(name)[1] for name, _key in checks])
        return [int(n) > limit(name)[0] for n, (name, _key) in zip(counts, checks, strict=True)]
    except Exception:  # the cache server is down
        logger.warning("rate limit cache unavailable", exc_info=True)
        return [False] * len(checks)


def over(name: str, key: str) -> bool:
    """Count one event and tell whether the limit of `name` is now exceeded."""
    return over_many([(name, key)])[0]
