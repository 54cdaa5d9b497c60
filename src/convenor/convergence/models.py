"""Runs of the convergence engine and what they found, with coordinators' corrections.

Each run records its parameters and the engine's own description (method, model,
thresholds) so that its result can be reproduced.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TaskProgress
from convenor.framework.models import Framework, FrameworkItem
from convenor.reports.models import Recommendation


class Method(models.TextChoices):
    LEXICAL = "lexical", _("Lexical (TF-IDF)")
    SEMANTIC = "semantic", _("Semantic (sentence embeddings)")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Run(models.Model):
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    engine = models.JSONField(_("method and model"), default=dict, blank=True)
    recommendation_count = models.PositiveIntegerField(_("recommendations"), default=0)
    error = models.TextField(_("error"), blank=True)
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class MappingRun(Run):
    """Recommendations mapped to the items of one framework."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="+"
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)

    class Meta(Run.Meta):
        verbose_name = _("mapping run")
        verbose_name_plural = _("mapping runs")

    def __str__(self) -> str:
        return f"{self.framework} · {self.method} · {self.created_at:%Y-%m-%d %H:%M}"


class MappingStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Mapping(models.Model):
    """A recommendation's score for one item; `label` marks the items it is counted under."""

    run = models.ForeignKey(MappingRun, on_delete=models.CASCADE, related_name="mappings")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="mappings"
    )
    item = models.ForeignKey(FrameworkItem, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    label = models.BooleanField(_("counted"), default=False)
    status = models.CharField(
        _("review"),
        max_length=10,
        choices=MappingStatus.choices,
        default=MappingStatus.SUGGESTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "recommendation", "rank"]
        verbose_name = _("mapping")
        verbose_name_plural = _("mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "recommendation", "item"], name="one_mapping_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} → {self.item_id} ({self.score:.2f})"

    @property
    def counted(self) -> bool:
        return self.status == MappingStatus.CONFIRMED or (
            self.label and self.status != MappingStatus.REJECTED
        )


class ClusteringRun(Run):
    """Recommendations grouped into issues; coordinators' edits are re-applied each run."""

    class Meta(Run.Meta):
        verbose_name = _("clustering run")
        verbose_name_plural = _("clustering runs")

    def __str__(self) -> str:
        return f"{_('Clustering')} · {self.created_at:%Y-%m-%d %H:%M}"


class Cluster(models.Model):
    run = models.ForeignKey(ClusteringRun, on_delete=models.CASCADE, related_name="clusters")
    key = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=300, blank=True)
    terms = models.JSONField(_("distinctive words"), default=list)
    # A cluster may mix languages: its words and most central recommendation in each.
    terms_by_language = models.JSONField(default=dict, blank=True)
    central_by_language = models.JSONField(default=dict, blank=True)  # language -> id
    central = models.ForeignKey(
        Recommendation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(Recommendation, related_name="clusters")
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["run", "key"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="one_cluster_per_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name or ", ".join(self.terms[:3])

    def label_for(self, language: str) -> str:
        """The name, or the distinctive words in `language` when the cluster has members in it."""
        terms = (self.terms_by_language or {}).get(language) or self.terms
        return self.name or ", ".join(terms[:3])

    def central_id_for(self, language: str) -> int | None:
        """The most central member written in `language`, else the most central of all."""
        return (self.central_by_language or {}).get(language) or self.central_id


class ClusterEditKind(models.TextChoices):
    RENAME = "rename", _("Rename")
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")


class ClusterEdit(models.Model):
    """One coordinator edit, kept as member ids so that it is re-applied on every re-run."""

    kind = models.CharField(_("kind"), max_length=10, choices=ClusterEditKind.choices)
    payload = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("cluster edit")
        verbose_name_plural = _("cluster edits")

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class Stance(models.TextChoices):
    SUPPORT = "support", _("Supports")
    OPPOSE = "oppose", _("Opposes")
    NEUTRAL = "neutral", _("Neutral or unknown")


class RecommendationStance(models.Model):
    """A recommendation's stance on what it raises (for, against, neither).

    Detected from its text at every run; a coordinator's choice wins over the detection
    and stays through re-runs. Kept here, not on the recommendation, because it is an
    analysis of the text (the engine's), edited by the people who run the analysis.
    """

    recommendation = models.OneToOneField(
        Recommendation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="convergence_stance",
    )
    detected = models.CharField(
        _("detected stance"), max_length=8, choices=Stance.choices, default=Stance.NEUTRAL
    )
    chosen = models.CharField(
        _("stance set by a coordinator"),
        max_length=8,
        choices=Stance.choices,
        blank=True,
        default="",
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("stance")
        verbose_name_plural = _("stances")

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.value}"

    @property
    def value(self) -> str:
        """The stance that counts: the coordinator's, else the detected one."""
        return self.chosen or self.detected
