"""Every environment variable the code reads is documented in docs/settings.md (as Datasette does it)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from folkvald.settings import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]
READERS = re.compile(
    r"""(?:env_(?:str|bool|int|list)|os\.environ\.get|os\.getenv|os\.environ\.setdefault)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]+)["']\s*\]"""
)
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def variables_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "folkvald").rglob("*.py"):
        for match in READERS.finditer(path.read_text("utf-8")):
            names.add(match.group(1) or match.group(2))
    return names - NOT_SETTINGS


def test_the_scan_finds_the_known_settings():
    names = variables_read_by_the_code()
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REDIS_URL", "WEB_CONCURRENCY"} <= names


def test_every_setting_is_documented():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "docs" / "settings.md").read_text("utf-8")))
    missing = sorted(variables_read_by_the_code() - documented)
    assert missing == [], f"undocumented settings, add them to docs/settings.md: {missing}"


def documented_rows() -> set[str]:
    """The variables the tables of docs/settings.md have a row for."""
    text = (ROOT / "docs" / "settings.md").read_text("utf-8")
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", text, re.MULTILINE))


def test_every_documented_setting_is_read():
    assert sorted(documented_rows() - variables_read_by_the_code()) == [], "docs/settings.md lists a setting no code reads"
    assert documented_rows() == variables_read_by_the_code()


def settings_in_a_fresh_process(env: dict[str, str], *names: str) -> dict[str, object]:
    code = (
        "import json, sys; from django.conf import settings; import django; django.setup(); "
        "print(json.dumps({n: eval('settings.' + n) for n in sys.argv[1:]}, default=str))"
    )
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE",
                                                               "SECURE_SSL_REDIRECT", "REDIS_URL", "DATABASE_URL"}}
    result = subprocess.run([sys.executable, "-c", code, *names], cwd=ROOT, capture_output=True, text=True,
                            env={**base, "DJANGO_SETTINGS_MODULE": "folkvald.settings", **env}, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults_are_safe():
    values = settings_in_a_fresh_process(
        {"SECRET_KEY": "a-long-secret-key-for-this-test-only-0123456789-abcdefghijk"},
        "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "STORAGES['staticfiles']['BACKEND']", "SESSION_ENGINE", "CACHES['default']['BACKEND']",
        "DATABASES['default']['ENGINE']",
    )
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "STORAGES['staticfiles']['BACKEND']": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        # Shared by every app server: sessions and cache in the database unless Redis is given.
        "SESSION_ENGINE": "folkvald.core.sessions",
        "CACHES['default']['BACKEND']": "django.core.cache.backends.db.DatabaseCache",
        "DATABASES['default']['ENGINE']": "django.db.backends.sqlite3",
    }


def test_postgresql_and_redis_from_the_environment():
    values = settings_in_a_fresh_process(
        {"DEBUG": "true", "DATABASE_URL": "postgres://folkvald:secret@db.internal:5433/folkvald",
         "REDIS_URL": "redis://cache.internal:6379/2"},
        "DATABASES['default']['ENGINE']", "DATABASES['default']['HOST']", "DATABASES['default']['PORT']",
        "DATABASES['default']['NAME']", "SESSION_ENGINE", "CACHES['default']['BACKEND']",
        "CACHES['default']['LOCATION']",
    )
    assert values == {
        "DATABASES['default']['ENGINE']": "folkvald.core.postgresql",
        "DATABASES['default']['HOST']": "db.internal",
        "DATABASES['default']['PORT']": 5433,
        "DATABASES['default']['NAME']": "folkvald",
        "SESSION_ENGINE": "django.contrib.sessions.backends.cache",
        "CACHES['default']['BACKEND']": "django.core.cache.backends.redis.RedisCache",
        "CACHES['default']['LOCATION']": "redis://cache.internal:6379/2",
    }


def test_a_malformed_setting_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("DEBUG", "kanske")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false, not 'kanske'"):
        env_bool("DEBUG", False)
    monkeypatch.setenv("EMAIL_PORT", "tjugofem")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        env_int("EMAIL_PORT", 25)
    monkeypatch.setenv("ALLOWED_HOSTS", " folkvald.example.org, ,www.folkvald.example.org ")
    assert env_list("ALLOWED_HOSTS", []) == ["folkvald.example.org", "www.folkvald.example.org"]
