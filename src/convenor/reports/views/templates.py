"""Pages where coordinators build reporting templates from typed sections.

They work without JavaScript: 'Add a section', 'Move up', 'Move down' and 'Remove' are
submit buttons that post the whole form; the page comes back with that change made and
nothing saved yet. 'Save' calls the service once with every section in its order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import InvalidInput
from convenor.core.permissions import require
from convenor.core.views import service_form_page

from .. import selectors, services
from ..forms import NewSectionForm, SectionFormSet, TemplateForm
from ..models import ReportingTemplate, SectionKind
from ..services.templates import MAX_SECTIONS, SectionUsage

PER_PAGE = 50
PREFIX = "s"
PAGE = "reports/template_form.html"
FIELDS = ("id", "kind", "title", "help_text", "max_items")
OP = re.compile(r"^(?:(add|save)|(up|down|remove)-(\d{1,3}))$")

Save = Callable[[dict[str, Any]], HttpResponse]


def _can_manage(request: HttpRequest) -> None:
    require(request.user, "reports.manage_template")


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _can_manage(request)
    page = Paginator(selectors.templates_listed(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reports/template_list.html", {"page": page})


def _saved_rows(template: ReportingTemplate | None) -> list[dict[str, Any]]:
    if template is None:
        return []
    return [
        {f: getattr(s, "pk" if f == "id" else f) for f in FIELDS} for s in template.sections.all()
    ]


def _apply(op: str, rows: list[dict[str, Any]], new_kind: str) -> list[dict[str, Any]]:
    """The rows after one button press: add, move up or down, or remove a section."""
    match = OP.match(op)
    if match is None:
        raise InvalidInput(_("Unknown action."), field="op")
    add, move, index = match.groups()
    if add == "add":
        if len(rows) >= MAX_SECTIONS:
            raise InvalidInput(
                _("A template may have at most %(n)d sections.") % {"n": MAX_SECTIONS},
                field="sections",
            )
        kind = new_kind if new_kind in SectionKind.values else SectionKind.FREE_TEXT
        label = str(SectionKind(kind).label)
        rows.append({"id": "", "kind": kind, "title": label, "help_text": "", "max_items": 0})
        return rows
    i = int(index)
    if not 0 <= i < len(rows):
        raise InvalidInput(_("Unknown section."), field="sections")
    if move == "remove":
        rows.pop(i)
    elif move == "up" and i > 0:
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
    elif move == "down" and i < len(rows) - 1:
        rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return rows


def _rows(sections: Any, usage: dict[int, SectionUsage]) -> list[dict[str, Any]]:
    """Each section's form with what reports hold in it (such a section keeps its kind)."""
    out = []
    for form in sections.forms:
        raw = form["id"].value()
        section_id = int(raw) if str(raw or "").isdigit() else 0
        kind = str(form["kind"].value() or "")
        out.append(
            {
                "form": form,
                "usage": usage.get(section_id),
                "kind_label": SectionKind(kind).label if kind in SectionKind.values else kind,
            }
        )
    return out


def _editor(
    request: HttpRequest, *, template: ReportingTemplate | None, save: Save, heading: str
) -> HttpResponse:
    usage = services.template_section_usage(template) if template is not None else {}
    op = (request.POST.get("op") or "save") if request.method == "POST" else "save"
    if request.method == "POST" and op != "save":
        posted = SectionFormSet(request.POST, prefix=PREFIX)
        rows = [{f: form[f].value() for f in FIELDS} for form in posted.forms]
        sections = SectionFormSet(
            initial=_apply(op, rows, request.POST.get("new_kind", "")), prefix=PREFIX
        )
        title = {k: request.POST.get(k, "") for k in ("title", "description")}
        form = TemplateForm(initial=title, sections=sections)
    elif request.method == "POST":
        form = TemplateForm(request.POST, sections=SectionFormSet(request.POST, prefix=PREFIX))
    else:
        sections = SectionFormSet(initial=_saved_rows(template), prefix=PREFIX)
        initial = {"title": template.title, "description": template.description} if template else {}
        form = TemplateForm(initial=initial, sections=sections)
    context = {
        "heading": heading,
        "template_obj": template,
        "rows": _rows(form.sections, usage),
        "sections": form.sections,
        "new_section": NewSectionForm(),
        "used_by": selectors.template_report_count(template) if template is not None else 0,
        "max_sections": MAX_SECTIONS,
    }
    if op != "save":
        return render(request, PAGE, {**context, "form": form})
    return service_form_page(request, form, save, template=PAGE, context=context)


@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    _can_manage(request)

    def save(data: dict[str, Any]) -> HttpResponse:
        template = services.template_create(
            actor=request.user,
            title=data["title"],
            description=data["description"],
            sections=data["sections"],
        )
        messages.success(request, _("The template “%(t)s” is ready.") % {"t": template.title})
        return redirect("reports:template_list")

    return _editor(request, template=None, save=save, heading=_("New reporting template"))


@login_required
def template_edit(request: HttpRequest, slug: str) -> HttpResponse:
    _can_manage(request)
    template = selectors.template_get(slug=slug)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.template_update(
            actor=request.user,
            template=template,
            title=data["title"],
            description=data["description"],
            sections=data["sections"],
        )
        messages.success(request, _("The template has been saved."))
        return redirect("reports:template_list")

    return _editor(request, template=template, save=save, heading=_("Edit the template"))


@login_required
@require_POST
def template_copy(request: HttpRequest, slug: str) -> HttpResponse:
    _can_manage(request)
    copy = services.template_copy(actor=request.user, template=selectors.template_get(slug=slug))
    messages.success(request, _("This is a new copy: change it freely."))
    return redirect("reports:template_edit", slug=copy.slug)


@login_required
@require_POST
def template_delete(request: HttpRequest, slug: str) -> HttpResponse:
    _can_manage(request)
    services.template_delete(actor=request.user, template=selectors.template_get(slug=slug))
    messages.success(request, _("The template has been deleted."))
    return redirect("reports:template_list")
