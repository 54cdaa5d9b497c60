import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convenor.core.errors import Conflict, InvalidInput, PermissionDenied, Unprocessable
from convenor.core.models import AuditEntry
from convenor.process import services
from convenor.process.models import Document, Event, EventOrganisation

from .conftest import make_document, make_event, make_org, make_person

D = datetime.date
PDF = b"%PDF-1.4\n%test\n"


@pytest.mark.django_db
def test_process_create_audits_and_makes_a_slug(coordinator):
    process = services.process_create(actor=coordinator, name="Global Compact", short_name="GCM")
    assert process.slug == "gcm"
    assert AuditEntry.objects.filter(action="process.create", actor=coordinator).count() == 1


@pytest.mark.django_db
def test_process_create_end_before_start_is_unprocessable_naming_end_date(coordinator):
    with pytest.raises(Unprocessable) as exc:
        services.process_create(
            actor=coordinator, name="X", start_date=D(2018, 1, 2), end_date=D(2018, 1, 1)
        )
    assert exc.value.field == "end_date"


@pytest.mark.django_db
def test_process_create_duplicate_slug_conflicts(coordinator, process):
    with pytest.raises(Conflict):
        services.process_create(actor=coordinator, name="Again", slug=process.slug)


@pytest.mark.django_db
def test_process_update_records_changes(coordinator, process):
    services.process_update(actor=coordinator, process=process, data={"short_name": "GCM"})
    entry = AuditEntry.objects.get(action="process.update")
    assert entry.changes == {"short_name": ["", "GCM"]}


@pytest.mark.django_db
def test_process_update_unknown_field_is_unprocessable(coordinator, process):
    with pytest.raises(Unprocessable) as exc:
        services.process_update(actor=coordinator, process=process, data={"slug": "x"})
    assert exc.value.field == "slug"


@pytest.mark.django_db
def test_phase_create_rejects_end_before_start(coordinator, process):
    with pytest.raises(Unprocessable) as exc:
        services.phase_create(
            actor=coordinator,
            process=process,
            name="Late",
            start_date=D(2018, 5, 1),
            end_date=D(2018, 4, 1),
        )
    assert exc.value.field == "end_date"


@pytest.mark.django_db
def test_phase_update_and_delete_audit(coordinator, phases):
    phase = phases["negotiations"]
    services.phase_update(actor=coordinator, phase=phase, data={"name": "Negotiation"})
    services.phase_delete(actor=coordinator, phase=phase)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"phase.update", "phase.delete"} <= actions


@pytest.mark.django_db
def test_event_create_defaults_phase_end_date_and_anchors(focal_point, process, phases):
    mfa, person = make_org("mfa"), make_person("colin-rajah")
    event = services.event_create(
        actor=focal_point,
        process=process,
        title="Asia consultation",
        kind="regional_consultation",
        start_date=D(2017, 8, 4),
        anchors=[mfa],
        focal_points=[person],
        city="Bangkok",
        country="TH",
    )
    assert event.phase == phases["consultations"]
    assert event.end_date == event.start_date
    assert event.slug == "asia-consultation-2017"
    assert list(event.organisations.all()) == [mfa]
    assert list(event.focal_points.all()) == [person]
    assert AuditEntry.objects.filter(action="event.create", target_id=str(event.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"end_date": D(2017, 8, 3)}, "end_date"),
        ({"kind": "party"}, "kind"),
        ({"title": "  "}, "title"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"country": "XX"}, "country"),
        ({"url": "not a url"}, "url"),
        ({"slug": "new"}, "slug"),
        ({"start_time": datetime.time(10), "end_time": datetime.time(9)}, "end_time"),
    ],
)
def test_event_create_invalid_input_names_the_field(coordinator, process, extra, field):
    args = {"title": "T", "kind": "webinar", "start_date": D(2017, 8, 4), **extra}
    with pytest.raises(Unprocessable) as exc:
        services.event_create(actor=coordinator, process=process, **args)
    assert exc.value.field == field
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_event_update_replaces_anchors_and_audits_them(coordinator, process):
    event = make_event(process, anchors=[make_org("mfa")])
    services.event_update(
        actor=coordinator,
        event=event,
        data={"city": "Bangkok"},
        anchors=[(make_org("ccrm"), "technical_focal_point")],
    )
    link = EventOrganisation.objects.get(event=event)
    assert (link.organisation.slug, link.role) == ("ccrm", "technical_focal_point")
    entry = AuditEntry.objects.get(action="event.update")
    assert entry.changes["organisations"] == [["mfa"], ["ccrm"]]
    assert "city" in entry.changes


@pytest.mark.django_db
def test_event_update_end_before_start_is_unprocessable(coordinator, process):
    event = make_event(process)
    with pytest.raises(Unprocessable) as exc:
        services.event_update(actor=coordinator, event=event, data={"end_date": D(2000, 1, 1)})
    assert exc.value.field == "end_date"


@pytest.mark.django_db
def test_event_delete_by_coordinator_audits(coordinator, process):
    event = make_event(process)
    services.event_delete(actor=coordinator, event=event)
    assert not Event.objects.exists()
    assert AuditEntry.objects.filter(action="event.delete").count() == 1


