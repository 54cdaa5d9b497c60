"""Settings for the campaigns benchmarks: the site's settings, plus a baseline endpoint,
generous rate limits (all traffic comes from 127.0.0.1) and a separate outbox worker."""

import os

from convenor.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.campaigns.urls"
CAMPAIGNS_OUTBOX_ENQUEUE = False
CAMPAIGNS_RATE_LIMITS = {
    "ip": (10**9, 600),
    "email": (50, 600),
    "burst_ip": (10**9, 600),
    "burst_domain": (10**9, 600),
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("BENCH_SMTP_PORT", "2525"))
EMAIL_TIMEOUT = 5
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# No collectstatic in a benchmark: plain static storage.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
