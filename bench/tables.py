"""Small-table assignment at scale: 200 participants, 20 tables, 2 rounds, within 10 s.

A reproducible meeting (fixed seed) shaped like Annex 1 of seed 001, scaled up: 160 civil
society participants who each attended one of four day-1 parallel sessions (Acts 2, 3, 5, 9),
40 governments, 20 tables (three per day-1 theme, eight on other Acts), a facilitator for each
themed table, 8-12 people and 1-3 governments per table. Prints the CP-SAT plan's objective,
best bound and gap against the greedy baseline, term by term, with times.
"""

from __future__ import annotations

import random
import sys
import time

from convenor.meetings.engine import (
    Participant,
    Table,
    TableInput,
    assign_tables,
    greedy_tables,
    hard_violations,
    terms,
)

LIMIT_SECONDS = 10.0
DAY1 = ["act-2", "act-3", "act-5", "act-9"]
OTHER = ["act-1", "act-4", "act-6", "act-7", "act-8", "act-10", "regional-africa", "regional-asia"]


def instance(seed: int = 2017) -> TableInput:
    rng = random.Random(seed)
    regions = ["africa", "asia", "mena", "europe", "north-america", "latin-america", "pacific"]
    sectors = ["ngo", "union", "diaspora", "academic", "faith", "youth", "women"]
    tables = tuple(
        Table(id=f"t{i:02d}", theme=theme, min_size=8, max_size=12, min_gov=1, max_gov=3)
        for i, theme in enumerate([t for t in DAY1 for _ in range(3)] + OTHER)
    )
    people = []
    for i in range(160):
        theme = DAY1[i % 4]
        people.append(
            Participant(
                id=f"cs{i:03d}",
                region=rng.choice(regions),
                sector=rng.choice(sectors),
                theme=theme,
                facilitator_of=theme if i < 12 else None,
            )
        )
    for i in range(40):
        people.append(
            Participant(
                id=f"gov{i:02d}",
                kind="government",
                region=rng.choice(regions),
                sector="government",
                theme=rng.choice(DAY1 + OTHER),
            )
        )
    return TableInput(participants=tuple(people), tables=tables, rounds=2, max_overlap=3)


def main() -> int:
    data = instance()
    print(
        f"tables: {len(data.participants)} participants, {len(data.tables)} tables, "
        f"{data.rounds} rounds"
    )
    started = time.perf_counter()
    greedy = greedy_tables(data)
    greedy_time = time.perf_counter() - started
    greedy_terms = terms(data, greedy)
    greedy_total = sum(t.cost for t in greedy_terms)
    broken = hard_violations(data, greedy)
    print(
        f"  greedy baseline : {greedy_time * 1000:7.1f} ms  objective {greedy_total}"
        f"  hard constraints broken: {len(broken)}"
    )

    started = time.perf_counter()
    result = assign_tables(data, time_limit=LIMIT_SECONDS - 1.5)
    elapsed = time.perf_counter() - started
    print(
        f"  CP-SAT ({result.status}): {elapsed * 1000:7.1f} ms  objective {result.objective}  "
        f"best bound {result.best_bound}  gap {100 * (result.gap or 0):.1f}%  "
        f"hard constraints broken: {len(hard_violations(data, result.plan))}"
    )
    by_name = {t.name: t for t in greedy_terms}
    for t in result.terms:
        print(
            f"    {t.name:<13} solver {t.cost:6d}   greedy {by_name[t.name].cost:6d}"
            f"   ({t.message})"
        )
    ok = result.status != "infeasible" and elapsed < LIMIT_SECONDS
    print(f"  {'OK' if ok else 'FAIL'}: {elapsed:.2f} s (limit {LIMIT_SECONDS:g} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
