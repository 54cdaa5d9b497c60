"""Stances on the site: detected at each run, set by coordinators (page and API), and used by
the matrix, key issues and divergences (absent vs opposed, on the page, in exports, in the
API)."""

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from convenor.convergence import selectors, services
from convenor.convergence.models import RecommendationStance
from convenor.core.errors import PermissionDenied
from convenor.core.models import AuditEntry
from convenor.core.services import api_token_create
from convenor.directory.models import Region
from convenor.process.models import Event, Process
from convenor.reports.models import Recommendation
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SUPPORT_13 = [
    "End immigration detention of children and work towards alternatives to detention.",
    "Immigration detention of migrants only as a last resort; alternatives to detention.",
    "Stop the immigration detention of children; community alternatives to detention.",
]
OPPOSE_13 = [
    "We reject alternatives to detention: immigration detention of migrants must remain.",
    "We oppose the end of immigration detention; alternatives to detention do not work.",
]
SERVICES = [
    "Migrants must have access to health care and education regardless of status.",
    "Access to basic services such as health and education for all migrants.",
    "Firewalls between health care, education and immigration enforcement.",
    "Health care and education for undocumented migrants.",
]


@pytest.fixture
def sources(framework) -> dict[str, list[Recommendation]]:
    """Europe raises detention three times; Africa twice, against it; Asia never."""
    process = Process.objects.create(slug="gcm", name="GCM")
    plan = {
        "europe": SUPPORT_13,
        "africa": [*OPPOSE_13, SERVICES[0]],
        "asia": SERVICES[1:],
    }
    out: dict[str, list[Recommendation]] = {}
    for slug, texts in plan.items():
        region = Region.objects.create(slug=slug, name=slug.title())
        event = Event.objects.create(
            slug=f"rcsc-{slug}",
            process=process,
            title=f"Consultation {slug}",
            kind="regional_consultation",
            start_date=dt.date(2017, 9, 1),
            end_date=dt.date(2017, 9, 2),
            region=region,
        )
        out[slug] = [
            Recommendation.objects.create(text=t, event=event, region=region, process=process)
            for t in texts
        ]
    return out


def test_runs_detect_and_record_stances(sources, coordinator, framework):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    run.refresh_from_db()
    assert run.engine["stance"]["oppose"] == 2 and run.engine["stance"]["detector"]
    stances = dict(RecommendationStance.objects.values_list("recommendation_id", "detected"))
    assert {stances[r.pk] for r in sources["africa"][:2]} == {"oppose"}
    # "...only as a last resort" calls for nothing in so many words: neutral.
    assert [stances[r.pk] for r in sources["europe"]] == ["support", "neutral", "support"]


def test_divergence_names_absent_and_opposing_regions(sources, coordinator, framework):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    data = selectors.analysis("mapping", run.pk)
    detention = next(d for d in selectors.divergences(data, "region") if d.key == "13")
    assert set(detention.strong) == {"europe"}
    assert detention.positions == {"africa": "opposed", "asia": "absent"}
    assert detention.opposed == {"africa": 2}
    m = selectors.matrix(data, "region")
    j = [i.key for i in data.issues].index("13")
    assert dict(zip(m.sources, m.counts[j].tolist(), strict=True))["africa"] == 0
    assert int(m.opposed_totals[j]) == 2
    [top] = [k for k in selectors.key_issues(data) if k.key == "13"]
    opposing = {str(r.pk) for r in sources["africa"][:2]}
    assert not opposing & set(top.recommendation_ids)
    assert "africa" not in top.sources["region"]


def test_divergences_on_the_page_in_exports_and_in_the_api(
    sources, coordinator, coordinator_client, auth_header, framework
):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    base = f"/convergence/mapping/{run.pk}"
    html = coordinator_client.get(f"{base}/divergences/").content.decode()
    assert "Opposed by" in html and "Africa (2 recommendations against)" in html
    row = html[html.index("13. Use immigration detention") :].split("</tr>")[0]
    assert "Asia" in row and "Europe" in row

    body = coordinator_client.get(f"{base}/divergences.csv?dimension=region").content.decode()
    rows = {r[0]: r for r in csv.reader(io.StringIO(body))}
    assert rows["issue"][4:6] == ["absent from", "opposed by"]
    assert rows["13"][4] == "Asia" and rows["13"][5] == "Africa (2)"

    book = load_workbook(io.BytesIO(coordinator_client.get(f"{base}/matrix.xlsx").content))
    sheet = list(book["divergences"].values)
    assert sheet[0][5] == "opposed by"
    assert any(r[0] == "13" and r[5] == "Africa (2)" for r in sheet[1:])
    matrix_sheet = list(book["region"].values)
    assert "opposed" in matrix_sheet[0]

    api = Client().get(
        f"/api/v1/convergence/runs/mapping/{run.pk}/divergences?dimension=region",
        headers=auth_header,
    )
    [found] = [d for d in api.json() if d["issue"] == "13"]
    assert found["positions"] == {"africa": "opposed", "asia": "absent"}
    assert found["opposed"] == {"africa": 2} and found["absent"] == ["asia"]
    matrix = (
        Client()
        .get(
            f"/api/v1/convergence/runs/mapping/{run.pk}/matrix?dimension=region",
            headers=auth_header,
        )
        .json()
    )
    row13 = next(r for r in matrix["rows"] if r["issue"] == "13")
    assert row13["opposed"] == [2, 0, 0] and row13["opposed_total"] == 2
    assert matrix["sources"] == ["africa", "asia", "europe"]


