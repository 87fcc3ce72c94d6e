"""Sign in and walk the main pages at a phone size and a desktop size."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_horizontal_scroll, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_and_walk_the_main_pages(page, live_server):
    from folkvald.organisations.models import Organisation, OrganisationKind, Party

    party = Party.objects.get(abbreviation="S")
    branch = Organisation.objects.create(
        name="Socialdemokraterna i Lund", kind=OrganisationKind.BRANCH, party=party, municipality_id="1281"
    )
    make_user("sekreterare", organisation=branch, kind="political_secretary")

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("folkvald")
    expect(page.get_by_role("link", name="Socialdemokraterna i Lund")).to_be_visible()
    assert_no_horizontal_scroll(page)

    sign_in(page, live_server, "sekreterare", "pw-sekreterare")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hej Sekreterare")
    page.get_by_role("link", name="Socialdemokraterna i Lund").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Socialdemokraterna i Lund")
    expect(page.get_by_text("politisk sekreterare")).to_be_visible()
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name="Den offentliga sidan").click()
    expect(page.get_by_role("heading", name="Kontakt")).to_be_visible()

    page.get_by_role("link", name="Mina uppgifter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina uppgifter")

    page.get_by_label("Språk (Language)").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.js_errors == []


def test_wrong_password_shows_an_error_and_no_session(page, live_server, db):
    make_user("volontar")
    sign_in(page, live_server, "volontar", "fel")
    expect(page.get_by_role("alert")).to_be_visible()
    page.goto(live_server.url + "/oversikt/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
