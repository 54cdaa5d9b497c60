"""One date format per language on every page, and the home page's ?on= date."""

import datetime as dt

import pytest
from django.test import Client

from convenor.core.audit import audit_record
from convenor.directory.models import Committee, Membership, Organisation
from convenor.process.models import Phase, Process

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    process = Process.objects.create(slug="gcm", name="GCM", start_date=dt.date(2017, 4, 1))
    Phase.objects.create(
        process=process,
        slug="consultations",
        name="Consultations",
        order=1,
        start_date=dt.date(2017, 4, 1),
        end_date=dt.date(2017, 11, 30),
    )
    Phase.objects.create(
        process=process,
        slug="stocktaking",
        name="Stocktaking",
        order=2,
        start_date=dt.date(2017, 12, 1),
        end_date=dt.date(2018, 1, 31),
    )
    return process


def test_membership_dates_use_the_site_date_format():
    org = Organisation.objects.create(name="Migrant Forum in Asia", slug="mfa")
    committee = Committee.objects.create(name="Action Committee", slug="action-committee")
    Membership.objects.create(
        organisation=org, committee=committee, role="member", start_date=dt.date(2017, 8, 4)
    )
    body = Client().get("/organisations/mfa/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 Aug 2017" in body
    assert "2017-08-04 –" not in body
    body = Client().get("/committees/action-committee/").content.decode()
    assert "4 Aug 2017" in body


def test_home_and_process_pages_write_dates_alike(process):
    home = Client().get("/?on=2017-12-05").content.decode()
    detail = Client().get("/processes/gcm/").content.decode()
    for body in (home, detail):
        assert '<time datetime="2017-04-01">1 Apr 2017</time>' in body


def test_audit_log_uses_the_site_datetime_format(coordinator, coordinator_client):
    audit_record(actor=coordinator, action="test", target=coordinator, changes={})
    body = coordinator_client.get("/audit/").content.decode()
    today = dt.datetime.now(dt.UTC).date()
    assert f"{today.day} {today:%b} {today.year}, " in body


def test_french_pages_use_the_french_format(process):
    client = Client()
    client.cookies["django_language"] = "fr"
    body = client.get("/processes/gcm/").content.decode()
    assert "1 avril 2017" in body


def test_home_marks_the_phase_current_on_the_given_date(process):
    body = Client().get("/?on=2017-12-05").content.decode()
    assert "On 5 Dec 2017 the process was in the phase: <strong>Stocktaking</strong>" in body
    current = body.split('aria-current="step"')[1]
    assert current.split("</li>")[0].count("Stocktaking") == 1


def test_home_with_a_bad_date_is_400_naming_the_field(process):
    response = Client().get("/?on=2017-13-45")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body and 'name="on"' in body
