from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from convenor.process.forms import OnDateForm

from ..home import home_context


def home(request: HttpRequest) -> HttpResponse:
    """The home page; ?on=YYYY-MM-DD marks the phase current on that date (a bad date: 400)."""
    form = OnDateForm(request.GET or None)
    status = 200
    on = None
    if form.is_bound:
        if form.is_valid():
            on = form.cleaned_data.get("on")
        else:
            status = 400
    context = home_context(
        today=timezone.localdate(), on=on, language=translation.get_language() or "en"
    )
    context["on_form"] = form
    return render(request, "web/home.html", context, status=status)
