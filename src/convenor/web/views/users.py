from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import DomainError
from convenor.core.models import Role, User
from convenor.core.permissions import require
from convenor.core.selectors import user_list as select_users
from convenor.core.services import user_set_role

from ..forms import RoleForm, UserFilterForm

PAGE_SIZE = 50


def _render_users(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    malformed = form.is_bound and not form.is_valid()
    filters = {} if malformed or not form.is_bound else form.cleaned_data
    users = select_users(role=filters.get("role", ""), query=filters.get("q", ""))
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/users.html",
        {"form": form, "page": page, "roles": Role.choices, "error": error},
        status=400 if malformed else status,
    )


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    """Coordinators see every user and can change their role."""
    require(request.user, "core.view_user")
    return _render_users(request)


@login_required
@require_POST
def user_role_update(request: HttpRequest, user_id: int) -> HttpResponse:
    require(request.user, "core.change_user_role")
    target = get_object_or_404(User, pk=user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _render_users(request, error=_("Choose one of the listed roles."), status=400)
    try:
        user_set_role(actor=request.user, user=target, role=form.cleaned_data["role"])
    except DomainError as error:
        return _render_users(request, error=error.detail, status=error.status)
    messages.success(
        request,
        _("%(user)s is now: %(role)s.") % {"user": target.email, "role": target.get_role_display()},
    )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("web:user_list")
