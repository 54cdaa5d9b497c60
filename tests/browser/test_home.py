import pytest


@pytest.mark.django_db(transaction=True)
def test_home_page_loads_and_switches_to_french(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#lang-select", "fr")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
