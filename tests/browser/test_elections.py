"""The election page and the what-if tool in a real Chromium, at phone and desktop sizes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_horizontal_scroll

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lund_results():
    from folkvald.elections.importing import import_files
    from folkvald.elections.services import bloc_set
    from tests.elections.conftest import data_file

    report = import_files([data_file(year, "1281") for year in (2010, 2014, 2018)])
    assert not report.failed
    bloc_set(municipality_code="1281", period=2014, name="de rödgröna", parties=["S", "MP", "V", "FI"])
    bloc_set(municipality_code="1281", period=2014, name="Alliansen", parties=["M", "FP", "C", "KD"], position=1)


def test_election_page(page, live_server, lund_results):
    page.goto(f"{live_server.url}/val/")
    page.get_by_role("link", name="Lund 2014").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunfullmäktige i Lund 2014")
    blocs = page.get_by_test_id("blocs")
    expect(blocs).to_contain_text("de rödgröna")
    expect(blocs).to_contain_text("31 av 65 mandat")
    expect(page.get_by_test_id("changes")).to_contain_text("M −9,3 procentenheter")
    diagram = page.get_by_role("img", name=re.compile("Mandatfördelning, 65 mandat"))
    expect(diagram).to_be_visible()
    expect(page.locator("svg.parliament-svg circle")).to_have_count(65)
    expect(page.get_by_role("table", name="Mandat per parti")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []


def test_what_if_updates_the_seats_as_you_type(page, live_server, lund_results):
    page.goto(f"{live_server.url}/val/1281/2018/")
    page.get_by_role("link", name=re.compile("Tänk om")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tänk om: Lund 2018")
    s_seats = page.get_by_test_id("what-if-seats").locator('tr[data-party="S"] td.seats')
    expect(s_seats).to_have_text("13")
    votes = page.get_by_label("Röster för S", exact=True)
    votes.fill("40000")
    # htmx posts the form after a short pause and swaps in the new seats, diagram and majorities.
    expect(s_seats).not_to_have_text("13")
    new_seats = int(s_seats.inner_text())
    assert new_seats > 13
    expect(page.get_by_test_id("what-if-summary")).to_have_text("Mandaten ändras jämfört med valresultatet.")
    expect(page.locator("#what-if-result svg circle")).to_have_count(65)
    expect(page.locator('#what-if-result svg circle[data-party="S"]')).to_have_count(new_seats)
    # Shares: typing a share switches the mode and recomputes.
    m_seats = page.get_by_test_id("what-if-seats").locator('tr[data-party="M"] td.seats')
    before = m_seats.inner_text()
    assert int(before) < 11  # S's gain took seats from the others
    page.get_by_label("Andel i procent för M", exact=True).fill("60")
    expect(page.get_by_role("radio", name="andelar i procent")).to_be_checked()
    expect(m_seats).not_to_have_text(before)
    assert int(m_seats.inner_text()) > 11  # 60 % of the valid votes for M, the rest as they were
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []
