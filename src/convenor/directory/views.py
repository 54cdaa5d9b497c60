"""Directory pages. Each parses input, calls one selector or service, and renders."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.core.paginator import Page, Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convenor.core.errors import DomainError, InvalidInput, NotFound
from convenor.core.forms import form_add_error
from convenor.core.panels import panels_for
from convenor.core.permissions import require

from . import export_jobs, exports, selectors, services
from .forms import (
    CommitteeForm,
    MembershipForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
    country_options,
)
from .models import OrganisationKind

PER_PAGE = 50


def _page(queryset: Any, number: int | None) -> Page:
    return Paginator(queryset, PER_PAGE).get_page(number or 1)


def _needs_sign_in(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- organisations --------------------------------------------------------------------------


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    context: dict[str, Any] = {
        "form": form,
        "country_options": country_options((request.GET.get("country") or "").upper()[:2]),
        "query": _query_without_page(request),
        "can_add": request.user.has_perm("directory.add_organisation"),
    }
    if request.GET and not form.is_valid():
        return render(request, "directory/organisation_list.html", context, status=400)
    filters = form.filters() if request.GET else {}
    page_number = form.cleaned_data.get("page") if request.GET else None
    page = _page(selectors.organisation_list_rows(**filters), page_number)
    context["page"] = page
    return render(request, "directory/organisation_list.html", context)


def _export_filters(request: HttpRequest) -> dict[str, Any]:
    form = OrganisationFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise InvalidInput(f"{field}: {errors[0]}", field=field)
    return form.filters() if request.GET else {}


def _filtered_organisations(request: HttpRequest):
    return selectors.organisation_list(**_export_filters(request))


@require_GET
def organisation_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    organisations = _filtered_organisations(request)
    response = StreamingHttpResponse(
        exports.organisations_csv(organisations), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="organisations.csv"'
    return response


@require_http_methods(["GET", "POST"])
def organisation_export_xlsx(request: HttpRequest) -> HttpResponse:
    """The XLSX file of the filtered directory. Under XLSX_DIRECT_LIMIT rows it is answered
    at once; a larger one is built in the background: GET shows what will be exported,
    POST (signed in) queues the work and leads to its progress page and download link."""
    filters = _export_filters(request)
    organisations = selectors.organisation_list(**filters)
    total = organisations.count()
    if total >= export_jobs.XLSX_DIRECT_LIMIT:
        if request.method == "POST":
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            progress = export_jobs.organisations_xlsx_start(
                actor=request.user, filters=filters, total=total
            )
            return redirect("web:task_detail", progress_id=progress.pk)
        return render(
            request,
            "directory/export_confirm.html",
            {"total": total, "back": reverse("directory:organisation_list")},
        )
    response = HttpResponse(
        exports.organisations_xlsx(organisations),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="organisations.xlsx"'
    return response


@require_GET
def organisation_export_download(request: HttpRequest, progress_id: int) -> FileResponse:
    """A finished background export, for the person who asked for it."""
    name = export_jobs.organisations_xlsx_file(actor=request.user, progress_id=progress_id)
    return FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=export_jobs.FILENAME
    )


@require_GET
def popolo_export(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        exports.popolo_json(), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="popolo.json"'
    return response


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = selectors.organisation_detail(slug=slug, viewer=request.user)
    organisation = context["organisation"]
    context.update(
        panels=panels_for("organisation_detail", organisation, request),
        can_edit=request.user.has_perm("directory.change_organisation", organisation),
        can_delete=request.user.has_perm("directory.delete_organisation", organisation),
        can_add_membership=request.user.has_perm("directory.add_membership"),
    )
    return render(request, "directory/organisation_detail.html", context)


def _organisation_initial(organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "acronym": organisation.acronym,
        "kind": organisation.kind,
        "country": organisation.country.code or "",
        "region": organisation.region.slug if organisation.region else "",
        "ecosoc_status": organisation.ecosoc_status,
        "special_accreditation": organisation.special_accreditation,
        "website": organisation.website,
        "description": organisation.description,
        "source": organisation.source,
    }


@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    require(request.user, "directory.add_organisation")
    form = OrganisationForm(request.POST or None, initial={"kind": OrganisationKind.NGO})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except services.DuplicateOrganisation as error:
            existing = error.existing
            form.add_error(
                "name",
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("An organisation with this name already exists:"),
                    reverse("directory:organisation_detail", args=[existing.slug]),
                    existing.name,
                ),
            )
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Organisation created."))
            return redirect("directory:organisation_detail", slug=organisation.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("New organisation"),
            "cancel": reverse("directory:organisation_list"),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, slug: str) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    organisation = selectors.organisation_get(slug=slug)
    require(request.user, "directory.change_organisation", organisation)
    form = OrganisationForm(request.POST or None, initial=_organisation_initial(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, data=form.cleaned_data
            )
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Organisation saved."))
            return redirect("directory:organisation_detail", slug=organisation.slug)
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": organisation.name},
            "cancel": reverse("directory:organisation_detail", args=[slug]),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, slug: str) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    organisation = selectors.organisation_get(slug=slug)
    require(request.user, "directory.delete_organisation", organisation)
    if request.method == "POST":
        services.organisation_delete(actor=request.user, organisation=organisation)
        messages.success(request, _("Organisation deleted."))
        return redirect("directory:organisation_list")
    return render(
        request,
        "directory/confirm_delete.html",
        {"object": organisation, "cancel": reverse("directory:organisation_detail", args=[slug])},
    )


# --- people ---------------------------------------------------------------------------------


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None)
    context: dict[str, Any] = {
        "form": form,
        "query": _query_without_page(request),
        "can_add": request.user.has_perm("directory.add_person"),
    }
    if request.GET and not form.is_valid():
        return render(request, "directory/person_list.html", context, status=400)
    data = form.cleaned_data if request.GET else {}
    people = selectors.person_list(
        viewer=request.user, q=data.get("q", ""), organisation=data.get("organisation", "")
    )
    context["page"] = _page(people, data.get("page"))
    return render(request, "directory/person_list.html", context)


@require_GET
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = selectors.person_detail(slug=slug, viewer=request.user)
    person = context["person"]
    context.update(
        panels=panels_for("person_detail", person, request),
        show_email=selectors.viewer_sees_email(request.user),
        can_edit=request.user.has_perm("directory.change_person", person),
        can_delete=request.user.has_perm("directory.delete_person", person),
    )
    return render(request, "directory/person_detail.html", context)


def _person_initial(person) -> dict[str, Any]:
    return {
        "name": person.name,
        "slug": person.slug,
        "organisation": person.organisation.slug if person.organisation else "",
        "role": person.role,
        "languages": ", ".join(person.languages or []),
        "email": person.email,
        "gender": person.gender,
        "is_youth": person.is_youth,
        "do_not_publish": person.do_not_publish,
    }


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    require(request.user, "directory.add_person")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Person created."))
            return redirect("directory:person_detail", slug=person.slug)
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": _("New person"), "cancel": reverse("directory:person_list")},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, slug: str) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    person = selectors.person_for_user(request.user)
    if person is None or person.slug != slug:
        person = selectors.person_get(slug=slug, viewer=request.user)
    require(request.user, "directory.change_person", person)
    self_service = not request.user.has_perm("directory.change_person")
    form = PersonForm(
        request.POST or None, initial=_person_initial(person), self_service=self_service
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.cleaned_data)
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Person saved."))
            return redirect("directory:person_detail", slug=person.slug)
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": person.name},
            "cancel": reverse("directory:person_detail", args=[person.slug]),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, slug: str) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    person = selectors.person_get(slug=slug, viewer=request.user)
    require(request.user, "directory.delete_person", person)
    if request.method == "POST":
        services.person_delete(actor=request.user, person=person)
        messages.success(request, _("Person deleted."))
        return redirect("directory:person_list")
    return render(
        request,
        "directory/confirm_delete.html",
        {"object": person, "cancel": reverse("directory:person_detail", args=[slug])},
    )


@login_required
@require_GET
def person_me(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own entry, with their data rights: edit, download, erase."""
    return render(
        request, "directory/person_me.html", {"person": selectors.person_for_user(request.user)}
    )


