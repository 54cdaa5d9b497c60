"""Reporting template services: create, edit in place without breaking reports, copy, delete."""

import pytest
from django.db.models import ProtectedError

from convenor.core.errors import Conflict, InvalidInput, PermissionDenied
from convenor.core.models import AuditEntry
from convenor.reports import services
from convenor.reports.models import ReportingTemplate, SectionKind, TemplateSection
from convenor.reports.services import ItemInput, SectionInput

from .conftest import section

pytestmark = pytest.mark.django_db

GFMD = [
    SectionInput(kind="baseline", title="Key baselines", help_text="Non-negotiables."),
    SectionInput(kind="mechanism", title="Mechanisms and their timeline"),
    SectionInput(kind="question", title="Two questions to governments", max_items=2),
]


def inputs(template) -> list[SectionInput]:
    """The template's sections as the edit page would post them back unchanged."""
    return [
        SectionInput(
            id=s.pk, kind=s.kind, title=s.title, help_text=s.help_text, max_items=s.max_items
        )
        for s in template.sections.all()
    ]


def fill(report, rapporteur, kind, *texts):
    target = section(report.template, kind)
    services.report_save(
        actor=rapporteur,
        report=report,
        items=[
            ItemInput(id=r.pk, section_id=r.section_id, text=r.text)
            for r in report.items.exclude(section=target)
        ]
        + [ItemInput(section_id=target.pk, text=t) for t in texts],
    )


def update(template, coordinator, sections, title=None):
    return services.template_update(
        actor=coordinator, template=template, title=title or template.title, sections=sections
    )


def test_template_create_keeps_sections_in_order_with_limits(coordinator):
    template = services.template_create(
        actor=coordinator, title=" GFMD 2017 ", description="Civil Society Days", sections=GFMD
    )
    assert template.slug == "gfmd-2017" and template.title == "GFMD 2017"
    got = [(s.kind, s.title, s.max_items, s.order) for s in template.sections.all()]
    assert got == [
        ("baseline", "Key baselines", 0, 0),
        ("mechanism", "Mechanisms and their timeline", 0, 1),
        ("question", "Two questions to governments", 2, 2),
    ]
    assert AuditEntry.objects.filter(action="reports.template.create", actor=coordinator).exists()


def test_a_section_without_heading_takes_its_kinds_name(coordinator):
    template = services.template_create(
        actor=coordinator, title="T", sections=[SectionInput(kind="red_line", title=" ")]
    )
    assert template.sections.get().title == "Red lines"


@pytest.mark.parametrize(
    ("title", "sections", "field"),
    [
        ("", GFMD, "title"),
        ("GFMD\x00", GFMD, "title"),
        ("T", [SectionInput(kind="baseline", title="B", help_text="\x00")], "title"),
        ("x" * 301, GFMD, "title"),
        ("T", [], "sections"),
        ("T", [SectionInput(kind="poem", title="Poems")], "sections"),
        ("T", [SectionInput(kind="question", title="Q", max_items=101)], "sections"),
        ("T", [SectionInput(kind="question", title="Q", max_items=-1)], "sections"),
        ("T", [SectionInput(kind="baseline", title="B", help_text="x" * 2001)], "sections"),
        ("T", [SectionInput(kind="baseline", title="B")] * 31, "sections"),
    ],
)
def test_template_create_refuses_bad_input(coordinator, title, sections, field):
    with pytest.raises(InvalidInput) as error:
        services.template_create(actor=coordinator, title=title, sections=sections)
    assert error.value.field == field
    assert not ReportingTemplate.objects.exists()


def test_template_create_with_a_taken_or_bad_slug(coordinator):
    services.template_create(actor=coordinator, title="A", sections=GFMD, slug="gfmd")
    with pytest.raises(Conflict) as error:
        services.template_create(actor=coordinator, title="B", sections=GFMD, slug="gfmd")
    assert error.value.field == "slug" and error.value.status == 409
    with pytest.raises(InvalidInput):
        services.template_create(actor=coordinator, title="B", sections=GFMD, slug="no spaces")
    assert ReportingTemplate.objects.count() == 1


@pytest.mark.parametrize("role", ["rapporteur", "focal_point", "member"])
def test_template_services_are_for_coordinators_only(role, request, template):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.template_create(actor=user, title="T", sections=GFMD)
    with pytest.raises(PermissionDenied):
        update(template, user, inputs(template), title="Changed")
    with pytest.raises(PermissionDenied):
        services.template_copy(actor=user, template=template)
    with pytest.raises(PermissionDenied):
        services.template_delete(actor=user, template=template)
    assert ReportingTemplate.objects.get().title == "GFMD template"


def test_update_rewords_reorders_adds_and_keeps_items_with_their_section(
    report, rapporteur, coordinator
):
    fill(report, rapporteur, SectionKind.BASELINE, "Rights regardless of status.")
    template = report.template
    sections = inputs(template)
    sections[0].title = "What we consider essential"
    sections[0].help_text = "Non-negotiables."
    sections.reverse()
    sections.append(SectionInput(kind="strategic_step", title="Next steps"))
    update(template, coordinator, sections, title="GFMD 2017, revised")
    template.refresh_from_db()
    got = [(s.kind, s.title, s.order) for s in template.sections.all()]
    assert got[0] == ("question", "Questions to governments", 0)
    assert got[3] == ("baseline", "What we consider essential", 3)
    assert got[4] == ("strategic_step", "Next steps", 4)
    item = report.items.get()
    assert item.section.title == "What we consider essential" and item.kind == "baseline"
    entry = AuditEntry.objects.get(action="reports.template.update")
    assert entry.changes["title"] == ["GFMD template", "GFMD 2017, revised"]


