"""Pages of the delegations app: rounds, a process's names, CSV import, runs and their
explanations, invitations and the public list. Views parse, call one service or selector,
and render; they hold no rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import DomainError, NotFound
from convenor.core.forms import form_add_error
from convenor.core.permissions import require
from convenor.core.views import service_form_page

from . import selectors, services
from .errors import ImportRejected
from .forms import (
    ImportForm,
    InvitationStatusForm,
    MoveForm,
    NominationForm,
    QuotaForm,
    RoundForm,
    RunForm,
    TargetForm,
)
from .models import Invitation, MergeSuggestion, QuotaMode, RoundStatus

PER_PAGE = 50


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.round_list(viewer=request.user))
    my_quotas = list(selectors.my_quotas(viewer=request.user)[:PER_PAGE])
    return render(request, "delegations/round_list.html", {"page": page, "my_quotas": my_quotas})


def _round_context(request: HttpRequest, round_: Any) -> dict[str, Any]:
    user = request.user
    manage = user.has_perm("delegations.manage_round", round_)
    context: dict[str, Any] = {
        "round": round_,
        "quotas": list(selectors.quota_list(round=round_, viewer=user)),
        "manage": manage,
        "import_form": ImportForm(),
    }
    if manage:
        context.update(
            targets=list(round_.targets.all()),
            runs=list(selectors.run_list(round=round_)[:10]),
            run_form=RunForm(),
            summary=selectors.round_summary(round=round_),
            merge_count=selectors.merge_list(round=round_).count(),
        )
    return context


@login_required
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    return render(request, "delegations/round_detail.html", _round_context(request, round_))


@login_required
def round_import(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    report: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.nominations_import_csv(
                    actor=request.user, round=round_, upload=form.cleaned_data["file"]
                )
            except ImportRejected as error:
                report = error.lines
                form.add_error("file", error.detail.splitlines()[0])
                status = 400
            except DomainError as error:
                form_add_error(form, error)
                status = error.status
            else:
                messages.success(request, _("%(n)d nominations imported.") % {"n": len(created)})
                return redirect("delegations:round_detail", slug=round_.slug)
        else:
            status = 400
    context = {"round": round_, "form": form, "report": report}
    return render(request, "delegations/round_import.html", context, status=status)


@login_required
def quota_detail(request: HttpRequest, slug: str, quota: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    quota_obj = selectors.quota_get(round=round_, slug=quota, viewer=request.user)
    form = NominationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            nominee = services.Nominee(
                name=data["name"],
                email=data["email"] or "",
                organisation=data["organisation"] or "",
                gender=data["gender"] or "",
                youth=True if data["youth"] else None,
                migrant_or_refugee=data["migrant_or_refugee"],
                do_not_publish=data["do_not_publish"],
            )
            try:
                services.nomination_add(
                    actor=request.user, quota=quota_obj, nominee=nominee, priority=data["priority"]
                )
            except DomainError as error:
                form_add_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Name added."))
                return redirect("delegations:quota_detail", slug=round_.slug, quota=quota_obj.slug)
        else:
            status = 400
    page = _page(request, selectors.nomination_list(quota=quota_obj))
    context = {"round": round_, "quota": quota_obj, "form": form, "page": page}
    return render(request, "delegations/quota_detail.html", context, status=status)


def _back_to_quota(nomination: Any) -> HttpResponse:
    return redirect(
        "delegations:quota_detail", slug=nomination.quota.round.slug, quota=nomination.quota.slug
    )


@login_required
@require_POST
def nomination_move(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_get(pk=pk, viewer=request.user)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a priority from 1."))
        return _back_to_quota(nomination)
    services.nomination_move(
        actor=request.user, nomination=nomination, priority=form.cleaned_data["priority"]
    )
    return _back_to_quota(nomination)


@login_required
@require_POST
def nomination_remove(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_get(pk=pk, viewer=request.user)
    services.nomination_remove(actor=request.user, nomination=nomination)
    messages.success(request, _("Name removed."))
    return _back_to_quota(nomination)


@login_required
@require_POST
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    form = RunForm(request.POST)
    if not form.is_valid():
        context = _round_context(request, round_)
        context["run_form"] = form
        return render(request, "delegations/round_detail.html", context, status=400)
    run = services.selection_run_start(
        actor=request.user, round=round_, time_limit=form.cleaned_data["time_limit"]
    )
    return redirect("web:task_detail", progress_id=run.progress_id)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(pk=pk, viewer=request.user)
    if request.method == "POST":
        created = services.invitations_send(actor=request.user, run=run)
        messages.success(request, _("%(n)d invitations sent.") % {"n": len(created)})
        return redirect("delegations:invitation_list", slug=run.round.slug)
    context = {"run": run, "round": run.round, "result": selectors.run_explained(run)}
    return render(request, "delegations/run_detail.html", context)


@login_required
def invitation_list(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    require(request.user, "delegations.manage_invitations", round_)
    page = _page(request, selectors.invitation_list(round=round_))
    context = {"round": round_, "page": page, "status_form": InvitationStatusForm()}
    return render(request, "delegations/invitation_list.html", context)


@login_required
@require_POST
def invitation_status(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = Invitation.objects.select_related("round").filter(pk=pk).first()
    if invitation is None:
        raise NotFound(_("No such invitation."))
    form = InvitationStatusForm(request.POST)
    if form.is_valid():
        services.invitation_set_status(
            actor=request.user, invitation=invitation, status=form.cleaned_data["status"]
        )
    else:
        messages.error(request, _("Choose a status."))
    return redirect("delegations:invitation_list", slug=invitation.round.slug)


@login_required
@require_POST
def round_publish(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    services.round_publish(
        actor=request.user, round=round_, published=request.POST.get("publish") != "0"
    )
    return redirect("delegations:round_detail", slug=round_.slug)


@login_required
def merge_list(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    require(request.user, "delegations.merge_people", round_)
    page = _page(request, selectors.merge_list(round=round_))
    return render(request, "delegations/merge_list.html", {"round": round_, "page": page})


@login_required
@require_POST
def merge_decide(request: HttpRequest, pk: int) -> HttpResponse:
    merge = MergeSuggestion.objects.select_related("round").filter(pk=pk).first()
    if merge is None:
        raise NotFound(_("No such suggestion."))
    services.merge_decide(
        actor=request.user, merge=merge, confirm=request.POST.get("decision") == "confirm"
    )
    return redirect("delegations:merge_list", slug=merge.round.slug)


def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail: a page with two buttons (a GET changes nothing)."""
    invitation = selectors.invitation_by_token(token=token)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            return render(
                request,
                "delegations/invitation_answer.html",
                {"invitation": invitation, "error": _("Choose accept or decline.")},
                status=400,
            )
        invitation = services.invitation_answer(token=token, accept=decision == "accept")
    return render(request, "delegations/invitation_answer.html", {"invitation": invitation})


