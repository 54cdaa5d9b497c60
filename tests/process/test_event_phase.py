"""An event's phase contains its start date; without a phase, the date chooses it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from convenor.core.errors import Unprocessable
from convenor.process import services
from convenor.process.models import Event

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_phase_that_does_not_contain_the_start_date_is_refused(coordinator, process, phases):
    with pytest.raises(Unprocessable) as caught:
        services.event_create(
            actor=coordinator,
            process=process,
            title="A 2019 meeting",
            kind="other",
            start_date=D(2019, 3, 1),
            phase=phases["consultations"],
        )
    assert caught.value.field == "phase"
    assert not Event.objects.exists()


def test_without_a_phase_the_start_date_chooses_it(coordinator, process, phases):
    event = services.event_create(
        actor=coordinator, process=process, title="Later", kind="other", start_date=D(2019, 3, 1)
    )
    assert event.phase == phases["implementation"]


def test_moving_an_event_out_of_its_phase_is_refused(coordinator, process, phases):
    event = services.event_create(
        actor=coordinator, process=process, title="Bangkok", kind="other", start_date=D(2017, 9, 6)
    )
    with pytest.raises(Unprocessable) as caught:
        services.event_update(
            actor=coordinator, event=event, data={"start_date": D(2018, 3, 1), "end_date": None}
        )
    assert caught.value.field == "phase"


def test_api_answers_422_naming_the_phase(auth_header, process, phases):
    payload = {
        "process": "gcm",
        "phase": "consultations",
        "title": "Late",
        "kind": "other",
        "start_date": "2019-05-01",
    }
    response = Client().post(
        "/api/v1/events", payload, content_type="application/json", headers=auth_header
    )
    assert response.status_code == 422
    assert response.json()["field"] == "phase"


def test_event_page_form_shows_the_phase_error(coordinator_client, process, phases):
    response = coordinator_client.post(
        reverse("process:event_create"),
        {
            "title": "Late",
            "process": "gcm",
            "phase": phases["consultations"].pk,
            "kind": "other",
            "start_date": "2019-05-01",
        },
    )
    assert response.status_code == 400
    assert "outside this phase" in response.content.decode()
