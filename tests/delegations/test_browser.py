"""In Debian's chromium: a nominator enters names; a coordinator runs the selection and then
the small-table assignment."""

import datetime as dt

import pytest
from django.test import Client

from convenor.core.models import Role
from convenor.delegations import services
from convenor.meetings import services as meeting_services
from convenor.meetings.models import SmallTable
from tests.browser.conftest import CHROMIUM
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


def _login(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.django_db(transaction=True)
def test_nominator_enters_names_and_coordinator_runs_selection_and_tables(
    live_server,
    page,
):
    from convenor.process.models import Event, Process

    coordinator = make_user(Role.COORDINATOR, "boss@example.org")
    nominator = make_user(Role.FOCAL_POINT, "asia@example.org")
    process = Process.objects.create(slug="gcm", name="GCM")
    event = Event.objects.create(
        process=process,
        slug="pv",
        title="PV meeting",
        kind="stocktaking",
        start_date=dt.date(2017, 12, 2),
        end_date=dt.date(2017, 12, 3),
    )
    round_ = services.round_create(
        actor=coordinator, event=event, title="Delegates", capacity=4, slug="delegates"
    )
    services.quota_create(
        actor=coordinator,
        round=round_,
        process_name="Asia",
        slug="asia",
        seats=2,
        max_names=3,
        coordinator=nominator,
    )

    _login(page, live_server, nominator)
    page.goto(f"{live_server.url}/delegations/delegates/quotas/asia/")
    for name in ("Ai Lin", "Bo Chen", "Cy Das"):
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("E-mail").fill(name.lower().replace(" ", ".") + "@example.org")
        page.get_by_role("button", name="Add").click()
        page.wait_for_load_state()
    rows = page.locator("tbody tr")
    assert rows.count() == 3
    assert "Ai Lin" in rows.nth(0).inner_text()

    _login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/delegations/delegates/")
    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Run the selection").click()
    page.wait_for_load_state()
    assert "/tasks/" in page.url
    run = round_.runs.get()
    page.goto(f"{live_server.url}/delegations/runs/{run.pk}/")
    body = page.content()
    assert "optimal" in body and "Ai Lin" in body and "Bo Chen" in body
    assert "Cy Das" in page.locator("h2:has-text('waiting list') + table").inner_text()

    meeting = meeting_services.meeting_ensure(actor=coordinator, event=event, capacity=20)
    for n in (1, 2):
        SmallTable.objects.create(meeting=meeting, number=n, name=f"Table {n}", max_size=4)
    for i in range(4):
        r = meeting_services.registration_create(
            actor=None, meeting=meeting, name=f"Participant {i}", email=f"p{i}@example.org"
        )
        meeting_services.registration_decide(actor=coordinator, registration=r, status="accepted")
    page.goto(f"{live_server.url}/meetings/pv/tables/")
    page.get_by_label("Time limit (seconds)").fill("3")
    page.get_by_role("button", name="Run the table assignment").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/meetings/pv/tables/")
    assert page.get_by_role("heading", name="Current plan").is_visible()
    assert page.get_by_role("heading", name="Round 2").is_visible()
