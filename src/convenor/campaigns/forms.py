"""Forms of the campaigns pages. They parse; the services decide."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from convenor.directory.models import OrganisationKind

from .models import ChangeKind, SignerKind
from .regions import REGION_LABELS


def _countries(blank: str) -> list[tuple[str, str]]:
    from django.utils.translation import gettext

    return [("", gettext(blank)), *((c.code, c.name) for c in countries)]


class SignatureForm(forms.Form):
    signer_kind = forms.ChoiceField(
        label=_("I sign as"), choices=SignerKind.choices, initial=SignerKind.ORGANISATION
    )
    organisation_name = forms.CharField(
        label=_("Organisation name"), max_length=300, required=False
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: _countries("(choose a country)")
    )
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("(choose)")), *OrganisationKind.choices],
        required=False,
    )
    network = forms.CharField(label=_("Network (optional)"), max_length=300, required=False)
    contact_name = forms.CharField(label=_("Contact name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("We send a confirmation link; it is never published.")
    )
    public_display = forms.BooleanField(
        label=_("List our name publicly"),
        required=False,
        initial=True,
        help_text=_("Untick to sign without public display (for organisations at risk)."),
    )
    consent = forms.BooleanField(label=_("I agree to the privacy notice"), required=True)
    # A field people never see or fill in; bots do.
    website = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, statement=None, **kwargs):
        super().__init__(*args, **kwargs)
        if statement is not None and len(statement.signer_kinds) == 1:
            self.fields["signer_kind"].widget = forms.HiddenInput()
            self.fields["signer_kind"].initial = statement.signer_kinds[0]
        if not self.is_bound:
            self.fields["started"].initial = str(int(time.time()))

    def started_at(self) -> float | None:
        try:
            return float(self.data.get("started", ""))
        except ValueError:
            return 0.0  # missing or tampered: treated as too fast


class SignatoryFilterForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: _countries("(any)"), required=False
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("(any)")), *REGION_LABELS.items()], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("", _("(any)")),
            *OrganisationKind.choices,
            (SignerKind.INDIVIDUAL, _("Individual")),
        ],
        required=False,
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


LANGUAGE_CHOICES = settings.LANGUAGES


class StatementForm(forms.Form):
    slug = forms.SlugField(label=_("Slug"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Reference language"), choices=LANGUAGE_CHOICES)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    text = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 12}))
    signer_kinds = forms.MultipleChoiceField(
        label=_("Who may sign"),
        choices=SignerKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[SignerKind.ORGANISATION],
    )
    time_zone = forms.CharField(label=_("Time zone"), initial="UTC", max_length=64)
    opens_at = forms.DateTimeField(label=_("Opens at (in that time zone)"))
    closes_at = forms.DateTimeField(label=_("Closes at (in that time zone)"), required=False)
    embargo_until = forms.DateTimeField(label=_("Embargo until (optional)"), required=False)


class StatementTextForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    body = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 12}))
    change = forms.ChoiceField(
        label=_("If people have signed already"),
        choices=[
            (ChangeKind.MINOR, ChangeKind.MINOR.label),
            (ChangeKind.MATERIAL, ChangeKind.MATERIAL.label),
        ],
        widget=forms.RadioSelect,
        initial=ChangeKind.MINOR,
    )
    note = forms.CharField(label=_("Note on the change"), max_length=300, required=False)


class ExtendForm(forms.Form):
    closes_at = forms.DateTimeField(label=_("New closing time (in the statement's time zone)"))


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("approve", _("Approve as a separate signature")),
            ("merge", _("Merge into the earlier signature")),
            ("link", _("Link to the suggested organisation")),
            ("reject", _("Reject")),
            ("invalidate", _("Invalidate")),
        ],
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, label=_("Signatures"), choices=[])

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = list(choices)


class InvalidateForm(forms.Form):
    domain = forms.CharField(label=_("E-mail domain"), max_length=254, required=False)
    ip_hash = forms.CharField(label=_("Address (hashed)"), max_length=64, required=False)
