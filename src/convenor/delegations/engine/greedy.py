"""The baseline the solver is measured against: what a coordinator would do by hand."""

from __future__ import annotations

from .types import SelectionInput


def greedy_selection(data: SelectionInput) -> dict[str, str]:
    """Take the quotas in the order given; each seats its highest-priority available names not
    already seated, until its seats or the capacity run out. Returns person -> quota. It never
    breaks the priority order but may leave a quota short (its names taken by earlier ones)
    and ignores the balance targets."""
    available = {p.id for p in data.people if p.available}
    seated: dict[str, str] = {s.person: s.quota for s in data.fixed}
    for q in data.quotas:
        taken = sum(1 for quota in seated.values() if quota == q.id)
        for n in sorted((n for n in data.nominations if n.quota == q.id), key=lambda n: n.priority):
            if taken >= q.seats or len(seated) >= data.capacity:
                break
            if n.person in available and n.person not in seated:
                seated[n.person] = q.id
                taken += 1
    return seated
