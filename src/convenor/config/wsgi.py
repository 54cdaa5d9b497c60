import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")

django_application = get_wsgi_application()

from convenor.api.gate import SignatureGate  # noqa: E402  (needs the apps loaded)
from convenor.core.pagecache import PageCache  # noqa: E402

# Public pages from memory, signatures through the API's fast lane, the rest through Django.
application = PageCache(SignatureGate(django_application))
# Load every app's URLs and views now, while the worker starts, not in its first requests
# (the analysis apps import scientific libraries that take seconds to load).
get_resolver().url_patterns  # noqa: B018