def invited_public(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.public_round_get(slug=slug)
    listing = selectors.invited_organisations(round=round_)
    return render(
        request,
        "delegations/invited_public.html",
        {"round": round_, **listing, "published": round_.status == RoundStatus.PUBLISHED},
    )


# Coordinators' forms: rounds, quotas and balance targets ----------------------------


def _form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], HttpResponse],
    context: dict[str, Any],
) -> HttpResponse:
    return service_form_page(request, form, save, template="delegations/form.html", context=context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "delegations.manage_round")

    def save(data: dict[str, Any]) -> HttpResponse:
        round_ = services.round_create(
            actor=request.user,
            event=data["event"],
            title=data["title"],
            capacity=data["capacity"],
            deadline=data["deadline"],
            description=data["description"],
        )
        if data["status"] != round_.status:
            services.round_update(actor=request.user, round=round_, data={"status": data["status"]})
        messages.success(request, _("Selection round created."))
        return redirect("delegations:round_detail", slug=round_.slug)

    form = RoundForm(request.POST or None, initial={"status": RoundStatus.OPEN})
    return _form_page(request, form, save, {"heading": _("New selection round")})


@login_required
def round_edit(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    require(request.user, "delegations.manage_round", round_)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.round_update(actor=request.user, round=round_, data=data)
        messages.success(request, _("Saved."))
        return redirect("delegations:round_detail", slug=round_.slug)

    initial = {f: getattr(round_, f) for f in services.ROUND_FIELDS}
    form = RoundForm(request.POST or None, initial=initial)
    context = {"heading": _("Edit the round"), "round": round_}
    return _form_page(request, form, save, context)


@login_required
def quota_create(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    require(request.user, "delegations.manage_round", round_)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.quota_create(actor=request.user, round=round_, **data)
        messages.success(request, _("Nominating process added."))
        return redirect("delegations:round_detail", slug=round_.slug)

    form = QuotaForm(request.POST or None, initial={"mode": QuotaMode.SELECT})
    context = {"heading": _("Add a nominating process"), "round": round_}
    return _form_page(request, form, save, context)


@login_required
def quota_edit(request: HttpRequest, slug: str, quota: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    require(request.user, "delegations.manage_round", round_)
    quota_obj = selectors.quota_get(round=round_, slug=quota, viewer=request.user)
    if request.method == "POST" and request.POST.get("delete"):
        services.quota_delete(actor=request.user, quota=quota_obj)
        messages.success(request, _("Nominating process removed."))
        return redirect("delegations:round_detail", slug=round_.slug)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.quota_update(actor=request.user, quota=quota_obj, data=data)
        messages.success(request, _("Saved."))
        return redirect("delegations:round_detail", slug=round_.slug)

    initial = {f: getattr(quota_obj, f) for f in services.QUOTA_FIELDS}
    form = QuotaForm(request.POST or None, initial=initial)
    context = {
        "heading": _("Edit the nominating process"),
        "round": round_,
        "delete_label": _("Remove this process (only while it has no names)"),
    }
    return _form_page(request, form, save, context)


@login_required
def target_create(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get(slug=slug, viewer=request.user)
    require(request.user, "delegations.manage_round", round_)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.target_create(actor=request.user, round=round_, **data)
        messages.success(request, _("Balance target added."))
        return redirect("delegations:round_detail", slug=round_.slug)

    form = TargetForm(request.POST or None)
    context = {"heading": _("Add a balance target"), "round": round_}
    return _form_page(request, form, save, context)


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.target_get(pk=pk, viewer=request.user)
    round_ = target.round
    if request.method == "POST" and request.POST.get("delete"):
        services.target_delete(actor=request.user, target=target)
        messages.success(request, _("Balance target removed."))
        return redirect("delegations:round_detail", slug=round_.slug)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.target_update(actor=request.user, target=target, data=data)
        messages.success(request, _("Saved."))
        return redirect("delegations:round_detail", slug=round_.slug)

    initial = {f: getattr(target, f) for f in services.TARGET_FIELDS}
    form = TargetForm(request.POST or None, initial=initial)
    context = {
        "heading": _("Edit the balance target"),
        "round": round_,
        "delete_label": _("Remove this target"),
    }
    return _form_page(request, form, save, context)
