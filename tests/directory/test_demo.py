from django.apps import apps

from convenor.core.models import AuditEntry
from convenor.directory import demo
from convenor.directory.models import Committee, Membership, Organisation, Person, Region

CANONICAL_ORGANISATIONS = [
    "mfa",
    "ccrm",
    "panidmr",
    "made-afrique",
    "nnirr",
    "made",
    "icmc",
    "picum",
    "bloque-latinoamericano",
    "asylum-access-ecuador",
    "piango",
    "ccf-fiji",
    "sapmic",
    "dtp",
    "afl-cio",
    "alianza-americas",
    "solidarity-center",
    "iom",
    "icva",
    "ngo-committee-on-migration",
    "quno",
    "terre-des-hommes",
    "save-the-children",
    "wimn",
    "afford",
    "adept",
    "caritas-internationalis",
    "global-coalition-on-migration",
    "simn",
    "global-unions",
    "visions-solidaires",
    "osf",
    "un-women",
    "government-of-mexico",
    "government-of-switzerland",
]


def _row_counts() -> dict[str, int]:
    models = [
        *apps.get_app_config("directory").get_models(),
        *apps.get_app_config("core").get_models(),
    ]
    return {m._meta.label: m._default_manager.count() for m in models}


def test_demo_load_twice_changes_no_table(db):
    first = demo.load()
    before = _row_counts()
    second = demo.load()
    assert _row_counts() == before
    assert first["created"] > 0
    assert second["created"] == 0 and second["updated"] == 0


def test_demo_load_second_run_writes_no_audit_entry(db):
    demo.load()
    audits = AuditEntry.objects.count()
    demo.load()
    assert AuditEntry.objects.count() == audits


def test_demo_has_canonical_slugs(db):
    demo.load()
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert set(CANONICAL_ORGANISATIONS) <= slugs
    assert set(Region.objects.values_list("slug", flat=True)) == {
        "africa",
        "asia",
        "mena",
        "europe",
        "north-america",
        "latin-america-caribbean",
        "pacific",
        "global",
    }
    assert set(Committee.objects.values_list("slug", flat=True)) == {
        "action-committee",
        "international-steering-committee",
        "core-group",
        "inter-regional-committee",
        "multi-stakeholder-steering-committee",
    }
    people = set(Person.objects.values_list("slug", flat=True))
    assert {
        "colin-rajah",
        "wies-maas",
        "berenice-valdez-rivera",
        "ignacio-packer",
        "roula-hamati",
        "mantalin-kyrou",
        "louise-arbour",
    } <= people


def test_demo_records_name_their_source(db):
    demo.load()
    assert not Organisation.objects.filter(source="").exists()
    assert not Person.objects.filter(source="").exists()
    assert not Committee.objects.filter(source="").exists()
    assert not Membership.objects.filter(source="").exists()


def test_demo_has_one_hidden_fictional_person(db):
    demo.load()
    hidden = Person.objects.filter(do_not_publish=True)
    assert hidden.count() == 1
    assert "fictional" in hidden.get().name.lower()


def test_demo_core_group_and_focal_points(db):
    demo.load()
    core = set(
        Membership.objects.filter(
            committee__slug="core-group", organisation__isnull=False
        ).values_list("organisation__slug", flat=True)
    )
    assert {"adept", "caritas-internationalis", "icmc", "mfa", "picum", "simn"} <= core
    focal = Membership.objects.get(
        committee__slug="inter-regional-committee", organisation__slug="ccrm"
    )
    assert focal.role == "focal_point" and focal.region.slug == "mena"
    assert Membership.objects.filter(
        committee__slug="multi-stakeholder-steering-committee", organisation__slug="made"
    ).exists()
    colin = Person.objects.get(slug="colin-rajah")
    assert colin.organisation.slug == "iom" and "IOM Civil Society Liaison" in colin.role
