"""Every form of the site, found by crawling it as a coordinator, gets hostile input.

Nothing a user sends may produce a server error: the answer is a page with a message
(200/400/403/404/409/422) or a redirect after a valid write.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.hostile_inputs import INVALID_UTF8, TEXT_VALUES

SKIP_ACTIONS = ("/accounts/logout", "/i18n/setlang", "/admin/")
SKIP_LINKS = re.compile(
    r"^/(admin|media|static|api/v1/docs)|\.(ics|csv|xlsx|json|atom)(\?|$)|/erase/|/delete/"
)
MAX_PAGES = 250
PER_SHAPE = 2
ACTION_WORDS = {"new", "edit", "delete", "erase", "me", "role", "tokens", "preferences", "items"}


def shape(path: str) -> str:
    """/organisations/mfa/edit/ -> /organisations/*/edit/: pages of one kind are visited twice."""
    parts = path.strip("/").split("/")
    return "/" + "/".join([parts[0], *(p if p in ACTION_WORDS else "*" for p in parts[1:])])


class FormParser(HTMLParser):
    """Collects links and forms (action, method, fields with their types and options)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append(
                {
                    "action": a.get("action") or "",
                    "method": (a.get("method") or "get").lower(),
                    "enctype": a.get("enctype", ""),
                    "fields": [],
                }
            )
        elif self.forms and tag in ("input", "textarea") and a.get("name"):
            self.forms[-1]["fields"].append(
                {
                    "name": a["name"],
                    "type": (a.get("type") or tag).lower(),
                    "value": a.get("value") or "",
                }
            )
        elif self.forms and tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "type": "select", "options": []}
            self.forms[-1]["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def crawl(client: Client, start: list[str]) -> dict[tuple[str, str], dict]:
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue = list(start)
    forms: dict[tuple[str, str], dict] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlparse(url).path
        if path in seen or SKIP_LINKS.search(url) or shapes.get(shape(path), 0) >= PER_SHAPE:
            continue
        seen.add(path)
        shapes[shape(path)] = shapes.get(shape(path), 0) + 1
        response = client.get(url)
        assert response.status_code < 500, url
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urljoin(path, form["action"]) if form["action"] else path
            if any(action.startswith(s) for s in SKIP_ACTIONS):
                continue
            forms.setdefault(
                (form["method"], shape(urlparse(action).path)),
                {**form, "path": urlparse(action).path},
            )
        for link in parser.links:
            target = urljoin(path, link)
            parsed = urlparse(target)
            if parsed.netloc or parsed.scheme not in ("", "http", "https"):
                continue
            if parsed.path not in seen:
                queue.append(parsed.path)
    return forms


def hostile_payloads(form: dict):
    for value in TEXT_VALUES:
        data: dict = {}
        for field in form["fields"]:
            kind = field["type"]
            if kind in ("hidden", "submit", "button"):
                if field["name"] != "csrfmiddlewaretoken":
                    data[field["name"]] = field["value"]
            elif kind == "file":
                data[field["name"]] = SimpleUploadedFile("hostile.txt", INVALID_UTF8)
            elif kind in ("checkbox", "radio"):
                data[field["name"]] = value[:50] or "on"
            else:
                data[field["name"]] = value
        yield data


@pytest.fixture
def demo_site(db):
    from importlib import import_module

    for app in ("directory", "framework", "process"):
        try:
            module = import_module(f"convenor.{app}.demo")
        except ModuleNotFoundError:
            continue
        module.load(actor=None)


def test_no_form_gives_a_server_error_on_hostile_input(demo_site, coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    forms = crawl(
        client,
        [
            "/",
            "/organisations/",
            "/people/",
            "/events/",
            "/processes/",
            "/frameworks/",
            "/positions/",
            "/documents/",
            "/news/",
            "/profile/",
            "/audit/",
            "/accounts/signup/",
            "/accounts/login/",
            "/accounts/password/reset/",
        ],
    )
    assert forms, "the crawl found no form at all"
    failures = []
    assert len(forms) >= 20, sorted(forms)
    for (method, _), form in sorted(forms.items()):
        action = form["path"]
        for data in hostile_payloads(form):
            if method == "post":
                response = client.post(action, data)
            else:
                response = client.get(
                    action, {k: v for k, v in data.items() if not hasattr(v, "read")}
                )
            if response.status_code >= 500:
                failures.append((method, action, response.status_code, repr(data)[:200]))
    assert failures == []


def test_anonymous_hostile_queries_never_give_a_server_error(demo_site):
    client = Client(raise_request_exception=False)
    forms = crawl(client, ["/", "/organisations/", "/people/", "/events/", "/documents/", "/news/"])
    for (method, _), form in forms.items():
        action = form["path"]
        if method != "get":
            continue
        for data in hostile_payloads(form):
            response = client.get(action, {k: v for k, v in data.items() if not hasattr(v, "read")})
            assert response.status_code < 500, (action, response.status_code)
