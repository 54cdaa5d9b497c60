"""Parallel submissions of one e-mail give one signature (database constraints, PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from convenor.campaigns.models import OutboxMessage, Signature

from .conftest import make_statement, sign

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="threads need PostgreSQL (DATABASE_URL)"
    ),
]


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.CAMPAIGNS_RATE_LIMITS = {"email": (100, 600)}


def _race(statement, variants, threads=8):
    barrier = threading.Barrier(threads)
    ids, errors = [], []

    def worker(i):
        try:
            barrier.wait(timeout=10)
            ids.append(sign(statement, ip=f"192.0.2.{i}", **variants(i)).public_id)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=30)
    return ids, errors


def test_parallel_same_email_gives_one_signature(coordinator):
    statement = make_statement(coordinator, "parallel")
    ids, errors = _race(statement, lambda i: {"email": f"Ana+{i}@mfa.example.org"})
    assert errors == []
    assert len(set(ids)) == 1
    assert Signature.objects.count() == 1
    assert OutboxMessage.objects.count() <= 3


def test_parallel_same_idempotency_key_gives_one_signature(coordinator):
    statement = make_statement(coordinator, "parallel-key")
    ids, errors = _race(statement, lambda i: {"idempotency_key": "same-key"})
    assert errors == []
    assert len(set(ids)) == 1
    assert Signature.objects.count() == 1


def test_double_submit_gives_one_signature(coordinator):
    statement = make_statement(coordinator, "double")
    first = sign(statement)
    second = sign(statement)
    assert first.public_id == second.public_id
    assert Signature.objects.count() == 1