@pytest.mark.django_db
def test_document_create_with_url_joins_translation_group(rapporteur, process):
    english = services.document_create(
        actor=rapporteur, title="Africa report", kind="report", url="https://ex.org/en.pdf"
    )
    french = services.document_create(
        actor=rapporteur,
        title="Rapport Afrique",
        kind="report",
        url="https://ex.org/fr.pdf",
        language="fr",
        translation_of=english,
    )
    assert french.translation_group == english.translation_group
    assert AuditEntry.objects.filter(action="document.create").count() == 2


@pytest.mark.django_db
def test_document_create_event_sets_process(coordinator, process):
    event = make_event(process)
    doc = services.document_create(
        actor=coordinator, title="R", kind="report", url="https://ex.org/r", event=event
    )
    assert doc.process == process


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"language": "English"}, "language"),
        ({"kind": "poem"}, "kind"),
        ({"url": "ftp://x"}, "url"),
        ({"url": ""}, "url"),
    ],
)
def test_document_create_invalid_input_names_the_field(coordinator, extra, field):
    args = {"title": "T", "kind": "report", "url": "https://ex.org/a.pdf", **extra}
    with pytest.raises(Unprocessable) as exc:
        services.document_create(actor=coordinator, **args)
    assert exc.value.field == field


@pytest.mark.django_db
def test_document_upload_stores_file_type_and_size(focal_point, settings):
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    doc = services.document_upload(actor=focal_point, upload=upload, title="R", kind="report")
    assert doc.file.name.endswith(".pdf")
    assert doc.content_type == "application/pdf"
    assert doc.size == len(PDF)
    assert doc.url == ""
    assert AuditEntry.objects.filter(action="document.upload").count() == 1


def _upload_error(actor, upload, **kw):
    with pytest.raises(InvalidInput) as exc:
        services.document_upload(actor=actor, upload=upload, title="R", kind="report", **kw)
    assert not Document.objects.exists()
    assert not AuditEntry.objects.filter(action="document.upload").exists()
    return exc.value


@pytest.mark.django_db
def test_document_upload_oversize_is_refused_before_storing(coordinator, settings):
    settings.DOCUMENT_MAX_BYTES = 10
    error = _upload_error(coordinator, SimpleUploadedFile("big.pdf", PDF + b"x" * 100))
    assert (error.field, error.code) == ("file", "file_size")
    assert (
        not list((settings.MEDIA_ROOT).glob("**/*.pdf")) if settings.MEDIA_ROOT.exists() else True
    )


@pytest.mark.django_db
def test_document_upload_wrong_type_is_refused(coordinator):
    error = _upload_error(coordinator, SimpleUploadedFile("virus.exe", b"MZ\x90\x00"))
    assert (error.field, error.code) == ("file", "file_type")


@pytest.mark.django_db
def test_document_upload_wrong_magic_bytes_is_refused(coordinator):
    error = _upload_error(coordinator, SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"))
    assert (error.field, error.code) == ("file", "file_type")


@pytest.mark.django_db
def test_document_upload_invalid_utf8_text_is_refused(coordinator):
    error = _upload_error(coordinator, SimpleUploadedFile("notes.txt", b"\xff\xfe\xfa bad" * 10))
    assert (error.field, error.code) == ("file", "file_encoding")


@pytest.mark.django_db
def test_document_upload_checks_permission_first(member):
    with pytest.raises(PermissionDenied):
        services.document_upload(
            actor=member, upload=SimpleUploadedFile("r.pdf", PDF), title="R", kind="report"
        )


@pytest.mark.django_db
def test_document_update_cannot_leave_both_file_and_url_empty(coordinator):
    doc = make_document()
    with pytest.raises(Unprocessable) as exc:
        services.document_update(actor=coordinator, document=doc, data={"url": ""})
    assert exc.value.field == "url"


@pytest.mark.django_db
def test_document_update_changes_authors_and_audits(focal_point):
    doc = make_document()
    services.document_update(
        actor=focal_point, document=doc, data={"title": "New"}, organisations=[make_org("made")]
    )
    entry = AuditEntry.objects.get(action="document.update")
    assert entry.changes["organisations"] == [[], ["made"]]


@pytest.mark.django_db
def test_document_delete_removes_uploaded_file(coordinator, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("r.pdf", PDF)
    doc = services.document_upload(actor=coordinator, upload=upload, title="R", kind="report")
    storage, name = doc.file.storage, doc.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(actor=coordinator, document=doc)
    assert not storage.exists(name)


@pytest.mark.django_db
def test_news_create_update_delete_audit(coordinator):
    item = services.news_create(actor=coordinator, title="Walls come down!", body="Berlin")
    assert item.slug == "walls-come-down"
    assert item.author == coordinator
    services.news_update(actor=coordinator, item=item, data={"published": False})
    services.news_delete(actor=coordinator, item=item)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["news.create", "news.update", "news.delete"]


@pytest.mark.django_db
def test_news_reserved_title_gets_a_free_slug(coordinator):
    assert services.news_create(actor=coordinator, title="New").slug == "new-2"
