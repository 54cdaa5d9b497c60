"""Forms of the directory pages. They parse input; the services validate and save."""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import EcosocStatus, MembershipRole, OrganisationKind, Region
from .selectors import MAX_QUERY_LENGTH

YES_NO = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]


def _region_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((r.slug, r.name) for r in Region.objects.order_by("order", "name"))]


@lru_cache(maxsize=32)
def _countries(language: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((code, str(name)) for code, name in countries)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def _country_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *_countries(get_language())]


@lru_cache(maxsize=32)
def _country_options_html(language: str | None) -> str:
    return "".join(
        f'<option value="{code}">{escape(name)}</option>' for code, name in _countries(language)
    )


def country_options(selected: str) -> SafeString:
    """The <option>s of a country select, built once per language: rendering some 250
    options through widget templates costs more than the rest of the directory page."""
    html = _country_options_html(get_language())
    if selected.isalpha() and len(selected) == 2:
        html = html.replace(f'value="{selected}">', f'value="{selected}" selected>', 1)
    return mark_safe(html)


class OrganisationFilterForm(forms.Form):
    """The directory's GET filters. Unknown values are errors (the page answers 400)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    # Checked against the code list in clean_country: a ChoiceField would rebuild some 250
    # choices on every request, and the page renders the options itself (country_options).
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    region = forms.ChoiceField(label=_("Region"), required=False)
    ecosoc = forms.ChoiceField(
        label=_("ECOSOC status or special accreditation"), required=False, choices=YES_NO
    )
    network = forms.SlugField(label=_("Member of network (slug)"), required=False, max_length=100)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=10**6)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Any kind")), *OrganisationKind.choices]
        self.fields["region"].choices = _region_choices(str(_("Any region")))

    def clean_q(self) -> str:
        return (self.cleaned_data.get("q") or "").replace("\x00", "")

    def clean_country(self) -> str:
        code = (self.cleaned_data.get("country") or "").upper()
        if code and code not in _country_codes():
            raise forms.ValidationError(_("Unknown country code."))
        return code

    def filters(self) -> dict:
        """Keyword arguments for selectors.organisation_list (only after is_valid())."""
        data = self.cleaned_data
        ecosoc = {"yes": True, "no": False}.get(data.get("ecosoc") or "")
        return {
            "q": data.get("q", ""),
            "kind": data.get("kind", ""),
            "country": data.get("country", ""),
            "region": data.get("region", ""),
            "ecosoc": ecosoc,
            "network": data.get("network", ""),
        }


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    organisation = forms.SlugField(label=_("Organisation (slug)"), required=False, max_length=100)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=10**6)

    def clean_q(self) -> str:
        return (self.cleaned_data.get("q") or "").replace("\x00", "")


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    slug = forms.CharField(
        label=_("Slug (web address)"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to make one from the name."),
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    ecosoc_status = forms.ChoiceField(
        label=_("ECOSOC consultative status"), choices=EcosocStatus.choices, required=False
    )
    special_accreditation = forms.BooleanField(
        label=_("Special accreditation to the process"), required=False
    )
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https"
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices("—")
        self.fields["region"].choices = _region_choices("—")


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.CharField(
        label=_("Slug (web address)"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to make one from the name."),
    )
    organisation = forms.CharField(label=_("Organisation (slug)"), max_length=100, required=False)
    role = forms.CharField(label=_("Role or title"), max_length=200, required=False)
    languages = forms.CharField(
        label=_("Languages"),
        max_length=300,
        required=False,
        help_text=_("Language codes separated by commas, e.g. en, fr, es."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    gender = forms.CharField(label=_("Gender (self-described)"), max_length=60, required=False)
    is_youth = forms.NullBooleanField(label=_("Youth"), required=False)
    do_not_publish = forms.BooleanField(
        label=_("Do not publish"),
        required=False,
        help_text=_("Keeps this person off every public page, feed and export."),
    )

    def __init__(self, *args, self_service: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if self_service:
            # People editing their own entry see only what they may change.
            for name in ("slug", "organisation"):
                del self.fields[name]

    def clean_languages(self) -> list[str]:
        raw = self.cleaned_data.get("languages") or ""
        return [code.strip() for code in raw.split(",") if code.strip()]


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    slug = forms.CharField(
        label=_("Slug (web address)"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to make one from the name."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    convener = forms.CharField(
        label=_("Convener (organisation slug)"), max_length=100, required=False
    )


class MembershipForm(forms.Form):
    organisation = forms.CharField(
        label=_("Member organisation (slug)"), max_length=100, required=False
    )
    person = forms.CharField(label=_("Member person (slug)"), max_length=100, required=False)
    network = forms.CharField(
        label=_("Network (organisation slug)"), max_length=100, required=False
    )
    committee = forms.CharField(label=_("Committee (slug)"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    region = forms.ChoiceField(label=_("Region"), required=False)
    start_date = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _region_choices("—")
