"""`folkvald serve`: the production application server (Granian), its access log and its refusals."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from folkvald.core.management.commands.serve import access_log_arguments

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(tmp_path: Path, **more: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}}
    return {
        **base,
        "DEBUG": "false",
        "SECRET_KEY": "serve-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "STATIC_ROOT": str(tmp_path / "static"),
        **more,
    }


def test_serve_runs_granian_with_an_access_log_without_query_strings(tmp_path):
    port = free_port()
    log = tmp_path / "access.log"
    env = production_env(tmp_path, ACCESS_LOG=str(log))
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "folkvald.cli", "serve", "--migrate", "--port", str(port), "--workers", "1",
         "--threads", "2"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 90
        while True:
            try:
                answer = requests.get(base + "/api/v1/campaigns?q=Anna+Andersson", timeout=5)
                break
            except requests.ConnectionError:
                if time.time() > deadline or process.poll() is not None:
                    raise AssertionError("server did not start: " + (process.stdout.read1(4000).decode()
                                                                     if process.stdout else "")) from None
                time.sleep(0.3)
        assert answer.status_code == 200 and answer.json() == []
        assert answer.headers["Server"] == "granian"
        # The security headers come from Django, whatever the server.
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        for _ in range(50):
            if log.exists() and "/api/v1/campaigns" in log.read_text():
                break
            time.sleep(0.1)
        line = log.read_text().strip().splitlines()[-1]
        assert '"GET /api/v1/campaigns HTTP/1.1" 200' in line
        assert "Andersson" not in log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize("option", ["--workers", "--threads"])
def test_serve_refuses_zero_workers_or_threads(tmp_path, option):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "folkvald.cli", "serve", "--no-collectstatic", "--port", "1", option, "0"],
        env=production_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "--workers och --threads måste vara minst 1." in result.stderr


def test_access_log_targets():
    assert access_log_arguments("off") == ["--no-access-log"]
    to_stdout = access_log_arguments("-")
    assert "--access-log" in to_stdout and "--log-config" not in to_stdout
    to_file = access_log_arguments("/var/log/folkvald/access.log")
    config = json.loads(Path(to_file[to_file.index("--log-config") + 1]).read_text())
    assert config["handlers"]["access"]["filename"] == "/var/log/folkvald/access.log"
    assert config["loggers"]["granian.access"]["handlers"] == ["access"]
