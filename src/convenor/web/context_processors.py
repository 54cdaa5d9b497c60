from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": "Convenor",
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "LANGUAGES": settings.LANGUAGES,
    }
