import pytest
from django.test import Client

from convenor.convergence import services

pytestmark = pytest.mark.django_db


def test_run_matrix_key_issues_divergences(framework, recommendations, coordinator, auth_header):
    client = Client()
    start = client.post(
        "/api/v1/convergence/runs/mapping",
        {"framework": "gcm-objectives", "method": "lexical"},
        content_type="application/json",
        headers=auth_header,
    )
    assert start.status_code == 202
    run = start.json()
    detail = client.get(f"/api/v1/convergence/runs/mapping/{run['id']}", headers=auth_header).json()
    assert detail["status"] == "done" and detail["engine"]["method"] == "lexical"
    matrix = client.get(
        f"/api/v1/convergence/runs/mapping/{run['id']}/matrix?dimension=region", headers=auth_header
    ).json()
    assert matrix["sources"] == ["africa", "asia", "europe"]
    row = next(r for r in matrix["rows"] if r["issue"] == "13")
    assert row["counts"] == [1, 1, 1] and row["support_share"] == 1.0
    issues = client.get(
        f"/api/v1/convergence/runs/mapping/{run['id']}/key-issues?count=2", headers=auth_header
    ).json()
    assert len(issues) == 2 and issues[0]["rank"] == 1 and issues[0]["recommendation_ids"]
    assert (
        client.get(
            f"/api/v1/convergence/runs/mapping/{run['id']}/divergences", headers=auth_header
        ).status_code
        == 200
    )
    listing = client.get("/api/v1/convergence/runs?kind=mapping", headers=auth_header).json()
    assert listing["count"] == 1


def test_api_errors(framework, recommendations, coordinator, auth_header):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    client = Client()
    assert client.get("/api/v1/convergence/runs").status_code == 403
    assert (
        client.get(
            f"/api/v1/convergence/runs/mapping/{run.pk}/matrix?dimension=x", headers=auth_header
        ).status_code
        == 400
    )
    assert (
        client.get("/api/v1/convergence/runs/mapping/999", headers=auth_header).status_code == 404
    )
    assert client.get("/api/v1/convergence/runs/other/1", headers=auth_header).status_code in (
        400,
        404,
    )
    assert (
        client.post(
            "/api/v1/convergence/runs/mapping",
            {"framework": "nope"},
            content_type="application/json",
            headers=auth_header,
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/convergence/runs/clustering", {}, content_type="application/json"
        ).status_code
        == 401
    )
