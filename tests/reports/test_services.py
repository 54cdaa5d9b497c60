import pytest

from convenor.core.errors import InvalidInput, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.reports import services
from convenor.reports.language import detect_language
from convenor.reports.models import Recommendation, ReportStatus, SectionKind
from convenor.reports.services import ItemInput

from .conftest import section

pytestmark = pytest.mark.django_db


def test_report_assign_is_coordinators_only(template, event, rapporteur):
    with pytest.raises(PermissionDenied):
        services.report_assign(
            actor=rapporteur, template=template, event=event, rapporteur=rapporteur
        )


def test_report_save_turns_items_into_recommendations_with_source_attributes(report, rapporteur):
    base = section(report.template, SectionKind.BASELINE)
    mech = section(report.template, SectionKind.MECHANISM)
    services.report_save(
        actor=rapporteur,
        report=report,
        items=[
            ItemInput(section_id=base.pk, text="Firewalls between services and enforcement."),
            ItemInput(section_id=mech.pk, text="Best interest determination", horizon="2y"),
            ItemInput(section_id=base.pk, text="   "),
        ],
    )
    recs = list(report.items.order_by("order"))
    assert [r.kind for r in recs] == ["baseline", "mechanism"]
    assert recs[1].horizon == "2y"
    assert recs[0].region.slug == "asia" and recs[0].process.slug == "gcm"
    assert recs[0].event == report.event
    assert AuditEntry.objects.filter(action="reports.report.save").exists()


def test_report_save_repeated_autosave_with_same_key_creates_no_duplicate(report, rapporteur):
    base = section(report.template, SectionKind.BASELINE)
    item = ItemInput(section_id=base.pk, text="No detention of children.", key="k1")
    services.report_save(actor=rapporteur, report=report, items=[item])
    item.text = "No detention of children, ever."
    services.report_save(actor=rapporteur, report=report, items=[item])
    assert list(report.items.values_list("text", flat=True)) == ["No detention of children, ever."]


def test_quote_without_consent_drops_the_name(report, rapporteur):
    quote = section(report.template, SectionKind.QUOTE)
    services.report_save(
        actor=rapporteur,
        report=report,
        items=[
            ItemInput(
                section_id=quote.pk, text="Orderly does not mean militarised.", speaker="Ana Secret"
            ),
            ItemInput(
                section_id=quote.pk,
                text="December is our chance.",
                speaker="Named Speaker",
                speaker_consent=True,
            ),
        ],
    )
    first, second = report.items.order_by("order")
    assert first.speaker == "" and first.attribution == "anonymous"
    assert second.attribution == "Named Speaker"
    assert not Recommendation.objects.filter(speaker="Ana Secret").exists()


def test_section_max_items_is_enforced(report, rapporteur):
    question = section(report.template, SectionKind.QUESTION)
    items = [ItemInput(section_id=question.pk, text=f"Question {i} here?") for i in range(3)]
    with pytest.raises(Unprocessable):
        services.report_save(actor=rapporteur, report=report, items=items)
    assert report.items.count() == 0


def test_other_rapporteur_cannot_edit(report, db):
    from tests.conftest import make_user

    other = make_user("rapporteur", "other@example.org")
    with pytest.raises(PermissionDenied):
        services.report_save(actor=other, report=report, items=[])


def test_review_cycle_submit_return_publish(report, rapporteur, coordinator):
    base = section(report.template, SectionKind.BASELINE)
    with pytest.raises(Unprocessable):
        services.report_submit(actor=rapporteur, report=report)
    services.report_save(
        actor=rapporteur,
        report=report,
        items=[ItemInput(section_id=base.pk, text="Rights for all.")],
    )
    services.report_submit(actor=rapporteur, report=report)
    assert report.status == ReportStatus.SUBMITTED
    with pytest.raises(Unprocessable):
        services.report_save(actor=rapporteur, report=report, items=[])
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=rapporteur, report=report)
    with pytest.raises(InvalidInput):
        services.report_return(actor=coordinator, report=report, comment=" ")
    services.report_return(actor=coordinator, report=report, comment="Add the mechanisms.")
    assert report.status == ReportStatus.RETURNED and report.editable
    services.report_submit(actor=rapporteur, report=report)
    services.report_publish(actor=coordinator, report=report)
    assert report.status == ReportStatus.PUBLISHED and report.published_at


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Compact must protect the rights of all migrants and their families.", "en"),
        ("Le Pacte doit protéger les droits de tous les migrants et de leurs familles.", "fr"),
        ("El Pacto debe proteger los derechos de todos los migrantes y sus familias.", "es"),
        ("", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language
