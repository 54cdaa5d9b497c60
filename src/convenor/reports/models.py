"""Reporting templates, session reports and the recommendations they (and imports) yield.

Quotes follow the Chatham House rule: a speaker's name is stored only with their recorded
consent, and `Recommendation.attribution` is the one way any page, answer or export reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TaskProgress, TimeStampedModel
from convenor.directory.models import Region
from convenor.process.models import Event, Process

ANONYMOUS = "anonymous"


class SectionKind(models.TextChoices):
    BASELINE = "baseline", _("Baselines")
    RED_LINE = "red_line", _("Red lines")
    MECHANISM = "mechanism", _("Mechanisms")
    QUESTION = "question", _("Questions to governments")
    QUOTE = "quote", _("Quotes")
    STRATEGIC_STEP = "strategic_step", _("Strategic steps")
    ISSUE = "issue", _("Key issues")
    FREE_TEXT = "free_text", _("Free text")


class RecommendationKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    RED_LINE = "red_line", _("Red line")
    MECHANISM = "mechanism", _("Mechanism")
    QUESTION = "question", _("Question to governments")
    QUOTE = "quote", _("Quote")
    STRATEGIC_STEP = "strategic_step", _("Strategic step")
    ISSUE = "issue", _("Key issue")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FREE_TEXT = "free_text", _("Free text")


# A section's items become recommendations of this kind.
SECTION_TO_KIND = {
    SectionKind.BASELINE: RecommendationKind.BASELINE,
    SectionKind.RED_LINE: RecommendationKind.RED_LINE,
    SectionKind.MECHANISM: RecommendationKind.MECHANISM,
    SectionKind.QUESTION: RecommendationKind.QUESTION,
    SectionKind.QUOTE: RecommendationKind.QUOTE,
    SectionKind.STRATEGIC_STEP: RecommendationKind.STRATEGIC_STEP,
    SectionKind.ISSUE: RecommendationKind.ISSUE,
    SectionKind.FREE_TEXT: RecommendationKind.FREE_TEXT,
}


class Horizon(models.TextChoices):
    """When a mechanism could be in place, on the graduated 12-year timeline."""

    NONE = "", _("No horizon")
    SHORT = "2y", _("Short term (2 years)")
    MEDIUM = "7y", _("Medium term (7 years)")
    LONG = "12y", _("Long term (12 years)")


class TimeFrame(models.TextChoices):
    """When a strategic step should be taken."""

    NONE = "", _("No time frame")
    SIX_MONTHS = "6m", _("Next six months")
    YEAR = "1y", _("Next year")
    LONGER = "long", _("Longer term")


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    OTHER = "other", _("Other")


class ReportingTemplate(TimeStampedModel):
    """A form of typed sections that rapporteurs fill in (e.g. the GFMD 2017 template)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("reporting template")
        verbose_name_plural = _("reporting templates")

    def __str__(self) -> str:
        return self.title


class TemplateSection(models.Model):
    template = models.ForeignKey(
        ReportingTemplate, on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    help_text = models.TextField(_("guidance"), blank=True)
    max_items = models.PositiveSmallIntegerField(_("at most this many items"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["template", "order", "id"]
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    PUBLISHED = "published", _("Published")


class Report(TimeStampedModel):
    """One rapporteur's report of one event or session; the assignment is the draft."""

    template = models.ForeignKey(
        ReportingTemplate, verbose_name=_("template"), on_delete=models.PROTECT
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="reports"
    )
    session = models.CharField(_("session"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapporteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.EN
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    review_comment = models.TextField(_("coordinator's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.event.title} — {self.session}" if self.session else self.event.title

    @property
    def editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ImportKind(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    DOCX = "docx", "DOCX"
    PDF = "pdf", "PDF"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the column mapping")
    QUEUED = "queued", _("Waiting to be imported")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed: nothing imported")


def import_upload_to(instance: RecommendationImport, filename: str) -> str:
    return f"imports/{instance.kind}/{filename}"


class RecommendationImport(TimeStampedModel):
    """One imported file; recommendations point back to it with their page or paragraph."""

    kind = models.CharField(_("kind"), max_length=8, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=300)
    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.SET_NULL
    )
    kind_default = models.CharField(
        _("kind of the items"),
        max_length=20,
        choices=RecommendationKind.choices,
        default=RecommendationKind.RECOMMENDATION,
    )
    columns = models.JSONField(_("columns"), default=list, blank=True)
    column_map = models.JSONField(_("column mapping"), default=dict, blank=True)
    count = models.PositiveIntegerField(_("recommendations"), default=0)
    error = models.TextField(_("error"), blank=True)
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("recommendation import")
        verbose_name_plural = _("recommendation imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def in_progress(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)


class Recommendation(TimeStampedModel):
    """One item of a report or of an imported file, with the attributes of its source."""

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=RecommendationKind.choices,
        default=RecommendationKind.RECOMMENDATION,
    )
    text = models.TextField(_("text"))
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.EN
    )
    horizon = models.CharField(
        _("horizon"), max_length=4, choices=Horizon.choices, blank=True, default=""
    )
    time_frame = models.CharField(
        _("time frame"), max_length=4, choices=TimeFrame.choices, blank=True, default=""
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="items",
    )
    # PROTECT: a section that holds items is never removed under a report (see
    # services.templates.template_update, which refuses it with a 409 first).
    section = models.ForeignKey(
        TemplateSection, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_import = models.ForeignKey(
        RecommendationImport,
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    process = models.ForeignKey(
        Process, verbose_name=_("process"), null=True, blank=True, on_delete=models.SET_NULL
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    reference = models.CharField(
        _("page or paragraph"),
        max_length=60,
        blank=True,
        help_text=_("Where the item stands in its source, e.g. 'p. 3' or '¶ 12'."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # Quotes only. The name is kept only when the speaker agreed to be named.
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    speaker_consent = models.BooleanField(_("speaker agreed to be named"), default=False)
    natural_key = models.CharField(max_length=120, blank=True, db_index=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["language"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def attribution(self) -> str:
        """The name to show with a quote: the speaker's only with consent, else 'anonymous'."""
        if self.kind != RecommendationKind.QUOTE:
            return ""
        if self.speaker_consent and self.speaker.strip():
            return self.speaker.strip()
        return ANONYMOUS
