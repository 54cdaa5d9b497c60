"""The JSON format of `convenor solve-selection` (docs/selection-format.md): parse and print."""

from __future__ import annotations

from typing import Any

from .types import (
    KNOWN_ATTRIBUTES,
    AttributeValue,
    Nomination,
    Person,
    Quota,
    Seat,
    SelectionInput,
    SelectionInputError,
    SelectionResult,
    Target,
)

_PERSON_FIELDS = {"id", "available", *KNOWN_ATTRIBUTES}


def input_from_json(obj: Any) -> SelectionInput:
    """Build a SelectionInput from parsed JSON, or raise SelectionInputError listing every
    structural problem (missing keys, wrong types). Semantic checks come in `validate`."""
    problems: list[str] = []
    if not isinstance(obj, dict):
        raise SelectionInputError(["the input must be a JSON object"])
    for key in ("capacity", "quotas", "people", "nominations"):
        if key not in obj:
            problems.append(f"missing key {key!r}")
    unknown = set(obj) - {"capacity", "quotas", "people", "nominations", "targets", "confirmed"}
    if unknown:
        problems.append(f"unknown keys: {', '.join(sorted(unknown))}")

    quotas = [
        Quota(
            id=_get(q, "id", str, problems, where),
            seats=_get(q, "seats", int, problems, where),
            max_names=_get(q, "max_names", int, problems, where, optional=True),
            mode=_get(q, "mode", str, problems, where, default="select"),
        )
        for where, q in _items(obj, "quotas", problems)
    ]
    people = []
    for where, p in _items(obj, "people", problems):
        extra: dict[str, AttributeValue] = {}
        for key, value in p.items():
            if key in _PERSON_FIELDS:
                continue
            if value is not None and not isinstance(value, str | bool | int):
                problems.append(f"{where}: {key!r} must be a string, number, boolean or null")
            else:
                extra[key] = value
        people.append(
            Person(
                id=_get(p, "id", str, problems, where),
                gender=_get(p, "gender", str, problems, where, optional=True),
                region=_get(p, "region", str, problems, where, optional=True),
                youth=_get(p, "youth", bool, problems, where, default=False),
                sector=_get(p, "sector", str, problems, where, optional=True),
                migrant_or_refugee=_get(
                    p, "migrant_or_refugee", bool, problems, where, default=False
                ),
                available=_get(p, "available", bool, problems, where, default=True),
                extra=extra,
            )
        )
    nominations = [
        Nomination(
            quota=_get(n, "quota", str, problems, where),
            person=_get(n, "person", str, problems, where),
            priority=_get(n, "priority", int, problems, where),
        )
        for where, n in _items(obj, "nominations", problems)
    ]
    targets = []
    for where, t in _items(obj, "targets", problems, optional=True):
        value = t.get("value")
        if "value" not in t:
            problems.append(f"{where}: missing key 'value'")
        elif value is not None and not isinstance(value, str | bool | int):
            problems.append(f"{where}: 'value' must be a string, number or boolean")
        share = t.get("min_share")
        if share is not None and (isinstance(share, bool) or not isinstance(share, int | float)):
            problems.append(f"{where}: 'min_share' must be a number")
            share = None
        weight = t.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            problems.append(f"{where}: 'weight' must be a number")
            weight = 1.0
        targets.append(
            Target(
                attribute=_get(t, "attribute", str, problems, where),
                value=value,
                min_share=None if share is None else float(share),
                min_count=_get(t, "min_count", int, problems, where, optional=True),
                weight=float(weight),
                hard=_get(t, "hard", bool, problems, where, default=False),
            )
        )
    confirmed = [
        Seat(
            person=_get(s, "person", str, problems, where),
            quota=_get(s, "quota", str, problems, where),
        )
        for where, s in _items(obj, "confirmed", problems, optional=True)
    ]
    capacity = obj.get("capacity", 0)
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        problems.append("'capacity' must be a whole number")
        capacity = 0
    if problems:
        raise SelectionInputError(problems)
    return SelectionInput(
        capacity=capacity,
        quotas=tuple(quotas),
        people=tuple(people),
        nominations=tuple(nominations),
        targets=tuple(targets),
        fixed=tuple(confirmed),
    )


