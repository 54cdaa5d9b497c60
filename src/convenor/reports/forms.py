"""Forms of the reports pages (plain Django forms; they work without JavaScript)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convenor.core.models import Role, User
from convenor.process.models import Event

from .models import (
    Horizon,
    Language,
    RecommendationKind,
    ReportingTemplate,
    SectionKind,
    TimeFrame,
)
from .services import SectionInput
from .services.templates import MAX_DESCRIPTION, MAX_HELP, MAX_LIMIT, MAX_SECTIONS, MAX_TITLE


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


# --- reporting templates ---------------------------------------------------------------


class SectionForm(forms.Form):
    """One section of a template; `id` names an existing section (empty for a new one)."""

    id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=SectionKind.choices, label=_("Kind"))
    title = forms.CharField(
        label=_("Heading"),
        max_length=MAX_TITLE,
        required=False,
        help_text=_("Left empty, the kind's name is used."),
    )
    help_text = forms.CharField(
        label=_("Guidance for rapporteurs"),
        max_length=MAX_HELP,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    max_items = forms.IntegerField(
        label=_("At most this many items"),
        min_value=0,
        max_value=MAX_LIMIT,
        initial=0,
        help_text=_("0 for no limit; 2 for “two questions to governments”."),
    )


class BaseSectionFormSet(forms.BaseFormSet):
    def section_inputs(self) -> list[SectionInput]:
        return [
            SectionInput(
                id=f.cleaned_data.get("id"),
                kind=f.cleaned_data["kind"],
                title=f.cleaned_data.get("title", ""),
                help_text=f.cleaned_data.get("help_text", ""),
                max_items=f.cleaned_data.get("max_items") or 0,
            )
            for f in self.forms
            if f.cleaned_data
        ]


# Every row is an initial form (the page passes them as `initial`), so each is validated;
# absolute_max keeps a forged form count from building thousands of forms.
SectionFormSet = cast(
    "type[BaseSectionFormSet]",
    forms.formset_factory(
        SectionForm,
        formset=BaseSectionFormSet,
        extra=0,
        max_num=MAX_SECTIONS,
        validate_max=True,
        absolute_max=MAX_SECTIONS,
    ),
)


class TemplateForm(forms.Form):
    """A template's title and description; its sections come in `sections`, a formset
    validated with it, and reach the service as `cleaned_data["sections"]`."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, sections: BaseSectionFormSet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if self.is_bound and not self.sections.is_valid():
            raise forms.ValidationError(_("Check the sections below."))
        if self.is_bound:
            cleaned["sections"] = self.sections.section_inputs()
        return cleaned


class NewSectionForm(forms.Form):
    """The kind of the section that 'Add a section' appends."""

    new_kind = forms.ChoiceField(
        choices=SectionKind.choices, label=_("Kind of the new section"), required=False
    )
