"""Conventions the code keeps, checked mechanically.

- Views and API handlers fetch objects only through an `access_*` function (or a selector),
  so a permission rule lives in one place: no model manager (`.objects.`, `._default_manager`)
  and no `get_object_or_404(` in views.py, api.py and feeds.py. tests/core/test_no_leaks.py
  checks the outcome, page by page.
- The pure seat mathematics imports nothing from Django (tests/seatmath has the runtime check).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(r"\.objects\b|\._default_manager\b|\._base_manager\b|get_object_or_404\(|get_list_or_404\(")


def handler_files():
    for name in ("views.py", "api.py", "feeds.py"):
        yield from (ROOT / "folkvald").rglob(name)
    for package in ("views", "api"):
        for directory in (ROOT / "folkvald").rglob(package):
            if directory.is_dir():
                yield from directory.rglob("*.py")


def test_the_convention_check_sees_a_manager_call():
    assert FORBIDDEN.search('campaign = Campaign.objects.select_related("organisation").get(pk=pk)')
    assert FORBIDDEN.search("Reform._default_manager.filter(pk=1)")
    assert not FORBIDDEN.search("reform = access_reform(request.user, reform_id)")


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