def test_update_may_remove_or_retype_a_section_no_report_has_filled(report, coordinator):
    template = report.template
    sections = [s for s in inputs(template) if s.kind != SectionKind.QUOTE]
    sections[0].kind = SectionKind.RED_LINE  # the baseline section is still empty
    update(template, coordinator, sections)
    assert [s.kind for s in template.sections.all()] == ["red_line", "mechanism", "question"]


def test_update_refuses_to_remove_a_section_that_holds_items(report, rapporteur, coordinator):
    fill(report, rapporteur, SectionKind.QUOTE, "We need a long-term vision.")
    template = report.template
    sections = [s for s in inputs(template) if s.kind != SectionKind.QUOTE]
    sections[0].title = "Renamed in the same request"
    with pytest.raises(Conflict) as error:
        update(template, coordinator, sections)
    assert error.value.status == 409 and error.value.code == "template_in_use"
    assert "“Quotes” holds items in 1 report, so it cannot be removed" in error.value.detail
    assert template.sections.count() == 4  # nothing of the request was applied
    assert not template.sections.filter(title="Renamed in the same request").exists()
    assert report.items.get().section.kind == SectionKind.QUOTE


def test_update_refuses_to_change_the_kind_of_a_section_that_holds_items(
    report, rapporteur, coordinator
):
    fill(report, rapporteur, SectionKind.BASELINE, "Firewalls.")
    sections = inputs(report.template)
    sections[0].kind = SectionKind.RED_LINE
    with pytest.raises(Conflict) as error:
        update(report.template, coordinator, sections)
    assert "its kind cannot change" in error.value.detail
    assert section(report.template, SectionKind.BASELINE).kind == "baseline"


def test_update_refuses_a_limit_below_what_a_report_holds(report, rapporteur, coordinator):
    fill(report, rapporteur, SectionKind.QUESTION, "Question one?", "Question two?")
    sections = inputs(report.template)
    question = next(s for s in sections if s.kind == SectionKind.QUESTION)
    question.max_items = 1
    with pytest.raises(Conflict) as error:
        update(report.template, coordinator, sections)
    assert "cannot be lower than 2" in error.value.detail
    question.max_items = 3  # raising it is fine, and so is 0 (no limit)
    update(report.template, coordinator, sections)
    question.max_items = 0
    update(report.template, coordinator, sections)
    assert section(report.template, SectionKind.QUESTION).max_items == 0


def test_update_refuses_sections_of_another_template_or_twice_the_same(template, coordinator):
    other = services.template_create(actor=coordinator, title="Other", sections=GFMD)
    stranger = inputs(other)[0]
    with pytest.raises(InvalidInput):
        update(template, coordinator, [*inputs(template), stranger])
    twice = inputs(template)
    with pytest.raises(InvalidInput):
        update(template, coordinator, [*twice, twice[0]])
    assert other.sections.count() == 3 and template.sections.count() == 4


def test_a_section_that_holds_items_is_protected_in_the_database(report, rapporteur):
    """Even outside the service (the admin, a script), removing it fails."""
    fill(report, rapporteur, SectionKind.BASELINE, "Firewalls.")
    with pytest.raises(ProtectedError):
        TemplateSection.objects.filter(kind=SectionKind.BASELINE).delete()


def test_copy_is_independent_of_the_original(report, rapporteur, coordinator):
    fill(report, rapporteur, SectionKind.QUOTE, "We need a long-term vision.")
    copy = services.template_copy(actor=coordinator, template=report.template)
    assert copy.title == "GFMD template (copy)" and copy.slug != report.template.slug
    assert [s.kind for s in copy.sections.all()] == [s.kind for s in report.template.sections.all()]
    # The copy is not in use: its quote section may go.
    update(copy, coordinator, [s for s in inputs(copy) if s.kind != SectionKind.QUOTE])
    assert report.template.sections.count() == 4 and copy.sections.count() == 3
    assert AuditEntry.objects.filter(action="reports.template.copy").exists()


def test_delete_only_an_unused_template(report, coordinator):
    with pytest.raises(Conflict) as error:
        services.template_delete(actor=coordinator, template=report.template)
    assert "1 report uses this template" in error.value.detail
    spare = services.template_create(actor=coordinator, title="Spare", sections=GFMD)
    services.template_delete(actor=coordinator, template=spare)
    assert list(ReportingTemplate.objects.values_list("slug", flat=True)) == ["gfmd"]
    assert not TemplateSection.objects.filter(template_id=spare.pk).exists()
    assert AuditEntry.objects.filter(action="reports.template.delete").exists()


def test_section_usage_counts_items_reports_and_the_most_in_one(
    report, rapporteur, coordinator, template, event
):
    fill(report, rapporteur, SectionKind.QUESTION, "One?", "Two?")
    second = services.report_assign(
        actor=coordinator, template=template, event=event, rapporteur=rapporteur
    )
    fill(second, rapporteur, SectionKind.QUESTION, "Three?")
    usage = services.template_section_usage(template)
    got = usage[section(template, SectionKind.QUESTION).pk]
    assert (got.items, got.reports, got.most) == (3, 2, 2)
    assert section(template, SectionKind.BASELINE).pk not in usage
