"""The coalition finder and a committee scenario page in a real Chromium, at phone and desktop sizes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_horizontal_scroll, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

HUDDINGE_2022 = {"S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2}


def _huddinge():
    from folkvald.councils.services import committee_create, council_create
    from folkvald.organisations.models import Municipality

    council = council_create(
        municipality=Municipality.objects.get(code="0126"), period_start=2022, seats=HUDDINGE_2022,
        governing_name="Mittenstyret", governing=["S", "C", "MP", "HP"], support=["V"],
        order=["V", "S", "MP", "HP", "C", "DP", "L", "M", "KD", "SD"],
    )
    committee_create(council=council, name="Kommunstyrelsen", places=13, substitutes=7)
    committee_create(council=council, name="Socialnämnden", places=11, substitutes=6)
    return council


def test_coalition_finder(page, live_server):
    council = _huddinge()
    page.goto(f"{live_server.url}/fullmaktige/{council.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huddinge 2022–2026")
    expect(page.locator("#governing-sum")).to_have_text("S 18 + C 4 + MP 2 + HP 2 = 26")
    expect(page.locator("#with-support")).to_contain_text("= 32 av 61")
    assert_no_horizontal_scroll(page)

    finder = page.locator("form.finder")
    chosen = finder.locator("fieldset").filter(has_text="Välj partier")
    for party in ("S", "C", "MP", "HP"):
        chosen.locator(f"input[value='{party}']").check()
    summary = page.locator("#chosen-summary")
    expect(summary).to_contain_text("= 26 av 61")
    expect(summary).to_contain_text("Ingen majoritet")
    expect(summary).to_contain_text("5 mandat kvar till majoritet (31)")
    chosen.locator("input[value='V']").check()
    expect(summary).to_contain_text("= 32 av 61")
    expect(summary).to_contain_text("marginal 1 över majoritetsgränsen 31")

    coalitions = page.locator("#coalitions")
    expect(coalitions).to_contain_text("SD")
    before = page.locator("#coalition-count").inner_text()
    finder.locator("fieldset").filter(has_text="Inte med").locator("input[value='SD']").check()
    expect(page.locator("#coalition-count")).to_contain_text("inte med SD")
    expect(coalitions).not_to_contain_text("SD")
    assert page.locator("#coalition-count").inner_text() != before
    # The URL carries the choices, so the page can be shared and reloaded without JavaScript.
    assert "exclude=SD" in page.url
    page.reload()
    expect(page.locator("#chosen-summary")).to_contain_text("= 32 av 61")
    expect(page.locator("#power")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []


def test_committee_scenario_page(page, live_server):
    from folkvald.councils.services import scenario_create
    from folkvald.organisations.models import Organisation, OrganisationKind, Party

    council = _huddinge()
    branch = Organisation.objects.create(
        name="Socialdemokraterna i Huddinge", kind=OrganisationKind.BRANCH,
        party=Party.objects.get(abbreviation="S"), municipality_id="0126",
    )
    make_user("sekreterare", organisation=branch, kind="political_secretary")
    scenario = scenario_create(
        council=council, organisation=branch, name="Mittenstyret och V på en lista",
        lists=[{"parties": ["S", "C", "MP", "HP", "V"], "order": ["S", "C", "S", "MP", "S", "HP", "V"]}],
    )
    sign_in(page, live_server, "sekreterare", "pw-sekreterare")
    page.goto(f"{live_server.url}/fullmaktige/{council.pk}/planering/")
    page.get_by_role("link", name="Mittenstyret och V på en lista").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mittenstyret och V på en lista")
    # seat-rules §2.4 B: 8 of 13 and 7 of 11 for the joint list, 15 in all.
    expect(page.locator("#totals")).to_contain_text("S+C+MP+HP+V")
    expect(page.locator("#totals")).to_contain_text("15")
    kommunstyrelsen = page.locator("section.committee").filter(has_text="Kommunstyrelsen")
    expect(kommunstyrelsen).to_contain_text("S+C+MP+HP+V 8")
    # Per party over both: S 3 of the joint list's 7 and 4 of its 8 (the 8th name continues with S).
    expect(page.locator("#totals-by-party tbody tr").first).to_have_text("S7")
    assert_no_horizontal_scroll(page)

    page.get_by_label("Frånvarande M", exact=True).fill("6")
    page.get_by_role("button", name="Räkna om").click()
    expect(page.locator("#attendance-result")).to_contain_text("M 6")
    expect(page.locator("#attendance-result")).to_contain_text("Socialnämnden")

    page.goto(f"{live_server.url}/fullmaktige/{council.pk}/planering/{scenario.pk}/valsedlar/")
    expect(page.locator("article.ballot").first).to_contain_text("Gruppbeteckning")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    assert page.js_errors == []


def test_best_arrangement_in_the_planner(page, live_server):
    from folkvald.organisations.models import Organisation, OrganisationKind, Party

    council = _huddinge()
    branch = Organisation.objects.create(
        name="Socialdemokraterna i Huddinge", kind=OrganisationKind.BRANCH,
        party=Party.objects.get(abbreviation="S"), municipality_id="0126",
    )
    make_user("sekreterare", organisation=branch, kind="political_secretary")
    sign_in(page, live_server, "sekreterare", "pw-sekreterare")
    page.goto(f"{live_server.url}/fullmaktige/{council.pk}/planering/")
    bloc = page.locator("fieldset").filter(has_text="Blocket")
    for party in ("S", "C", "MP", "HP", "V"):
        bloc.locator(f"input[value='{party}']").check()
    page.get_by_label("behåller sina listor").check()
    page.get_by_role("button", name="Räkna").click()
    expect(page.locator("#plan-summary")).to_contain_text("15 platser")
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []
