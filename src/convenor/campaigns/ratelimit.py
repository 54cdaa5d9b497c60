"""Rate limits and burst detection held in the shared cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from django.conf import settings
from django.core.cache import caches

from convenor.core.redisscript import Script

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


def _count_script() -> Any:
    """The script that counts one event per key (KEYS) and starts each key's window (ARGV,
    seconds) on its first event, on the Redis server behind Django's Redis cache: every limit
    of a submission in one command, over a lean socket (`core.redisscript`) where the URL
    allows, else through the cache's own client. Made once per process. None for other cache
    backends."""
    cache = caches["default"]
    if type(cache).__module__ != "django.core.cache.backends.redis":
        return None
    script = _scripts.get(id(cache))
    if script is None:
        script = Script.for_url(cache._servers[0], _COUNT_SCRIPT)  # type: ignore[attr-defined]
        if script is None:  # TLS or a Unix socket: the cache's own client
            client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
            registered = client.register_script(_COUNT_SCRIPT)

            def script(keys: list[str], args: list[int]) -> Any:
                return registered(keys=keys, args=args)

        script = _scripts.setdefault(id(cache), script)
    return script


def over_many(checks: list[tuple[str, str]]) -> list[bool]:
    """Count one event for each (limit name, key) and tell which limits are exceeded: one
    command to Redis when the cache is Redis. When the cache is unreachable, signatures are
    still accepted (a lost signature is worse than a missed limit)."""
    try:
        script = _count_script()
        if script is None:
            return [hit(name, key) > limit(name)[0] for name, key in checks]
        cache = caches["default"]
        limits = [limit(name) for name, _key in checks]
        keys = [cache.make_key(_cache_key(name, key)) for name, key in checks]
        counts = script(keys, [window for _most, window in limits])
        return [int(n) > most for n, (most, _window) in zip(counts, limits, strict=True)]
    except Exception:  # the cache server is down
        logger.warning("rate limit cache unavailable", exc_info=True)
        return [False] * len(checks)
