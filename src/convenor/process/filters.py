"""Parsing of list filters, shared by pages and the API so that both reject the same input
(an unknown slug, a malformed date, an unknown kind) with a message naming the field."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from convenor.core.errors import InvalidInput
from convenor.core.languages import validate_language_code
from convenor.directory.models import Organisation, Region

from .models import DocumentKind, Event, EventKind, Phase, Process

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGE_RE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"


def _choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class EventFilterForm(forms.Form):
    """Filters of the event list. Slugs are resolved to objects in cleaned_data."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    process = forms.ChoiceField(label=_("Process"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    organisation = forms.SlugField(label=_("Organisation"), required=False, max_length=100)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anyone = [("", _("Any"))]
        _choices(
            self,
            "process",
            anyone + list(Process.objects.order_by("name").values_list("slug", "name")),
        )
        phases: dict[str, str] = {}
        for slug, name in Phase.objects.order_by("order", "start_date").values_list("slug", "name"):
            phases.setdefault(slug, name)
        _choices(self, "phase", anyone + list(phases.items()))
        _choices(self, "kind", anyone + list(EventKind.choices))
        regions = Region.objects.order_by("order", "name").values_list("slug", "name")
        _choices(self, "region", anyone + list(regions))

    def clean_process(self) -> Process | None:
        slug = self.cleaned_data.get("process")
        return Process.objects.filter(slug=slug).first() if slug else None

    def clean_region(self) -> Region | None:
        slug = self.cleaned_data.get("region")
        return Region.objects.filter(slug=slug).first() if slug else None

    def clean_organisation(self) -> Organisation | None:
        slug = self.cleaned_data.get("organisation")
        if not slug:
            return None
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            raise forms.ValidationError(_("No organisation has this identifier."))
        return org

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data


class DocumentFilterForm(forms.Form):
    process = forms.ChoiceField(label=_("Process"), required=False)
    event = forms.SlugField(label=_("Event"), required=False, max_length=100)
    language = forms.RegexField(
        label=_("Language"),
        required=False,
        regex=LANGUAGE_RE,
        max_length=10,
        validators=[validate_language_code],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anyone = [("", _("Any"))]
        _choices(
            self,
            "process",
            anyone + list(Process.objects.order_by("name").values_list("slug", "name")),
        )
        _choices(self, "kind", anyone + list(DocumentKind.choices))

    def clean_process(self) -> Process | None:
        slug = self.cleaned_data.get("process")
        return Process.objects.filter(slug=slug).first() if slug else None

    def clean_event(self) -> Event | None:
        slug = self.cleaned_data.get("event")
        if not slug:
            return None
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise forms.ValidationError(_("No event has this identifier."))
        return event


def _query_data(params: Mapping[str, Any]) -> dict[str, str]:
    data = {}
    for key, value in params.items():
        if value is None:
            continue
        data[key] = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return data


def parse_filters(form_class: type[forms.Form], params: Mapping[str, Any]) -> dict[str, Any]:
    """Validate filters with `form_class`; return cleaned values or raise InvalidInput naming
    the first bad field."""
    form = form_class(data=_query_data(params))
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        field = None if name == "__all__" else name
        raise InvalidInput(f"{name}: {errors[0]}", field=field)
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}


def parse_date(value: str | None, *, field: str) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD) or None; InvalidInput naming `field` if malformed."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(
            str(_("Enter a valid date (YYYY-MM-DD).")), field=field, code="invalid_date"
        ) from exc
