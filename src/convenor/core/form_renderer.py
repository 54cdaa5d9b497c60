"""A form renderer that writes the common widgets (inputs and selects) in Python.

Django renders every widget, and every <option> of a select, through its template engine;
on a filter form of a list page that costs more than the rest of the page. This renderer
produces the same HTML as Django's templates for <input> and <select> widgets and hands
every other template (textareas, checkboxes, file inputs, whole forms) to Django."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = frozenset(
    WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "date.html",
        "datetime.html",
        "time.html",
        "email.html",
        "url.html",
        "number.html",
        "password.html",
        "search.html",
        "tel.html",
        "hidden.html",
        "color.html",
    )
)
SELECT_TEMPLATE = WIDGETS + "select.html"
OPTION_TEMPLATE = WIDGETS + "select_option.html"


def attrs_html(attrs: dict[str, Any]) -> str:
    """What django/forms/widgets/attrs.html writes: ` name="value"`, a bare ` name` for True,
    nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> str:
    value = widget.get("value")
    value_html = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value_html}{attrs_html(widget["attrs"])}>'
    )


def select_html(widget: dict[str, Any]) -> str | None:
    """The select, or None when an option uses a template of its own (left to Django).
    Each option ends with a newline, as Django's included select_option.html does."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{attrs_html(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastRenderer(DjangoTemplates):
    """Django's default renderer, with <input> and <select> widgets written in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if widget is not None:
            if template_name in INPUT_TEMPLATES and widget.get("template_name") == template_name:
                return mark_safe(input_html(widget))
            if template_name == SELECT_TEMPLATE:
                html = select_html(widget)
                if html is not None:
                    return mark_safe(html)
        return super().render(template_name, context, request=request)
