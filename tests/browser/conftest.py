"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live server.

Every test here is marked `browser` (run by `make test-browser`). Use the `phone`
and `desktop` page fixtures, or `pages` to run a test at both sizes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread; the tests' ORM calls stay synchronous.

    Set only while browser tests run: at import time it leaked into every subprocess of the
    other tests (and `check --deploy` rightly refuses it).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Every browser test starts with the counties, municipalities and parties in place."""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, size: str):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", **SIZES[size])
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text)
        if message.type == "error" and "Content Security Policy" in message.text
        else None,
    )
    page.js_errors = errors  # type: ignore[attr-defined]
    return context, page


@pytest.fixture
def phone(browser, live_server) -> Iterator:
    context, page = _page(browser, "phone")
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server) -> Iterator:
    context, page = _page(browser, "desktop")
    yield page
    context.close()


@pytest.fixture(params=["phone", "desktop"])
def page(request, browser, live_server) -> Iterator:
    """One test, run at a phone size and at a desktop size."""
    context, page = _page(browser, request.param)
    page.size_name = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


def sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def assert_no_horizontal_scroll(page) -> None:
    """Phone-first: the page itself never scrolls sideways (tables scroll inside their own box)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the screen"
