import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")

from convenor.core.pagecache import PageCache

application = PageCache(get_wsgi_application())
# Load every app's URLs and views now, while the worker starts, not in its first requests
# (the analysis apps import scientific libraries that take seconds to load).
get_resolver().url_patterns  # noqa: B018
