"""Pages of the campaigns app: each parses, calls one service or selector, renders."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from convenor.core.errors import DomainError, InvalidInput, NotFound
from convenor.core.forms import form_add_error
from convenor.core.pagecache import shareable
from convenor.core.permissions import require
from convenor.core.text import render_markdown

from . import exports, selectors, services
from .errors import InvalidFields
from .forms import (
    ExtendForm,
    InvalidateForm,
    ModerationForm,
    SignatoryFilterForm,
    SignatureForm,
    StatementForm,
    StatementTextForm,
)
from .models import Statement

PAGE_SIZE = 50


def _add_errors(form, error: DomainError) -> None:
    if isinstance(error, InvalidFields):
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
    else:
        form_add_error(form, error)


def _statement(request: HttpRequest, slug: str) -> Statement:
    statement = selectors.statement_get(slug)
    if selectors.public_numbers_hidden(statement, request.user) and not statement.is_open():
        raise NotFound(_("Statement not found."))
    return statement


def _local(statement: Statement, when: dt.datetime | None) -> dt.datetime | None:
    return when.astimezone(zoneinfo.ZoneInfo(statement.time_zone)) if when else None


def statement_list(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.statements_visible(request.user)[:200])
    counts = selectors.statements_counts([s.pk for s in rows])
    for statement in rows:
        statement.count = counts.get(statement.pk, 0)  # type: ignore[attr-defined]
    can_add = request.user.has_perm("campaigns.add_statement")
    return render(
        request, "campaigns/statement_list.html", {"statements": rows, "can_add": can_add}
    )


def _body_html(body: str) -> str:
    """The statement's text as HTML, rendered once per wording (popular pages stay cheap)."""
    import hashlib

    from django.core.cache import cache
    from django.utils.safestring import mark_safe

    key = "campaigns:html:" + hashlib.sha1(body.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = str(render_markdown(body))
        cache.set(key, html, timeout=3600)
    return mark_safe(html)


def _detail_context(request: HttpRequest, statement: Statement, form=None) -> dict:
    text = selectors.statement_text(statement, get_language() or "en")
    hidden = selectors.public_numbers_hidden(statement, request.user)
    return {
        "statement": statement,
        "text": text,
        "body_html": _body_html(text.body) if text else "",
        "summary": None if hidden else selectors.statement_summary(statement),
        "form": form if form is not None else SignatureForm(statement=statement),
        "is_open": statement.is_open(),
        "is_closed": statement.is_closed(),
        "opens_local": _local(statement, statement.opens_at),
        "closes_local": _local(statement, statement.closes_at),
        "can_manage": request.user.has_perm("campaigns.change_statement", statement),
    }


SHARED_SECONDS = 2  # how stale a popular statement page may be for anonymous visitors


def statement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    statement = _statement(request, slug)
    context = _detail_context(request, statement)
    response = render(request, "campaigns/statement_detail.html", context)
    if request.user.is_anonymous:
        # The same bytes for every anonymous visitor (no CSRF token: see signature_create),
        # so the page cache may serve them; the form's start time is refreshed on each serve.
        shareable(response, SHARED_SECONDS, now=str(context["form"]["started"].initial or ""))
    return response


# Signing uses no authority of the visitor (no session, no account: the same as the public
# API), so a forged cross-site submission can do nothing its author could not do directly; it
# still needs the e-mail owner's confirmation. Without a CSRF token the statement page is the
# same for every anonymous visitor and can be served from the page cache.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def signature_create(request: HttpRequest, slug: str) -> HttpResponse:
    statement = _statement(request, slug)
    if request.method == "GET":
        return redirect(reverse("campaigns:statement_detail", args=[slug]) + "#sign")
    form = SignatureForm(request.POST, statement=statement)
    status = 400
    if form.is_valid():
        data = {**form.cleaned_data, "language": get_language() or "en"}
        data["country"] = str(data["country"] or "")
        try:
            services.signature_submit(
                statement=statement,
                data=data,
                ip=request.META.get("REMOTE_ADDR", ""),
                form_started_at=form.started_at(),
                honeypot=form.cleaned_data.get("website", ""),
            )
        except DomainError as error:
            status = error.status
            _add_errors(form, error)
        else:
            return render(request, "campaigns/check_email.html", {"statement": statement})
    context = _detail_context(request, statement, form=form)
    return render(request, "campaigns/statement_detail.html", context, status=status)


def signatory_list(request: HttpRequest, slug: str) -> HttpResponse:
    statement = _statement(request, slug)
    if selectors.public_numbers_hidden(statement, request.user):
        raise NotFound(_("The list of signatories is not public yet."))
    form = SignatoryFilterForm(request.GET or None)
    page = None
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        rows = selectors.public_signatories(
            statement,
            country=str(data.get("country") or ""),
            region=data.get("region") or "",
            kind=data.get("kind") or "",
        )
        paginator = Paginator(rows, PAGE_SIZE)
        number = data.get("page") or 1
        if number > max(paginator.num_pages, 1):
            raise InvalidInput(_("This page does not exist."), field="page")
        page = paginator.page(number)
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    context = {
        "statement": statement,
        "form": form,
        "page": page,
        "query": query,
        "summary": selectors.statement_summary(statement),
    }
    return render(request, "campaigns/signatory_list.html", context, status=status)


def signatories_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The public export: listed signatories only, never contact data."""
    statement = _statement(request, slug)
    if selectors.public_numbers_hidden(statement, request.user):
        raise NotFound(_("The list of signatories is not public yet."))
    rows = exports.rows_for(selectors.public_signatories(statement), contacts=False)
    return _download(exports.to_csv(rows), "text/csv; charset=utf-8", f"{slug}-signatories.csv")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def signature_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and changes nothing (mail scanners open links); POST confirms."""
    return _token_page(request, token, purpose="confirm")


@require_http_methods(["GET", "POST"])
def signature_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(request, token, purpose="withdraw")


def _token_page(request: HttpRequest, token: str, *, purpose: str) -> HttpResponse:
    from .tokens import token_read

    context: dict = {"purpose": purpose, "token": token}
    try:
        token_read(token, purpose=purpose)
    except DomainError as error:
        context["error"] = error.detail
        return render(request, "campaigns/token.html", context, status=error.status)
    if request.method == "POST":
        try:
            if purpose == "confirm":
                signature = services.signature_confirm(token=token)
            else:
                signature = services.signature_withdraw(token=token)
        except DomainError as error:
            context["error"] = error.detail
            return render(request, "campaigns/token.html", context, status=error.status)
        context["done"] = True
        context["statement"] = signature.statement
    return render(request, "campaigns/token.html", context)


# ---------------------------------------------------------------- coordinators


def _wall_clock(value: dt.datetime | None) -> dt.datetime | None:
    """The date and time as typed (the form reads it in UTC); the service applies the
    statement's time zone."""
    return timezone.make_naive(value, dt.UTC) if value else None


@login_required
@require_http_methods(["GET", "POST"])
def statement_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "campaigns.add_statement")
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            statement = services.statement_create(
                actor=request.user,
                slug=data["slug"] or slugify(data["title"])[:100],
                title=data["title"],
                text=data["text"],
                summary=data["summary"],
                language=data["language"],
                signer_kinds=data["signer_kinds"],
                time_zone=data["time_zone"],
                opens_at=_wall_clock(data["opens_at"]),
                closes_at=_wall_clock(data["closes_at"]),
                embargo_until=_wall_clock(data["embargo_until"]),
            )
        except DomainError as error:
            _add_errors(form, error)
        else:
            return redirect("campaigns:statement_manage", slug=statement.slug)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "campaigns/statement_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def statement_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Texts, versions and deadline of one statement, for coordinators."""
    statement = selectors.statement_get(slug)
    require(request.user, "campaigns.change_statement", statement)
    text_form = StatementTextForm(
        request.POST if request.POST.get("form") == "text" else None,
        initial={"language": statement.reference_language},
    )
    extend_form = ExtendForm(request.POST if request.POST.get("form") == "extend" else None)
    status = 200
    if request.method == "POST":
        form = text_form if request.POST.get("form") == "text" else extend_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is text_form:
                    services.statement_text_set(actor=request.user, statement=statement, **data)
                else:
                    services.statement_extend(
                        actor=request.user,
                        statement=statement,
                        closes_at=_wall_clock(data["closes_at"]),
                    )
            except DomainError as error:
                _add_errors(form, error)
            else:
                return redirect("campaigns:statement_manage", slug=slug)
        status = 400
    context = {
        "statement": statement,
        "versions": selectors.statement_versions(statement),
        "text_form": text_form,
        "extend_form": extend_form,
        "closes_local": _local(statement, statement.closes_at),
        "summary": selectors.statement_summary(statement),
    }
    return render(request, "campaigns/statement_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    statement = selectors.statement_get(slug)
    require(request.user, "campaigns.moderate_statement", statement)
    queue = list(selectors.moderation_queue(statement)[:200])
    choices = [(s.pk, str(s.pk)) for s in queue]
    form = ModerationForm(
        request.POST if request.POST.get("form") == "moderate" else None, choices=choices
    )
    invalidate_form = InvalidateForm(
        request.POST if request.POST.get("form") == "invalidate" else None
    )
    status = 200
    if request.method == "POST":
        try:
            if form.is_bound and form.is_valid():
                done = services.signatures_moderate(
                    actor=request.user,
                    statement=statement,
                    ids=form.cleaned_data["ids"],
                    action=form.cleaned_data["action"],
                )
                request.session["campaigns_message"] = done
                return redirect("campaigns:moderation", slug=slug)
            if invalidate_form.is_bound and invalidate_form.is_valid():
                services.signatures_invalidate(
                    actor=request.user, statement=statement, **invalidate_form.cleaned_data
                )
                return redirect("campaigns:moderation", slug=slug)
        except DomainError as error:
            _add_errors(invalidate_form if invalidate_form.is_bound else form, error)
        status = 400
    context = {
        "statement": statement,
        "queue": queue,
        "form": form,
        "invalidate_form": invalidate_form,
        "bursts": selectors.burst_groups(statement),
    }
    return render(request, "campaigns/moderation.html", context, status=status)


@login_required
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """CSV or XLSX for coordinators; with ?contacts=1 every counted signature with contact
    data, otherwise only those that may be listed, without contact data."""
    statement = selectors.statement_get(slug)
    contacts = request.GET.get("contacts") == "1"
    require(
        request.user,
        "campaigns.export_contacts" if contacts else "campaigns.change_statement",
        statement,
    )
    signatures = (
        selectors.counted_signatures(statement)
        if contacts
        else selectors.public_signatories(statement)
    )
    rows = exports.rows_for(signatures, contacts=contacts)
    suffix = "-contacts" if contacts else ""
    if fmt == "xlsx":
        return _download(
            exports.to_xlsx(rows, title=statement.slug),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{slug}-signatories{suffix}.xlsx",
        )
    if fmt != "csv":
        raise Http404
    return _download(
        exports.to_csv(rows), "text/csv; charset=utf-8", f"{slug}-signatories{suffix}.csv"
    )


@login_required
def annex(request: HttpRequest, slug: str) -> HttpResponse:
    statement = selectors.statement_get(slug)
    require(request.user, "campaigns.change_statement", statement)
    summary = selectors.statement_summary(statement)
    listed = selectors.public_signatories(statement)
    unlisted = max(summary["signature_count"] - summary["listed_count"], 0)
    pdf = exports.to_pdf(statement, listed, unlisted=unlisted)
    return _download(pdf, "application/pdf", f"{slug}-list-of-signatories.pdf")
