"""Every write of the convergence app, and the mapping that the API and the command share.

Runs are recorded first (parameters, method, model) and executed by a background task;
coordinators' reviews of mappings become few-shot examples of later runs, and their
cluster edits are stored as constraints that every re-run applies again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convenor.core.audit import audit_record
from convenor.core.errors import DomainError, InvalidInput, NotFound, Unprocessable
from convenor.core.models import TaskProgress
from convenor.core.permissions import require
from convenor.core.services import task_progress_create, task_progress_update
from convenor.framework.models import Framework, FrameworkItem, ItemKind
from convenor.reports.models import Recommendation, RecommendationKind

from . import engine
from .engine.embeddings import Embedder
from .engine.features import cross_language_features, describe_features
from .engine.stance import DETECTOR, detect_stance
from .models import (
    Cluster,
    ClusterEdit,
    ClusterEditKind,
    ClusteringRun,
    Mapping,
    MappingRun,
    MappingStatus,
    Method,
    RecommendationStance,
    RunStatus,
    Stance,
)

MAX_TEXTS = 1000
MAX_TEXT_CHARS = 10_000
TOP_ITEMS = 5
BATCH = 500
# Items that recommendations are mapped to; principles and working groups are left out.
MAPPED_KINDS = (ItemKind.GOAL, ItemKind.OBJECTIVE, ItemKind.TARGET)
# Quotes are voices, not recommendations: they are not counted in the analysis.
ANALYSED_EXCLUDE = (RecommendationKind.QUOTE,)


class SemanticUnavailable(DomainError):
    """The semantic model's package is not installed on this server (503)."""

    status = 503
    code = "semantic_unavailable"


# --- mappers ------------------------------------------------------------------------------


def framework_items(framework: Framework) -> list[FrameworkItem]:
    items = list(framework.items.filter(kind__in=MAPPED_KINDS).order_by("sort_key", "id"))
    return items or list(framework.items.order_by("sort_key", "id"))


def confirmed_examples(framework: Framework) -> dict[str, list[str]]:
    """Texts coordinators confirmed for each item code (few-shot examples), oldest first."""
    out: dict[str, list[str]] = {}
    rows = (
        Mapping.objects.filter(run__framework=framework, status=MappingStatus.CONFIRMED)
        .order_by("reviewed_at", "id")
        .values_list("item__code", "recommendation__text")
        .distinct()
    )
    for code, text in rows:
        if text not in out.setdefault(code, []):
            out[code].append(text)
    return out


def item_texts(framework: Framework, *, examples: bool = True) -> list[engine.FrameworkItemText]:
    """The engine's view of a framework: each item's title and description (plus examples)."""
    shots = confirmed_examples(framework) if examples else {}
    return [
        engine.FrameworkItemText(
            code=item.code,
            title=item.title,
            description=item.description,
            examples=shots.get(item.code, []),
        )
        for item in framework_items(framework)
    ]


_MAPPERS: OrderedDict[tuple[Any, ...], engine.Mapper] = OrderedDict()
_MAPPER_CACHE_SIZE = 8
_EMBEDDER: list[Embedder] = []  # the semantic model, loaded once per process
_REC_EMBEDDINGS: list[engine.EmbeddingCache] = []
# Recommendation embeddings kept between clustering runs (about 2 KB each).
_REC_EMBEDDINGS_LIMIT = 200_000


def shared_embedder() -> Embedder:
    """The semantic model, loaded on first use; SemanticModelMissing without the extra."""
    if not _EMBEDDER:
        _EMBEDDER.append(engine.default_embedder())
    return _EMBEDDER[0]


def recommendation_embeddings(texts: Sequence[str]) -> Any:
    """Embeddings of recommendation texts; a text already embedded is never embedded again."""
    if not _REC_EMBEDDINGS or len(_REC_EMBEDDINGS[0]) > _REC_EMBEDDINGS_LIMIT:
        _REC_EMBEDDINGS[:] = [engine.EmbeddingCache(shared_embedder())]
    return _REC_EMBEDDINGS[0].embed(list(texts))


