"""Storing a new signature and its confirmation e-mail as one atomic write.

On PostgreSQL this is a single statement (the signature and its outbox row in one CTE, which
PostgreSQL runs atomically in autocommit): one round trip and one commit per signature, the
cost of the simplest insert. Elsewhere it is the same pair of ORM inserts in a transaction.
Either way a unique constraint (same canonical e-mail for the statement, same Idempotency-Key)
turns the write into nothing, and the caller answers with the signature already stored.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import IntegrityError, connection, models, transaction

from .models import OutboxMessage, Signature


@cache
def _columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]


# Fields whose stored value is the attribute itself (text, flags, numbers, foreign keys):
# the per-field conversion is skipped for them, which halves the cost of building a row.
# Exact types only: a subclass (a country field, say) may convert its value.
_PLAIN = {
    models.CharField,
    models.EmailField,
    models.BooleanField,
    models.PositiveSmallIntegerField,
    models.IntegerField,
    models.FloatField,
}


@cache
def _plan(model: type[models.Model]) -> list[tuple[str, models.Field | None]]:
    plan: list[tuple[str, models.Field | None]] = []
    for field in _columns(model):
        plain = type(field) in _PLAIN or type(field) is models.ForeignKey
        plan.append((field.attname, None if plain else field))
    return plan


def _values(instance: models.Model) -> list[Any]:
    return [
        getattr(instance, attname)
        if field is None
        else field.get_db_prep_save(field.pre_save(instance, True), connection)
        for attname, field in _plan(type(instance))
    ]


@cache
def _statement_sql() -> str:
    quote = connection.ops.quote_name
    signature_table = quote(Signature._meta.db_table)
    outbox_table = quote(OutboxMessage._meta.db_table)
    signature_cols = [str(f.column) for f in _columns(Signature)]
    outbox_cols = [str(f.column) for f in _columns(OutboxMessage)]
    link = OutboxMessage._meta.get_field("signature").column
    outbox_select = ", ".join("new.id" if col == link else "%s" for col in outbox_cols)
    return (
        f"WITH new AS (INSERT INTO {signature_table} "
        f"({', '.join(quote(c) for c in signature_cols)}) "
        f"VALUES ({', '.join(['%s'] * len(signature_cols))}) "
        "ON CONFLICT DO NOTHING RETURNING id), "
        f"mail AS (INSERT INTO {outbox_table} ({', '.join(quote(c) for c in outbox_cols)}) "
        f"SELECT {outbox_select} FROM new) "
        "SELECT id FROM new"
    )


def signature_insert(signature: Signature, *, message: OutboxMessage) -> bool:
    """Store `signature` and `message` (its e-mail, whose signature is set here) together, or
    neither. False when a unique constraint already holds this e-mail or key; True otherwise,
    with `signature.pk` set."""
    if connection.vendor != "postgresql":
        return _insert_orm(signature, message)
    link = OutboxMessage._meta.get_field("signature").column
    message_values = [
        value
        for field, value in zip(_columns(OutboxMessage), _values(message), strict=True)
        if field.column != link
    ]
    with connection.cursor() as cursor:
        cursor.execute(_statement_sql(), [*_values(signature), *message_values])
        row = cursor.fetchone()
    if row is None:
        return False
    signature.pk = row[0]
    signature._state.adding = False
    signature._state.db = connection.alias
    return True


def _insert_orm(signature: Signature, message: OutboxMessage) -> bool:
    try:
        with transaction.atomic():
            signature.save(force_insert=True)
            message.signature = signature
            message.save(force_insert=True)
    except IntegrityError:
        return False
    return True
