import json
import os
import subprocess
import sys

import pytest

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "key": settings.SECRET_KEY,
    "ssl": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "hsts": settings.SECURE_HSTS_SECONDS,
    "cookie": settings.SESSION_COOKIE_SECURE,
    "session": settings.SESSION_ENGINE,
}))
"""


def settings_in_subprocess(tmp_path, **env) -> subprocess.CompletedProcess:
    """Import the settings as production would: a fresh process, without pytest loaded."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "TESTING"}}
    clean.update(
        DJANGO_SETTINGS_MODULE="convenor.config.settings", CONVENOR_VAR=str(tmp_path), **env
    )
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], env=clean, capture_output=True, text=True
    )


def test_without_secret_key_a_key_is_generated_once_and_kept(tmp_path):
    first = settings_in_subprocess(tmp_path)
    assert first.returncode == 0, first.stderr
    key = json.loads(first.stdout)["key"]
    assert len(key) >= 50
    stored = tmp_path / "secret_key"
    assert stored.read_text() == key
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    second = settings_in_subprocess(tmp_path)
    assert json.loads(second.stdout)["key"] == key


def test_secret_key_from_the_environment_wins(tmp_path):
    result = settings_in_subprocess(tmp_path, SECRET_KEY="x" * 60)
    assert json.loads(result.stdout)["key"] == "x" * 60
    assert not (tmp_path / "secret_key").exists()


def test_behind_a_proxy_the_secret_key_is_required(tmp_path):
    result = settings_in_subprocess(tmp_path, BEHIND_PROXY="1")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_behind_a_proxy_https_is_enforced(tmp_path):
    result = settings_in_subprocess(tmp_path, BEHIND_PROXY="1", SECRET_KEY="y" * 60)
    values = json.loads(result.stdout)
    assert values["ssl"] is True
    assert values["hsts"] >= 3600
    assert values["cookie"] is True


def test_redis_gives_cached_database_sessions(tmp_path):
    result = settings_in_subprocess(
        tmp_path, SECRET_KEY="z" * 60, REDIS_URL="redis://127.0.0.1:1/0"
    )
    assert json.loads(result.stdout)["session"] == "django.contrib.sessions.backends.cached_db"


@pytest.mark.parametrize(
    ("alias", "command"),
    [
        ("api-token", "api_token"),
        ("worker", "worker"),
        ("load-demo", "load_demo"),
        ("demo", "demo"),
    ],
)
def test_cli_aliases_name_existing_commands(alias, command):
    from django.core.management import get_commands

    from convenor.config.cli import ALIASES

    assert ALIASES[alias] == command
    assert command in get_commands()
