from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from convenor.core.errors import DomainError
from convenor.core.forms import form_add_error
from convenor.core.models import ApiToken, User
from convenor.core.services import api_token_create, api_token_revoke, user_set_preferences
from convenor.directory.selectors import person_for_user

from ..forms import PreferencesForm, TokenCreateForm


def _me(request: HttpRequest) -> User:
    """The signed-in user (the views below require a login)."""
    return cast(User, request.user)


def _render_profile(request, *, token_form=None, preferences_form=None, new_secret="", status=200):
    tokens = ApiToken.objects.filter(user=request.user, revoked_at=None).order_by("-created_at")
    return render(
        request,
        "web/profile.html",
        {
            "token_form": token_form or TokenCreateForm(),
            "preferences_form": preferences_form
            or PreferencesForm(initial={"preferred_language": request.user.preferred_language}),
            "tokens": tokens,
            "new_secret": new_secret,
            # Export and erase work on a directory entry; without one they are 404 pages.
            "directory_entry": person_for_user(request.user),
        },
        status=status,
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return _render_profile(request)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, token_form=form, status=400)
    _token, raw = api_token_create(user=_me(request), name=form.cleaned_data["name"])
    # The secret is shown in this one answer only; only its hash is kept.
    response = _render_profile(request, new_secret=raw)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = api_token_revoke(token_id=token_id, user=_me(request))
    messages.success(request, _("The token %(prefix)s… was revoked.") % {"prefix": token.prefix})
    return redirect("web:profile")


@login_required
@require_POST
def preferences_update(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, preferences_form=form, status=400)
    language = form.cleaned_data["preferred_language"]
    try:
        user_set_preferences(actor=request.user, user=_me(request), preferred_language=language)
    except DomainError as error:
        form_add_error(form, error)
        return _render_profile(request, preferences_form=form, status=error.status)
    messages.success(request, _("Your preferences were saved."))
    response = redirect("web:profile")
    # Show the site in the chosen language from now on, as the language switcher does.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
