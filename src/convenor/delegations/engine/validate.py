"""Checks a SelectionInput before any solving, reporting every problem at once."""

from __future__ import annotations

from collections import Counter

from .types import KNOWN_ATTRIBUTES, SelectionInput, SelectionInputError


def validate(data: SelectionInput) -> None:
    """Raise SelectionInputError listing every problem; return None when the input is sound.

    Sound input can still be infeasible (too few names, too many seats): that is the solver's
    answer to give, with a relaxation, not a validation error."""
    problems: list[str] = []
    if isinstance(data.capacity, bool) or not isinstance(data.capacity, int) or data.capacity < 0:
        problems.append(f"capacity must be a whole number >= 0, got {data.capacity!r}")

    for kind, ids in (
        ("quota", [q.id for q in data.quotas]),
        ("person", [p.id for p in data.people]),
    ):
        for ident, n in sorted(Counter(ids).items()):
            if n > 1:
                problems.append(f"duplicate {kind} id {ident!r} ({n} times)")
        for ident in ids:
            if not isinstance(ident, str) or not ident:
                problems.append(f"{kind} id must be a non-empty string, got {ident!r}")

    for q in data.quotas:
        if not _whole(q.seats, minimum=0):
            problems.append(f"quota {q.id!r}: seats must be a whole number >= 0, got {q.seats!r}")
        if q.max_names is not None and not _whole(q.max_names, minimum=0):
            problems.append(
                f"quota {q.id!r}: max_names must be a whole number >= 0 or null, "
                f"got {q.max_names!r}"
            )
        if q.mode not in ("select", "nominate"):
            problems.append(f"quota {q.id!r}: mode must be 'select' or 'nominate', got {q.mode!r}")

    quota_ids = {q.id for q in data.quotas}
    person_ids = {p.id for p in data.people}
    seen_pairs: set[tuple[str, str]] = set()
    seen_priorities: set[tuple[str, int]] = set()
    per_quota: Counter[str] = Counter()
    for i, nom in enumerate(data.nominations, start=1):
        where = f"nomination {i} ({nom.quota!r}, {nom.person!r})"
        if nom.quota not in quota_ids:
            problems.append(f"{where}: unknown quota {nom.quota!r}")
        if nom.person not in person_ids:
            problems.append(f"{where}: unknown person {nom.person!r}")
        if not _whole(nom.priority, minimum=1):
            problems.append(f"{where}: priority must be a whole number >= 1, got {nom.priority!r}")
        elif (nom.quota, nom.priority) in seen_priorities:
            problems.append(
                f"{where}: priority {nom.priority} is already used in quota {nom.quota!r}"
            )
        else:
            seen_priorities.add((nom.quota, nom.priority))
        if (nom.quota, nom.person) in seen_pairs:
            problems.append(f"{where}: the same person is nominated twice by quota {nom.quota!r}")
        seen_pairs.add((nom.quota, nom.person))
        per_quota[nom.quota] += 1
    for q in data.quotas:
        if _whole(q.max_names, minimum=0) and per_quota[q.id] > q.max_names:  # type: ignore[operator]
            problems.append(
                f"quota {q.id!r}: {per_quota[q.id]} nominations but at most {q.max_names} names "
                "may be put forward"
            )

    extra_names = {name for p in data.people for name in p.extra}
    for t in data.targets:
        where = f"target {t.attribute}={t.value!r}"
        if t.attribute not in KNOWN_ATTRIBUTES and t.attribute not in extra_names:
            problems.append(f"{where}: no person has the attribute {t.attribute!r}")
        if (t.min_share is None) == (t.min_count is None):
            problems.append(f"{where}: give exactly one of min_share and min_count")
        if t.min_share is not None and (
            isinstance(t.min_share, bool)
            or not isinstance(t.min_share, int | float)
            or not 0 <= t.min_share <= 1
        ):
            problems.append(f"{where}: min_share must be between 0 and 1, got {t.min_share!r}")
        if t.min_count is not None and not _whole(t.min_count, minimum=0):
            problems.append(f"{where}: min_count must be a whole number >= 0, got {t.min_count!r}")
        if isinstance(t.weight, bool) or not isinstance(t.weight, int | float) or t.weight < 0:
            problems.append(f"{where}: weight must be a number >= 0, got {t.weight!r}")

    for s in data.fixed:
        if (s.quota, s.person) not in seen_pairs:
            problems.append(
                f"confirmed seat ({s.quota!r}, {s.person!r}): the person is not nominated by "
                "that quota"
            )
    fixed_per_quota = Counter(s.quota for s in data.fixed)
    for q in data.quotas:
        if _whole(q.seats, minimum=0) and fixed_per_quota[q.id] > q.seats:
            problems.append(
                f"quota {q.id!r}: {fixed_per_quota[q.id]} confirmed seats but only {q.seats} seats"
            )
    unavailable = {p.id for p in data.people if not p.available}
    for s in data.fixed:
        if s.person in unavailable:
            problems.append(f"confirmed seat for {s.person!r}, who is marked not available")
    for ident, n in sorted(Counter(s.person for s in data.fixed).items()):
        if n > 1:
            problems.append(f"person {ident!r} holds {n} confirmed seats")
    if problems:
        raise SelectionInputError(problems)


def _whole(value: object, *, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum
