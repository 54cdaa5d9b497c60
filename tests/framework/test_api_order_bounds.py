import pytest


@pytest.mark.django_db
def test_position_create_with_a_huge_order_answers_422_not_500(client, auth_header):
    response = client.post(
        "/api/v1/positions",
        {"kind": "common_message", "title": "pdf", "text": "x", "order": -(10**26)},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 422
    assert response.json()["field"] == "order"
