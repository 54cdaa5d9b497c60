from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from convenor.api.api import api

urlpatterns: list = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("convenor.directory.urls")),
    path("", include("convenor.framework.urls")),
    path("", include("convenor.process.urls")),
    path("", include("convenor.campaigns.urls")),
    path("", include("convenor.delegations.urls")),
    path("", include("convenor.meetings.urls")),
    path("", include("convenor.reports.urls")),
    path("", include("convenor.convergence.urls")),
    path("", include("convenor.web.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", True):
    # Uploaded documents; behind a real web server, serve MEDIA_ROOT there instead.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Error pages that cannot fail: a minimal layout, no database access (convenor.web.errors).
handler400 = "convenor.web.errors.bad_request"
handler403 = "convenor.web.errors.permission_denied"
handler404 = "convenor.web.errors.page_not_found"
handler500 = "convenor.web.errors.server_error"