def input_to_json(data: SelectionInput) -> dict[str, Any]:
    """The inverse of input_from_json (used to record a run with its input)."""

    def person(p: Person) -> dict[str, Any]:
        out: dict[str, Any] = {"id": p.id}
        for name in KNOWN_ATTRIBUTES:
            out[name] = getattr(p, name)
        if not p.available:
            out["available"] = False
        out.update(p.extra)
        return out

    def target(t: Target) -> dict[str, Any]:
        out: dict[str, Any] = {"attribute": t.attribute, "value": t.value, "weight": t.weight}
        if t.min_share is not None:
            out["min_share"] = t.min_share
        if t.min_count is not None:
            out["min_count"] = t.min_count
        if t.hard:
            out["hard"] = True
        return out

    obj: dict[str, Any] = {
        "capacity": data.capacity,
        "quotas": [
            {"id": q.id, "seats": q.seats, "max_names": q.max_names, "mode": q.mode}
            for q in data.quotas
        ],
        "people": [person(p) for p in data.people],
        "nominations": [
            {"quota": n.quota, "person": n.person, "priority": n.priority} for n in data.nominations
        ],
        "targets": [target(t) for t in data.targets],
    }
    if data.fixed:
        obj["confirmed"] = [{"person": s.person, "quota": s.quota} for s in data.fixed]
    return obj


def result_to_json(result: SelectionResult) -> dict[str, Any]:
    """The command's output: exactly status, selected, shortfalls and explanation. Each
    explanation entry has a `kind`: person, binding, priority_exception, conflict, relaxation."""
    explanation: list[dict[str, Any]] = []
    for c in result.conflicts:
        explanation.append(
            {"kind": "conflict", "constraints": list(c.constraints), "message": c.message}
        )
    for r in result.relaxations:
        entry: dict[str, Any] = {"kind": "relaxation", "action": r.action, "message": r.message}
        for key in ("quota", "by", "capacity", "target", "min_count"):
            if getattr(r, key) is not None:
                entry[key] = getattr(r, key)
        explanation.append(entry)
    for line in result.binding:
        explanation.append({"kind": "binding", "message": line})
    for line in result.priority_exceptions:
        explanation.append({"kind": "priority_exception", "message": line})
    for p in result.people:
        explanation.append(
            {
                "kind": "person",
                "person": p.person,
                "selected": p.selected,
                "quota": p.quota,
                "priority": p.priority,
                "reason": p.reason,
                "binding": list(p.binding),
            }
        )
    return {
        "status": result.status,
        "selected": [{"person": s.person, "quota": s.quota} for s in result.selected],
        "shortfalls": [
            {
                "target": s.target,
                "attribute": s.attribute,
                "value": s.value,
                "required": s.required,
                "achieved": s.achieved,
                "shortfall": s.shortfall,
                "weight": s.weight,
                "hard": s.hard,
            }
            for s in result.shortfalls
        ],
        "explanation": explanation,
    }


def _items(
    obj: dict[str, Any], key: str, problems: list[str], *, optional: bool = False
) -> list[tuple[str, dict[str, Any]]]:
    value = obj.get(key, [] if optional else None)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{key!r} must be a list")
        return []
    out = []
    for i, item in enumerate(value, start=1):
        where = f"{key}[{i}]"
        if isinstance(item, dict):
            out.append((where, item))
        else:
            problems.append(f"{where} must be an object")
    return out


def _get(
    item: dict[str, Any],
    key: str,
    kind: type,
    problems: list[str],
    where: str,
    *,
    optional: bool = False,
    default: Any = None,
) -> Any:
    """item[key] checked against `kind` (bool is not an int here); records a problem and
    returns a harmless placeholder when missing or mistyped."""
    if key not in item or item[key] is None:
        if default is not None or optional:
            return default
        problems.append(f"{where}: missing key {key!r}")
        return kind()
    value = item[key]
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        problems.append(f"{where}: {key!r} must be {_kind_name(kind)}, got {value!r}")
        return default if default is not None else kind()
    return value


def _kind_name(kind: type) -> str:
    names: dict[type, str] = {str: "a string", int: "a whole number", bool: "true or false"}
    return names.get(kind, kind.__name__)
