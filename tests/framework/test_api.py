import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convenor.core.models import AuditEntry
from convenor.framework.models import Framework, FrameworkItem, Position

from .conftest import make_item, make_position

pytestmark = pytest.mark.django_db
API = "/api/v1"


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(ctx)


# -- reads ----------------------------------------------------------------------------------


def test_list_frameworks_is_paginated(client, framework, other_framework, acts):
    data = client.get(f"{API}/frameworks", {"limit": 1}).json()
    assert data["count"] == 2
    assert [f["slug"] for f in data["items"]] == ["acts"]
    assert data["items"][0]["item_count"] == 6


def test_get_framework_and_404(client, framework):
    assert client.get(f"{API}/frameworks/acts").json()["title"] == "The Acts"
    response = client.get(f"{API}/frameworks/nope")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_list_items_is_flat_with_parent_codes_in_natural_order(client, acts):
    data = client.get(f"{API}/frameworks/acts/items").json()
    assert data["count"] == 6
    assert [(i["code"], i["parent"]) for i in data["items"]] == [
        ("2", None),
        ("3", None),
        ("3.3", "3"),
        ("3.6", "3"),
        ("3.10", "3"),
        ("10", None),
    ]


def test_list_items_filters(client, acts):
    def codes(**params):
        return [
            i["code"] for i in client.get(f"{API}/frameworks/acts/items", params).json()["items"]
        ]

    assert codes(tag="children") == ["3.6"]
    assert codes(horizon="immediate") == ["3.6"]
    assert codes(kind="target") == ["3.3", "3.6", "3.10"]
    assert codes(limit=2, offset=1) == ["3", "3.3"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"horizon": "someday"}, "horizon"),
        ({"kind": "wish"}, "kind"),
        ({"tag": "nope"}, "tag"),
        ({"limit": 0}, "limit"),
    ],
)
def test_list_items_bad_filters_are_400(client, acts, params, field):
    response = client.get(f"{API}/frameworks/acts/items", params)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_list_items_of_unknown_framework_is_404(client, db):
    assert client.get(f"{API}/frameworks/nope/items").status_code == 404


def test_get_item_with_children_ancestors_positions(client, framework, acts):
    make_item(framework, "3.6.1", parent=acts["3.6"])
    make_position("red", kind="red_line", items=[acts["3.6"]])
    data = client.get(f"{API}/frameworks/acts/items/3.6").json()
    assert data["ancestors"] == ["3"]
    assert [c["code"] for c in data["children"]] == ["3.6.1"]
    assert data["positions"] == [{"slug": "red", "kind": "red_line", "title": "red"}]
    assert data["urgent"] is True and data["tags"] == ["children"]
    assert client.get(f"{API}/frameworks/acts/items/99").status_code == 404


def test_list_positions_filters(client, framework, other_framework, acts):
    other = make_item(other_framework, "13")
    make_position("a", kind="baseline", items=[acts["3"]])
    make_position("b", kind="red_line", items=[other, acts["3.6"]])

    def slugs(**params):
        return [p["slug"] for p in client.get(f"{API}/positions", params).json()["items"]]

    assert slugs() == ["a", "b"]
    assert slugs(kind="red_line") == ["b"]
    assert slugs(framework="goals") == ["b"]
    assert slugs(item="acts:3") == ["a"]
    assert slugs(framework="goals", item="13") == ["b"]
    assert slugs(q="A") == ["a"]
    assert client.get(f"{API}/positions", {"limit": 1}).json()["count"] == 2
    assert client.get(f"{API}/positions/b").json()["items"] == ["acts:3.6", "goals:13"]


@pytest.mark.parametrize(
    "params, field",
    [({"kind": "wish"}, "kind"), ({"framework": "nope"}, "framework"), ({"item": "3"}, "item")],
)
def test_list_positions_bad_filters_are_400(client, acts, params, field):
    response = client.get(f"{API}/positions", params)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_get_position_and_404(client, acts):
    make_position("a", items=[acts["3"]])
    assert client.get(f"{API}/positions/a").json()["items"] == ["acts:3"]
    assert client.get(f"{API}/positions/nope").status_code == 404


# -- query counts: 1 row vs 3 rows ------------------------------------------------------------


def test_list_frameworks_query_count_is_constant(client, db):
    Framework.objects.create(slug="f1", title="F1")
    one = count_queries(client, f"{API}/frameworks")
    Framework.objects.create(slug="f2", title="F2")
    Framework.objects.create(slug="f3", title="F3")
    assert count_queries(client, f"{API}/frameworks") == one


def test_list_items_query_count_is_constant(client, framework):
    act = make_item(framework, "1", tags=["women"])
    one = count_queries(client, f"{API}/frameworks/acts/items")
    make_item(framework, "1.1", parent=act, tags=["children"])
    make_item(framework, "1.2", parent=act, tags=["women", "children"])
    assert count_queries(client, f"{API}/frameworks/acts/items") == one


