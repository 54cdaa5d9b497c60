"""Coordinators write; focal points, rapporteurs, members and visitors only read."""

import pytest
from django.test import Client
from django.urls import reverse

from convenor.core.errors import PermissionDenied
from convenor.core.services import api_token_create
from convenor.framework import services

from .conftest import make_position

pytestmark = pytest.mark.django_db
READERS = ["focal_point", "rapporteur", "member"]


def writes(framework, acts, position):
    """One call per service write, each with the actor to fill in."""
    return [
        lambda a: services.framework_create(actor=a, slug="x", title="X"),
        lambda a: services.framework_update(actor=a, framework=framework, data={"title": "Y"}),
        lambda a: services.framework_delete(actor=a, framework=framework),
        lambda a: services.item_create(
            actor=a, framework=framework, code="99", title="X", kind="goal"
        ),
        lambda a: services.item_update(actor=a, item=acts["3"], data={"title": "Y"}),
        lambda a: services.item_delete(actor=a, item=acts["3.6"]),
        lambda a: services.position_create(actor=a, kind="baseline", title="X"),
        lambda a: services.position_update(actor=a, position=position, data={"title": "Y"}),
        lambda a: services.position_delete(actor=a, position=position),
    ]


@pytest.mark.parametrize("role", [*READERS, "anonymous"])
def test_every_write_is_refused_to_non_coordinators(request, role, framework, acts):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    position = make_position("p", items=[acts["3"]])
    for write in writes(framework, acts, position):
        with pytest.raises(PermissionDenied):
            write(actor)


def test_every_write_is_allowed_to_coordinators(coordinator, framework, acts):
    position = make_position("p", items=[acts["3"]])
    calls = writes(framework, acts, position)
    # Deleting the framework last: it takes the items with it.
    for write in calls[3:] + calls[:3]:
        write(coordinator)


@pytest.mark.parametrize("role", READERS)
def test_edit_pages_are_403_for_non_coordinators(request, role, framework, acts):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    make_position("p", items=[acts["3"]])
    for url in [
        reverse("framework:framework_create"),
        reverse("framework:framework_edit", args=["acts"]),
        reverse("framework:item_create", args=["acts"]),
        reverse("framework:item_edit", args=["acts", "3"]),
        reverse("framework:position_create"),
        reverse("framework:position_edit", args=["p"]),
    ]:
        assert client.get(url).status_code == 403, url
    for url in [
        reverse("framework:item_delete", args=["acts", "3.6"]),
        reverse("framework:position_delete", args=["p"]),
    ]:
        assert client.post(url).status_code == 403, url


@pytest.mark.parametrize("role", READERS)
def test_api_writes_are_403_for_non_coordinator_tokens(client, request, role, framework, acts):
    _, raw = api_token_create(user=request.getfixturevalue(role))
    headers = {"Authorization": f"Bearer {raw}"}
    make_position("p", items=[acts["3"]])
    calls = [
        ("post", "/api/v1/frameworks", {"slug": "x", "title": "X"}),
        ("patch", "/api/v1/frameworks/acts", {"title": "X"}),
        ("delete", "/api/v1/frameworks/acts", None),
        ("post", "/api/v1/frameworks/acts/items", {"code": "9", "title": "T", "kind": "goal"}),
        ("patch", "/api/v1/frameworks/acts/items/3", {"title": "X"}),
        ("delete", "/api/v1/frameworks/acts/items/3.6", None),
        ("post", "/api/v1/positions", {"kind": "baseline", "title": "X"}),
        ("patch", "/api/v1/positions/p", {"title": "X"}),
        ("delete", "/api/v1/positions/p", None),
    ]
    for method, url, body in calls:
        response = getattr(client, method)(
            url, body, content_type="application/json", headers=headers
        )
        assert response.status_code == 403, (method, url)
        assert response.json()["code"] == "forbidden"


@pytest.mark.parametrize("role", [*READERS, "anonymous"])
def test_everyone_reads(request, role, framework, acts):
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    make_position("p", items=[acts["3"]])
    for url in [
        "/frameworks/",
        "/frameworks/acts/",
        "/frameworks/acts/items/3.6/",
        "/positions/",
        "/positions/p/",
        "/api/v1/frameworks",
        "/api/v1/positions",
        "/api/v1/frameworks/acts/items",
    ]:
        assert client.get(url).status_code == 200, url
