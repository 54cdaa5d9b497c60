import datetime as dt

import pytest

from convenor.directory.models import Region
from convenor.framework.models import Framework, FrameworkItem
from convenor.process.models import Event, Process
from convenor.reports.models import Recommendation

ITEMS = {
    "1": ("Collect and utilize accurate data", "Data and evidence for policies."),
    "13": ("Use immigration detention only as a last resort", "Alternatives to detention."),
    "15": ("Provide access to basic services for migrants", "Health, education, firewalls."),
    "18": ("Invest in skills development", "Recognition of skills and qualifications."),
}

TEXTS = [
    ("asia", "End immigration detention of children and work towards alternatives to detention."),
    ("asia", "Migrants must have access to health care and education regardless of status."),
    ("africa", "No detention of migrants for immigration purposes; use alternatives."),
    ("africa", "Access to basic services such as health and education for all migrants."),
    ("europe", "Firewalls between public services and immigration enforcement."),
    ("europe", "Stop the detention of children for immigration purposes."),
]


@pytest.fixture
def framework(db) -> Framework:
    framework = Framework.objects.create(slug="gcm-objectives", title="GCM objectives")
    for order, (code, (title, description)) in enumerate(ITEMS.items()):
        FrameworkItem.objects.create(
            framework=framework,
            code=code,
            kind="objective",
            title=title,
            description=description,
            order=order,
        )
    return framework


@pytest.fixture
def recommendations(db) -> list[Recommendation]:
    process = Process.objects.create(slug="gcm", name="GCM")
    out = []
    for i, (region_slug, text) in enumerate(TEXTS):
        region, _ = Region.objects.get_or_create(
            slug=region_slug, defaults={"name": region_slug.title()}
        )
        event, _ = Event.objects.get_or_create(
            slug=f"rcsc-{region_slug}",
            defaults={
                "process": process,
                "title": f"Consultation {region_slug}",
                "kind": "regional_consultation",
                "start_date": dt.date(2017, 9, 1),
                "end_date": dt.date(2017, 9, 2),
                "region": region,
            },
        )
        out.append(
            Recommendation.objects.create(
                text=text, event=event, region=region, process=process, order=i
            )
        )
    return out


@pytest.fixture(autouse=True)
def _run_tasks_at_once(monkeypatch):
    """Tests run inside one transaction: run the enqueued work at once instead of on commit."""
    from convenor.convergence import services

    monkeypatch.setattr(services.transaction, "on_commit", lambda fn, *a, **k: fn())
