import datetime as dt

import pytest

from convenor.framework.models import Framework, FrameworkItem
from convenor.meetings import services
from convenor.meetings.models import Meeting, ProgrammeDay, Session, SmallTable
from convenor.process.models import Event, Process


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
def acts(db) -> list[FrameworkItem]:
    framework = Framework.objects.create(slug="ten-acts", title="Ten Acts")
    return [
        FrameworkItem.objects.create(
            framework=framework, code=str(n), kind="goal", title=f"Act {n}"
        )
        for n in (2, 3)
    ]


@pytest.fixture
def meeting(event, coordinator) -> Meeting:
    return services.meeting_ensure(actor=coordinator, event=event, capacity=3)


@pytest.fixture
def parallel(meeting, acts) -> list[Session]:
    day = ProgrammeDay.objects.create(meeting=meeting, date=dt.date(2017, 12, 2), title="Day 1")
    sessions = []
    for item in acts:
        s = Session.objects.create(
            day=day,
            slug=f"act-{item.code}",
            kind="parallel",
            title=f"ACT {item.code}",
            start_time=dt.time(14, 30),
            end_time=dt.time(17, 0),
        )
        s.themes.add(item)
        sessions.append(s)
    return sessions


@pytest.fixture
def tables(meeting, acts, coordinator) -> list[SmallTable]:
    return [
        services.table_create(
            actor=coordinator,
            meeting=meeting,
            number=n,
            name=f"Act {item.code}",
            theme=item,
            max_size=4,
            max_gov=2,
        )
        for n, item in enumerate(acts, start=1)
    ]


def register(meeting, name, **kwargs):
    kwargs.setdefault("email", f"{name.lower().replace(' ', '.')}@example.org")
    return services.registration_create(actor=None, meeting=meeting, name=name, **kwargs)
