"""Forms of the meetings pages (they parse; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import ParticipantKind, RegistrationStatus


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *countries], required=False)
    kind = forms.ChoiceField(label=_("I take part for"), choices=ParticipantKind.choices)
    parallel_session = forms.ChoiceField(label=_("Parallel session (day 1)"), required=False)
    dietary = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)
    travel_support = forms.BooleanField(label=_("I ask for travel support"), required=False)

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parallel_session"].choices = [("", "—")] + [
            (str(s.pk), s.title) for s in sessions
        ]


class DecideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in RegistrationStatus.choices if c[0] != RegistrationStatus.PENDING],
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *RegistrationStatus.choices], required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    source = forms.CharField(label=_("Source of the list"), max_length=300, required=False)


class RunForm(forms.Form):
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"), min_value=1, max_value=120, initial=8
    )


class PinForm(forms.Form):
    registration = forms.IntegerField(label=_("Participant"))
    round = forms.TypedChoiceField(label=_("Round"), choices=[("1", "1"), ("2", "2")], coerce=int)
    table = forms.IntegerField(label=_("Table"), required=False)


class SwitchForm(forms.Form):
    registration = forms.IntegerField(label=_("Participant"))
    table = forms.IntegerField(label=_("Table for round 2"), required=False)
