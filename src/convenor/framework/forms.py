"""Filter forms (GET) and edit forms (POST) for the framework pages. They only parse
input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Framework, FrameworkItem, Horizon, ItemKind, PositionKind, Tag

HORIZON_FILTER_CHOICES = [("", _("Any horizon"))] + [
    (value, label) for value, label in Horizon.choices if value
]


class TreeFilterForm(forms.Form):
    """Filters of the framework browser: by tag, horizon and kind."""

    tag = forms.ChoiceField(label=_("Tag"), required=False)
    horizon = forms.ChoiceField(label=_("Horizon"), required=False, choices=HORIZON_FILTER_CHOICES)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ItemKind.choices]
    )

    def __init__(self, *args, tags=None, **kwargs):
        super().__init__(*args, **kwargs)
        tag_choices = [(t.slug, t.name) for t in (tags if tags is not None else Tag.objects.all())]
        self.fields["tag"].choices = [("", _("Any tag")), *tag_choices]  # type: ignore[attr-defined]


class PositionFilterForm(forms.Form):
    """Filters of the positions page: kind, framework, item ("framework:code") and words."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *PositionKind.choices]
    )
    framework = forms.ChoiceField(label=_("Framework"), required=False)
    item = forms.CharField(
        label=_("Item"),
        required=False,
        max_length=120,
        help_text=_('As "framework:code", e.g. "ten-acts:3.6".'),
    )
    q = forms.CharField(label=_("Words"), required=False, max_length=200)

    def __init__(self, *args, frameworks=None, **kwargs):
        super().__init__(*args, **kwargs)
        frameworks = frameworks if frameworks is not None else Framework.objects.all()
        self.fields["framework"].choices = [  # type: ignore[attr-defined]
            ("", _("Any framework")),
            *[(f.slug, str(f)) for f in frameworks],
        ]


class FrameworkForm(forms.Form):
    slug = forms.SlugField(label=_("Address (slug)"), max_length=80)
    title = forms.CharField(label=_("Title"), max_length=300)
    short_title = forms.CharField(label=_("Short title"), max_length=100, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    source = forms.CharField(label=_("Source document"), max_length=500, required=False)
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False)
    language = forms.CharField(label=_("Language code"), max_length=10, initial="en")
    order = forms.IntegerField(label=_("Order"), initial=0)


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_('e.g. "3", "3.6", "P1".'))
    parent = forms.ModelChoiceField(
        label=_("Parent item"), queryset=FrameworkItem.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices, required=False)
    target_year = forms.IntegerField(
        label=_("Target year"), min_value=1900, max_value=2200, required=False
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_('Comma-separated, e.g. "women, children".'),
    )
    order = forms.IntegerField(label=_("Order"), initial=0)

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = FrameworkItem.objects.filter(  # type: ignore[attr-defined]
            framework=framework
        ).order_by("order", "sort_key")

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        return [part.strip().lower() for part in raw.split(",") if part.strip()]


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.framework} {obj.code}: {obj.title}"


class PositionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PositionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to make one from the title."),
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)
    items = ItemChoiceField(
        label=_("Framework items it concerns"),
        queryset=FrameworkItem.objects.select_related("framework").order_by(
            "framework__order", "framework__title", "order", "sort_key"
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    source = forms.CharField(label=_("Source"), max_length=500, required=False)
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False)
    order = forms.IntegerField(label=_("Order"), initial=0)
    language = forms.CharField(label=_("Language code"), max_length=10, initial="en")
