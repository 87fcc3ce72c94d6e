"""Production mode: refuses to start without SECRET_KEY, and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_folkvald(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "-m", "folkvald.cli", *args],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run_folkvald("check", env={"DEBUG": "false", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_passes_in_production_mode(tmp_path):
    result = run_folkvald(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "false",
            "SECRET_KEY": "k" * 10 + "-a-long-random-secret-key-for-the-deploy-check-0123456789",
            "ALLOWED_HOSTS": "folkvald.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_help_lists_the_commands():
    result = run_folkvald("--help", env={})
    assert result.returncode == 0, result.stderr
    for command in ("seats", "committee", "demo", "serve", "migrate"):
        assert command in result.stdout
