"""The writes of a signature submission: the signature and its e-mail as one atomic write, or
the signature already stored in its place; and another e-mail for a repeat.

Rows are written from plain values, without model instances. On PostgreSQL each write is one
prepared statement (one round trip, one commit, parsed and planned once per connection): a
submission costs about what the simplest insert costs. Elsewhere the same writes go through
the ORM in a transaction. Either way unique constraints (the same canonical e-mail for the
statement, the same Idempotency-Key) decide what is a repeat, not application checks; a repeat
then finds the signature in its place with an ordinary query.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import psycopg
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F

from .models import OutboxMessage, Signature


@dataclass(frozen=True)
class Stored:
    """The signature that a submission stands for: the new one, or the one in its place."""

    pk: int
    public_id: uuid.UUID
    created: bool
    idempotency_key: str | None = None
    request_hash: str = ""
    status: str = ""


# Fields whose stored value is the Python value itself (text, flags, numbers, foreign keys,
# and on PostgreSQL UUIDs and aware date-times, which psycopg sends as they are). Exact types
# only: a subclass (a country field, say) may convert its value.
_PLAIN = {
    models.CharField,
    models.EmailField,
    models.BooleanField,
    models.PositiveSmallIntegerField,
    models.IntegerField,
    models.FloatField,
    models.ForeignKey,
    models.UUIDField,
    models.DateTimeField,
}


@cache
def _plan(model: type[models.Model], skip: str = "") -> list[tuple[str, models.Field, bool]]:
    """(attname, field, plain) of each column written, in table order; `skip` is left out."""
    return [
        (field.attname, field, type(field) in _PLAIN)
        for field in model._meta.concrete_fields
        if not isinstance(field, models.AutoField) and field.attname != skip
    ]


@cache
def _defaults(model: type[models.Model], skip: str = "") -> list[tuple[str, Any, Any]]:
    """(attname, default maker, field to convert with or None) of each column written."""
    return [
        (attname, field._get_default, None if plain else field)  # type: ignore[attr-defined]
        for attname, field, plain in _plan(model, skip)
    ]


def _row(model: type[models.Model], values: Mapping[str, Any], *, skip: str = "") -> list[Any]:
    """The values of a new row of `model`: `values` by attribute name, defaults otherwise."""
    row = []
    for attname, default, field in _defaults(model, skip):
        value = values[attname] if attname in values else default()
        row.append(value if field is None else field.get_db_prep_save(value, connection))
    return row


def _names(model: type[models.Model], skip: str = "") -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(str(field.column)) for _attname, field, _plain in _plan(model, skip))


def _marks(model: type[models.Model], skip: str = "") -> str:
    return ", ".join(["%s"] * len(_plan(model, skip)))


_LINK = "signature_id"  # OutboxMessage's column that points to its signature


def _mail_from(source: str) -> str:
    """SQL inserting one e-mail for each signature id that `source` (a CTE) returns."""
    quote = connection.ops.quote_name
    return (
        f"INSERT INTO {quote(OutboxMessage._meta.db_table)} "
        f"({_names(OutboxMessage, _LINK)}, {quote(_LINK)}) "
        f"SELECT {_marks(OutboxMessage, _LINK)}, {source}.id FROM {source}"
    )


@cache
def _insert_sql() -> str:
    # Only the write: the row in the way of a repeat is looked up afterwards by a query planned
    # with its values. A lookup inside this statement would be planned once per connection
    # (a generic plan), from the statistics of a table that may have been nearly empty then,
    # and a plan that reads the statement's signatures one by one stays for good.
    signatures = connection.ops.quote_name(Signature._meta.db_table)
    return (
        f"WITH new AS (INSERT INTO {signatures} ({_names(Signature)}) "
        f"VALUES ({_marks(Signature)}) ON CONFLICT DO NOTHING RETURNING id, public_id), "
        f"mail AS ({_mail_from('new')}) "
        "SELECT id, public_id FROM new"
    )


@cache
def _notice_sql() -> str:
    signatures = connection.ops.quote_name(Signature._meta.db_table)
    return (
        f"WITH bumped AS (UPDATE {signatures} SET notices_sent = notices_sent + 1 "
        "WHERE id = %s AND notices_sent < %s RETURNING id) "
        f"{_mail_from('bumped')} RETURNING id"
    )


PREPARE_THRESHOLD = 5  # psycopg's default; prepare=True prepares on first use anyway


def _cursor(raw: psycopg.Connection) -> psycopg.Cursor:
    """One server-side-binding cursor per connection, kept with Django's connection object:
    a cursor remembers how it converted each parameter type, which a new one would look up
    again for every parameter of every write."""
    cursor = getattr(connection, "_convenor_cursor", None)
    if cursor is None or cursor.connection is not raw or cursor.closed:
        cursor = connection._convenor_cursor = psycopg.Cursor(raw)  # type: ignore[attr-defined]
    return cursor


def _execute(sql: str, params: Sequence[Any]) -> list[tuple]:
    """Run `sql` as a prepared statement on Django's connection: server-side parameters, so
    PostgreSQL parses and plans it once per connection. Errors become Django's database
    errors (and mark the connection for the end-of-request check) as with any query, and the
    query is logged when Django logs queries (DEBUG, tests that count queries)."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    started = time.monotonic()
    with connection.wrap_database_errors:
        raw = connection.connection
        if raw.prepare_threshold is None:
            # Django turns psycopg's prepared statements off for the connection; its own
            # cursors bind on the client and never prepare, so this changes only ours.
            raw.prepare_threshold = PREPARE_THRESHOLD
        cursor = _cursor(raw)
        cursor.execute(sql, params, prepare=True)
        rows = cursor.fetchall()
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
    return rows


