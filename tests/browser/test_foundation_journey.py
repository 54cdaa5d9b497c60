"""The coordinator's first visit: home page, French, a regional consultation, its calendar entry."""

import pytest
from icalendar import Calendar


@pytest.fixture
def demo_data(transactional_db):
    from convenor.directory import demo as directory_demo
    from convenor.framework import demo as framework_demo
    from convenor.process import demo as process_demo

    directory_demo.load(actor=None)
    framework_demo.load(actor=None)
    process_demo.load(actor=None)


def test_visitor_reads_a_regional_consultation_in_french_and_downloads_its_calendar(
    live_server, page, demo_data, tmp_path
):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).count() >= 1

    page.select_option("#lang-select", "fr")
    page.locator("form.lang button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"

    page.locator("nav a[href='/events/']").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    page.select_option("select[name=kind]", "regional_consultation")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "kind=regional_consultation" in page.url
    rows = page.locator("a[href^='/events/rcsc-']")
    assert rows.count() == 7

    page.locator("a[href='/events/rcsc-asia-2017/']").first.click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "Bangkok" in body
    assert "Migrant Forum in Asia" in body

    with page.expect_download() as download_info:
        page.locator("a[href='/events/rcsc-asia-2017/calendar.ics']").click()
    target = tmp_path / "event.ics"
    download_info.value.save_as(target)
    calendar = Calendar.from_ical(target.read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    assert str(events[0]["DTSTART"].dt) == "2017-08-04"
    assert "Bangkok" in str(events[0]["LOCATION"])
