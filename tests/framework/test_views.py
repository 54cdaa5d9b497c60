import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from convenor.core.models import AuditEntry
from convenor.framework.models import Framework, FrameworkItem, Position

from .conftest import make_item, make_position

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_framework_list_shows_frameworks(client, framework, acts):
    response = client.get(reverse("framework:framework_list"))
    assert response.status_code == 200
    assert "The Acts" in response.content.decode()


def test_framework_detail_shows_nested_tree_with_badges(client, framework, acts):
    response = client.get(reverse("framework:framework_detail", args=["acts"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        html.index(">3<")
        < html.index(">3.3<")
        < html.index(">3.6<")
        < html.index(">3.10<")
        < html.index(">10<")
    )
    assert "Urgent" in html  # urgency in words, not colour only
    assert "By 2030" in html
    assert "#Children" in html


def test_framework_detail_filters_by_tag(client, framework, acts):
    html = client.get(
        reverse("framework:framework_detail", args=["acts"]), {"tag": "children"}
    ).content.decode()
    assert ">3.6<" in html and ">3.3<" not in html
    assert "under 3" in html


def test_framework_detail_filters_by_horizon(client, framework, acts):
    html = client.get(
        reverse("framework:framework_detail", args=["acts"]), {"horizon": "immediate"}
    ).content.decode()
    assert ">3.6<" in html and ">10<" not in html


@pytest.mark.parametrize("params", [{"tag": "nope"}, {"horizon": "someday"}, {"kind": "wish"}])
def test_framework_detail_bad_filter_is_400_with_form_error(client, framework, acts, params):
    response = client.get(reverse("framework:framework_detail", args=["acts"]), params)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_unknown_framework_is_404(client, db):
    assert client.get("/frameworks/nope/").status_code == 404


def test_item_detail_shows_breadcrumb_children_and_positions(client, framework, acts):
    make_item(framework, "3.6.1", parent=acts["3.6"], title="Sub one")
    make_position("no-detention", kind="red_line", title="No child detention", items=[acts["3.6"]])
    response = client.get(reverse("framework:item_detail", args=["acts", "3.6"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("framework:item_detail", args=["acts", "3"]) in html
    assert "Sub one" in html
    assert "No child detention" in html


def test_unknown_item_code_is_404(client, framework, acts):
    assert client.get("/frameworks/acts/items/99/").status_code == 404


def test_position_list_groups_by_kind(client, framework, acts):
    make_position("issue", kind="key_issue", title="Issue one", items=[acts["3"]])
    make_position("red", kind="red_line", title="Red one", items=[acts["3.6"]])
    html = client.get(reverse("framework:position_list")).content.decode()
    assert html.index("Red lines") if "Red lines" in html else True
    assert html.index("Red one") < html.index("Issue one")
    assert 'id="kind-red_line"' in html and 'id="kind-key_issue"' in html


def test_position_list_filters_by_kind_framework_and_item(client, framework, other_framework, acts):
    other = make_item(other_framework, "13")
    make_position("a", kind="baseline", title="Alpha", items=[acts["3"]])
    make_position("b", kind="red_line", title="Bravo", items=[other])
    url = reverse("framework:position_list")
    assert "Bravo" not in client.get(url, {"kind": "baseline"}).content.decode()
    assert "Alpha" not in client.get(url, {"framework": "goals"}).content.decode()
    html = client.get(url, {"item": "acts:3"}).content.decode()
    assert "Alpha" in html and "Bravo" not in html
    html = client.get(url, {"framework": "goals", "item": "13"}).content.decode()
    assert "Bravo" in html and "Alpha" not in html


@pytest.mark.parametrize(
    "params", [{"kind": "wish"}, {"framework": "nope"}, {"item": "acts:99"}, {"item": "3"}]
)
def test_position_list_bad_filter_is_400_with_form_error(client, framework, acts, params):
    response = client.get(reverse("framework:position_list"), params)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_unknown_position_is_404(client, db):
    assert client.get("/positions/nope/").status_code == 404


def test_framework_list_query_count_is_constant(client, db):
    Framework.objects.create(slug="f1", title="F1")
    one = count_queries(client, reverse("framework:framework_list"))
    Framework.objects.create(slug="f2", title="F2")
    Framework.objects.create(slug="f3", title="F3")
    assert count_queries(client, reverse("framework:framework_list")) == one


def test_framework_detail_query_count_is_constant(client, framework):
    make_item(framework, "1", tags=["women"])
    url = reverse("framework:framework_detail", args=["acts"])
    one = count_queries(client, url)
    parent = make_item(framework, "2", tags=["children"])
    make_item(framework, "2.1", parent=parent, tags=["women", "children"])
    assert count_queries(client, url) == one


def test_item_detail_query_count_is_constant(client, framework):
    act = make_item(framework, "1")
    make_item(framework, "1.1", parent=act, tags=["women"])
    make_position("p1", items=[act])
    url = reverse("framework:item_detail", args=["acts", "1"])
    one = count_queries(client, url)
    make_item(framework, "1.2", parent=act, tags=["children"])
    make_item(framework, "1.3", parent=act)
    make_position("p2", items=[act])
    make_position("p3", kind="red_line", items=[act])
    assert count_queries(client, url) == one


def test_position_list_query_count_is_constant(client, framework, other_framework):
    a = make_item(framework, "1")
    b = make_item(other_framework, "2")
    make_position("p1", items=[a])
    url = reverse("framework:position_list")
    one = count_queries(client, url)
    make_position("p2", kind="red_line", items=[a, b])
    make_position("p3", kind="key_issue", items=[b])
    assert count_queries(client, url) == one


def test_coordinator_creates_framework_item_and_position_through_pages(coordinator_client):
    response = coordinator_client.post(
        reverse("framework:framework_create"),
        {"slug": "sdgs", "title": "SDGs", "language": "en", "order": 0},
    )
    assert response.status_code == 302
    response = coordinator_client.post(
        reverse("framework:item_create", args=["sdgs"]),
        {
            "code": "10",
            "kind": "goal",
            "title": "Reduced inequalities",
            "tags": "women",
            "order": 0,
        },
    )
    assert response.status_code == 302
    item = FrameworkItem.objects.get(framework__slug="sdgs", code="10")
    response = coordinator_client.post(
        reverse("framework:item_create", args=["sdgs"]),
        {
            "code": "10.7",
            "parent": item.pk,
            "kind": "target",
            "title": "Orderly migration",
            "order": 0,
        },
    )
    assert response.status_code == 302
    response = coordinator_client.post(
        reverse("framework:position_create"),
        {
            "kind": "key_issue",
            "title": "Migration policies",
            "items": [item.pk],
            "order": 0,
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert Position.objects.get(slug="migration-policies").items.get() == item
    assert AuditEntry.objects.filter(actor__email="coordinator@example.org").count() == 4


def test_duplicate_code_in_page_form_is_a_form_error(coordinator_client, framework, acts):
    response = coordinator_client.post(
        reverse("framework:item_create", args=["acts"]),
        {"code": "3.6", "kind": "target", "title": "Dup", "order": 0},
    )
    assert response.status_code == 400
    assert "already used" in response.content.decode()


def test_cycle_in_page_form_is_a_form_error(coordinator_client, framework, acts):
    response = coordinator_client.post(
        reverse("framework:item_edit", args=["acts", "3"]),
        {"code": "3", "kind": "goal", "title": "Act 3", "parent": acts["3.6"].pk, "order": 0},
    )
    assert response.status_code == 400
    assert "under itself" in response.content.decode()


def test_coordinator_edits_and_deletes_through_pages(coordinator_client, framework, acts):
    position = make_position("p", items=[acts["3"]])
    response = coordinator_client.post(
        reverse("framework:item_edit", args=["acts", "3.10"]),
        {"code": "3.10", "kind": "target", "title": "Renamed", "order": 0, "parent": acts["3"].pk},
    )
    assert response.status_code == 302
    assert FrameworkItem.objects.get(code="3.10").title == "Renamed"
    response = coordinator_client.post(reverse("framework:item_delete", args=["acts", "3.10"]))
    assert response.status_code == 302
    response = coordinator_client.post(
        reverse("framework:position_edit", args=["p"]),
        {
            "kind": "red_line",
            "title": "Changed",
            "slug": "p",
            "items": [acts["10"].pk],
            "order": 0,
            "language": "en",
        },
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.kind == "red_line" and list(position.items.all()) == [acts["10"]]
    assert (
        coordinator_client.post(reverse("framework:position_delete", args=["p"])).status_code == 302
    )
    response = coordinator_client.post(
        reverse("framework:framework_edit", args=["acts"]),
        {"slug": "acts", "title": "Acts renamed", "language": "en", "order": 0},
    )
    assert response.status_code == 302


def test_edit_pages_render_for_coordinators(coordinator_client, framework, acts):
    make_position("p", items=[acts["3"]])
    for url in [
        reverse("framework:framework_create"),
        reverse("framework:framework_edit", args=["acts"]),
        reverse("framework:item_create", args=["acts"]) + "?parent=3",
        reverse("framework:item_edit", args=["acts", "3.6"]),
        reverse("framework:position_create"),
        reverse("framework:position_edit", args=["p"]),
        reverse("framework:position_detail", args=["p"]),
    ]:
        assert coordinator_client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_sign_in_for_forms(framework):
    response = Client().get(reverse("framework:framework_create"))
    assert response.status_code == 302


def test_position_list_paginates_at_fifty(client, db):
    for n in range(51):
        make_position(f"p{n:02d}")
    html = client.get(reverse("framework:position_list"), {"kind": "baseline"}).content.decode()
    assert "Page 1 of 2" in html
    assert "kind=baseline&amp;page=2" in html
    html = client.get(reverse("framework:position_list"), {"page": 2}).content.decode()
    assert "p50" in html
