"""Frameworks of goals (e.g. the Ten Acts, the GCM objectives), their nested items, and
the positions (baselines, red lines, common messages, key issues) that point at items."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel

from .codes import CODE_MAX_LENGTH, code_sort_key


class Framework(TimeStampedModel):
    """A document that sets goals, e.g. "Now and How: Ten Acts for the Global Compact"."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(_("short title"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    order = models.IntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.short_title or self.title


class ItemKind(models.TextChoices):
    GOAL = "goal", _("Goal or act")
    TARGET = "target", _("Sub-item or target")
    GROUP = "group", _("Multi-stakeholder group")
    PRINCIPLE = "principle", _("Principle")
    OBJECTIVE = "objective", _("Objective")


class Horizon(models.TextChoices):
    NONE = "", _("No horizon")
    IMMEDIATE = "immediate", _("Immediate")
    TWO_YEARS = "2y", _("Within 2 years")
    SEVEN_YEARS = "7y", _("Within 7 years")
    TWELVE_YEARS = "12y", _("Within 12 years")
    TARGET_YEAR = "year", _("By a target year")


class Tag(models.Model):
    """A cross-cutting theme such as women or children."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class FrameworkItem(TimeStampedModel):
    """One goal, target, group or principle of a framework; items nest (Act 3 -> 3.6)."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        # RESTRICT: an item with children cannot be deleted alone, but deleting the whole
        # framework takes all its items with it.
        on_delete=models.RESTRICT,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=CODE_MAX_LENGTH)
    # Natural order of `code`, kept in step by save(); see codes.code_sort_key.
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    horizon = models.CharField(
        _("horizon"), max_length=10, choices=Horizon.choices, blank=True, default=""
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="items")
    order = models.IntegerField(_("order"), default=0)

    class Meta:
        ordering = ["framework", "order", "sort_key"]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="framework_item_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.sort_key = code_sort_key(self.code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)


class PositionKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    RED_LINE = "red_line", _("Red line")
    COMMON_MESSAGE = "common_message", _("Common message")
    KEY_ISSUE = "key_issue", _("Key issue")


class Position(TimeStampedModel):
    """What the coalition holds: a baseline, a red line, a common message or a key issue,
    pointing at the framework items it concerns."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PositionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    items = models.ManyToManyField(
        FrameworkItem, verbose_name=_("framework items"), blank=True, related_name="positions"
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    order = models.IntegerField(_("order"), default=0)
    language = models.CharField(_("language"), max_length=10, default="en")

    class Meta:
        ordering = ["kind", "order", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.title
