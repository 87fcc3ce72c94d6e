"""Every environment variable the code reads is documented in docs/settings.md (as Datasette does it)."""

import re
from pathlib import Path

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
