"""Counts of signatures kept in step with each change, in the caller's transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Review, Signature, SignatureStatus, StatementCounter


def summary_cache_key(statement_id: int) -> str:
    return f"campaigns:summary:{statement_id}"


def counter_keys(signature: Signature) -> list[str]:
    """The counters one signature adds to while it is counted."""
    keys = ["total"]
    if signature.public_display:
        kind = signature.organisation_kind or signature.signer_kind
        keys += ["public", f"region:{signature.region}", f"kind:{kind}"]
        keys.append(f"country:{signature.country}")
    return keys


def _bump(statement_id: int, key: str, delta: int) -> None:
    rows = StatementCounter.objects.filter(statement_id=statement_id, key=key)
    if rows.update(value=F("value") + delta):
        return
    try:
        with transaction.atomic():
            StatementCounter.objects.create(statement_id=statement_id, key=key, value=delta)
    except IntegrityError:  # created meanwhile by a parallel transaction
        rows.update(value=F("value") + delta)


def counters_apply(signature: Signature, *, was_counted: bool) -> None:
    """Adjust the counters after `signature` changed; `was_counted` is its state before."""
    now_counted = signature.is_counted
    if was_counted == now_counted:
        return
    delta = 1 if now_counted else -1
    for key in counter_keys(signature):
        _bump(signature.statement_id, key, delta)
    _invalidate_on_commit(signature.statement_id)


def counters_rebuild(statement_id: int) -> None:
    """Recount one statement from its signatures (after bulk changes; never on page views)."""
    totals: Counter[str] = Counter()
    counted = Signature.objects.filter(
        statement_id=statement_id, status=SignatureStatus.CONFIRMED, review=Review.APPROVED
    ).only(
        "public_display", "organisation_kind", "signer_kind", "region", "country", "statement_id"
    )
    for signature in counted.iterator():
        totals.update(counter_keys(signature))
    StatementCounter.objects.filter(statement_id=statement_id).delete()
    StatementCounter.objects.bulk_create(
        StatementCounter(statement_id=statement_id, key=k, value=v) for k, v in totals.items()
    )
    _invalidate_on_commit(statement_id)


def _invalidate_on_commit(statement_id: int) -> None:
    # Now, and again after commit: a reader may have cached the old value in between.
    cache.delete(summary_cache_key(statement_id))
    transaction.on_commit(lambda: cache.delete(summary_cache_key(statement_id)))


def counters_read(statement_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """{statement id: {key: value}} in one query."""
    result: dict[int, dict[str, int]] = {}
    for row in StatementCounter.objects.filter(statement_id__in=list(statement_ids)).values_list(
        "statement_id", "key", "value"
    ):
        result.setdefault(row[0], {})[row[1]] = row[2]
    return result
