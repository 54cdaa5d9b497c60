import datetime as dt

import pytest
from django.utils import timezone

from convenor.core.models import Role
from convenor.delegations import services
from convenor.delegations.models import Quota, SelectionRound
from convenor.process.models import Event, Process
from tests.conftest import make_user


@pytest.fixture
def event(db) -> Event:
    process = Process.objects.create(slug="gcm", name="GCM")
    return Event.objects.create(
        process=process,
        slug="strategy-meeting",
        title="Strategy meeting",
        kind="stocktaking",
        start_date=dt.date(2017, 12, 2),
        end_date=dt.date(2017, 12, 3),
    )


@pytest.fixture
def nominator(db):
    return make_user(Role.FOCAL_POINT, "asia-focal@example.org")


@pytest.fixture
def other_nominator(db):
    return make_user(Role.FOCAL_POINT, "women-focal@example.org")


@pytest.fixture
def round_(event, coordinator) -> SelectionRound:
    return services.round_create(
        actor=coordinator,
        event=event,
        title="Delegates",
        capacity=5,
        deadline=timezone.now() + dt.timedelta(days=7),
        slug="delegates",
    )


@pytest.fixture
def asia(round_, coordinator, nominator) -> Quota:
    return services.quota_create(
        actor=coordinator,
        round=round_,
        process_name="Asia",
        slug="asia",
        seats=2,
        max_names=4,
        coordinator=nominator,
    )


@pytest.fixture
def women(round_, coordinator, other_nominator) -> Quota:
    return services.quota_create(
        actor=coordinator,
        round=round_,
        process_name="Women",
        slug="women",
        seats=2,
        max_names=5,
        mode="nominate",
        coordinator=other_nominator,
    )


def nominate(actor, quota, *names, domain="example.org"):
    return [
        services.nomination_add(
            actor=actor,
            quota=quota,
            nominee=services.Nominee(
                name=name, email=f"{name.lower().replace(' ', '.')}@{domain}", organisation="Org"
            ),
        )
        for name in names
    ]
