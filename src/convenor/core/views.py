"""Page helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import DomainError
from .forms import form_add_error


def service_form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], HttpResponse],
    *,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Render `form` with `template`; on a valid POST call `save` (a service call) and return
    its answer. A domain error becomes a form error with its status (403 is raised as is)."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                return save(form.cleaned_data)
            except DomainError as error:
                if error.status == 403:
                    raise
                form_add_error(form, error)
                status = error.status
        else:
            status = 400
    return render(request, template, {**context, "form": form}, status=status)
