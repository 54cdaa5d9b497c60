from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

# htmx is optional (fetched by `make static`); pages work without it.
HTMX_AVAILABLE = (Path(__file__).parent / "static" / "vendor" / "htmx.min.js").is_file()


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": "Convenor",
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "LANGUAGES": settings.LANGUAGES,
        "HTMX_AVAILABLE": HTMX_AVAILABLE,
    }
