"""Policy work in a real browser, at phone and desktop sizes: a group's page, a motion from draft to
the board's decision, and registering for an event (a plain form, no JavaScript needed)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_horizontal_scroll, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _branch():
    from folkvald.organisations.models import Organisation, OrganisationKind, Party

    party = Party.objects.get(abbreviation="S")
    return Organisation.objects.create(
        name="Socialdemokraterna i Malmö", kind=OrganisationKind.BRANCH, party=party, municipality_id="1280"
    )


def _group(branch):
    from folkvald.policy import services
    from folkvald.policy.models import MemberRole

    programme = services.programme_create(organisation=branch, name="En ny vision för Malmö")
    group = services.group_create(
        organisation=branch, programme=programme, name="En stad som byggs för vanligt folk",
        policy_area="Bostäder och stadsbyggnad", mandate="Hur staden byggs för vanligt folk.",
    )
    start = dt.date(2024, 2, 6)
    for role, first, last in [
        (MemberRole.CHAIR, "Tobias", "Wikström"), (MemberRole.MEMBER, "Nadia", "Rahimi"),
        (MemberRole.MEMBER, "Carl", "Eklund"), (MemberRole.MEMBER, "Maja", "Lindholm"),
        (MemberRole.SECRETARY, "Emma", "Sundqvist"),
    ]:
        services.membership_add(group=group, role=role, start=start, first_name=first, last_name=last)
    services.deliverable_create(group=group, title="Analys med konkreta förslag", deadline=dt.date(2025, 2, 28))
    return group


def test_group_page(page, live_server):
    group = _group(_branch())
    page.goto(f"{live_server.url}/politik/organisationer/{group.organisation_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Politikutveckling")
    page.get_by_role("link", name="En stad som byggs för vanligt folk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("En stad som byggs för vanligt folk")
    members = page.get_by_role("table", name="Gruppens medlemmar")
    expect(members.get_by_role("row")).to_have_count(6)  # a header and five people
    expect(members.get_by_role("row").nth(1)).to_contain_text("Ordförande")
    expect(members.get_by_role("row").nth(1)).to_contain_text("Tobias Wikström")
    expect(members.get_by_role("row").nth(5)).to_contain_text("Sekreterare")
    expect(page.get_by_role("cell", name="2025-02-28")).to_be_visible()
    expect(page.get_by_role("heading", name="Motioner")).to_have_count(0)  # internal
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []


def test_drafting_a_motion_through_the_boards_decision(page, live_server):
    branch = _branch()
    _group(branch)
    make_user("medlem", organisation=branch, kind="member")
    make_user("styrelsen", organisation=branch, kind="chair")

    sign_in(page, live_server, "medlem", "pw-medlem")
    page.goto(f"{live_server.url}/politik/organisationer/{branch.pk}/")
    page.get_by_role("link", name="Motioner").first.click()
    page.get_by_role("link", name="Skriv en motion").click()
    page.get_by_label("Rubrik").fill("Hyror som vanligt folk har råd med")
    page.get_by_label("Motionstext").fill("Bostäder byggs för dem som redan har.")
    page.get_by_label("Att-satser").fill("att partiet verkar för fler hyresrätter med rimliga hyror")
    page.get_by_label("Till kongress").fill("Partikongressen i Göteborg 2025")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hyror som vanligt folk har råd med")
    expect(page.locator("#motion-status")).to_have_text("utkast")

    page.get_by_role("link", name="Ändra motionen").click()
    page.get_by_label("Motionstext").fill("Bostäder byggs för dem som redan har.\nVi vill bygga för alla.")
    page.get_by_label("Vad ändrades? (valfritt)").fill("En mening till")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Version 2 är sparad.")).to_be_visible()
    page.get_by_role("link", name="visa ändringar").click()
    expect(page.locator("ins.policy-diff-line")).to_have_text("Vi vill bygga för alla.")
    page.get_by_role("button", name="Lämna in till styrelsen").click()
    expect(page.locator("#motion-status")).to_have_text("inlämnad till styrelsen")
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Logga ut").click()

    sign_in(page, live_server, "styrelsen", "pw-styrelsen")
    page.goto(f"{live_server.url}/politik/organisationer/{branch.pk}/motioner/")
    page.get_by_role("link", name="Hyror som vanligt folk har råd med").click()
    page.get_by_role("link", name="Registrera styrelsens beslut").click()
    page.get_by_label("bifall").check()
    page.get_by_label("Motivering").fill("Styrelsen antar motionen som sin egen.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator("#motion-decision")).to_have_text("Bifall")
    expect(page.get_by_text("Styrelsen antar motionen som sin egen.")).to_be_visible()
    page.get_by_role("button", name="Skicka till kongressen").click()
    expect(page.locator("#motion-status")).to_have_text("skickad till kongressen")
    page.get_by_role("link", name="Utskriftsversion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hyror som vanligt folk har råd med")
    expect(page.get_by_text("Styrelsen föreslår: bifall")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []


def test_registering_for_an_event(page, live_server):
    from django.utils import timezone

    from folkvald.policy import services
    from folkvald.policy.models import EventKind, RegistrationMode

    branch = _branch()
    starts = (timezone.now() + dt.timedelta(days=14)).replace(second=0, microsecond=0)
    event = services.event_create(
        organisation=branch, kind=EventKind.GARDEN_PARTY, title="Gårdsfest i Sofielund", starts_at=starts,
        place="Innergården, Sofielund", organiser="S-föreningen Malmö Centrum", registration=RegistrationMode.NAMES,
    )
    page.goto(f"{live_server.url}/politik/organisationer/{branch.pk}/evenemang/")
    page.get_by_role("link", name="Gårdsfest i Sofielund").click()
    expect(page.locator("#registered-count")).to_have_text("0")
    page.get_by_label("Antal personer").fill("2")
    page.get_by_label("Namn (valfritt)").fill("Vera Exempel")
    page.get_by_role("button", name="Anmäl").click()
    expect(page.get_by_role("alert")).to_contain_text("Kryssa i samtycket")
    page.get_by_label(re.compile("Jag samtycker")).check()
    page.get_by_role("button", name="Anmäl").click()
    expect(page.get_by_text("Tack! Din anmälan är registrerad.")).to_be_visible()
    expect(page.locator("#registered-count")).to_have_text("2")
    expect(page.get_by_text("Vera Exempel")).to_have_count(0)  # names are never public
    assert event.registrations.get().name == "Vera Exempel"
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []
