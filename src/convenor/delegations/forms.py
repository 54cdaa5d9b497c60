"""Forms of the delegations pages (they parse; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from convenor.process.models import Event

from .models import InvitationStatus, QuotaMode, RoundStatus, TargetAttribute


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


def _coordinator_choices() -> Any:
    """Users who may coordinate a quota's names: focal points (and coordinators)."""
    from convenor.core.models import Role, User

    return User.objects.filter(is_active=True, role__in=[Role.FOCAL_POINT, Role.COORDINATOR])


class RoundForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Meeting"), queryset=Event.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=0, max_value=100000)
    deadline = forms.DateTimeField(
        label=_("Nomination deadline (YYYY-MM-DD HH:MM, UTC)"), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=RoundStatus.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["event"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Event.objects.order_by("-start_date", "title")


class QuotaForm(forms.Form):
    process_name = forms.CharField(label=_("Nominating process"), max_length=300)
    coordinator = forms.ModelChoiceField(
        label=_("Nomination coordinator (a focal point with an account)"),
        queryset=Event.objects.none(),
        required=False,
    )
    coordinator_label = forms.CharField(label=_("Coordinated by"), max_length=300, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=QuotaMode.choices)
    max_names = forms.IntegerField(
        label=_("Names it may put forward (empty: unlimited)"),
        min_value=0,
        max_value=10000,
        required=False,
    )
    seats = forms.IntegerField(label=_("Final number of seats"), min_value=0, max_value=10000)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["coordinator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _coordinator_choices().order_by("email")


class TargetForm(forms.Form):
    attribute = forms.ChoiceField(label=_("Attribute"), choices=TargetAttribute.choices)
    value = forms.CharField(label=_("Value (e.g. f, a region slug, ngo, yes)"), max_length=100)
    min_share = forms.FloatField(
        label=_("Minimum share (0 to 1)"), min_value=0, max_value=1, required=False
    )
    min_count = forms.IntegerField(
        label=_("Minimum count"), min_value=0, max_value=10000, required=False
    )
    weight = forms.FloatField(label=_("Weight"), min_value=0.01, max_value=1000, initial=1.0)
    hard = forms.BooleanField(label=_("Must hold"), required=False)
