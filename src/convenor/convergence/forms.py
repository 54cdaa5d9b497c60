from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from convenor.framework.models import Framework

from .models import Method, Stance


class MappingRunForm(forms.Form):
    framework = forms.ModelChoiceField(
        Framework.objects.order_by("order", "title"), label=_("Framework"), to_field_name="slug"
    )
    method = forms.ChoiceField(choices=Method.choices, label=_("Method"))


class ClusteringRunForm(forms.Form):
    k = forms.IntegerField(
        label=_("Number of issues (empty: chosen from the number of recommendations)"),
        required=False,
        min_value=2,
        max_value=1000,
    )
    framework = forms.ModelChoiceField(
        Framework.objects.order_by("order", "title"),
        label=_("Framework whose items help group recommendations across languages"),
        to_field_name="slug",
        required=False,
        empty_label=_("None (the texts only)"),
    )


class DimensionForm(forms.Form):
    dimension = forms.ChoiceField(
        choices=[
            ("region", _("Region")),
            ("process", _("Process")),
            ("sector", _("Sector")),
            ("event", _("Event")),
        ],
        required=False,
        label=_("Sources"),
    )


class KeyIssuesForm(forms.Form):
    count = forms.IntegerField(
        min_value=1, max_value=50, required=False, label=_("How many key issues")
    )


class RenameForm(forms.Form):
    name = forms.CharField(max_length=300, label=_("New name"))


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Merge with cluster number"), min_value=0)
    name = forms.CharField(max_length=300, required=False, label=_("Name of the merged cluster"))


class CorrectForm(forms.Form):
    code = forms.CharField(max_length=40, label=_("Right item code"))


class StanceForm(forms.Form):
    stance = forms.ChoiceField(
        choices=[("", _("As detected from the text")), *Stance.choices],
        required=False,
        label=_("Stance"),
    )
