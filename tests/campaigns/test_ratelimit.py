"""Rate limits in the shared cache: the local cache in tests, Redis when it answers."""

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from convenor.campaigns import ratelimit


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    if request.param == "redis":
        if not redis_answers():
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/15",
                "KEY_PREFIX": "convenor-tests",
            }
        }
    settings.CAMPAIGNS_RATE_LIMITS = {"email": (2, 60), "ip": (3, 60)}
    caches["default"].clear()
    yield request.param
    caches["default"].clear()


def test_limits_count_each_key_apart_and_flag_beyond_the_limit(cache_backend):
    checks = [("email", "a@x.example"), ("ip", "h1")]
    assert ratelimit.over_many(checks) == [False, False]
    assert ratelimit.over_many(checks) == [False, False]
    assert ratelimit.over_many(checks) == [True, False]
    assert ratelimit.over_many(checks) == [True, True]
    assert ratelimit.over_many([("email", "b@x.example"), ("ip", "h2")]) == [False, False]


def test_redis_counters_get_their_window(cache_backend):
    if cache_backend != "redis":
        pytest.skip("Redis only")
    ratelimit.over_many([("email", "w@x.example")])
    cache = caches["default"]
    key = cache.make_and_validate_key(ratelimit._cache_key("email", "w@x.example"))
    ttl = cache._cache.get_client(write=True).ttl(key)
    assert 0 < ttl <= 60


def test_an_unreachable_cache_lets_signatures_through():
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        assert ratelimit.over_many([("email", "a@x.example"), ("ip", "h")]) == [False, False]


def test_ip_addresses_are_kept_only_as_keyed_hashes(settings):
    hashed = ratelimit.hash_ip("203.0.113.5")
    assert "203" not in hashed and len(hashed) == 32
    settings.SECRET_KEY = "another-secret-key-" * 3
    assert ratelimit.hash_ip("203.0.113.5") != hashed
    assert ratelimit.hash_ip("") == ""
