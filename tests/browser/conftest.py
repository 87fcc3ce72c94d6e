"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live server.

Every test here is marked `browser` (run by `make test-browser`). Use the `phone`
and `desktop` page fixtures, or `pages` to run a test at both sizes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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


#: Deque's axe-core, vendored as a test asset (tests/browser/vendor/axe-core/README.md); never served.
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """The WCAG 2.1 A and AA rules axe-core finds broken on the page, one line each.

    Evaluated through the browser's DevTools protocol, so the page's Content-Security-Policy
    (no inline or foreign script) stays as it is served.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text("utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
                v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
        }""",
        WCAG_21_AA,
    )


def assert_landmarks_and_skip_link(page) -> None:
    """One banner, navigation, main and footer; the first Tab reaches the skip link, which moves focus to the
    main content, and the focused element is visibly outlined."""
    assert page.locator("header.site-header").count() == 1
    assert page.get_by_role("navigation").count() >= 1
    assert page.locator("main#main").count() == 1
    assert page.locator("footer").count() == 1
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {cls: e.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), left: e.getBoundingClientRect().left}; })()"
    )
    assert focused["cls"] == "skip-link", focused
    assert focused["outline"] != "none" and focused["width"] >= 2, "focus is not visible"
    assert focused["left"] >= 0, "the skip link stays off screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
