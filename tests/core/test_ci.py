"""The two commands of the README's quick start, and CI built on the same test command."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / ".ci" / "run"


def make_dry_run(*args: str) -> str:
    result = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    quick_start = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", quick_start, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    assert readme.index("## Quick start") < readme.index("## What is here")


def test_make_creates_the_venv_when_missing_and_test_runs_lint_types_and_the_suite(tmp_path):
    fresh = tmp_path / "venv"
    plan = make_dry_run("test", f"VENV={fresh}")
    assert f"test -d {fresh} || python3 -m venv {fresh}" in plan
    assert f"{fresh}/bin/python -m pip install --quiet -e '.[dev]'" in plan
    lines = plan.splitlines()
    ruff = next(i for i, line in enumerate(lines) if f"{fresh}/bin/ruff check ." in line)
    mypy = next(i for i, line in enumerate(lines) if line.strip() == f"{fresh}/bin/mypy")
    pytest_line = next(i for i, line in enumerate(lines) if f"{fresh}/bin/python -m pytest" in line)
    assert ruff < mypy < pytest_line


def test_make_demo_loads_the_demo_and_serves_it(tmp_path):
    plan = make_dry_run("demo", f"VENV={tmp_path / 'venv'}")
    demo = plan.index("folkvald demo")
    serve = plan.index("folkvald serve")
    assert demo < serve
    assert "DEBUG=true" in plan  # SQLite on a laptop, no secret key needed


def test_ci_runs_make_test_then_postgresql_then_the_browser_tests_and_any_failure_fails_it():
    script = CI.read_text("utf-8")
    assert os.access(CI, os.X_OK)
    assert "set -euo pipefail" in script.splitlines()[:4]
    steps = [script.index(step) for step in ("\nmake test\n", "\nmake test-postgres\n", "\nmake test-browser\n")]
    assert steps == sorted(steps)
    assert 'DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"' in script
    assert "apt-get install -y -qq chromium" in script
    assert "pip install --quiet --no-deps --target" in script  # pip install . of a clean checkout
    assert re.search(r'if \[ "\$SECONDS" -gt 1500 \]', script)  # 25 minutes


def test_a_failing_make_test_stops_ci_before_anything_else(tmp_path):
    """With `make test` failing, .ci/run fails and runs nothing after it."""
    calls = tmp_path / "calls"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "make").write_text(f'#!/bin/sh\necho "$@" >> {calls}\n[ "$1" != test ]\n')
    (fake / "make").chmod(0o755)
    result = subprocess.run([str(CI)], env={**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert calls.read_text().split() == ["test"]
