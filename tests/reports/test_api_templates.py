"""POST /api/v1/reports/templates: the same service as the page, for a coordinator's token."""

import pytest
from django.test import Client

from convenor.core.models import AuditEntry
from convenor.core.services import api_token_create
from convenor.reports.models import ReportingTemplate

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/templates"
BODY = {
    "title": "GFMD 2017 Civil Society Days",
    "description": "Working sessions.",
    "sections": [
        {"kind": "baseline", "title": "Key baselines", "help_text": "Non-negotiables."},
        {"kind": "mechanism", "title": "Mechanisms and their timeline"},
        {"kind": "question", "title": "Two questions to governments", "max_items": 2},
        {"kind": "quote"},
    ],
}


def post(body, headers=None):
    return Client().post(URL, body, content_type="application/json", headers=headers or {})


def test_coordinator_creates_a_template(auth_header, coordinator):
    response = post(BODY, auth_header)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["slug"] == "gfmd-2017-civil-society-days"
    assert [(s["kind"], s["title"], s["max_items"], s["order"]) for s in data["sections"]] == [
        ("baseline", "Key baselines", 0, 0),
        ("mechanism", "Mechanisms and their timeline", 0, 1),
        ("question", "Two questions to governments", 2, 2),
        ("quote", "Quotes", 0, 3),
    ]
    assert ReportingTemplate.objects.get().sections.count() == 4
    assert AuditEntry.objects.filter(action="reports.template.create", actor=coordinator).exists()


def test_taken_slug_is_409(auth_header):
    assert post({**BODY, "slug": "gfmd"}, auth_header).status_code == 201
    again = post({**BODY, "slug": "gfmd"}, auth_header)
    assert again.status_code == 409 and again.json()["field"] == "slug"


@pytest.mark.parametrize(
    "change",
    [
        {"sections": []},
        {"sections": [{"kind": "poem"}]},
        {"sections": [{"kind": "question", "max_items": 40000}]},
        {"sections": [{"kind": "question", "max_items": -1}]},
        {"title": ""},
        {"title": "x" * 301},
        {"slug": "not a slug"},
    ],
)
def test_bad_input_is_refused_and_creates_nothing(auth_header, change):
    response = post({**BODY, **change}, auth_header)
    assert response.status_code in (400, 422), response.content
    assert "detail" in response.json()
    assert not ReportingTemplate.objects.exists()


@pytest.mark.parametrize("role", ["rapporteur", "focal_point", "member"])
def test_only_coordinators_create_templates(request, role):
    _, raw = api_token_create(user=request.getfixturevalue(role), name="t")
    assert post(BODY, {"Authorization": f"Bearer {raw}"}).status_code == 403
    assert post(BODY).status_code == 401
    assert not ReportingTemplate.objects.exists()
