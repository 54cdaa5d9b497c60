"""`convenor solve-selection` through call_command: JSON in, JSON out, exit 2 on bad input."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

VALID = {
    "capacity": 4,
    "quotas": [{"id": "asia", "seats": 2, "max_names": 3}, {"id": "youth", "seats": 1}],
    "people": [
        {"id": "p1", "gender": "f", "region": "asia", "youth": False, "sector": "ngo"},
        {"id": "p2", "gender": "m", "region": "asia", "youth": True, "sector": "ngo"},
        {"id": "p3", "gender": "f", "region": "asia", "youth": True, "sector": "union"},
    ],
    "nominations": [
        {"quota": "asia", "person": "p1", "priority": 1},
        {"quota": "asia", "person": "p2", "priority": 2},
        {"quota": "youth", "person": "p2", "priority": 1},
        {"quota": "youth", "person": "p3", "priority": 2},
    ],
    "targets": [{"attribute": "gender", "value": "f", "min_share": 0.6}],
}


def run(tmp_path, payload, *args):
    path = tmp_path / "input.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    out, err = StringIO(), StringIO()
    call_command("solve_selection", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_valid_input_prints_result_with_the_documented_names(tmp_path):
    out, _err = run(tmp_path, VALID, "--workers", "1", "--time-limit", "5")
    result = json.loads(out)

    assert set(result) == {"status", "selected", "shortfalls", "explanation"}
    assert result["status"] == "optimal"
    assert result["selected"] == [
        {"person": "p1", "quota": "asia"},
        {"person": "p2", "quota": "asia"},
        {"person": "p3", "quota": "youth"},
    ]
    assert result["shortfalls"][0]["target"] == "gender=f"
    kinds = {e["kind"] for e in result["explanation"]}
    assert "person" in kinds


def test_invalid_json_exits_2_with_message_on_stderr(tmp_path):
    with pytest.raises(SystemExit) as caught:
        run(tmp_path, "{not json")
    assert caught.value.code == 2


def test_invalid_input_lists_problems_and_exits_2(tmp_path):
    bad = dict(VALID, nominations=[{"quota": "nowhere", "person": "p1", "priority": 0}])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    err = StringIO()

    with pytest.raises(SystemExit) as caught:
        call_command("solve_selection", str(path), stderr=err)

    assert caught.value.code == 2
    assert "unknown quota 'nowhere'" in err.getvalue()
    assert "priority must be a whole number >= 1" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_missing_file_exits_2(tmp_path):
    err = StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("solve_selection", str(tmp_path / "absent.json"), stderr=err)
    assert caught.value.code == 2
    assert "cannot read" in err.getvalue()


def test_infeasible_input_prints_conflict_and_relaxation(tmp_path):
    out, _err = run(tmp_path, dict(VALID, capacity=2))
    result = json.loads(out)

    assert result["status"] == "infeasible"
    assert result["selected"] == []
    relaxations = [e for e in result["explanation"] if e["kind"] == "relaxation"]
    assert relaxations == [
        {
            "kind": "relaxation",
            "action": "raise_capacity",
            "capacity": 3,
            "message": "raise capacity to 3",
        }
    ]
