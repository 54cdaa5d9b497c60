"""Seed 001, Annex 3: the 13 nominating processes of the Civil Society Stocktaking and Strategy
Meeting (Puerto Vallarta, 2-3 December 2017) with their final numbers, and realistic,
invented nominations in which several people are put forward by more than one process."""

from __future__ import annotations

from convenor.delegations.engine import Nomination, Person, Quota, SelectionInput, Target

REGIONS = [
    "africa",
    "asia",
    "mena",
    "europe",
    "north-america",
    "latin-america-caribbean",
    "pacific",
]

# (id, mode, names it may put forward (None: unlimited), final number) in the seed's order.
QUOTAS = [
    *[(region, "select", 3, 3) for region in REGIONS],
    ("mexico", "select", 7, 7),
    ("children-on-the-move", "nominate", 6, 3),
    ("gfmd-csd", "nominate", 7, 4),
    ("geneva-human-rights", "nominate", 6, 3),
    ("youth", "nominate", 6, 3),
    ("trade-unions", "select", 3, 3),
    ("women", "nominate", 5, 3),
    ("diaspora", "nominate", 5, 3),
    ("refugee-groups", "nominate", 7, 4),
    ("migrants-and-refugees", "nominate", None, 3),
    ("academics", "select", 3, 3),
]

# People nominated by more than one process: (person, [(quota, priority), ...]).
# The regional focal points double as GFMD chairs; youth delegates came through Children on
# the Move; WIMN and diaspora share names; refugee-led groups appear in two lists.
SHARED = [
    ("asia-1", [("asia", 1), ("gfmd-csd", 1)]),
    ("europe-1", [("europe", 1), ("gfmd-csd", 2)]),
    ("north-america-2", [("north-america", 2), ("gfmd-csd", 3)]),
    ("africa-1", [("africa", 1), ("diaspora", 1)]),
    ("cotm-2", [("children-on-the-move", 2), ("youth", 1)]),
    ("cotm-3", [("children-on-the-move", 3), ("youth", 2)]),
    ("women-1", [("women", 1), ("diaspora", 2), ("migrants-and-refugees", 2)]),
    ("refugees-1", [("refugee-groups", 1), ("migrants-and-refugees", 1)]),
    ("refugees-2", [("refugee-groups", 2), ("geneva-human-rights", 4)]),
    ("geneva-1", [("geneva-human-rights", 1), ("gfmd-csd", 5)]),
]


def annex3_input(*, with_targets: bool = True) -> SelectionInput:
    shared_slots = {(q, prio) for _p, noms in SHARED for q, prio in noms}
    nominations = [
        Nomination(quota=q, person=person, priority=prio)
        for person, noms in SHARED
        for q, prio in noms
    ]
    people_ids = [person for person, _noms in SHARED]
    for quota, _mode, max_names, _seats in QUOTAS:
        count = max_names if max_names is not None else 8
        for prio in range(1, count + 1):
            if (quota, prio) in shared_slots:
                continue
            person = f"{quota}-{prio}"
            people_ids.append(person)
            nominations.append(Nomination(quota=quota, person=person, priority=prio))
    people = tuple(
        Person(
            id=pid,
            gender="f" if i % 2 == 0 else "m",
            region=next((r for r in REGIONS if pid.startswith(r)), "global"),
            youth=pid.startswith(("youth", "cotm")),
            sector="trade-union" if pid.startswith("trade") else "ngo",
            migrant_or_refugee=pid.startswith(("refugees", "migrants", "diaspora")),
        )
        for i, pid in enumerate(sorted(set(people_ids)))
    )
    targets = (
        (
            Target(attribute="gender", value="f", min_share=0.5, weight=2),
            Target(attribute="youth", value=True, min_count=6),
            Target(attribute="migrant_or_refugee", value=True, min_count=8),
        )
        if with_targets
        else ()
    )
    return SelectionInput(
        capacity=60,
        quotas=tuple(
            Quota(id=q, seats=seats, max_names=max_names, mode=mode)  # type: ignore[arg-type]
            for q, mode, max_names, seats in QUOTAS
        ),
        people=people,
        nominations=tuple(nominations),
        targets=targets,
    )
