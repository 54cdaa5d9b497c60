from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from ..home import home_context


def home(request: HttpRequest) -> HttpResponse:
    context = home_context(today=timezone.localdate(), language=translation.get_language() or "en")
    return render(request, "web/home.html", context)
