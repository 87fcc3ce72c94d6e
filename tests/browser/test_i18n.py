"""The language switch in a real browser: Swedish whatever the browser asks, English when chosen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_horizontal_scroll

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def branch():
    from folkvald.organisations.models import Organisation, OrganisationKind, Party

    return Organisation.objects.create(name="Socialdemokraterna i Lund", kind=OrganisationKind.BRANCH,
                                       party=Party.objects.get(abbreviation="S"), municipality_id="1281")


def test_switch_to_english_and_back(page, live_server, branch):
    url = f"{live_server.url}/organisationer/{branch.pk}/"
    page.goto(url)
    expect(page.get_by_role("heading", name="Kontakt")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    page.get_by_label("Språk (Language)").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    expect(page).to_have_url(url)  # back on the same page
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Contact")).to_be_visible()
    expect(page.get_by_text("municipal branch")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name="Organisations").click()  # the choice holds from page to page
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")

    page.get_by_label("Language").select_option("sv")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisationer")
    assert page.js_errors == []


def test_an_english_browser_still_gets_swedish(browser, live_server, branch):
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/organisationer/{branch.pk}/")
        expect(page.locator("html")).to_have_attribute("lang", "sv")
        expect(page.get_by_role("heading", name="Kontakt")).to_be_visible()
    finally:
        context.close()