def signature_insert(values: Mapping[str, Any], *, message: Mapping[str, Any]) -> Stored | None:
    """Store a signature (`values` by attribute name; defaults for the rest) and its e-mail
    (`message`) together, or neither when a unique constraint already holds this e-mail or
    Idempotency-Key: then the signature in the way is returned, with `created` False (None
    when that one was deleted meanwhile: withdrawn, erased)."""
    values = {**values, "public_id": values.get("public_id") or uuid.uuid4()}
    if connection.vendor != "postgresql":
        return _insert_orm(values, message)
    rows = _execute(
        _insert_sql(), [*_row(Signature, values), *_row(OutboxMessage, message, skip=_LINK)]
    )
    if not rows:
        # A unique constraint turned the insert into nothing: a repeat.
        return _existing(values)
    pk, public_id = rows[0]
    return Stored(pk, public_id, True)


_FOUND = ("pk", "public_id", "idempotency_key", "request_hash", "status")


def _existing(values: Mapping[str, Any]) -> Stored | None:
    """The signature in the way of `values`: the Idempotency-Key's own row first, else the
    one with the same e-mail for the statement; None when it was deleted meanwhile. Each
    lookup names all the columns of a unique index, with no ordering that a plan could
    prefer to follow instead."""
    rows = Signature.objects.order_by()
    key = values.get("idempotency_key")
    found = list(rows.filter(idempotency_key=key).values_list(*_FOUND)[:1]) if key else []
    if not found:
        found = list(
            rows.filter(
                statement_id=values["statement_id"], canonical_email=values["canonical_email"]
            ).values_list(*_FOUND)[:1]
        )
    if not found:
        return None
    pk, public_id, stored_key, request_hash, status = found[0]
    return Stored(pk, public_id, False, stored_key, request_hash, status)


def _insert_orm(values: Mapping[str, Any], message: Mapping[str, Any]) -> Stored | None:
    signature = Signature(**values)
    try:
        with transaction.atomic():
            signature.save(force_insert=True)
            OutboxMessage.objects.create(signature=signature, **message)
    except IntegrityError:
        return _existing(values)
    return Stored(signature.pk, signature.public_id, True)


def notice_again(pk: int, *, message: Mapping[str, Any], most: int) -> bool:
    """Queue another e-mail (`message`) for signature `pk` unless it already caused `most`:
    the count and the e-mail in one atomic write. True when queued."""
    if connection.vendor == "postgresql":
        return bool(_execute(_notice_sql(), [pk, most, *_row(OutboxMessage, message, skip=_LINK)]))
    with transaction.atomic():
        bumped = Signature.objects.filter(pk=pk, notices_sent__lt=most).update(
            notices_sent=F("notices_sent") + 1
        )
        if bumped:
            OutboxMessage.objects.create(signature_id=pk, **message)
    return bool(bumped)
