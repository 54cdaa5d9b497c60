"""Joint statements, their versioned texts, signatures, counters and the e-mail outbox."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from convenor.core.models import TimeStampedModel
from convenor.directory.models import Organisation, OrganisationKind

LANGUAGE_CHOICES = settings.LANGUAGES


class SignerKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual")


class Statement(TimeStampedModel):
    """A joint statement or open letter that organisations (and/or individuals) sign."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    reference_language = models.CharField(
        _("reference language"), max_length=10, choices=LANGUAGE_CHOICES, default="en"
    )
    signer_kinds = models.JSONField(_("who may sign"), default=list)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    embargo_until = models.DateTimeField(_("embargo until"), null=True, blank=True)
    process = models.ForeignKey(
        "process.Process",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    event = models.ForeignKey(
        "process.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    framework_items = models.ManyToManyField(
        "framework.FrameworkItem",
        verbose_name=_("framework items"),
        blank=True,
        related_name="statements",
    )
    ip_retention_days = models.PositiveIntegerField(_("keep hashed IPs for (days)"), default=30)
    ips_purged_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-opens_at", "slug"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    def is_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closes_at is not None and now >= self.closes_at

    def is_embargoed(self, now=None) -> bool:
        return self.embargo_until is not None and (now or timezone.now()) < self.embargo_until


class ChangeKind(models.TextChoices):
    INITIAL = "initial", _("First version")
    MINOR = "minor", _("Minor correction: signatures carried over")
    MATERIAL = "material", _("Material change: signatories asked to confirm again")


class StatementVersion(models.Model):
    """One wording of a statement. Once it has signatures its texts never change."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    change = models.CharField(
        _("change"), max_length=10, choices=ChangeKind.choices, default=ChangeKind.INITIAL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="version_number_unique")
        ]
        verbose_name = _("statement version")
        verbose_name_plural = _("statement versions")

    def __str__(self) -> str:
        return f"{self.statement.slug} v{self.number}"


class StatementText(models.Model):
    """The text of one version in one language."""

    version = models.ForeignKey(StatementVersion, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text (Markdown)"))

    class Meta:
        ordering = ["version", "language"]
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="text_language_unique")
        ]
        verbose_name = _("statement text")
        verbose_name_plural = _("statement texts")

    def __str__(self) -> str:
        return f"{self.version} [{self.language}]"


class SignatureStatus(models.TextChoices):
    PENDING = "pending_confirmation", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    RECONFIRM = "reconfirm", _("Asked to confirm a changed text")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INVALIDATED = "invalidated", _("Invalidated")


class Review(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Waiting for a coordinator")
    MERGED = "merged", _("Merged into another signature")
    REJECTED = "rejected", _("Rejected")


class Signature(models.Model):
    """One signature of a statement. Counted when confirmed and approved; listed only when
    also publicly displayable."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The composite indexes below start with the statement; versions are rarely deleted.
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="signatures", db_index=False
    )
    version = models.ForeignKey(
        StatementVersion, on_delete=models.PROTECT, related_name="signatures", db_index=False
    )
    signer_kind = models.CharField(
        max_length=20, choices=SignerKind.choices, default=SignerKind.ORGANISATION
    )
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    name_key = models.CharField(max_length=300, blank=True)
    organisation_kind = models.CharField(
        _("kind"), max_length=30, choices=OrganisationKind.choices, blank=True
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=60, blank=True)
    network = models.CharField(_("network"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    canonical_email = models.CharField(max_length=254)
    email_domain = models.CharField(max_length=254)
    public_display = models.BooleanField(_("listed publicly"), default=True)
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES, default="en")
    status = models.CharField(
        max_length=24, choices=SignatureStatus.choices, default=SignatureStatus.PENDING
    )
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.APPROVED)
    review_reason = models.CharField(max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        db_index=False,
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signatures",
        db_index=False,
    )
    suggested_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    match_score = models.FloatField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)
    request_hash = models.CharField(max_length=64, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    flagged = models.CharField(_("flag"), max_length=200, blank=True)
    notices_sent = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["statement", "organisation_name", "id"]
        # Every index is written by every submission, so there are few: the unique ones, the
        # one the counts and lists read, and partial ones that a new signature (all NULL
        # links) does not touch. Coordinators' searches by domain, address or name read one
        # statement's rows through the statement's indexes.
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "canonical_email"], name="signature_email_unique"
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"], name="signature_idempotency_key_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["statement", "status", "review", "public_display"]),
            *(
                models.Index(
                    fields=[link], name=name, condition=models.Q(**{f"{link}__isnull": False})
                )
                for link, name in (
                    ("duplicate_of", "signature_duplicate_of_idx"),
                    ("organisation", "signature_organisation_idx"),
                    ("suggested_organisation", "signature_suggested_org_idx"),
                )
            ),
        ]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return self.organisation_name or self.contact_name

    @property
    def is_counted(self) -> bool:
        return self.status == SignatureStatus.CONFIRMED and self.review == Review.APPROVED

    @property
    def is_listed(self) -> bool:
        return self.is_counted and self.public_display

    @property
    def display_name(self) -> str:
        return self.organisation_name or self.contact_name


class StatementCounter(models.Model):
    """Counts kept in step with signatures in the same transaction: "total" (counted),
    "public" (listed), and "region:<slug>", "kind:<kind>", "country:<code>" over listed ones."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="counters")
    key = models.CharField(max_length=80)
    value = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "key"], name="counter_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} {self.key}={self.value}"


class MessageKind(models.TextChoices):
    CONFIRM = "confirm", _("Confirm your signature")
    ALREADY_SIGNED = "already_signed", _("You have already signed")
    RECONFIRM = "reconfirm", _("The text changed: confirm again")


class OutboxMessage(models.Model):
    """An e-mail to send, written in the same transaction as the signature that needs it and
    sent (at least once, with retries) by the worker."""

    # No constraint in the database: each row is written by the statement that writes its
    # signature (or bumps that signature's notices), with the id that statement just read, and
    # rows go with their signature through Django's cascade. The constraint's check at every
    # commit (a locking lookup of the signature just written) was a sixth of the database's
    # work per signature. A row left by a signature deleted in raw SQL holds no personal data,
    # and the sender never picks it up (it joins the signature).
    signature = models.ForeignKey(
        Signature, on_delete=models.CASCADE, related_name="messages", db_constraint=False
    )
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed = models.BooleanField(default=False)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due_idx",
                condition=models.Q(sent_at__isnull=True, failed=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} -> signature {self.signature_id}"
