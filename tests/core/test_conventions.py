"""Conventions the code keeps, checked mechanically.

- Views and API handlers fetch objects only through an `access_*` function (or a selector),
  so a permission rule lives in one place: no `.objects.get(`, `get_object_or_404(` or
  `.objects.filter(` in views.py and api.py.
- The pure seat mathematics imports nothing from Django (tests/seatmath has the runtime check).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(r"\.objects\.(get|filter|all|exclude)\(|get_object_or_404\(|get_list_or_404\(")


def handler_files():
    for name in ("views.py", "api.py"):
        yield from (ROOT / "folkvald").rglob(name)


def test_views_and_api_handlers_fetch_objects_through_access_functions():
    offenders = []
    for path in handler_files():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if FORBIDDEN.search(line) and "noqa: access" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "fetch through permissions.access_* or selectors:\n" + "\n".join(offenders)


def test_seatmath_source_never_mentions_django():
    for path in (ROOT / "folkvald" / "seatmath").rglob("*.py"):
        text = path.read_text("utf-8")
        assert not re.search(r"^\s*(from|import)\s+django", text, re.MULTILINE), path
