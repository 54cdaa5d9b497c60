"""In Debian's chromium: a rapporteur files a report; a coordinator maps the
recommendations and opens the convergence matrix."""

import datetime as dt

import pytest
from django.test import Client

from convenor.core.models import Role
from convenor.reports import services as report_services
from convenor.reports.models import ReportingTemplate, SectionKind, TemplateSection
from tests.browser.conftest import CHROMIUM
from tests.conftest import make_user

from .conftest import ITEMS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


def _login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.django_db(transaction=True)
def test_rapporteur_files_a_report_and_coordinator_opens_the_matrix(
    live_server,
    page,
):
    from convenor.directory.models import Region
    from convenor.framework.models import Framework, FrameworkItem
    from convenor.process.models import Event, Process

    coordinator = make_user(Role.COORDINATOR, "boss@example.org")
    rapporteur = make_user(Role.RAPPORTEUR, "rapporteur@example.org")
    process = Process.objects.create(slug="gcm", name="GCM")
    event = Event.objects.create(
        process=process,
        slug="rcsc-asia",
        title="Consultation Asia",
        kind="regional_consultation",
        start_date=dt.date(2017, 9, 1),
        end_date=dt.date(2017, 9, 2),
        region=Region.objects.create(slug="asia", name="Asia"),
    )
    framework = Framework.objects.create(slug="gcm-objectives", title="GCM objectives")
    for code, (title, description) in ITEMS.items():
        FrameworkItem.objects.create(
            framework=framework, code=code, kind="objective", title=title, description=description
        )
    template = ReportingTemplate.objects.create(slug="t", title="Template")
    TemplateSection.objects.create(template=template, kind=SectionKind.BASELINE, title="Baselines")
    TemplateSection.objects.create(
        template=template, kind=SectionKind.QUOTE, title="Quotes", order=1
    )
    report = report_services.report_assign(
        actor=coordinator, template=template, event=event, rapporteur=rapporteur
    )

    _login(page, live_server, rapporteur)
    page.goto(f"{live_server.url}/reports/{report.slug}/edit/")
    boxes = page.locator("textarea")
    boxes.nth(0).fill("End immigration detention of children; use alternatives to detention.")
    boxes.nth(1).fill("Migrants need access to health care and education regardless of status.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    assert "Draft saved" in page.locator("main").inner_text()
    page.get_by_role("button", name="Submit the report").click()
    page.wait_for_load_state()
    assert "Submitted" in page.locator("main").inner_text()

    _login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/convergence/")
    page.select_option("select[name=framework]", "gcm-objectives")
    page.get_by_role("button", name="Start the mapping").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/convergence/")
    page.locator("a[href^='/convergence/mapping/']").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Matrix").click()
    page.wait_for_load_state()
    table = page.locator("table.heat")
    assert "Asia" in table.inner_text()
    assert "13. Use immigration detention" in table.inner_text()