def build_mapper(framework: Framework, method: str) -> engine.Mapper:
    """A mapper for the framework (kept in a small cache while its items do not change)."""
    if method not in Method.values:
        raise InvalidInput(_("Unknown method."), field="method")
    items = item_texts(framework)
    if not items:
        raise Unprocessable(_("This framework has no items."), code="empty_framework")
    fingerprint = tuple((i.code, i.title, i.description, tuple(i.examples)) for i in items)
    key = (framework.slug, method, hash(fingerprint))
    if key in _MAPPERS:
        _MAPPERS.move_to_end(key)
        return _MAPPERS[key]
    expansions = engine.expansions_for(framework.slug)
    mapper: engine.Mapper
    if method == Method.SEMANTIC:
        try:
            mapper = engine.SemanticMapper(items, expansions=expansions, embedder=shared_embedder())
        except engine.SemanticModelMissing as error:
            raise SemanticUnavailable(
                _(
                    "The semantic method is not installed on this server "
                    "(install convenor[semantic]); use the lexical method."
                ),
                field="method",
            ) from error
    else:
        mapper = engine.LexicalMapper(items, expansions=expansions, n_jobs=1)
    _MAPPERS[key] = mapper
    while len(_MAPPERS) > _MAPPER_CACHE_SIZE:
        _MAPPERS.popitem(last=False)
    return mapper


def map_texts(
    *, framework_slug: str, texts: Sequence[str], method: str = Method.LEXICAL
) -> list[list[engine.ItemScore]]:
    """Per text, in input order, the framework's items with a positive score, best first."""
    if len(texts) > MAX_TEXTS:
        raise Unprocessable(
            _("At most %(n)d texts per call.") % {"n": MAX_TEXTS}, field="texts", code="too_many"
        )
    if any(len(t) > MAX_TEXT_CHARS for t in texts):
        raise Unprocessable(
            _("A text may have at most %(n)d characters.") % {"n": MAX_TEXT_CHARS},
            field="texts",
            code="too_long",
        )
    framework = Framework.objects.filter(slug=framework_slug).first()
    if framework is None:
        raise NotFound(_("No such framework."))
    if not texts:
        return []
    return build_mapper(framework, method).map(list(texts))


def map_texts_for(
    *, actor: Any, framework_slug: str, texts: Sequence[str], method: str = Method.LEXICAL
) -> list[list[engine.ItemScore]]:
    """map_texts for a person: coordinators only."""
    require(actor, "convergence.map_texts")
    return map_texts(framework_slug=framework_slug, texts=texts, method=method)


# --- recommendations as the engine sees them ------------------------------------------------


def analysed_recommendations() -> list[Recommendation]:
    return list(
        Recommendation.objects.exclude(kind__in=ANALYSED_EXCLUDE)
        .select_related("event", "region", "process")
        .order_by("id")
    )


def engine_recommendation(r: Recommendation) -> engine.Recommendation:
    return engine.Recommendation(
        id=str(r.pk),
        text=r.text,
        language=r.language,
        event=r.event.slug if r.event else "",
        region=r.region.slug if r.region else "",
        process=r.process.slug if r.process else "",
        sector=r.sector,
    )


# --- stances -------------------------------------------------------------------------------

STANCE_BATCH = 2000


def stances_detect(recs: Sequence[Recommendation]) -> dict[str, Any]:
    """Detect and store the stance of each recommendation (a coordinator's choice stays);
    returns the counts of each stance that counts, to record with the run."""
    counts = dict.fromkeys(Stance.values, 0)
    for start in range(0, len(recs), STANCE_BATCH):
        chunk = recs[start : start + STANCE_BATCH]
        rows = [
            RecommendationStance(recommendation=r, detected=detect_stance(r.text, r.language))
            for r in chunk
        ]
        RecommendationStance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["recommendation"],
            update_fields=["detected"],
        )
        chosen = dict(
            RecommendationStance.objects.filter(recommendation__in=[r.pk for r in chunk])
            .exclude(chosen="")
            .values_list("recommendation_id", "chosen")
        )
        for r, row in zip(chunk, rows, strict=True):
            counts[chosen.get(r.pk) or row.detected] += 1
    return {"detector": DETECTOR, **counts}


