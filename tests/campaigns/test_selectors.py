"""Selectors of the campaigns app that keep values in the process."""

from __future__ import annotations

import time

from convenor.campaigns import selectors


def test_the_signing_statement_is_read_once_per_period(statement, django_assert_num_queries):
    selectors.statement_for_signing(statement.slug)
    with django_assert_num_queries(0):
        again = selectors.statement_for_signing(statement.slug)
    assert again.pk == statement.pk and again.current_version_id is not None


def test_an_expired_signing_statement_is_read_again_by_one_thread_only(
    statement, monkeypatch, django_assert_num_queries
):
    first = selectors.statement_for_signing(statement.slug)
    later = time.monotonic() + selectors.SIGNING_CACHE_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    # Another thread is reading it again: this one goes on with the copy, no query.
    assert selectors._SIGNING_REFRESHES.claim(statement.slug)
    with django_assert_num_queries(0):
        assert selectors.statement_for_signing(statement.slug) is first
    selectors._SIGNING_REFRESHES.release(statement.slug)
    # Nobody is: this one reads it again.
    with django_assert_num_queries(2):
        fresh = selectors.statement_for_signing(statement.slug)
    assert fresh is not first and fresh.pk == first.pk


def test_a_signing_statement_too_old_is_read_again_whoever_is_reading(
    statement, monkeypatch, django_assert_num_queries
):
    first = selectors.statement_for_signing(statement.slug)
    later = time.monotonic() + selectors.SIGNING_CACHE_SECONDS + selectors.SIGNING_STALE_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert selectors._SIGNING_REFRESHES.claim(statement.slug)
    try:
        with django_assert_num_queries(2):
            assert selectors.statement_for_signing(statement.slug) is not first
    finally:
        selectors._SIGNING_REFRESHES.release(statement.slug)
