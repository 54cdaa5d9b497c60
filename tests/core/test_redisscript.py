"""The lean Lua-script client against the Redis server on loopback."""

import uuid

import pytest

from convenor.core.redisscript import ReplyError, Script
from tests.campaigns.test_ratelimit import redis_answers

SOURCE = "return {redis.call('INCR', KEYS[1]), tonumber(ARGV[1]) * 2}"


needs_redis = pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")


def test_urls_other_than_plain_tcp_use_the_general_client():
    assert Script.for_url("rediss://example.org:6380/0", SOURCE) is None
    assert Script.for_url("unix:///run/redis.sock", SOURCE) is None
    script = Script.for_url("redis://user:p%40ss@cache.example:6380/3", SOURCE)
    assert script is not None
    assert (script.address, script.db, script.username, script.password) == (
        ("cache.example", 6380),
        3,
        "user",
        "p@ss",
    )


@needs_redis
def test_the_script_is_loaded_once_then_run_by_its_hash():
    # A source the server has never seen: the first call meets NOSCRIPT and sends it.
    script = Script.for_url("redis://127.0.0.1:6379/2", SOURCE + f" -- {uuid.uuid4()}")
    key = f"convenor-test:{uuid.uuid4()}"
    assert script([key], [21]) == [1, 42]
    assert script([key], [1]) == [2, 2]
    script.close()
    assert script([key], [0]) == [3, 0]  # a new connection after close


@needs_redis
def test_an_error_in_the_script_is_raised_and_the_connection_stays_usable():
    script = Script.for_url("redis://127.0.0.1:6379/2", "return redis.call('NOPE')")
    with pytest.raises(ReplyError):
        script([], [])
    ok = Script.for_url("redis://127.0.0.1:6379/2", "return 7")
    assert ok([], []) == 7


def test_an_unreachable_server_raises_a_connection_error():
    script = Script.for_url("redis://127.0.0.1:1/0", SOURCE)
    with pytest.raises(OSError):
        script(["k"], [1])
