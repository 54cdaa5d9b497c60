"""Processes, their phases, events, documents (in several languages) and news."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from convenor.core.models import TimeStampedModel
from convenor.directory.models import Organisation, Person, Region


class Process(TimeStampedModel):
    """An intergovernmental process that a coalition follows (e.g. the GCM, 2017–2018)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self) -> str:
        return self.short_name or self.name


class Phase(models.Model):
    """A stage of a process. It is current on a date when start <= date <= end (no end: open)."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="phases"
    )
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["process", "order", "start_date"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="phase_slug_unique_in_process")
        ]
        indexes = [models.Index(fields=["slug"])]

    def __str__(self) -> str:
        return self.name

    def is_current_on(self, on: datetime.date) -> bool:
        return self.start_date <= on and (self.end_date is None or on <= self.end_date)


class EventKind(models.TextChoices):
    THEMATIC_CONSULTATION = "thematic_consultation", _("Thematic consultation")
    REGIONAL_CONSULTATION = "regional_consultation", _("Regional consultation")
    HEARING = "hearing", _("Multi-stakeholder hearing")
    CIVIL_SOCIETY_DAYS = "civil_society_days", _("Civil society days")
    STOCKTAKING = "stocktaking", _("Stocktaking meeting")
    CONFERENCE = "conference", _("Intergovernmental conference")
    NEGOTIATION_ROUND = "negotiation_round", _("Negotiation round")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "other", _("Other")


class Event(TimeStampedModel):
    """A meeting in a process. end_date is always set (equal to start_date for one day)."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="events"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    themes = models.TextField(_("themes"), blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=60, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("anchoring organisations"),
        through="EventOrganisation",
        related_name="events",
        blank=True,
    )
    focal_points = models.ManyToManyField(
        Person, verbose_name=_("focal points"), related_name="focal_point_events", blank=True
    )
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["start_date", "title"]),
            models.Index(fields=["end_date"]),
            models.Index(fields=["kind", "start_date"]),
            models.Index(fields=["process", "start_date"]),
            models.Index(fields=["phase", "start_date"]),
            models.Index(fields=["region", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AnchorRole(models.TextChoices):
    ANCHOR = "anchor", _("Anchor")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    TECHNICAL_FOCAL_POINT = "technical_focal_point", _("Technical focal point")
    PARTNER = "partner", _("Partner")


class EventOrganisation(models.Model):
    """An organisation that anchors, co-organises or supports an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="anchorings")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="event_anchorings"
    )
    role = models.CharField(
        _("role"), max_length=30, choices=AnchorRole.choices, default=AnchorRole.ANCHOR
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("anchoring organisation")
        verbose_name_plural = _("anchoring organisations")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="event_org_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_role_display()}"


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Report")
    SUMMARY = "summary", _("Summary")
    PROGRAMME = "programme", _("Programme")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    STATEMENT = "statement", _("Statement")
    RECOMMENDATIONS = "recommendations", _("Recommendations")
    OTHER = "other", _("Other")


def document_upload_to(instance: Document, filename: str) -> str:
    today = datetime.date.today()
    return f"documents/{today:%Y/%m}/{filename}"


class Document(TimeStampedModel):
    """A document: an uploaded file or an external link (exactly one). Language versions
    of the same text share a translation_group."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=10, default="en")
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300, blank=True)
    url = models.URLField(_("external link"), max_length=500, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("authors"), related_name="documents", blank=True
    )
    translation_group = models.UUIDField(
        _("translation group"),
        default=uuid.uuid4,
        db_index=True,
        help_text=_("Language versions of the same document share this value."),
    )
    published_on = models.DateField(_("published"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("A stable key for imports (e.g. the demo data)."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "title", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["language"]),
            models.Index(fields=["event", "language"]),
            models.Index(fields=["process", "published_on"]),
            models.Index(fields=["-published_on", "title"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="document_file_xor_url",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def href(self) -> str:
        """Where the document can be read: the uploaded file or the external link."""
        return self.file.url if self.file else self.url


class NewsItem(TimeStampedModel):
    """A news post. The body is Markdown, rendered safely."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    process = models.ForeignKey(
        Process, verbose_name=_("process"), null=True, blank=True, on_delete=models.SET_NULL
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    published = models.BooleanField(_("published"), default=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [models.Index(fields=["published", "language", "-date"])]

    def __str__(self) -> str:
        return self.title
