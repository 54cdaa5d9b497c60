"""Selection solver on a large round: 100 nominating processes, 2,000 nominations.

Builds a reproducible instance (fixed seed): 100 quotas of 3 or 4 seats, 20 names each in
priority order, drawn from 1,500 people so that about a quarter of the names are nominated by
more than one process; four balance targets. Solves it with CP-SAT (must prove optimality
in under 2 s) and with the greedy baseline (quotas in order, names in priority order), and
prints both scores and times.
"""

from __future__ import annotations

import random
import sys
import time

from convenor.delegations.engine import (
    Nomination,
    Person,
    Quota,
    SelectionInput,
    Target,
    greedy_selection,
    solve_selection,
)
from convenor.delegations.engine.evaluate import Score, score

LIMIT_SECONDS = 2.0


def instance(seed: int = 2017) -> SelectionInput:
    rng = random.Random(seed)
    regions = ["africa", "asia", "mena", "europe", "north-america", "latin-america", "pacific"]
    people = tuple(
        Person(
            id=f"p{i:04d}",
            gender=rng.choice(["f", "m", "f", "m", "x"]),
            region=rng.choice(regions),
            youth=rng.random() < 0.15,
            sector=rng.choice(["ngo", "union", "diaspora", "academic", "faith"]),
            migrant_or_refugee=rng.random() < 0.2,
        )
        for i in range(1500)
    )
    quotas, nominations = [], []
    for q in range(100):
        names = rng.sample(range(len(people)), 20)
        quotas.append(Quota(id=f"process-{q:03d}", seats=rng.choice([3, 3, 4]), max_names=20))
        nominations += [
            Nomination(quota=f"process-{q:03d}", person=people[i].id, priority=prio)
            for prio, i in enumerate(names, start=1)
        ]
    return SelectionInput(
        capacity=sum(q.seats for q in quotas),
        quotas=tuple(quotas),
        people=people,
        nominations=tuple(nominations),
        targets=(
            Target("gender", "f", min_share=0.5, weight=2),
            Target("youth", True, min_share=0.2),
            Target("migrant_or_refugee", True, min_share=0.25),
            Target("region", "pacific", min_count=40),
        ),
    )


def describe(s: Score) -> str:
    return (
        f"missing seats {s.missing_seats}, priority breaks {s.priority_violations}, "
        f"weighted shortfall {s.weighted_shortfall}, rank sum {s.rank_sum}"
    )


def main() -> int:
    data = instance()
    shared = len(data.nominations) - len({n.person for n in data.nominations})
    print(
        f"selection: {len(data.quotas)} processes, {len(data.nominations)} nominations "
        f"({shared} duplicates), {data.capacity} seats, {len(data.targets)} targets"
    )

    started = time.perf_counter()
    greedy = greedy_selection(data)
    greedy_time = time.perf_counter() - started
    print(f"  greedy baseline : {greedy_time * 1000:7.1f} ms  {describe(score(data, greedy))}")

    started = time.perf_counter()
    result = solve_selection(data, time_limit=30)
    solver_time = time.perf_counter() - started
    solved = {s.person: s.quota for s in result.selected}
    print(
        f"  CP-SAT ({result.status}): {solver_time * 1000:7.1f} ms  {describe(score(data, solved))}"
    )
    ok = result.status == "optimal" and solver_time < LIMIT_SECONDS
    print(
        f"  {'OK' if ok else 'FAIL'}: proven optimal in {solver_time:.2f} s "
        f"(limit {LIMIT_SECONDS:g} s), {solver_time / max(greedy_time, 1e-9):.0f}x greedy's time"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
