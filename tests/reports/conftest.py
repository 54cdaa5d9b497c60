import datetime as dt

import pytest

from convenor.directory.models import Region
from convenor.process.models import Event, Process
from convenor.reports.models import ReportingTemplate, SectionKind, TemplateSection


@pytest.fixture
def event(db) -> Event:
    process = Process.objects.create(slug="gcm", name="GCM process")
    region = Region.objects.create(slug="asia", name="Asia")
    return Event.objects.create(
        process=process,
        slug="rcsc-asia",
        title="Regional consultation Asia",
        kind="regional_consultation",
        start_date=dt.date(2017, 9, 1),
        end_date=dt.date(2017, 9, 2),
        region=region,
    )


@pytest.fixture
def template(db) -> ReportingTemplate:
    template = ReportingTemplate.objects.create(slug="gfmd", title="GFMD template")
    for order, kind in enumerate(
        [SectionKind.BASELINE, SectionKind.MECHANISM, SectionKind.QUOTE, SectionKind.QUESTION]
    ):
        TemplateSection.objects.create(
            template=template,
            kind=kind,
            title=str(SectionKind(kind).label),
            order=order,
            max_items=2 if kind == SectionKind.QUESTION else 0,
        )
    return template


def section(template, kind):
    return template.sections.get(kind=kind)


@pytest.fixture
def report(template, event, coordinator, rapporteur):
    from convenor.reports import services

    return services.report_assign(
        actor=coordinator, template=template, event=event, rapporteur=rapporteur, session="Room A"
    )