@login_required
@require_GET
def person_me_export(request: HttpRequest) -> HttpResponse:
    data = services.person_export_data(actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-directory-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_me_erase(request: HttpRequest) -> HttpResponse:
    person = selectors.person_for_user(request.user)
    if person is None:
        raise NotFound(_("No directory entry is linked to your account."))
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.person_erase(actor=request.user)
        messages.success(request, _("Your directory entry has been erased."))
        return redirect("web:home")
    return render(request, "directory/person_erase.html", {"person": person})


# --- committees -----------------------------------------------------------------------------


@require_GET
def committee_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/committee_list.html",
        {
            "committees": selectors.committee_list(),
            "can_add": request.user.has_perm("directory.add_committee"),
        },
    )


@require_GET
def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = selectors.committee_detail(slug=slug, viewer=request.user)
    context.update(
        can_edit=request.user.has_perm("directory.change_committee", context["committee"]),
        can_add_membership=request.user.has_perm("directory.add_membership"),
        can_change_membership=request.user.has_perm("directory.change_membership"),
    )
    return render(request, "directory/committee_detail.html", context)


@require_http_methods(["GET", "POST"])
def committee_create(request: HttpRequest) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    require(request.user, "directory.add_committee")
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee = services.committee_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Committee created."))
            return redirect("directory:committee_detail", slug=committee.slug)
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": _("New committee"), "cancel": reverse("directory:committee_list")},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def committee_update(request: HttpRequest, slug: str) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    committee = selectors.committee_get(slug=slug)
    require(request.user, "directory.change_committee", committee)
    initial = {
        "name": committee.name,
        "slug": committee.slug,
        "description": committee.description,
        "convener": committee.convener.slug if committee.convener else "",
    }
    form = CommitteeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_update(
                actor=request.user, committee=committee, data=form.cleaned_data
            )
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Committee saved."))
            return redirect("directory:committee_detail", slug=committee.slug)
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": committee.name},
            "cancel": reverse("directory:committee_detail", args=[slug]),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- memberships ----------------------------------------------------------------------------


