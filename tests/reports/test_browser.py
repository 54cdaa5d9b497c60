"""In Debian's chromium, on a phone-sized screen: a coordinator builds a reporting template
with JavaScript switched off, and imports a DOCX report, watching its progress page."""

import pytest
from django.test import Client

from convenor.core.models import Role
from convenor.reports.models import Recommendation, ReportingTemplate
from tests.browser.conftest import CHROMIUM
from tests.conftest import make_user

from .test_imports import make_docx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, live_server, request):
    """A phone-sized page of a signed-in coordinator; `request.param` says whether JS runs."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=request.param, locale="en-GB")
    client = Client()
    client.force_login(make_user(Role.COORDINATOR, "boss@example.org"))
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("phone", [False], indirect=True, ids=["no-js"])
def test_coordinator_builds_a_template_on_a_phone_without_javascript(live_server, phone):
    page = phone
    page.goto(live_server.url + "/report-templates/new/")
    page.get_by_label("Title").fill("Regional consultations 2018")
    page.get_by_label("Kind of the new section").select_option("baseline")
    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Kind of the new section").select_option("question")
    page.get_by_role("button", name="Add a section").click()
    page.locator("#id_s-1-title").fill("Two questions to governments")
    page.locator("#id_s-1-max_items").fill("2")
    page.get_by_role("button", name="Move up: section 2").click()
    assert page.locator("#id_s-0-title").input_value() == "Two questions to governments"
    assert fits_the_screen(page)
    page.get_by_role("button", name="Save the template", exact=True).last.click()
    page.wait_for_url("**/report-templates/")
    assert "Regional consultations 2018" in page.content()
    template = ReportingTemplate.objects.get()
    got = [(s.kind, s.title, s.max_items) for s in template.sections.all()]
    assert got == [("question", "Two questions to governments", 2), ("baseline", "Baselines", 0)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("phone", [True], indirect=True, ids=["js"])
def test_coordinator_imports_a_docx_and_sees_the_result(live_server, phone, tmp_path):
    page = phone
    path = tmp_path / "report.docx"
    path.write_bytes(make_docx())
    page.goto(live_server.url + "/recommendations/import/")
    page.get_by_label("File (CSV, XLSX, DOCX or PDF)").set_input_files(str(path))
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("3 recommendations imported.").wait_for()
    assert "/recommendations/import/" in page.url and fits_the_screen(page)
    assert Recommendation.objects.count() == 3
