import pytest

from convenor.framework.models import Framework, FrameworkItem, Position, Tag


def make_item(framework, code, *, parent=None, kind="goal", tags=(), **extra):
    item = FrameworkItem.objects.create(
        framework=framework,
        code=code,
        parent=parent,
        kind=kind,
        title=extra.pop("title", f"Item {code}"),
        **extra,
    )
    for slug in tags:
        tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": slug.capitalize()})
        item.tags.add(tag)
    return item


def make_position(slug, *, kind="baseline", items=(), **extra):
    position = Position.objects.create(
        slug=slug, kind=kind, title=extra.pop("title", slug.replace("-", " ")), **extra
    )
    position.items.set(items)
    return position


@pytest.fixture
def framework(db):
    return Framework.objects.create(slug="acts", title="The Acts", short_title="Acts")


@pytest.fixture
def other_framework(db):
    return Framework.objects.create(slug="goals", title="The Goals")


@pytest.fixture
def acts(framework):
    """Act 3 with 3.3, 3.6 (urgent, children) and 3.10; Act 10; Act 2."""
    act3 = make_item(framework, "3", tags=["women"])
    items = {
        "3": act3,
        "3.3": make_item(framework, "3.3", parent=act3, kind="target"),
        "3.6": make_item(
            framework,
            "3.6",
            parent=act3,
            kind="target",
            urgent=True,
            horizon="immediate",
            tags=["children"],
        ),
        "3.10": make_item(framework, "3.10", parent=act3, kind="target"),
        "10": make_item(framework, "10"),
        "2": make_item(framework, "2", horizon="year", target_year=2030),
    }
    return items
