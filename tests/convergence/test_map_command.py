import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("map", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_map_command_adds_top1_top3_and_scores(framework, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id,text\n"
        "1,Access to health care and education for all migrants.\n"
        "2,End immigration detention.\n",
        encoding="utf-8",
    )
    rows = run("gcm-objectives", str(path))
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["top1"] == "15" and rows[1]["top1"] == "13"
    assert rows[0]["top3"].split(";")[0] == "15"
    scores = json.loads(rows[0]["scores"])
    assert next(iter(scores)) == "15" and all(0 < v <= 1 for v in scores.values())


@pytest.mark.parametrize("content", ["id,words\n1,hello\n", None])
def test_map_command_bad_input_exits_2(framework, tmp_path, content):
    path = tmp_path / "in.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("gcm-objectives", str(path))
    assert error.value.returncode == 2


def test_map_command_unknown_framework_exits_2(db, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("text\nhello\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("nope", str(path))
    assert error.value.returncode == 2