def test_list_positions_query_count_is_constant(client, framework, other_framework):
    a, b = make_item(framework, "1"), make_item(other_framework, "2")
    make_position("p1", items=[a])
    one = count_queries(client, f"{API}/positions")
    make_position("p2", items=[a, b])
    make_position("p3", kind="key_issue", items=[b])
    assert count_queries(client, f"{API}/positions") == one


# -- writes ---------------------------------------------------------------------------------


def test_framework_writes_with_token(client, auth_header):
    response = client.post(
        f"{API}/frameworks",
        {"slug": "sdgs", "title": "SDGs"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 201
    response = client.patch(
        f"{API}/frameworks/sdgs",
        {"short_title": "SDG"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 200 and response.json()["short_title"] == "SDG"
    response = client.post(
        f"{API}/frameworks",
        {"slug": "sdgs", "title": "Again"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 409
    assert client.delete(f"{API}/frameworks/sdgs", headers=auth_header).status_code == 204
    assert not Framework.objects.filter(slug="sdgs").exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"framework.create", "framework.update", "framework.delete"} <= actions


def test_item_writes_with_token(client, auth_header, framework, acts):
    url = f"{API}/frameworks/acts/items"
    body = {
        "code": "3.11",
        "parent": "3",
        "kind": "target",
        "title": "New",
        "tags": ["women"],
        "horizon": "2y",
    }
    response = client.post(url, body, content_type="application/json", headers=auth_header)
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == "3"
    response = client.post(url, body, content_type="application/json", headers=auth_header)
    assert response.status_code == 409
    response = client.patch(
        f"{url}/3.11",
        {"parent": None, "title": "Moved"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 200 and response.json()["parent"] is None
    response = client.patch(
        f"{url}/3", {"parent": "3.6"}, content_type="application/json", headers=auth_header
    )
    assert response.status_code == 422 and response.json()["field"] == "parent"
    response = client.patch(
        f"{url}/3", {"parent": "99"}, content_type="application/json", headers=auth_header
    )
    assert response.status_code == 422
    assert client.delete(f"{url}/3", headers=auth_header).status_code == 409
    assert client.delete(f"{url}/3.11", headers=auth_header).status_code == 204
    assert client.delete(f"{url}/3.11", headers=auth_header).status_code == 404


def test_item_write_body_errors_are_422(client, auth_header, acts):
    url = f"{API}/frameworks/acts/items"
    for body in [
        {"code": "9"},
        {"code": "9", "title": "T", "kind": "wish"},
        {"code": "9 9", "title": "T", "kind": "goal"},
    ]:
        response = client.post(url, body, content_type="application/json", headers=auth_header)
        assert response.status_code == 422, body


def test_position_writes_with_token(client, auth_header, acts):
    body = {"kind": "red_line", "title": "No child detention", "items": ["acts:3.6"]}
    response = client.post(
        f"{API}/positions", body, content_type="application/json", headers=auth_header
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "no-child-detention"
    response = client.patch(
        f"{API}/positions/no-child-detention",
        {"items": ["acts:3", "acts:3.6"]},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 200 and response.json()["items"] == ["acts:3", "acts:3.6"]
    response = client.post(
        f"{API}/positions",
        {**body, "items": ["acts:77"]},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 422 and response.json()["field"] == "items"
    response = client.post(
        f"{API}/positions",
        {**body, "slug": "no-child-detention"},
        content_type="application/json",
        headers=auth_header,
    )
    assert response.status_code == 409
    assert (
        client.delete(f"{API}/positions/no-child-detention", headers=auth_header).status_code == 204
    )
    assert not Position.objects.exists()


def test_writes_without_token_are_401(client, acts):
    make_position("p", items=[acts["3"]])
    calls = [
        ("post", f"{API}/frameworks", {"slug": "x", "title": "X"}),
        ("patch", f"{API}/frameworks/acts", {"title": "X"}),
        ("delete", f"{API}/frameworks/acts", None),
        ("post", f"{API}/frameworks/acts/items", {"code": "9", "title": "T", "kind": "goal"}),
        ("patch", f"{API}/frameworks/acts/items/3", {"title": "X"}),
        ("delete", f"{API}/frameworks/acts/items/3.6", None),
        ("post", f"{API}/positions", {"kind": "baseline", "title": "X"}),
        ("patch", f"{API}/positions/p", {"title": "X"}),
        ("delete", f"{API}/positions/p", None),
    ]
    for method, url, body in calls:
        response = getattr(client, method)(
            url,
            body,
            content_type="application/json",
            headers={"Authorization": "Bearer cvn_wrong"},
        )
        assert response.status_code == 401, (method, url)
    assert FrameworkItem.objects.count() == 6


def test_writes_to_unknown_things_are_404(client, auth_header, framework):
    assert (
        client.patch(
            f"{API}/frameworks/nope",
            {"title": "X"},
            content_type="application/json",
            headers=auth_header,
        ).status_code
        == 404
    )
    assert (
        client.patch(
            f"{API}/positions/nope",
            {"title": "X"},
            content_type="application/json",
            headers=auth_header,
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{API}/frameworks/nope/items",
            {"code": "1", "title": "T", "kind": "goal"},
            content_type="application/json",
            headers=auth_header,
        ).status_code
        == 404
    )