def stance_set(*, actor: Any, recommendation: Recommendation, stance: str) -> RecommendationStance:
    """A coordinator's stance for a recommendation ("" gives it back to the detection)."""
    require(actor, "convergence.set_stance")
    if stance not in (*Stance.values, ""):
        raise InvalidInput(_("Unknown stance; use support, oppose or neutral."), field="stance")
    with transaction.atomic():
        row, _created = RecommendationStance.objects.select_for_update().get_or_create(
            recommendation=recommendation,
            defaults={"detected": detect_stance(recommendation.text, recommendation.language)},
        )
        old = row.value
        row.chosen = stance
        row.chosen_by = actor if stance else None
        row.chosen_at = timezone.now() if stance else None
        row.save(update_fields=["chosen", "chosen_by", "chosen_at"])
        audit_record(
            actor=actor,
            action="convergence.stance.set",
            target=recommendation,
            changes={"stance": [old, row.value]},
        )
    return row


# --- runs ----------------------------------------------------------------------------------


def _start(actor: Any, run: Any, kind: str, label: str) -> None:
    progress = task_progress_create(kind=kind, label=label, total=1, created_by=actor)
    run.progress = progress
    run.save(update_fields=["progress"])


def mapping_run_start(
    *, actor: Any, framework: Framework, method: str = Method.LEXICAL, top: int = TOP_ITEMS
) -> MappingRun:
    """Record a mapping run of every recommendation to `framework` and enqueue it."""
    require(actor, "convergence.run_analysis")
    if method not in Method.values:
        raise InvalidInput(_("Unknown method."), field="method")
    if not 1 <= top <= 20:
        raise InvalidInput(_("Keep between 1 and 20 items per text."), field="top")
    with transaction.atomic():
        run = MappingRun.objects.create(
            framework=framework,
            method=method,
            params={"top": top, "framework": framework.slug, "exclude_kinds": ANALYSED_EXCLUDE},
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _start(actor, run, "convergence.mapping", _("Mapping to %(f)s") % {"f": framework})
        audit_record(actor=actor, action="convergence.mapping_run.start", target=run)
    from .tasks import mapping_run_task

    run_id = run.pk
    transaction.on_commit(lambda: mapping_run_task.enqueue(run_id))
    return run


def _fail(run: Any, error: str) -> Any:
    run.status = RunStatus.FAILED
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    if run.progress_id:
        task_progress_update(
            progress_id=run.progress_id, status=TaskProgress.Status.FAILED, message=error
        )
    return run


def _finish(run: Any, count: int) -> Any:
    run.status = RunStatus.DONE
    run.recommendation_count = count
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "recommendation_count", "finished_at", "engine"])
    if run.progress_id:
        task_progress_update(
            progress_id=run.progress_id,
            status=TaskProgress.Status.DONE,
            done=max(count, 1),
            total=max(count, 1),
            result={"run": run.pk},
        )
    return run


def _previous_reviews(framework: Framework) -> dict[tuple[int, int], str]:
    """The latest review of each (recommendation, item) pair for this framework."""
    out: dict[tuple[int, int], str] = {}
    rows = (
        Mapping.objects.filter(run__framework=framework)
        .exclude(status=MappingStatus.SUGGESTED)
        .order_by("reviewed_at", "id")
        .values_list("recommendation_id", "item_id", "status")
    )
    for rec, item, status in rows:
        out[(rec, item)] = status
    return out


