import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convenor.core.models import AuditEntry
from convenor.delegations import services
from convenor.delegations.models import Invitation, Nomination, RoundStatus

from .conftest import nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominator_client(nominator) -> Client:
    client = Client()
    client.force_login(nominator)
    return client


def test_nominator_adds_a_name_on_the_page(round_, asia, nominator_client):
    url = f"/delegations/{round_.slug}/quotas/asia/"
    response = nominator_client.post(url, {"name": "Ai Lin", "email": "ai@example.org"})
    assert response.status_code == 302
    assert asia.nominations.get().person.name == "Ai Lin"
    page = nominator_client.get(url)
    assert "Ai Lin" in page.content.decode()


def test_bad_email_on_the_page_is_a_form_error(round_, asia, nominator_client):
    url = f"/delegations/{round_.slug}/quotas/asia/"
    response = nominator_client.post(url, {"name": "Ai Lin", "email": "nope"})
    assert response.status_code == 400
    assert Nomination.objects.count() == 0


def test_move_and_remove_forms(round_, asia, nominator, nominator_client):
    a, b = nominate(nominator, asia, "A One", "B Two")
    nominator_client.post(f"/delegations/nominations/{b.pk}/move/", {"priority": "1"})
    b.refresh_from_db()
    assert b.priority == 1
    nominator_client.post(f"/delegations/nominations/{a.pk}/remove/")
    assert list(asia.nominations.values_list("pk", flat=True)) == [b.pk]


def test_csv_upload_page_shows_line_report(round_, asia, coordinator_client):
    upload = SimpleUploadedFile(
        "n.csv", b"process,priority,name,email,organisation\nnowhere,1,A,a@example.org,X\n"
    )
    response = coordinator_client.post(f"/delegations/{round_.slug}/import/", {"file": upload})
    assert response.status_code == 400
    assert "line 2: unknown process" in response.content.decode()


def test_coordinator_runs_selection_and_sends_invitations(
    round_,
    asia,
    women,
    nominator,
    other_nominator,
    coordinator_client,
    django_capture_on_commit_callbacks,
):
    nominate(nominator, asia, "A One", "B Two", "C Three")
    nominate(other_nominator, women, "W One", "W Two")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/delegations/{round_.slug}/run/", {"time_limit": "5"})
    assert response.status_code == 302 and "/tasks/" in response["Location"]
    run = round_.runs.get()
    page = coordinator_client.get(f"/delegations/runs/{run.pk}/")
    assert page.status_code == 200 and "A One" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/delegations/runs/{run.pk}/")
    assert Invitation.objects.count() == 4
    assert len(mail.outbox) == 4
    round_.refresh_from_db()
    assert round_.status == RoundStatus.SELECTED


def test_invitation_link_accepts_and_get_changes_nothing(
    round_,
    asia,
    women,
    nominator,
    other_nominator,
    coordinator,
    django_capture_on_commit_callbacks,
):
    nominate(nominator, asia, "A One", "B Two")
    nominate(other_nominator, women, "W One", "W Two")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.selection_run_start(actor=coordinator, round=round_, time_limit=5)
    run.refresh_from_db()
    invitation = services.invitations_send(actor=coordinator, run=run)[0]
    client = Client()
    assert client.get(f"/invitation/{invitation.token}/").status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    client.post(f"/invitation/{invitation.token}/", {"decision": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert AuditEntry.objects.filter(action="delegations.invitation.accept").exists()
    assert client.get("/invitation/unknown-token/").status_code == 404
    assert client.post(f"/invitation/{invitation.token}/", {"decision": "x"}).status_code == 400


def test_public_list_only_when_published(round_, coordinator_client):
    assert Client().get(f"/delegations/{round_.slug}/invited/").status_code == 404
    coordinator_client.post(f"/delegations/{round_.slug}/publish/")
    assert Client().get(f"/delegations/{round_.slug}/invited/").status_code == 200


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_quota_page_query_count_does_not_grow(round_, asia, nominator, nominator_client):
    url = f"/delegations/{round_.slug}/quotas/asia/"
    nominate(nominator, asia, "A One")
    one = _count(nominator_client, url)
    nominate(nominator, asia, "B Two", "C Three")
    assert _count(nominator_client, url) == one


def test_round_pages_query_count_does_not_grow(
    round_, event, coordinator, coordinator_client, nominator
):
    urls = ["/delegations/", f"/delegations/{round_.slug}/"]
    services.quota_create(actor=coordinator, round=round_, process_name="Q1", seats=1)
    first = [_count(coordinator_client, u) for u in urls]
    for name in ("Q2", "Q3"):
        services.quota_create(actor=coordinator, round=round_, process_name=name, seats=1)
    for slug in ("r2", "r3"):
        services.round_create(actor=coordinator, event=event, title=slug, capacity=1, slug=slug)
    assert [_count(coordinator_client, u) for u in urls] == first


def test_invitation_and_merge_lists_query_count_does_not_grow(
    round_, asia, women, nominator, other_nominator, coordinator, coordinator_client
):
    from convenor.delegations.models import MergeSuggestion

    people = [n.person for n in nominate(nominator, asia, "A One", "B Two", "C Three")]
    urls = [f"/delegations/{round_.slug}/invitations/", f"/delegations/{round_.slug}/merges/"]
    Invitation.objects.create(round=round_, person=people[0], quota=asia)
    MergeSuggestion.objects.create(round=round_, person=people[0], duplicate=people[1], score=0.9)
    first = [_count(coordinator_client, u) for u in urls]
    Invitation.objects.create(round=round_, person=people[1], quota=asia)
    Invitation.objects.create(round=round_, person=people[2], quota=asia)
    MergeSuggestion.objects.create(round=round_, person=people[0], duplicate=people[2], score=0.9)
    MergeSuggestion.objects.create(round=round_, person=people[1], duplicate=people[2], score=0.9)
    assert [_count(coordinator_client, u) for u in urls] == first
