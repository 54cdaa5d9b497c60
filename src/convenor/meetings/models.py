"""A meeting's programme (days, sessions), its registrations and the small-table plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from convenor.core.models import TaskProgress, TimeStampedModel
from convenor.directory.models import Organisation, Person
from convenor.framework.models import FrameworkItem
from convenor.process.models import Event


class Meeting(TimeStampedModel):
    """The running of one event: how many people it takes and whether governments lead it
    (then civil society participants must be accredited before approval)."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting"
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=100)
    government_led = models.BooleanField(_("government-led"), default=False)
    registration_open = models.BooleanField(_("registration open"), default=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=60,
        blank=True,
        help_text=_("IANA name, e.g. America/Mexico_City; empty: the event's time zone."),
    )
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return str(self.event)

    @property
    def zone_name(self) -> str:
        """The time zone the programme's times are in (the meeting's, else the event's)."""
        return self.time_zone or self.event.time_zone


class ProgrammeDay(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "date"]
        verbose_name = _("programme day")
        verbose_name_plural = _("programme days")
        constraints = [models.UniqueConstraint(fields=["meeting", "date"], name="one_day_per_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}".strip()


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    PARALLEL = "parallel", _("Parallel session")
    SMALL_TABLE = "small_table", _("Small tables")
    BREAK = "break", _("Break")
    RECEPTION = "reception", _("Reception")


class Session(models.Model):
    """One slot of the programme. Small-table sessions carry their round (1 or 2)."""

    day = models.ForeignKey(ProgrammeDay, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    chatham_house = models.BooleanField(_("Chatham House rule"), default=False)
    table_round = models.PositiveSmallIntegerField(_("table round"), null=True, blank=True)
    themes = models.ManyToManyField(
        FrameworkItem, verbose_name=_("themes"), blank=True, related_name="meeting_sessions"
    )
    facilitators = models.ManyToManyField(
        Person, verbose_name=_("facilitators"), blank=True, related_name="facilitated_sessions"
    )
    rapporteurs = models.ManyToManyField(
        Person, verbose_name=_("rapporteurs"), blank=True, related_name="rapporteured_sessions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["day__date", "start_time", "order", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["day", "slug"], name="session_slug_unique_in_day")
        ]

    def __str__(self) -> str:
        return self.title


class ParticipantKind(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    GOVERNMENT = "government", _("Government")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Registration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    kind = models.CharField(
        _("participant"),
        max_length=20,
        choices=ParticipantKind.choices,
        default=ParticipantKind.CIVIL_SOCIETY,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    dietary = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    travel_support = models.BooleanField(_("asks for travel support"), default=False)
    ldc_eligible = models.BooleanField(_("from a Least Developed Country"), default=False)
    parallel_session = models.ForeignKey(
        Session,
        verbose_name=_("parallel session attended"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendees",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="one_registration_per_email")
        ]

    def __str__(self) -> str:
        return self.name


class AccreditedOrganisation(models.Model):
    """An organisation on an accreditation list imported from CSV (e.g. the UN list of NGOs
    specially accredited to a process), matched by folded name."""

    name = models.CharField(_("name"), max_length=300)
    key = models.CharField(max_length=300, unique=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("accredited organisation")
        verbose_name_plural = _("accredited organisations")

    def __str__(self) -> str:
        return self.name


class SmallTable(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    theme = models.ForeignKey(
        FrameworkItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    facilitator = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    min_size = models.PositiveSmallIntegerField(_("minimum size"), default=0)
    max_size = models.PositiveSmallIntegerField(_("maximum size"), default=10)
    min_gov = models.PositiveSmallIntegerField(_("minimum governments"), default=0)
    max_gov = models.PositiveSmallIntegerField(_("maximum governments"), default=10)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("small table")
        verbose_name_plural = _("small tables")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="table_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class TablePin(models.Model):
    """A coordinator's choice: this person sits at this table in this round."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="pins")
    round = models.PositiveSmallIntegerField(_("round"))
    table = models.ForeignKey(SmallTable, on_delete=models.CASCADE, related_name="pins")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "round"], name="one_pin_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} round {self.round} -> table {self.table_id}"


class TableSwitch(models.Model):
    """A requested table for round 2."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="switch"
    )
    table = models.ForeignKey(SmallTable, on_delete=models.CASCADE, related_name="switches")

    def __str__(self) -> str:
        return f"{self.registration_id} -> table {self.table_id} in round 2"


class TableRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TableRun(models.Model):
    """One run of the table engine with its input and result; its plan is in placements."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="table_runs")
    status = models.CharField(
        max_length=10, choices=TableRunStatus.choices, default=TableRunStatus.QUEUED
    )
    input = models.JSONField(default=dict)
    result = models.JSONField(default=dict, blank=True)
    params = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("table assignment run")
        verbose_name_plural = _("table assignment runs")

    def __str__(self) -> str:
        return f"{self.meeting} tables {self.pk} ({self.status})"


class TablePlacement(models.Model):
    run = models.ForeignKey(TableRun, on_delete=models.CASCADE, related_name="placements")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    round = models.PositiveSmallIntegerField()
    table = models.ForeignKey(SmallTable, on_delete=models.CASCADE, related_name="placements")

    class Meta:
        ordering = ["run", "round", "table__number", "registration__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "registration", "round"], name="one_place_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} round {self.round} -> table {self.table_id}"
