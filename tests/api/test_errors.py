"""The API's last safety nets: values the database refuses answer 4xx, never 500."""

from __future__ import annotations

from django.db import connection


def test_nul_in_a_query_parameter_is_400_on_postgresql(client, db):
    response = client.get("/api/v1/organisations", {"network": "a\x00b", "limit": 5})
    if connection.vendor == "postgresql":
        assert response.status_code == 400
        assert response.json() == {
            "detail": "network: Text may not contain NUL characters.",
            "code": "invalid",
            "field": "network",
        }
    else:  # SQLite stores NUL; the filter simply finds nothing
        assert response.status_code == 200 and response.json()["count"] == 0


def test_nul_in_a_path_parameter_is_404(client, db):
    for url in ("/api/v1/organisations/a%00b", "/api/v1/campaigns/statements/a%00b"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
