"""Organisations, networks, committees, people and their memberships."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from convenor.core.models import TimeStampedModel


class Region(models.Model):
    """A world region as the coalition uses it (e.g. "Asia", "MENA", "Pacific")."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("NGO")
    MIGRANT_ASSOCIATION = "migrant_association", _("Migrant or diaspora association")
    TRADE_UNION = "trade_union", _("Trade union")
    FAITH_BASED = "faith_based", _("Faith-based organisation")
    ACADEMIC = "academic", _("Academic institution")
    YOUTH = "youth", _("Youth organisation")
    WOMEN = "women", _("Women's organisation")
    NETWORK = "network", _("Network")
    UN_AGENCY = "un_agency", _("UN agency")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", _("Other")


class EcosocStatus(models.TextChoices):
    NONE = "", _("None")
    GENERAL = "general", _("General consultative status")
    SPECIAL = "special", _("Special consultative status")
    ROSTER = "roster", _("Roster")


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.NGO
    )
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    ecosoc_status = models.CharField(
        _("ECOSOC consultative status"),
        max_length=10,
        choices=EcosocStatus.choices,
        default=EcosocStatus.NONE,
        blank=True,
    )
    special_accreditation = models.BooleanField(
        _("special accreditation to the process"), default=False
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # One index per filter of the directory list, each ending with the list's ordering.
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["country"]),
            models.Index(fields=["name"], name="directory_org_name_idx"),
            models.Index(fields=["kind", "name"], name="directory_org_kind_name_idx"),
            models.Index(fields=["country", "name"], name="directory_org_country_name_idx"),
            models.Index(fields=["region", "name"], name="directory_org_region_name_idx"),
            models.Index(fields=["ecosoc_status", "name"], name="directory_org_ecosoc_name_idx"),
            models.Index(
                fields=["special_accreditation", "name"], name="directory_org_accred_name_idx"
            ),
        ]

    @property
    def shown_acronym(self) -> str:
        """The acronym when it adds something to the name ("AFL-CIO" is both), else ""."""
        if self.acronym and self.acronym.casefold() != self.name.casefold():
            return self.acronym
        return ""

    def __str__(self) -> str:
        return f"{self.name} ({self.shown_acronym})" if self.shown_acronym else self.name


class Committee(TimeStampedModel):
    """A coordinating body: Action Committee, International Steering Committee, Core Group…"""

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    convener = models.ForeignKey(
        Organisation,
        verbose_name=_("convener"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="convened_committees",
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    role = models.CharField(_("role or title"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Filled in by people about themselves; optional.
    gender = models.CharField(_("gender (self-described)"), max_length=60, blank=True)
    is_youth = models.BooleanField(_("youth"), null=True, blank=True)
    do_not_publish = models.BooleanField(
        _("do not publish"),
        default=False,
        help_text=_("Keeps this person off every public page, feed and export."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["name"], name="directory_person_name_idx"),
            models.Index(fields=["do_not_publish", "name"], name="directory_person_public_idx"),
            models.Index(fields=["organisation", "name"], name="directory_person_org_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    FOCAL_POINT = "focal_point", _("Regional focal point")
    CONVENER = "convener", _("Convener")
    SECRETARIAT = "secretariat", _("Secretariat")
    OBSERVER = "observer", _("Observer")


class Membership(models.Model):
    """An organisation or person in a network (an organisation) or a committee, with dates."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    network = models.ForeignKey(
        Organisation,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["committee__name", "network__name", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(person__isnull=False),
                name="membership_has_member",
            ),
            models.CheckConstraint(
                condition=models.Q(network__isnull=False) | models.Q(committee__isnull=False),
                name="membership_has_body",
            ),
        ]

    def __str__(self) -> str:
        member = self.organisation or self.person
        body = self.committee or self.network
        return f"{member} – {self.get_role_display()} – {body}"
