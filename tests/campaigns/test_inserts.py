"""One atomic write per signature: the signature and its e-mail together, or the one in its
place; and a repeat's notice, at most a few times."""

import pytest

from convenor.campaigns.inserts import notice_again, signature_insert
from convenor.campaigns.models import MessageKind, OutboxMessage, Signature
from convenor.campaigns.services import current_version

pytestmark = pytest.mark.django_db


def values(statement, *, email="a@one.example", key=None):
    return {
        "statement_id": statement.pk,
        "version_id": current_version(statement).pk,
        "organisation_name": "One",
        "contact_name": "Ana",
        "email": email,
        "canonical_email": email,
        "email_domain": email.rpartition("@")[2],
        "country": "PH",
        "organisation_kind": "ngo",
        "idempotency_key": key,
        "request_hash": f"hash-{email}-{key}",
        "notices_sent": 1,
    }


def test_a_new_signature_is_stored_with_its_confirmation_email(statement):
    stored = signature_insert(values(statement), message={"kind": MessageKind.CONFIRM})
    assert stored is not None and stored.created
    row = Signature.objects.get(pk=stored.pk)
    assert row.country.code == "PH" and row.public_id == stored.public_id
    assert (
        row.status == "pending_confirmation"
        and row.review == "approved"
        and row.created_at is not None
    )
    assert list(OutboxMessage.objects.values_list("signature_id", "kind")) == [
        (stored.pk, MessageKind.CONFIRM)
    ]


@pytest.mark.parametrize(
    "second",
    [
        {"email": "a@one.example", "key": "k2"},  # the same e-mail for this statement
        {"email": "b@two.example", "key": "k1"},  # the same Idempotency-Key
    ],
)
def test_a_repeat_stores_nothing_and_returns_the_signature_in_its_place(statement, second):
    first = signature_insert(values(statement, key="k1"), message={"kind": MessageKind.CONFIRM})
    repeat = signature_insert(values(statement, **second), message={"kind": "confirm"})
    assert repeat is not None and not repeat.created
    assert (repeat.pk, repeat.public_id) == (first.pk, first.public_id)
    assert repeat.idempotency_key == "k1" and repeat.request_hash == "hash-a@one.example-k1"
    assert Signature.objects.count() == 1 and OutboxMessage.objects.count() == 1


def test_the_key_own_row_comes_first_when_key_and_email_point_to_two(statement):
    signature_insert(values(statement, key="k1"), message={"kind": "confirm"})
    other = signature_insert(values(statement, email="b@two.example"), message={"kind": "confirm"})
    repeat = signature_insert(values(statement, email="b@two.example", key="k1"), message={})
    assert repeat is not None and repeat.idempotency_key == "k1" and repeat.pk != other.pk


def test_a_notice_again_is_queued_a_few_times_at_most(statement):
    stored = signature_insert(values(statement), message={"kind": MessageKind.CONFIRM})
    results = [
        notice_again(stored.pk, message={"kind": MessageKind.CONFIRM}, most=3) for _ in range(4)
    ]
    assert results == [True, True, False, False]
    assert Signature.objects.get(pk=stored.pk).notices_sent == 3
    assert OutboxMessage.objects.filter(signature_id=stored.pk).count() == 3


def test_the_prepared_write_is_logged_where_queries_are_counted(
    statement, django_assert_num_queries
):
    row = values(statement)
    with django_assert_num_queries(1) if _postgres() else _any():
        signature_insert(row, message={"kind": MessageKind.CONFIRM})


def _postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


class _any:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


postgres_only = pytest.mark.skipif("not _postgres()", reason="prepared statements: PostgreSQL")


@postgres_only
def test_the_write_is_prepared_once_per_connection(statement):
    from django.db import connection

    for n in range(3):
        signature_insert(
            values(statement, email=f"p{n}@one.example", key=f"p{n}"), message={"kind": "confirm"}
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%INSERT INTO "campaigns_signature"%'],
        )
        assert cursor.fetchone()[0] == 1


@postgres_only
def test_a_repeat_finds_its_row_with_queries_planned_for_their_values(
    statement, django_assert_num_queries
):
    """A lookup prepared once per connection was planned while the table was nearly empty and
    then read the statement's signatures one by one for every repeat. The lookup is an
    ordinary query, planned with its values, on all the columns of a unique index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(1500):
        signature_insert(
            values(statement, email=f"g{n}@one.example", key=f"g{n}"), message={"kind": "confirm"}
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE campaigns_signature")
    same_key = values(statement, email="new@one.example", key="g7")
    same_email = values(statement, email="g8@one.example", key="zz")
    with CaptureQueriesContext(connection) as captured:
        by_key = signature_insert(same_key, message={})
        by_email = signature_insert(same_email, message={})
    assert by_key is not None and by_key.idempotency_key == "g7"
    assert by_email is not None and by_email.idempotency_key == "g8"
    lookups = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert len(lookups) == 3  # the key's row; for the second, the key finds nothing, the e-mail
    with connection.cursor() as cursor:
        for sql in lookups:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Seq Scan" not in plan and "Filter" not in plan, plan
            assert "_unique" in plan, plan


@postgres_only
def test_a_new_signature_writes_few_indexes():
    """Every index costs every submission: the unique ones, the counts' one, and partial
    indexes that a new signature (no links yet) does not enter."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'campaigns_signature' "
            "AND indexdef NOT LIKE '%% WHERE %%' ORDER BY indexname"
        )
        written = [row[0] for row in cursor.fetchall()]
    assert len(written) == 5, written