def test_coordinators_set_a_stance_on_the_page(sources, coordinator, coordinator_client, framework):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    page = coordinator_client.get(f"/convergence/mapping/{run.pk}/issues/13/").content.decode()
    assert "Set the stance" in page and "Opposes" in page and "(detected)" in page
    rec = sources["europe"][0]
    response = coordinator_client.post(
        f"/convergence/recommendations/{rec.pk}/stance/",
        {"stance": "oppose", "next": f"/convergence/mapping/{run.pk}/issues/13/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/convergence/mapping/{run.pk}/issues/13/"
    assert RecommendationStance.objects.get(pk=rec.pk).value == "oppose"
    assert AuditEntry.objects.filter(action="convergence.stance.set").exists()
    # The choice counts at once, and a re-run does not undo it.
    data = selectors.analysis("mapping", run.pk)
    m = selectors.matrix(data, "region")
    j = [i.key for i in data.issues].index("13")
    assert dict(zip(m.sources, m.counts[j].tolist(), strict=True))["europe"] == 2
    services.mapping_run_start(actor=coordinator, framework=framework)
    assert RecommendationStance.objects.get(pk=rec.pk).value == "oppose"
    # Back to the detection.
    coordinator_client.post(f"/convergence/recommendations/{rec.pk}/stance/", {"stance": ""})
    stance = RecommendationStance.objects.get(pk=rec.pk)
    assert stance.chosen == "" and stance.value == "support" and stance.chosen_by is None


def test_stance_page_errors_and_permissions(sources, coordinator_client, focal_point):
    rec = sources["europe"][0]
    url = f"/convergence/recommendations/{rec.pk}/stance/"
    assert coordinator_client.post(url, {"stance": "maybe"}).status_code == 400
    assert coordinator_client.post("/convergence/recommendations/999/stance/").status_code == 404
    assert coordinator_client.get(url).status_code == 405
    focal = Client()
    focal.force_login(focal_point)
    assert focal.post(url, {"stance": "oppose"}).status_code == 403
    # An outside address in `next` is not followed.
    outside = coordinator_client.post(url, {"stance": "oppose", "next": "//evil.example/"})
    assert outside["Location"] == "/convergence/"
    with pytest.raises(PermissionDenied):
        services.stance_set(actor=focal_point, recommendation=rec, stance="oppose")


def test_stance_in_the_api(sources, auth_header, focal_point):
    rec = sources["africa"][0]
    url = f"/api/v1/convergence/recommendations/{rec.pk}/stance"
    # Never read by a run yet: detected on the spot.
    first = Client().get(url, headers=auth_header).json()
    assert first == {
        "recommendation": rec.pk,
        "stance": "oppose",
        "detected": "oppose",
        "chosen": "",
        "chosen_at": None,
    }
    put = Client().put(
        url, {"stance": "neutral"}, content_type="application/json", headers=auth_header
    )
    assert put.status_code == 200
    assert put.json()["stance"] == "neutral" and put.json()["detected"] == "oppose"
    assert put.json()["chosen_at"]
    back = Client().put(url, {"stance": None}, content_type="application/json", headers=auth_header)
    assert back.json()["stance"] == "oppose" and back.json()["chosen"] == ""
    bad = Client().put(
        url, {"stance": "maybe"}, content_type="application/json", headers=auth_header
    )
    assert bad.status_code == 422
    missing = "/api/v1/convergence/recommendations/999/stance"
    assert Client().get(missing, headers=auth_header).status_code == 404
    assert (
        Client().put(url, {"stance": "oppose"}, content_type="application/json").status_code == 401
    )
    _, raw = api_token_create(user=make_user("focal_point", "fp2@example.org"))
    focal = {"Authorization": f"Bearer {raw}"}
    assert Client().get(url, headers=focal).status_code == 200
    denied = Client().put(url, {"stance": "oppose"}, content_type="application/json", headers=focal)
    assert denied.status_code == 403


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Contestée par", "Africa (2 recommandations contre)"]),
        ("es", ["Rechazado por", "Africa (2 recomendaciones en contra)"]),
    ],
)
def test_divergences_speak_french_and_spanish(
    sources, coordinator, coordinator_client, framework, lang, words
):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    coordinator_client.cookies["django_language"] = lang
    html = coordinator_client.get(f"/convergence/mapping/{run.pk}/divergences/").content.decode()
    for word in words:
        assert word in html
