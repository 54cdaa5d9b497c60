"""Forms of the reports pages (plain Django forms; they work without JavaScript)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from convenor.core.models import Role, User
from convenor.process.models import Event

from .models import (
    Horizon,
    Language,
    RecommendationKind,
    ReportingTemplate,
    TimeFrame,
)


class AssignForm(forms.Form):
    template = forms.ModelChoiceField(ReportingTemplate.objects.all(), label=_("Template"))
    event = forms.ModelChoiceField(
        Event.objects.order_by("-start_date", "title"), label=_("Event"), to_field_name="slug"
    )
    session = forms.CharField(label=_("Session"), max_length=300, required=False)
    rapporteur = forms.ModelChoiceField(
        User.objects.filter(is_active=True, role__in=[Role.RAPPORTEUR, Role.COORDINATOR]),
        label=_("Rapporteur"),
    )
    language = forms.ChoiceField(choices=Language.choices, label=_("Language"))
    sector = forms.CharField(label=_("Sector"), max_length=100, required=False)


class ItemForm(forms.Form):
    """One item of a report; `key` identifies a new row across repeated autosaves."""

    text = forms.CharField(
        label=_("Text"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    key = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)
    horizon = forms.ChoiceField(choices=Horizon.choices, label=_("Horizon"), required=False)
    time_frame = forms.ChoiceField(choices=TimeFrame.choices, label=_("Time frame"), required=False)
    speaker = forms.CharField(
        label=_("Speaker or organisation (kept only with their consent)"),
        max_length=200,
        required=False,
    )
    speaker_consent = forms.BooleanField(label=_("The speaker agreed to be named"), required=False)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class RecommendationFilterForm(forms.Form):
    q = forms.CharField(label=_("Text contains"), required=False, max_length=200)
    kind = forms.ChoiceField(
        choices=[("", _("Any kind")), *RecommendationKind.choices], required=False, label=_("Kind")
    )
    language = forms.ChoiceField(
        choices=[("", _("Any language")), *Language.choices], required=False, label=_("Language")
    )
    region = forms.SlugField(required=False, label=_("Region"), max_length=80)
    event = forms.SlugField(required=False, label=_("Event"), max_length=100)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV, XLSX, DOCX or PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.docx,.pdf"}),
    )
    event = forms.ModelChoiceField(
        Event.objects.order_by("-start_date", "title"),
        label=_("Source event"),
        required=False,
        to_field_name="slug",
    )
    kind_default = forms.ChoiceField(
        choices=RecommendationKind.choices,
        initial=RecommendationKind.RECOMMENDATION,
        label=_("Kind of the items"),
    )


class ColumnMapForm(forms.Form):
    """One select per recommendation field, offering the file's columns."""

    FIELDS = (
        ("text", _("Text")),
        ("kind", _("Kind")),
        ("language", _("Language")),
        ("region", _("Region")),
        ("sector", _("Sector")),
        ("reference", _("Page or paragraph")),
        ("horizon", _("Horizon")),
    )

    def __init__(self, *args, columns: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(none)")), *[(c, c) for c in columns]]
        lowered = {c.lower(): c for c in columns}
        for name, label in self.FIELDS:
            self.fields[name] = forms.ChoiceField(
                choices=choices, label=label, required=name == "text"
            )
            self.fields[name].initial = lowered.get(name, "")
