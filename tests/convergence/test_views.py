import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from convenor.convergence import services
from convenor.reports.models import Recommendation

pytestmark = pytest.mark.django_db
SECRET = "Hidden Speakername"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def runs(framework, recommendations, coordinator):
    Recommendation.objects.create(
        kind="quote",
        text="Detention of children must end now.",
        speaker=SECRET,
        speaker_consent=False,
        event=recommendations[0].event,
        region=recommendations[0].region,
    )
    mapping = services.mapping_run_start(actor=coordinator, framework=framework)
    clustering = services.clustering_run_start(actor=coordinator, k=3)
    return mapping, clustering


def page_urls(mapping, clustering):
    urls = [
        "/convergence/",
        f"/convergence/mapping/{mapping.pk}/",
        f"/convergence/clustering/{clustering.pk}/",
    ]
    cluster = clustering.clusters.first()
    urls.append(f"/convergence/clusters/{cluster.pk}/")
    for kind, run in (("mapping", mapping), ("clustering", clustering)):
        base = f"/convergence/{kind}/{run.pk}"
        urls += [
            f"{base}/matrix/",
            f"{base}/matrix/?dimension=event",
            f"{base}/key-issues/",
            f"{base}/divergences/",
            f"{base}/matrix.csv",
            f"{base}/matrix.xlsx",
            f"{base}/divergences.csv",
        ]
    urls.append(f"/convergence/mapping/{mapping.pk}/issues/13/")
    urls.append(f"/convergence/clustering/{clustering.pk}/issues/{cluster.key}/")
    return urls


def test_pages_and_exports_work_for_coordinators_and_focal_points(
    runs, coordinator_client, focal_point
):
    for client in (coordinator_client, client_for(focal_point)):
        for url in page_urls(*runs):
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET.encode() not in response.content, url


def test_pages_are_closed_to_members_and_anonymous(runs, member):
    for url in page_urls(*runs):
        assert client_for(member).get(url).status_code == 403, url
        assert Client().get(url).status_code in (302, 403), url


def test_matrix_heatmap_shows_numbers_and_breadth(runs, coordinator_client):
    mapping, _ = runs
    html = coordinator_client.get(f"/convergence/mapping/{mapping.pk}/matrix/").content.decode()
    assert '<th scope="col">Asia' in html and "13. Use immigration detention" in html
    assert 'class="n s' in html


def test_exports_hold_the_matrix(runs, coordinator_client):
    mapping, _ = runs
    csv_body = coordinator_client.get(
        f"/convergence/mapping/{mapping.pk}/matrix.csv"
    ).content.decode()
    header = csv_body.splitlines()[0].split(",")
    assert header[:2] == ["issue", "label"] and header[-3:] == ["total", "support_share", "breadth"]
    book = load_workbook(
        io.BytesIO(coordinator_client.get(f"/convergence/mapping/{mapping.pk}/matrix.xlsx").content)
    )
    assert {"region", "event", "key issues", "divergences"} <= set(book.sheetnames)


def test_bad_input_is_400_or_404(runs, coordinator_client):
    mapping, _ = runs
    assert (
        coordinator_client.get(f"/convergence/mapping/{mapping.pk}/matrix/?dimension=x").status_code
        == 400
    )
    assert (
        coordinator_client.get(f"/convergence/mapping/{mapping.pk}/key-issues/?count=0").status_code
        == 400
    )
    assert coordinator_client.get("/convergence/mapping/999/matrix/").status_code == 404
    assert coordinator_client.get("/convergence/other/1/matrix/").status_code == 404
    assert (
        coordinator_client.get(f"/convergence/mapping/{mapping.pk}/issues/nope/").status_code == 404
    )


def test_start_review_and_edit_through_pages(runs, coordinator_client, focal_point, framework):
    mapping, clustering = runs
    response = coordinator_client.post(
        "/convergence/mapping/start/", {"framework": framework.slug, "method": "lexical"}
    )
    assert response.status_code == 302 and "/tasks/" in response["Location"]
    m = mapping.mappings.first()
    assert (
        client_for(focal_point)
        .post(f"/convergence/mappings/{m.pk}/review/", {"action": "confirmed"})
        .status_code
        == 403
    )
    assert (
        coordinator_client.post(
            f"/convergence/mappings/{m.pk}/review/", {"action": "confirmed"}
        ).status_code
        == 302
    )
    m.refresh_from_db()
    assert m.status == "confirmed"
    cluster = clustering.clusters.first()
    coordinator_client.post(
        f"/convergence/clusters/{cluster.pk}/edit/", {"action": "rename", "name": "Children"}
    )
    cluster.refresh_from_db()
    assert cluster.name == "Children"
    bad = coordinator_client.post(
        f"/convergence/clusters/{cluster.pk}/edit/", {"action": "merge", "other": 999}
    )
    assert bad.status_code == 400


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_rows(
    framework, recommendations, coordinator, coordinator_client
):
    def urls():
        mapping = services.mapping_run_start(actor=coordinator, framework=framework)
        clustering = services.clustering_run_start(actor=coordinator, k=2)
        return [
            "/convergence/",
            f"/convergence/mapping/{mapping.pk}/",
            f"/convergence/clustering/{clustering.pk}/",
            f"/convergence/mapping/{mapping.pk}/matrix/",
            f"/convergence/mapping/{mapping.pk}/key-issues/",
            f"/convergence/mapping/{mapping.pk}/issues/13/",
            f"/convergence/mapping/{mapping.pk}/divergences/",
            f"/convergence/clustering/{clustering.pk}/issues/0/",
            "/api/v1/convergence/runs",
            f"/api/v1/convergence/runs/mapping/{mapping.pk}/matrix",
            f"/api/v1/convergence/runs/mapping/{mapping.pk}/key-issues",
            f"/api/v1/convergence/runs/mapping/{mapping.pk}/divergences",
        ]

    Recommendation.objects.exclude(pk=recommendations[0].pk).exclude(
        pk=recommendations[5].pk
    ).delete()
    first = urls()
    counts = [_count(coordinator_client, u) for u in first]
    for i in range(2):
        r = recommendations[i + 1]
        Recommendation.objects.create(
            text=r.text, event=r.event, region=r.region, process=r.process
        )
    again = urls()
    assert [_count(coordinator_client, u) for u in again] == counts