def _membership_target(membership) -> str:
    if membership.committee_id:
        return reverse("directory:committee_detail", args=[membership.committee.slug])
    return reverse("directory:organisation_detail", args=[membership.network.slug])


@require_http_methods(["GET", "POST"])
def membership_create(request: HttpRequest) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    require(request.user, "directory.add_membership")
    prefill = {
        k: request.GET.get(k, "")[:100] for k in ("organisation", "person", "network", "committee")
    }
    form = MembershipForm(request.POST or None, initial=prefill)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Membership added."))
            return redirect(_membership_target(membership))
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": _("New membership"), "cancel": reverse("directory:committee_list")},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def membership_update(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    membership = selectors.membership_get(pk=pk)
    require(request.user, "directory.change_membership", membership)
    initial = {
        "organisation": membership.organisation.slug if membership.organisation else "",
        "person": membership.person.slug if membership.person else "",
        "network": membership.network.slug if membership.network else "",
        "committee": membership.committee.slug if membership.committee else "",
        "role": membership.role,
        "region": membership.region.slug if membership.region else "",
        "start_date": membership.start_date,
        "end_date": membership.end_date,
        "note": membership.note,
    }
    form = MembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                actor=request.user, membership=membership, data=form.cleaned_data
            )
        except DomainError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Membership saved."))
            return redirect(_membership_target(membership))
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": _("Edit membership"), "cancel": _membership_target(membership)},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _needs_sign_in(request)) is not None:
        return response
    membership = selectors.membership_get(pk=pk)
    require(request.user, "directory.delete_membership", membership)
    target = _membership_target(membership)
    if request.method == "POST":
        services.membership_delete(actor=request.user, membership=membership)
        messages.success(request, _("Membership removed."))
        return redirect(target)
    return render(
        request, "directory/confirm_delete.html", {"object": membership, "cancel": target}
    )
