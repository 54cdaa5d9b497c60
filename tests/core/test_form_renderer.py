"""The fast form renderer writes exactly what Django's widget templates write."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from convenor.core.form_renderer import FastRenderer


class SampleForm(forms.Form):
    q = forms.CharField(required=False, max_length=20)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    count = forms.IntegerField(min_value=1)
    email = forms.EmailField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(choices=[("", "Any"), ("a", "A & <b>"), ("b", 'Say "b"')])
    grouped = forms.ChoiceField(
        choices=[("", "None"), ("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], required=False)
    text = forms.CharField(widget=forms.Textarea, required=False)
    flag = forms.BooleanField(required=False)


DATA = [
    {},
    {"q": 'a"<script>&', "day": "2017-12-04", "count": "3", "kind": "a", "grouped": "y"},
    {"q": "", "day": "not a date", "count": "-1", "kind": "zz", "many": ["1", "2"]},
]


@pytest.mark.parametrize("data", DATA)
def test_every_widget_renders_as_with_djangos_templates(data):
    initial = {"day": datetime.date(2018, 7, 13)}
    fast = SampleForm(data or None, initial=initial, renderer=FastRenderer())
    slow = SampleForm(data or None, initial=initial, renderer=DjangoTemplates())
    for name in SampleForm.base_fields:
        assert str(fast[name]) == str(slow[name]), name
    assert fast.as_div() == slow.as_div()
