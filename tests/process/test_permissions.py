"""Who may write what: coordinators everything; focal points events and documents (create,
update); rapporteurs create documents; members and anonymous visitors only read."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from convenor.core.errors import PermissionDenied
from convenor.process import services

from .conftest import make_document, make_event, make_news

D = datetime.date
ROLES = ["coordinator", "focal_point", "rapporteur", "member", "anonymous"]


def _actor(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def _attempt(fn) -> bool:
    try:
        fn()
    except PermissionDenied:
        return False
    return True


WRITES = {
    "process_create": lambda a, p: services.process_create(actor=a, name="New process"),
    "process_update": lambda a, p: services.process_update(actor=a, process=p, data={"name": "x"}),
    "process_delete": lambda a, p: services.process_delete(actor=a, process=p),
    "phase_create": lambda a, p: services.phase_create(
        actor=a, process=p, name="Phase", start_date=D(2017, 1, 1)
    ),
    "event_create": lambda a, p: services.event_create(
        actor=a, process=p, title="E", kind="webinar", start_date=D(2017, 1, 1)
    ),
    "event_update": lambda a, p: services.event_update(
        actor=a, event=make_event(p), data={"city": "Quito"}
    ),
    "event_delete": lambda a, p: services.event_delete(actor=a, event=make_event(p)),
    "document_create": lambda a, p: services.document_create(
        actor=a, title="D", kind="report", url="https://ex.org/d"
    ),
    "document_update": lambda a, p: services.document_update(
        actor=a, document=make_document(), data={"title": "x"}
    ),
    "document_delete": lambda a, p: services.document_delete(actor=a, document=make_document()),
    "news_create": lambda a, p: services.news_create(actor=a, title="N"),
    "news_update": lambda a, p: services.news_update(
        actor=a, item=make_news(), data={"title": "x"}
    ),
    "news_delete": lambda a, p: services.news_delete(actor=a, item=make_news()),
}

ALLOWED = {
    "coordinator": set(WRITES),
    "focal_point": {"event_create", "event_update", "document_create", "document_update"},
    "rapporteur": {"document_create"},
    "member": set(),
    "anonymous": set(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_write_permission_per_role(request, process, role, write):
    actor = _actor(request, role)
    assert _attempt(lambda: WRITES[write](actor, process)) == (write in ALLOWED[role])
