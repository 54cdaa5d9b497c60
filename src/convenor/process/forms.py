"""Forms of the write pages. They only parse input; services hold every rule."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from convenor.core.languages import validate_language_code
from convenor.directory.models import Organisation, Person, Region

from .filters import DATE_INPUT, LANGUAGE_RE
from .models import Document, DocumentKind, Event, EventKind, Phase, Process

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventSlugField(forms.SlugField):
    """An event given by its identifier (slug), resolved to the Event."""

    def clean(self, value: Any) -> Event | None:  # type: ignore[override]
        slug = super().clean(value)
        if not slug:
            return None
        event = Event.objects.select_related("process").filter(slug=slug).first()
        if event is None:
            raise forms.ValidationError(_("No event has this identifier."))
        return event


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    process = forms.ModelChoiceField(
        label=_("Process"), queryset=Process.objects.all(), to_field_name="slug"
    )
    phase = forms.ModelChoiceField(
        label=_("Phase"),
        queryset=Phase.objects.select_related("process"),
        required=False,
        help_text=_("Empty: the phase current on the start date."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    themes = forms.CharField(
        label=_("Themes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("End date"), widget=DATE_INPUT, required=False)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_INPUT, required=False)
    end_time = forms.TimeField(label=_("End time"), widget=TIME_INPUT, required=False)
    time_zone = forms.CharField(
        label=_("Time zone"), max_length=60, required=False, help_text=_("e.g. Europe/Geneva")
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", "—"), *countries], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="slug", required=False
    )
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    url = forms.URLField(label=_("Web page"), max_length=500, required=False, assume_scheme="https")
    organiser = forms.CharField(label=_("Organiser"), max_length=300, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Anchoring organisations"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    focal_points = forms.ModelMultipleChoiceField(
        label=_("Focal points"),
        queryset=Person.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )

    SCALARS = (
        "title",
        "process",
        "phase",
        "kind",
        "themes",
        "description",
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "time_zone",
        "city",
        "country",
        "region",
        "venue",
        "online",
        "url",
        "organiser",
    )

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(event, name) for name in cls.SCALARS}
        data["process"] = event.process.slug
        data["region"] = event.region.slug if event.region else None
        data["country"] = str(event.country or "")
        data["organisations"] = [a.organisation.slug for a in event.anchorings.all()]
        data["focal_points"] = [p.slug for p in event.focal_points.all()]
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    language = forms.RegexField(
        label=_("Language"),
        regex=LANGUAGE_RE,
        max_length=10,
        initial="en",
        help_text=_("ISO 639 code: en, fr, es…"),
        error_messages={"invalid": _("Use an ISO 639 language code such as en, fr or es.")},
        validators=[validate_language_code],
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, OpenDocument, Excel, PowerPoint, text, Markdown or CSV."),
    )
    url = forms.URLField(
        label=_("External link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Give either a file or a link."),
    )
    process = forms.ModelChoiceField(
        label=_("Process"), queryset=Process.objects.all(), to_field_name="slug", required=False
    )
    event = EventSlugField(label=_("Event (identifier)"), required=False, max_length=100)
    translation_of = forms.ModelChoiceField(
        label=_("Translation of document number"),
        queryset=Document.objects.all(),
        required=False,
        widget=forms.NumberInput,
        help_text=_("Number of another language version of this document, if any."),
    )
    published_on = forms.DateField(label=_("Published"), widget=DATE_INPUT, required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Authors"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool(data.get("url")):
            self.add_error(
                "url", _("Give either an uploaded file or an external link, not both or neither.")
            )
        return data


class DocumentEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    language = forms.RegexField(
        label=_("Language"), regex=LANGUAGE_RE, max_length=10, validators=[validate_language_code]
    )
    published_on = forms.DateField(label=_("Published"), widget=DATE_INPUT, required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Authors"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, required=False)
    body = forms.CharField(
        label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    language = forms.RegexField(
        label=_("Language"),
        regex=LANGUAGE_RE,
        max_length=10,
        initial="en",
        validators=[validate_language_code],
    )
    event = EventSlugField(label=_("Event (identifier)"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    published = forms.BooleanField(label=_("Published"), required=False, initial=True)


SLUG_HELP = _("Letters, digits and hyphens, used in web addresses. Empty: made from the name.")


class ProcessForm(forms.Form):
    """A process; the identifier (slug) is given only when creating it."""

    name = forms.CharField(label=_("Name"), max_length=300)
    slug = forms.CharField(
        label=_("Identifier"), max_length=100, required=False, help_text=SLUG_HELP
    )
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT, required=False)
    end_date = forms.DateField(label=_("End date"), widget=DATE_INPUT, required=False)
    website = forms.URLField(
        label=_("Official website"), max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # the slug is part of the page's address: it does not change
            del self.fields["slug"]

    @staticmethod
    def initial_for(process: Process) -> dict[str, Any]:
        fields = ("name", "short_name", "description", "start_date", "end_date", "website")
        return {name: getattr(process, name) for name in fields}


class PhaseForm(forms.Form):
    """A phase of a process; the identifier (slug) is given only when creating it."""

    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.CharField(
        label=_("Identifier"), max_length=100, required=False, help_text=SLUG_HELP
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT)
    end_date = forms.DateField(
        label=_("End date"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Empty: the phase is still open."),
    )
    order = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=_("Position in the timeline. Empty: after the last phase."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["slug"]
            self.fields["order"].help_text = _("Position in the timeline. Empty: unchanged.")

    @staticmethod
    def initial_for(phase: Phase) -> dict[str, Any]:
        fields = ("name", "description", "start_date", "end_date", "order")
        return {name: getattr(phase, name) for name in fields}


class OnDateForm(forms.Form):
    on = forms.DateField(label=_("Show the phase current on"), required=False, widget=DATE_INPUT)
