"""The template pages: a coordinator builds and edits templates without JavaScript."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.reports import services
from convenor.reports.models import ReportingTemplate, SectionKind
from convenor.reports.services import ItemInput, SectionInput

from .conftest import section

pytestmark = pytest.mark.django_db

LIST = "/report-templates/"
NEW = "/report-templates/new/"
FIELDS = ("id", "kind", "title", "help_text", "max_items")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def posted(response) -> dict[str, str]:
    """The form as the page rendered it, ready to post back (as a browser would)."""
    rows = response.context["rows"]
    data = {
        "title": response.context["form"]["title"].value() or "",
        "description": response.context["form"]["description"].value() or "",
        "s-TOTAL_FORMS": str(len(rows)),
        "s-INITIAL_FORMS": str(len(rows)),
        "s-MIN_NUM_FORMS": "0",
        "s-MAX_NUM_FORMS": "30",
    }
    for i, row in enumerate(rows):
        for name in FIELDS:
            value = row["form"][name].value()
            data[f"s-{i}-{name}"] = "" if value is None else str(value)
    return data


def kinds(response) -> list[str]:
    return [row["form"]["kind"].value() for row in response.context["rows"]]


def test_coordinator_builds_a_template_with_buttons_that_post(coordinator_client):
    page = coordinator_client.get(NEW)
    assert page.status_code == 200 and "No section yet" in page.content.decode()
    data = {**posted(page), "title": "Regional consultations 2018"}
    page = coordinator_client.post(NEW, {**data, "op": "add", "new_kind": "baseline"})
    assert page.status_code == 200 and kinds(page) == ["baseline"]
    page = coordinator_client.post(NEW, {**posted(page), "op": "add", "new_kind": "mechanism"})
    page = coordinator_client.post(NEW, {**posted(page), "op": "add", "new_kind": "question"})
    assert kinds(page) == ["baseline", "mechanism", "question"]
    assert not ReportingTemplate.objects.exists()  # nothing is saved by these buttons
    page = coordinator_client.post(NEW, {**posted(page), "op": "up-2"})
    assert kinds(page) == ["baseline", "question", "mechanism"]
    page = coordinator_client.post(NEW, {**posted(page), "op": "down-0"})
    assert kinds(page) == ["question", "baseline", "mechanism"]
    page = coordinator_client.post(NEW, {**posted(page), "op": "remove-1"})
    assert kinds(page) == ["question", "mechanism"]
    data = posted(page)
    assert data["title"] == "Regional consultations 2018"  # typed text survives each press
    data.update({"s-0-title": "Two questions", "s-0-max_items": "2", "s-1-help_text": "2, 7, 12"})
    saved = coordinator_client.post(NEW, {**data, "op": "save"})
    assert saved.status_code == 302 and saved["Location"] == LIST
    template = ReportingTemplate.objects.get()
    got = [(s.kind, s.title, s.max_items, s.help_text) for s in template.sections.all()]
    assert got == [("question", "Two questions", 2, ""), ("mechanism", "Mechanisms", 0, "2, 7, 12")]
    assert "Regional consultations 2018" in coordinator_client.get(LIST).content.decode()


def test_enter_in_a_field_saves_rather_than_moving_a_section(coordinator_client, template):
    html = coordinator_client.get(f"/report-templates/{template.slug}/edit/").content.decode()
    form = html[html.index('<form method="post" class="stacked">') :]
    first = form.index('type="submit"')
    assert form[first:].startswith('type="submit" name="op" value="save"')


def test_saving_without_sections_or_with_a_bad_limit_is_a_form_error(coordinator_client):
    page = coordinator_client.post(NEW, {**posted(coordinator_client.get(NEW)), "title": "T"})
    assert page.status_code == 400 and "at least one section" in page.content.decode()
    data = posted(coordinator_client.post(NEW, {"title": "T", "op": "add", "new_kind": "quote"}))
    page = coordinator_client.post(NEW, {**data, "s-0-max_items": "500"})
    assert page.status_code == 400 and not ReportingTemplate.objects.exists()


def test_an_unknown_button_or_section_is_400(coordinator_client, template):
    url = f"/report-templates/{template.slug}/edit/"
    data = posted(coordinator_client.get(url))
    assert coordinator_client.post(url, {**data, "op": "explode"}).status_code == 400
    assert coordinator_client.post(url, {**data, "op": "remove-9"}).status_code == 400


def test_edit_a_template_in_use(report, rapporteur, coordinator_client):
    template = report.template
    base = section(template, SectionKind.BASELINE)
    services.report_save(
        actor=rapporteur,
        report=report,
        items=[ItemInput(section_id=base.pk, text="Rights regardless of status.")],
    )
    url = f"/report-templates/{template.slug}/edit/"
    page = coordinator_client.get(url)
    html = page.content.decode()
    assert "1 report uses this template." in html
    assert "Reports hold items here (in 1 report)" in html
    assert 'value="remove-0"' not in html and 'value="remove-1"' in html
    assert "Delete this template" not in html

    data = posted(page)
    forged = {k: v for k, v in data.items() if not k.startswith("s-")}
    rest = [i for i in range(4) if i != 0]  # post the form without the baseline section
    forged.update({"s-TOTAL_FORMS": "3", "s-INITIAL_FORMS": "3", "s-MIN_NUM_FORMS": "0"})
    for new, old in enumerate(rest):
        for name in FIELDS:
            forged[f"s-{new}-{name}"] = data[f"s-{old}-{name}"]
    refused = coordinator_client.post(url, forged)
    assert refused.status_code == 409
    assert "cannot be removed" in refused.content.decode()
    assert template.sections.count() == 4

    data["s-0-title"] = "What we consider essential"
    moved = coordinator_client.post(url, {**data, "op": "down-0"})
    saved = coordinator_client.post(url, {**posted(moved), "op": "save"})
    assert saved.status_code == 302
    base.refresh_from_db()
    assert (base.title, base.order) == ("What we consider essential", 1)
    assert report.items.get().section_id == base.pk
    edit = client_for(rapporteur).get(f"/reports/{report.slug}/edit/").content.decode()
    assert "What we consider essential" in edit


def test_copy_then_delete_the_copy(report, coordinator_client):
    copied = coordinator_client.post(f"/report-templates/{report.template.slug}/copy/")
    copy = ReportingTemplate.objects.exclude(pk=report.template.pk).get()
    assert copied.status_code == 302
    assert copied["Location"] == f"/report-templates/{copy.slug}/edit/"
    assert "Delete this template" in coordinator_client.get(copied["Location"]).content.decode()
    assert coordinator_client.post(f"/report-templates/{copy.slug}/delete/").status_code == 302
    used = coordinator_client.post(f"/report-templates/{report.template.slug}/delete/")
    assert used.status_code == 409
    assert list(ReportingTemplate.objects.all()) == [report.template]


@pytest.mark.parametrize("role", ["rapporteur", "focal_point", "member"])
def test_template_pages_are_for_coordinators_only(role, request, template):
    client = client_for(request.getfixturevalue(role))
    edit = f"/report-templates/{template.slug}/edit/"
    for url in (LIST, NEW, edit):
        assert client.get(url).status_code == 403, url
    assert client.post(NEW, {"title": "T", "op": "add"}).status_code == 403
    assert client.post(edit, {"title": "Changed"}).status_code == 403
    for action in ("copy", "delete"):
        assert client.post(f"/report-templates/{template.slug}/{action}/").status_code == 403
    assert list(ReportingTemplate.objects.values_list("title", flat=True)) == ["GFMD template"]
    assert Client().get(LIST).status_code == 302  # to the login page


def test_unknown_template_is_404(coordinator_client):
    assert coordinator_client.get("/report-templates/nope/edit/").status_code == 404


def test_template_list_query_count_does_not_grow(coordinator, coordinator_client):
    def add(n):
        services.template_create(
            actor=coordinator,
            title=f"Template {n}",
            sections=[
                SectionInput(kind="baseline", title="B"),
                SectionInput(kind="quote", title="Q"),
            ],
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = coordinator_client.get(LIST)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    add(1)
    one = count()
    add(2)
    add(3)
    assert count() == one
