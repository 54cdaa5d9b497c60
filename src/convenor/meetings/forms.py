"""Forms of the meetings pages (they parse; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from convenor.directory.models import Person
from convenor.framework.models import FrameworkItem

from .models import ParticipantKind, Registration, RegistrationStatus, SessionKind


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


class MeetingForm(forms.Form):
    capacity = forms.IntegerField(label=_("Capacity"), min_value=0, max_value=100000)
    government_led = forms.BooleanField(
        label=_("Government-led (civil society participants must be accredited)"), required=False
    )
    registration_open = forms.BooleanField(label=_("Registration open"), required=False)
    time_zone = forms.CharField(
        label=_("Time zone of the programme (e.g. America/Mexico_City; empty: the event's)"),
        max_length=60,
        required=False,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class DayForm(forms.Form):
    date = forms.DateField(label=_("Date (YYYY-MM-DD)"))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class _ItemChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.framework} {obj.code}: {obj.title}"


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    start_time = forms.TimeField(label=_("Start (HH:MM)"))
    end_time = forms.TimeField(label=_("End (HH:MM)"))
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    chatham_house = forms.BooleanField(label=_("Chatham House rule"), required=False)
    table_round = forms.TypedChoiceField(
        label=_("Table round (small tables only)"),
        choices=[("", "—"), ("1", "1"), ("2", "2")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    themes = _ItemChoice(
        label=_("Themes (framework items)"), queryset=FrameworkItem.objects.none(), required=False
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"), queryset=Person.objects.none(), required=False
    )
    rapporteurs = forms.ModelMultipleChoiceField(
        label=_("Rapporteurs"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = FrameworkItem.objects.select_related("framework").order_by(
            "framework__title", "order", "id"
        )
        people = Person.objects.order_by("name")
        self.fields["themes"].queryset = items  # type: ignore[attr-defined]
        self.fields["facilitators"].queryset = people  # type: ignore[attr-defined]
        self.fields["rapporteurs"].queryset = people  # type: ignore[attr-defined]


class TableForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=1000)
    name = forms.CharField(label=_("Name"), max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Theme (framework item)"), queryset=FrameworkItem.objects.none(), required=False
    )
    facilitator = forms.ModelChoiceField(
        label=_("Facilitator (an accepted participant)"),
        queryset=Registration.objects.none(),
        required=False,
    )
    min_size = forms.IntegerField(label=_("Minimum size"), min_value=0, max_value=1000, initial=0)
    max_size = forms.IntegerField(label=_("Maximum size"), min_value=0, max_value=1000, initial=10)
    min_gov = forms.IntegerField(
        label=_("Minimum governments"), min_value=0, max_value=1000, initial=0
    )
    max_gov = forms.IntegerField(
        label=_("Maximum governments"), min_value=0, max_value=1000, initial=10
    )

    def __init__(self, *args: Any, meeting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = FrameworkItem.objects.select_related(  # type: ignore[attr-defined]
            "framework"
        ).order_by("framework__title", "order", "id")
        self.fields["facilitator"].queryset = Registration.objects.filter(  # type: ignore[attr-defined]
            meeting=meeting, status=RegistrationStatus.ACCEPTED
        ).order_by("name")
