"""Forms of the site shell: profile, API tokens, users' roles, audit log filters."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from convenor.core.models import Role


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        required=False,
        help_text=_("Something to recognise it by, e.g. the script or computer that uses it."),
    )


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = settings.LANGUAGES


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("E-mail or name contains"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("Any role")), *Role.choices], required=False
    )


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Action starts with"),
        max_length=100,
        required=False,
        help_text=_("e.g. “organisation.” or “api_token.create”"),
    )
    actor = forms.EmailField(label=_("Who (e-mail)"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
