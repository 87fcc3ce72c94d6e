"""Production mode: refuses to start without SECRET_KEY, and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("debug", [{"DEBUG": "false"}, {}], ids=["DEBUG=false", "DEBUG unset"])
@pytest.mark.parametrize("command", [("check",), ("serve", "--port", "1")])
def test_production_refuses_to_start_without_secret_key(tmp_path, debug, command):
    result = run_folkvald(*command, env={**debug, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    assert result.returncode == 1
    # One line that says what to do, not a traceback.
    assert result.stderr.strip() == (
        "folkvald: SECRET_KEY must be set in production mode (DEBUG=false); see docs/settings.md")


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
    own = result.stdout.split("folkvald's own commands:")[1].split("\n\n")[0]
    listed = {line.split()[0] for line in own.strip().splitlines()}
    # Every management command of folkvald's apps, found on disk (import_results is import-results).
    on_disk = {path.stem for path in (ROOT / "folkvald").glob("*/management/commands/*.py")
               if not path.stem.startswith("_")}
    assert listed == {name for name in on_disk if not ("_" in name and name.replace("_", "-") in on_disk)}
    assert {"demo", "serve", "import-results"} <= listed
    for command in ("seats", "committee", "migrate", "createsuperuser", "collectstatic"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["serve", "migrate", "import-results", "seats", "committee"])
def test_each_command_explains_itself_without_a_secret_key(command):
    result = run_folkvald(command, "--help", env={})
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout.lower()


def test_django_commands_run_through_folkvald(tmp_path):
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    result = run_folkvald("migrate", "--verbosity", "0", env={"DEBUG": "true", "DATABASE_URL": database})
    assert result.returncode == 0, result.stderr
    shown = run_folkvald("showmigrations", "organisations", env={"DEBUG": "true", "DATABASE_URL": database})
    assert "[X] 0002_reference_data" in shown.stdout
