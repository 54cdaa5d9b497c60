"""Pages: framework list and browser, item detail, positions, and coordinators' forms.
Each view parses input, calls one selector or service, and renders."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import DomainError
from convenor.core.forms import form_add_error
from convenor.core.permissions import require

from . import selectors, services
from .forms import FrameworkForm, ItemForm, PositionFilterForm, PositionForm, TreeFilterForm
from .models import PositionKind

PAGE_SIZE = 50


def _can_edit(request: HttpRequest, perm: str) -> bool:
    return bool(request.user.is_authenticated and request.user.has_perm(perm))


def framework_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.framework_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "framework/framework_list.html",
        {"page": page, "can_add": _can_edit(request, "framework.add_framework")},
    )


def framework_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = selectors.framework_get(slug=slug)
    form = TreeFilterForm(request.GET or None, tags=list(selectors.tag_list()))
    status, nodes = 200, []  # type: ignore[var-annotated]
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        nodes = selectors.framework_tree(
            framework=framework,
            tag=data.get("tag") or None,
            horizon=data.get("horizon") or None,
            kind=data.get("kind") or None,
        )
    filtered = bool(form.is_bound and any(request.GET.get(k) for k in ("tag", "horizon", "kind")))
    return render(
        request,
        "framework/framework_detail.html",
        {
            "framework": framework,
            "form": form,
            "nodes": nodes,
            "filtered": filtered,
            "can_edit": _can_edit(request, "framework.change_framework"),
            "can_add_item": _can_edit(request, "framework.add_frameworkitem"),
        },
        status=status,
    )


def item_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    framework = selectors.framework_get(slug=slug)
    detail = selectors.item_detail(framework=framework, code=code)
    return render(
        request,
        "framework/item_detail.html",
        {
            "framework": framework,
            "detail": detail,
            "item": detail.item,
            "can_edit": _can_edit(request, "framework.change_frameworkitem"),
        },
    )


def position_list(request: HttpRequest) -> HttpResponse:
    frameworks = list(selectors.framework_list())
    form = PositionFilterForm(request.GET or None, frameworks=frameworks)
    status, page, groups = 200, None, []
    valid = not form.is_bound or form.is_valid()
    if valid:
        data = form.cleaned_data if form.is_bound else {}
        try:
            framework = (
                selectors.framework_get(slug=data["framework"]) if data.get("framework") else None
            )
            item = (
                selectors.item_from_filter(data["item"], framework=framework)
                if data.get("item")
                else None
            )
        except DomainError as error:
            error.field = error.field if error.field == "item" else "framework"
            form_add_error(form, error)
            valid = False
    if valid:
        positions = selectors.position_list(
            kind=data.get("kind") or None, framework=framework, item=item, q=data.get("q") or None
        )
        page = Paginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
        groups = _group_by_kind(list(page.object_list))
    else:
        status = 400
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "framework/position_list.html",
        {
            "form": form,
            "page": page,
            "groups": groups,
            "query": query.urlencode(),
            "can_add": _can_edit(request, "framework.add_position"),
        },
        status=status,
    )


def _group_by_kind(positions: list[Any]) -> list[tuple[str, str, list[Any]]]:
    labels = dict(PositionKind.choices)
    groups: dict[str, list[Any]] = {}
    for position in positions:
        groups.setdefault(position.kind, []).append(position)
    return [
        (kind, str(labels[kind]), groups[kind]) for kind in PositionKind.values if kind in groups
    ]


def position_detail(request: HttpRequest, slug: str) -> HttpResponse:
    position = selectors.position_get(slug=slug)
    return render(
        request,
        "framework/position_detail.html",
        {"position": position, "can_edit": _can_edit(request, "framework.change_position")},
    )


# -- coordinators' forms -------------------------------------------------------------------


def _form_page(request, template, form, context, status=200):
    return render(request, template, {"form": form, **context}, status=status)


@login_required
def framework_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "framework.add_framework")
    form = FrameworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.framework_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_error(form, error)
        else:
            return redirect("framework:framework_detail", slug=framework.slug)
    status = 400 if form.errors else 200
    return _form_page(request, "framework/form.html", form, {"heading": _("New framework")}, status)


@login_required
def framework_edit(request: HttpRequest, slug: str) -> HttpResponse:
    framework = selectors.framework_get(slug=slug)
    require(request.user, "framework.change_framework", framework)
    initial = {name: getattr(framework, name) for name in FrameworkForm.base_fields}
    form = FrameworkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_update(
                actor=request.user, framework=framework, data=form.cleaned_data
            )
        except DomainError as error:
            form_add_error(form, error)
        else:
            return redirect("framework:framework_detail", slug=framework.slug)
    status = 400 if form.errors else 200
    return _form_page(
        request,
        "framework/form.html",
        form,
        {"heading": _("Edit framework"), "framework": framework},
        status,
    )


@login_required
def item_create(request: HttpRequest, slug: str) -> HttpResponse:
    framework = selectors.framework_get(slug=slug)
    require(request.user, "framework.add_frameworkitem")
    initial = {}
    if request.GET.get("parent"):
        initial["parent"] = (
            framework.items.filter(code=request.GET["parent"]).values_list("pk", flat=True).first()
        )
    form = ItemForm(request.POST or None, framework=framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                actor=request.user, framework=framework, **form.cleaned_data
            )
        except DomainError as error:
            form_add_error(form, error)
        else:
            return redirect("framework:item_detail", slug=framework.slug, code=item.code)
    status = 400 if form.errors else 200
    return _form_page(
        request,
        "framework/form.html",
        form,
        {
            "heading": _("New item in %(framework)s") % {"framework": framework},
            "framework": framework,
        },
        status,
    )


@login_required
def item_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    framework = selectors.framework_get(slug=slug)
    item = selectors.item_get(framework=framework, code=code)
    require(request.user, "framework.change_frameworkitem", item)
    initial = {name: getattr(item, name) for name in ItemForm.base_fields if name != "tags"}
    initial["tags"] = ", ".join(item.tags.values_list("slug", flat=True))
    form = ItemForm(request.POST or None, framework=framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["horizon"] = data.get("horizon") or ""
        try:
            services.item_update(actor=request.user, item=item, data=data)
        except DomainError as error:
            form_add_error(form, error)
        else:
            return redirect("framework:item_detail", slug=framework.slug, code=item.code)
    status = 400 if form.errors else 200
    return _form_page(
        request,
        "framework/form.html",
        form,
        {
            "heading": _("Edit item %(code)s") % {"code": item.code},
            "framework": framework,
            "delete_url": reverse(
                "framework:item_delete", kwargs={"slug": framework.slug, "code": item.code}
            ),
        },
        status,
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    framework = selectors.framework_get(slug=slug)
    item = selectors.item_get(framework=framework, code=code)
    services.item_delete(actor=request.user, item=item)
    return redirect("framework:framework_detail", slug=framework.slug)


def _position_data(form: PositionForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["items"] = list(data.get("items") or [])
    return data


@login_required
def position_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "framework.add_position")
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            position = services.position_create(actor=request.user, **_position_data(form))
        except DomainError as error:
            form_add_error(form, error)
        else:
            return redirect("framework:position_detail", slug=position.slug)
    status = 400 if form.errors else 200
    return _form_page(request, "framework/form.html", form, {"heading": _("New position")}, status)


@login_required
def position_edit(request: HttpRequest, slug: str) -> HttpResponse:
    position = selectors.position_get(slug=slug)
    require(request.user, "framework.change_position", position)
    initial = {
        name: getattr(position, name) for name in PositionForm.base_fields if name != "items"
    }
    initial["items"] = [item.pk for item in position.items.all()]
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(
                actor=request.user, position=position, data=_position_data(form)
            )
        except DomainError as error:
            form_add_error(form, error)
        else:
            return redirect("framework:position_detail", slug=position.slug)
    status = 400 if form.errors else 200
    return _form_page(
        request,
        "framework/form.html",
        form,
        {
            "heading": _("Edit position"),
            "delete_url": reverse("framework:position_delete", kwargs={"slug": position.slug}),
        },
        status,
    )


@login_required
@require_POST
def position_delete(request: HttpRequest, slug: str) -> HttpResponse:
    position = selectors.position_get(slug=slug)
    services.position_delete(actor=request.user, position=position)
    return redirect("framework:position_list")
