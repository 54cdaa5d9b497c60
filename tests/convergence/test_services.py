import pytest

from convenor.convergence import selectors, services
from convenor.convergence.models import Cluster, ClusterEdit, Mapping, MappingStatus, RunStatus
from convenor.core.errors import PermissionDenied
from convenor.core.models import AuditEntry, TaskProgress

pytestmark = pytest.mark.django_db


def test_mapping_run_records_method_model_and_mappings(framework, recommendations, coordinator):
    run = services.mapping_run_start(actor=coordinator, framework=framework, method="lexical")
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.engine["method"] == "lexical" and run.params["top"] == 5
    assert run.recommendation_count == len(recommendations)
    assert TaskProgress.objects.get(pk=run.progress_id).status == "done"
    top = Mapping.objects.filter(run=run, recommendation=recommendations[0], rank=1).get()
    assert top.item.code == "13" and top.label
    assert AuditEntry.objects.filter(action="convergence.mapping_run.start").exists()


def test_runs_are_coordinators_only(framework, focal_point):
    with pytest.raises(PermissionDenied):
        services.mapping_run_start(actor=focal_point, framework=framework)
    with pytest.raises(PermissionDenied):
        services.clustering_run_start(actor=focal_point)


def test_confirmed_mappings_become_examples_and_carry_over(framework, recommendations, coordinator):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    wrong = Mapping.objects.filter(run=run, recommendation=recommendations[4], rank=1).get()
    services.mapping_correct(
        actor=coordinator, mapping=wrong, code="18" if wrong.item.code != "18" else "1"
    )
    right_code = "18" if wrong.item.code != "18" else "1"
    assert services.confirmed_examples(framework)[right_code] == [recommendations[4].text]
    items = {i.code: i for i in services.item_texts(framework)}
    assert items[right_code].examples == [recommendations[4].text]
    again = services.mapping_run_start(actor=coordinator, framework=framework)
    carried = Mapping.objects.get(
        run=again, recommendation=recommendations[4], item__code=right_code
    )
    assert carried.status == MappingStatus.CONFIRMED
    rejected = Mapping.objects.get(run=again, recommendation=recommendations[4], item=wrong.item)
    assert rejected.status == MappingStatus.REJECTED and not rejected.counted


def test_matrix_key_issues_and_divergences_from_a_mapping_run(
    framework, recommendations, coordinator
):
    run = services.mapping_run_start(actor=coordinator, framework=framework)
    data = selectors.analysis("mapping", run.pk)
    m = selectors.matrix(data, "region")
    assert m.sources == ["africa", "asia", "europe"]
    keys = [i.key for i in data.issues]
    detention = keys.index("13")
    assert m.counts[detention].tolist() == [1, 1, 1]
    ranked = selectors.key_issues(data, count=10)
    assert ranked[0].key in {"13", "15"}
    assert set(ranked[0].recommendation_ids)
    assert isinstance(selectors.divergences(data, "region"), list)


def test_cluster_edits_survive_re_runs(recommendations, coordinator):
    run = services.clustering_run_start(actor=coordinator, k=3)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.clusters.count() == 3
    biggest = run.clusters.order_by("-size").first()
    services.cluster_rename(actor=coordinator, cluster=biggest, name="Detention")
    members = set(biggest.members.values_list("pk", flat=True))
    others = [c for c in run.clusters.all() if c.pk != biggest.pk]
    merged_run = services.cluster_merge(
        actor=coordinator, a=others[0], b=others[1], name="Services"
    )
    merged_run.refresh_from_db()
    names = set(merged_run.clusters.values_list("name", flat=True))
    assert {"Detention", "Services"} <= names
    together = set(others[0].members.values_list("pk", flat=True)) | set(
        others[1].members.values_list("pk", flat=True)
    )
    holder = Cluster.objects.filter(run=merged_run, members__pk=next(iter(together))).get()
    assert together <= set(holder.members.values_list("pk", flat=True))
    named = merged_run.clusters.get(name="Detention")
    assert members & set(named.members.values_list("pk", flat=True))
    # split the merged cluster and re-run: the parts stay apart
    part = [next(iter(together))]
    split_run = services.cluster_split(actor=coordinator, cluster=holder, part_ids=part)
    a = Cluster.objects.get(run=split_run, members__pk=part[0])
    rest = together - set(part)
    assert not rest & set(a.members.values_list("pk", flat=True))
    assert ClusterEdit.objects.count() == 3
    constraints = services.constraints_from_edits(list(ClusterEdit.objects.all()))
    assert constraints.cannot_link and constraints.names
