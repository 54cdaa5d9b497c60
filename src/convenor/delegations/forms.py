"""Forms of the delegations pages (they parse; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import InvitationStatus


class NominationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    gender = forms.CharField(label=_("Gender (self-described)"), max_length=60, required=False)
    youth = forms.BooleanField(label=_("Youth"), required=False)
    migrant_or_refugee = forms.BooleanField(label=_("Migrant or refugee"), required=False)
    do_not_publish = forms.BooleanField(label=_("Do not publish"), required=False)
    priority = forms.IntegerField(
        label=_("Priority (empty: last)"), min_value=1, max_value=1000, required=False
    )


class MoveForm(forms.Form):
    priority = forms.IntegerField(label=_("Priority"), min_value=1, max_value=1000)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class RunForm(forms.Form):
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"), min_value=1, max_value=120, initial=10
    )


class InvitationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InvitationStatus.choices)
