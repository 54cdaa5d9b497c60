"""The site's URLs plus the baseline: a minimal Django endpoint that inserts one row."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from convenor.config.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def baseline_insert(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_baseline (payload) VALUES (%s)", [request.body[:500]])
    return HttpResponse(status=202)


urlpatterns = [path("bench/insert", baseline_insert), *site_urlpatterns]
