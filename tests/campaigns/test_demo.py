import pytest
from django.apps import apps
from django.utils import timezone

from convenor.campaigns import demo
from convenor.campaigns.models import Statement

pytestmark = pytest.mark.django_db


def _counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_demo_loads_the_three_sign_on_documents():
    demo.load()
    slugs = set(Statement.objects.values_list("slug", flat=True))
    assert slugs == {"act-now", "ten-acts", "open-letter-gcm"}
    ten_acts = Statement.objects.get(slug="ten-acts")
    assert ten_acts.closes_at.date().isoformat() == "2017-11-30"
    assert ten_acts.is_closed(timezone.now())
    assert Statement.objects.get(slug="act-now").is_closed()
    assert set(ten_acts.versions.get().texts.values_list("language", flat=True)) == {
        "en",
        "fr",
        "es",
    }


def test_demo_loading_twice_changes_nothing():
    demo.load()
    before = _counts()
    assert demo.load()["statements"] == 0
    assert _counts() == before