def mapping_run_execute(*, run_id: int) -> MappingRun:
    """Map every analysed recommendation; a finished run is left as it is."""
    run = MappingRun.objects.select_related("framework").get(pk=run_id)
    if run.status in (RunStatus.DONE, RunStatus.FAILED):
        return run
    MappingRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    try:
        mapper = build_mapper(run.framework, run.method)
    except DomainError as error:
        return _fail(run, error.detail)
    run.engine = mapper.describe()
    items = {i.code: i for i in framework_items(run.framework)}
    recs = analysed_recommendations()
    reviews = _previous_reviews(run.framework)
    top = int(run.params.get("top", TOP_ITEMS))
    if run.progress_id:
        task_progress_update(
            progress_id=run.progress_id,
            status=TaskProgress.Status.RUNNING,
            total=max(len(recs), 1),
            done=0,
        )
    with transaction.atomic():
        for start in range(0, len(recs), BATCH):
            chunk = recs[start : start + BATCH]
            texts = [r.text for r in chunk]
            ranked = mapper.map(texts, top=top)
            labels = mapper.labels(texts)
            rows = []
            for rec, scores, labelled in zip(chunk, ranked, labels, strict=True):
                seen = set()
                for rank, s in enumerate(scores, start=1):
                    item = items[s.code]
                    seen.add(item.pk)
                    rows.append(
                        Mapping(
                            run=run,
                            recommendation=rec,
                            item=item,
                            score=s.score,
                            rank=rank,
                            label=s.code in labelled,
                            status=reviews.get((rec.pk, item.pk), MappingStatus.SUGGESTED),
                        )
                    )
                # A confirmed pair outside today's top items is carried over as well.
                for (rec_id, item_id), status in reviews.items():
                    if rec_id == rec.pk and item_id not in seen and status == "confirmed":
                        rows.append(
                            Mapping(
                                run=run,
                                recommendation=rec,
                                item_id=item_id,
                                score=0.0,
                                rank=99,
                                status=status,
                            )
                        )
            Mapping.objects.bulk_create(rows)
            if run.progress_id:
                task_progress_update(progress_id=run.progress_id, done=start + len(chunk))
        run.engine["stance"] = stances_detect(recs)
        return _finish(run, len(recs))  # type: ignore[no-any-return]


def mapping_review(*, actor: Any, mapping: Mapping, status: str) -> Mapping:
    """Confirm or reject one suggested mapping; confirmed ones teach later runs."""
    require(actor, "convergence.review_mapping")
    if status not in (MappingStatus.CONFIRMED, MappingStatus.REJECTED, MappingStatus.SUGGESTED):
        raise InvalidInput(_("Unknown review."), field="status")
    with transaction.atomic():
        old = mapping.status
        mapping.status = status
        mapping.reviewed_by = actor
        mapping.reviewed_at = timezone.now()
        mapping.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        audit_record(
            actor=actor,
            action="convergence.mapping.review",
            target=mapping,
            changes={"status": [old, status]},
        )
    return mapping


def mapping_correct(*, actor: Any, mapping: Mapping, code: str) -> Mapping:
    """Replace a wrong mapping by the right item (confirmed), rejecting the wrong one."""
    require(actor, "convergence.review_mapping")
    item = FrameworkItem.objects.filter(framework_id=mapping.run.framework_id, code=code).first()
    if item is None:
        raise InvalidInput(_("No item with this code in the framework."), field="code")
    with transaction.atomic():
        if item.pk != mapping.item_id:
            mapping_review(actor=actor, mapping=mapping, status=MappingStatus.REJECTED)
        right, _created = Mapping.objects.get_or_create(
            run=mapping.run,
            recommendation=mapping.recommendation,
            item=item,
            defaults={"score": 0.0, "rank": 99},
        )
        return mapping_review(actor=actor, mapping=right, status=MappingStatus.CONFIRMED)


# --- clustering -----------------------------------------------------------------------------


def constraints_from_edits(edits: Sequence[ClusterEdit]) -> engine.ClusterConstraints:
    """Replay the stored edits, in order, into the engine's constraints."""
    constraints = engine.ClusterConstraints()
    for edit in edits:
        p = edit.payload
        if edit.kind == ClusterEditKind.RENAME:
            stub = engine.Cluster(key=0, member_ids=list(p["member_ids"]), terms=[], central_id="")
            constraints = engine.rename(constraints, stub, p["name"])
        elif edit.kind == ClusterEditKind.MERGE:
            a = engine.Cluster(key=0, member_ids=list(p["a"]), terms=[], central_id="")
            b = engine.Cluster(key=1, member_ids=list(p["b"]), terms=[], central_id="")
            constraints = engine.merge(constraints, a, b, p.get("name", ""))
        elif edit.kind == ClusterEditKind.SPLIT:
            whole = engine.Cluster(key=0, member_ids=list(p["member_ids"]), terms=[], central_id="")
            try:
                constraints = engine.split(constraints, whole, p["part"])
            except ValueError:
                continue  # the members changed so much that this split no longer applies
    return constraints


