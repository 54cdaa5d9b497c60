from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from convenor.core.permissions import require
from convenor.core.selectors import audit_entries

from ..forms import AuditFilterForm

PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who changed what, newest first; coordinators only. A malformed filter answers 400."""
    require(request.user, "core.view_auditentry")
    form = AuditFilterForm(request.GET or None)
    status = 200
    filters: dict = {}
    if form.is_bound:
        if form.is_valid():
            filters = form.cleaned_data
        else:
            status = 400
    entries = audit_entries(
        action_prefix=filters.get("action") or "",
        actor_email=filters.get("actor") or "",
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page") if status == 200 else 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=status,
    )
