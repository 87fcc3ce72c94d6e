"""folkvald.seatmath is pure: importing it, or any of its modules, never loads Django."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import folkvald.seatmath

PACKAGE = Path(folkvald.seatmath.__file__).resolve().parent
ROOT = PACKAGE.parents[1]


def test_no_module_imports_django():
    modules = sorted(
        f"folkvald.seatmath.{m.name}" for m in pkgutil.iter_modules([str(PACKAGE)])
    )
    assert "folkvald.seatmath.api" in modules and "folkvald.seatmath.cli_seats" in modules
    code = (
        "import importlib, sys\n"
        "import folkvald.seatmath as s\n"
        "for name in s.__all__: getattr(s, name)\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