def default_clustering_framework() -> Framework | None:
    """The framework whose item scores help clustering across languages: the first one
    (in the order the site lists frameworks) that has items to map to."""
    return (
        Framework.objects.filter(items__kind__in=MAPPED_KINDS)
        .order_by("order", "title", "id")
        .distinct()
        .first()
    )


def clustering_run_start(
    *, actor: Any, k: int | None = None, seed: int = 0, framework_slug: str | None = None
) -> ClusteringRun:
    """Record a clustering of every analysed recommendation (with the stored edits).

    Features cross languages: the semantic model's embeddings (when installed) and the item
    scores of a framework (`framework_slug`; None: the default framework; "": none).
    """
    require(actor, "convergence.run_analysis")
    if k is not None and not 2 <= k <= 1000:
        raise InvalidInput(_("Choose between 2 and 1000 issues."), field="k")
    if framework_slug is None:
        default = default_clustering_framework()
        framework_slug = default.slug if default else ""
    elif framework_slug and not Framework.objects.filter(slug=framework_slug).exists():
        raise InvalidInput(_("No such framework."), field="framework")
    with transaction.atomic():
        run = ClusteringRun.objects.create(
            params={
                "k": k,
                "seed": seed,
                "framework": framework_slug,
                "features": "multilingual",
                "exclude_kinds": ANALYSED_EXCLUDE,
            },
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _start(actor, run, "convergence.clustering", _("Clustering recommendations"))
        audit_record(actor=actor, action="convergence.clustering_run.start", target=run)
    from .tasks import clustering_run_task

    run_id = run.pk
    transaction.on_commit(lambda: clustering_run_task.enqueue(run_id))
    return run


def clustering_features(
    recs: Sequence[Recommendation], framework_slug: str
) -> tuple[Any, dict[str, Any]]:
    """Features that put the same issue in any language together, and their description.

    Sentence embeddings (if the semantic extra is installed) and the lexical item scores of
    the framework; without the model, the scores and word TF-IDF; with neither, TF-IDF.
    """
    texts = [r.text for r in recs]
    scores = None
    if framework_slug:
        framework = Framework.objects.filter(slug=framework_slug).first()
        if framework is None:
            raise InvalidInput(_("No such framework."), field="framework")
        scores = build_mapper(framework, Method.LEXICAL).score_matrix(texts)
    model = ""
    try:
        embeddings = recommendation_embeddings(texts)
        model = shared_embedder().name
    except engine.SemanticModelMissing:
        embeddings = None
    described = {
        "features": describe_features(
            embeddings=model, scores=framework_slug, texts=embeddings is None
        ),
        "model": model,
        "framework": framework_slug,
    }
    if embeddings is None and scores is None:
        return None, described
    features = cross_language_features(
        embeddings=embeddings, scores=scores, texts=texts if embeddings is None else None
    )
    return features, described


def clustering_run_execute(*, run_id: int) -> ClusteringRun:
    run = ClusteringRun.objects.get(pk=run_id)
    if run.status in (RunStatus.DONE, RunStatus.FAILED):
        return run
    ClusteringRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    recs = analysed_recommendations()
    if len(recs) < 2:
        return _fail(run, _("At least two recommendations are needed."))  # type: ignore[no-any-return]
    edits = list(ClusterEdit.objects.order_by("created_at", "id"))
    constraints = constraints_from_edits(edits)
    k = run.params.get("k")
    seed = int(run.params.get("seed", 0))
    try:
        features, described = clustering_features(recs, run.params.get("framework", ""))
    except DomainError as error:
        return _fail(run, error.detail)  # type: ignore[no-any-return]
    result = engine.cluster_recommendations(
        [engine_recommendation(r) for r in recs],
        k=min(int(k), len(recs)) if k else None,
        features=features,
        constraints=constraints,
        seed=seed,
    )
    run.engine = {
        "method": "clustering",
        "algorithm": "ward agglomerative (k-means above 3000 groups)",
        **described,
        "k": len(result.clusters),
        "seed": seed,
        "constraints": constraints.to_dict(),
        "edits": [e.pk for e in edits],
    }
    by_id = {str(r.pk): r for r in recs}
    with transaction.atomic():
        for c in result.clusters:
            cluster = Cluster.objects.create(
                run=run,
                key=c.key,
                name=c.name,
                terms=c.terms,
                terms_by_language=c.terms_by_language,
                central_by_language={lang: int(rid) for lang, rid in c.central_by_language.items()},
                central=by_id.get(c.central_id),
                size=len(c.member_ids),
            )
            cluster.members.add(*[by_id[i] for i in c.member_ids])
        run.engine["stance"] = stances_detect(recs)
        return _finish(run, len(recs))  # type: ignore[no-any-return]


def _rerun_params(run: ClusteringRun, k_change: int) -> dict[str, Any]:
    """The parameters of a run, to re-run it after an edit (older runs: the defaults).

    A chosen number of issues follows the edit (a merge leaves one fewer, a split one
    more), so that the re-run does not split or merge some other cluster to keep it.
    """
    slug = run.params.get("framework")
    if slug and not Framework.objects.filter(slug=slug).exists():
        slug = None  # the framework is gone: use today's default
    k = run.params.get("k")
    if k:
        k = min(1000, max(2, int(k) + k_change))
    return {"k": k, "seed": run.params.get("seed", 0), "framework_slug": slug}


def _member_ids(cluster: Cluster) -> list[str]:
    return [str(pk) for pk in cluster.members.order_by("id").values_list("id", flat=True)]


def cluster_rename(*, actor: Any, cluster: Cluster, name: str) -> Cluster:
    """Name a cluster; the name follows its members on every re-run."""
    require(actor, "convergence.edit_clusters")
    name = name.strip()
    if not name:
        raise InvalidInput(_("Give a name."), field="name")
    with transaction.atomic():
        edit = ClusterEdit.objects.create(
            kind=ClusterEditKind.RENAME,
            payload={"name": name[:300], "member_ids": _member_ids(cluster)},
            created_by=actor,
        )
        cluster.name = name[:300]
        cluster.save(update_fields=["name"])
        audit_record(actor=actor, action="convergence.cluster.rename", target=edit)
    return cluster


def cluster_merge(*, actor: Any, a: Cluster, b: Cluster, name: str = "") -> ClusteringRun:
    """Keep two clusters together from now on; starts a re-run that applies it."""
    require(actor, "convergence.edit_clusters")
    if a.pk == b.pk or a.run_id != b.run_id:
        raise InvalidInput(_("Choose two different clusters of the same run."), field="other")
    with transaction.atomic():
        edit = ClusterEdit.objects.create(
            kind=ClusterEditKind.MERGE,
            payload={"a": _member_ids(a), "b": _member_ids(b), "name": name.strip()[:300]},
            created_by=actor,
        )
        audit_record(actor=actor, action="convergence.cluster.merge", target=edit)
        return clustering_run_start(actor=actor, **_rerun_params(a.run, -1))


def cluster_split(*, actor: Any, cluster: Cluster, part_ids: Sequence[int]) -> ClusteringRun:
    """Separate some members from the rest of a cluster; starts a re-run that applies it."""
    require(actor, "convergence.edit_clusters")
    members = _member_ids(cluster)
    part = [str(i) for i in part_ids if str(i) in set(members)]
    if not part or len(part) == len(members):
        raise InvalidInput(
            _("Choose some, but not all, of the cluster's recommendations."), field="part"
        )
    with transaction.atomic():
        edit = ClusterEdit.objects.create(
            kind=ClusterEditKind.SPLIT,
            payload={"member_ids": members, "part": part},
            created_by=actor,
        )
        audit_record(actor=actor, action="convergence.cluster.split", target=edit)
        return clustering_run_start(actor=actor, **_rerun_params(cluster.run, +1))
