"""Selection rounds: quotas per nominating process, balance targets, nominations, solver runs
and the invitations that follow them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TaskProgress, TimeStampedModel
from convenor.directory.models import Person
from convenor.process.models import Event


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Nominations open")
    CLOSED = "closed", _("Nominations closed")
    SELECTED = "selected", _("Delegation selected")
    PUBLISHED = "published", _("Invited list published")


class SelectionRound(TimeStampedModel):
    """The choice of a delegation for one meeting: `capacity` places, nominations until
    `deadline`."""

    event = models.ForeignKey(
        Event, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="selection_rounds"
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    capacity = models.PositiveIntegerField(_("capacity"))
    deadline = models.DateTimeField(_("nomination deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "title"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")

    def __str__(self) -> str:
        return self.title


class QuotaMode(models.TextChoices):
    SELECT = "select", _("Select")
    NOMINATE = "nominate", _("Nominate")


class Quota(models.Model):
    """A nominating process: it may put forward `max_names` names (None: unlimited) and ends
    with `seats` delegates. Its coordinator enters the names."""

    round = models.ForeignKey(
        SelectionRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="quotas"
    )
    slug = models.SlugField(_("slug"), max_length=100)
    process_name = models.CharField(_("nominating process"), max_length=300)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nomination coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegation_quotas",
    )
    coordinator_label = models.CharField(_("coordinated by"), max_length=300, blank=True)
    mode = models.CharField(
        _("mode"), max_length=10, choices=QuotaMode.choices, default=QuotaMode.SELECT
    )
    max_names = models.PositiveIntegerField(_("names it may put forward"), null=True, blank=True)
    seats = models.PositiveIntegerField(_("final number"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["round", "slug"], name="quota_slug_unique_in_round")
        ]

    def __str__(self) -> str:
        return self.process_name


class TargetAttribute(models.TextChoices):
    GENDER = "gender", _("Gender")
    YOUTH = "youth", _("Youth")
    REGION = "region", _("Region")
    SECTOR = "sector", _("Sector")
    MIGRANT_OR_REFUGEE = "migrant_or_refugee", _("Migrants and refugees themselves")


class BalanceTarget(models.Model):
    """At least `min_count` people, or `min_share` of the seats, whose attribute is `value`."""

    round = models.ForeignKey(
        SelectionRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="targets"
    )
    attribute = models.CharField(_("attribute"), max_length=30, choices=TargetAttribute.choices)
    value = models.CharField(_("value"), max_length=100)
    min_share = models.FloatField(_("minimum share"), null=True, blank=True)
    min_count = models.PositiveIntegerField(_("minimum count"), null=True, blank=True)
    weight = models.FloatField(_("weight"), default=1.0)
    hard = models.BooleanField(_("must hold"), default=False)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("balance target")
        verbose_name_plural = _("balance targets")

    def __str__(self) -> str:
        goal = f"{self.min_share:.0%}" if self.min_share is not None else str(self.min_count)
        return f"{self.attribute}={self.value} ≥ {goal}"


class Nomination(models.Model):
    """`person` put forward by `quota` at `priority` (1 = first choice)."""

    quota = models.ForeignKey(
        Quota, verbose_name=_("quota"), on_delete=models.CASCADE, related_name="nominations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="nominations"
    )
    priority = models.PositiveIntegerField(_("priority"))
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    migrant_or_refugee = models.BooleanField(_("migrant or refugee"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["quota", "priority", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["quota", "person"], name="nomination_once_per_quota")
        ]

    def __str__(self) -> str:
        return f"{self.quota} #{self.priority}: {self.person}"


class MergeStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class MergeSuggestion(models.Model):
    """Two directory records that look like the same person (close name, same organisation).
    Once a coordinator confirms, `duplicate`'s nominations in the round move to `person`."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="merges")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    duplicate = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("similarity"))
    status = models.CharField(
        _("status"), max_length=10, choices=MergeStatus.choices, default=MergeStatus.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "-score", "id"]
        verbose_name = _("suggested merge")
        verbose_name_plural = _("suggested merges")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person", "duplicate"], name="merge_pair_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ~ {self.duplicate}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RunKind(models.TextChoices):
    SELECTION = "selection", _("Selection")
    REPLACEMENT = "replacement", _("Replacement after a decline")


class SelectionRun(models.Model):
    """One solver run with its exact input (so it can be run again) and its result."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(
        _("kind"), max_length=20, choices=RunKind.choices, default=RunKind.SELECTION
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    input = models.JSONField(_("input"), default=dict)
    result = models.JSONField(_("result"), default=dict, blank=True)
    params = models.JSONField(_("solver parameters"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")

    def __str__(self) -> str:
        return f"{self.round} run {self.pk} ({self.status})"

    @property
    def outcome(self) -> str:
        return str(self.result.get("status", "")) if self.result else ""


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A seat offered to `person`, credited to `quota`; answered through the token link."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    quota = models.ForeignKey(Quota, on_delete=models.CASCADE, related_name="invitations")
    run = models.ForeignKey(
        SelectionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "quota__order", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="invitation_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


class InvitationMessage(models.Model):
    """An invitation e-mail to send, written in the same transaction as the invitation and
    sent at least once, with retries and backoff, by the outbox worker (outbox.py)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="messages")
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed = models.BooleanField(default=False)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("invitation e-mail")
        verbose_name_plural = _("invitation e-mails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="deleg_outbox_due_idx",
                condition=models.Q(sent_at__isnull=True, failed=False),
            )
        ]

    def __str__(self) -> str:
        return f"invitation {self.invitation_id} ({self.attempts} attempts)"
