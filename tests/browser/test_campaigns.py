"""The doorstep report form in a real Chromium, at phone and desktop sizes: online, and offline with a queue
that syncs exactly once when the connection returns."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import expect

from folkvald.campaigns import services
from folkvald.campaigns.models import Report, WeekTally
from tests.browser.conftest import assert_no_horizontal_scroll, axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def campaign(world):
    campaign = services.campaign_create(
        organisation=world.national, name="Samtalskampanjen", start=dt.date(2014, 1, 1), end=dt.date(2014, 9, 14),
        national_target=1_500_000, topics=["skola", "vård", "jobb"], is_public=True,
    )
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    return campaign


def national_total(campaign, world) -> int:
    return sum(WeekTally.objects.filter(campaign=campaign, organisation=world.national).values_list(
        "conversations", flat=True))


def fill_report(page, conversations: int, place: str = "Stationen") -> None:
    page.get_by_label("Datum").fill("2014-05-03")
    page.get_by_label("Aktivitet").select_option("street_stall")
    page.get_by_label("Plats", exact=True).fill(place)
    page.get_by_label("Antal samtal").fill(str(conversations))
    page.get_by_label("skola").check()
    page.get_by_role("button", name="Spara rapporten").click()


def test_report_online_and_see_the_count(page, live_server, world, campaign):
    sign_in(page, live_server, "member", "pw-member")
    page.goto(f"{live_server.url}/kampanjer/{campaign.pk}/rapportera/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportera samtal")
    expect(page.get_by_text("Skriv aldrig namn")).to_be_visible()
    assert_no_horizontal_scroll(page)
    fill_report(page, 12)
    expect(page.locator("#queue-status")).to_have_text("Alla rapporter är skickade.")
    assert Report.objects.count() == 1
    assert national_total(campaign, world) == 12
    page.goto(f"{live_server.url}/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/")
    expect(page.get_by_test_id("campaign-count")).to_have_text("12 av 15\u00a0000 samtal, 0\u00a0%")
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []


def test_report_offline_then_sync_exactly_once(page, live_server, world, campaign):
    sign_in(page, live_server, "member", "pw-member")
    url = f"{live_server.url}/kampanjer/{campaign.pk}/rapportera/"
    page.goto(url)
    # Let the service worker take over and keep a copy of the form for the road.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportera samtal")

    page.context.set_offline(True)
    fill_report(page, 12)
    expect(page.locator("#queue-status")).to_contain_text("1 rapport väntar på att skickas")
    fill_report(page, 30, place="Norra Fäladen")
    expect(page.locator("#queue-status")).to_contain_text("2 rapporter väntar på att skickas")
    assert Report.objects.count() == 0

    # No signal: the page opens from the service worker's copy and the queue is still there.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportera samtal")
    expect(page.locator("#queue-status")).to_contain_text("2 rapporter väntar på att skickas")
    queued = page.evaluate(f"JSON.parse(localStorage.getItem('folkvald.campaigns.queue.{campaign.pk}'))")
    assert [item["conversations"] for item in queued] == [12, 30]

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#queue-status")).to_have_text("Alla rapporter är skickade.")
    assert Report.objects.count() == 2
    assert national_total(campaign, world) == 42
    assert sorted(str(pk) for pk in Report.objects.values_list("pk", flat=True)) == sorted(
        item["id"] for item in queued)

    # The answers got lost on the way back: the device still holds both and syncs twice at once.
    page.evaluate(
        f"localStorage.setItem('folkvald.campaigns.queue.{campaign.pk}', {json.dumps(json.dumps(queued))})"
    )
    page.evaluate("Promise.all([window.folkvaldCampaignSync(), window.folkvaldCampaignSync()])")
    expect(page.locator("#queue-status")).to_have_text("Alla rapporter är skickade.")
    assert Report.objects.count() == 2
    assert national_total(campaign, world) == 42
    page.goto(f"{live_server.url}/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/")
    expect(page.get_by_test_id("campaign-count")).to_have_text("42 av 15\u00a0000 samtal, 0\u00a0%")
    assert page.js_errors == []


def test_progress_pages_at_phone_and_desktop(page, live_server, world, campaign):
    services.report_create(campaign=campaign, organisation=world.association, reporter=None,
                           date=dt.date(2014, 5, 3), place="Stationen", activity="street_stall", conversations=400,
                           topics=["skola"])
    page.goto(f"{live_server.url}/kampanjer/{campaign.pk}/")
    expect(page.get_by_test_id("campaign-count")).to_have_text("400 av 1\u00a0500\u00a0000 samtal, 0\u00a0%")
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="S i Lund").first.click()
    expect(page.get_by_test_id("campaign-count")).to_have_text("400 av 15\u00a0000 samtal, 3\u00a0%")
    expect(page.get_by_role("heading", name="Ämnen över tid")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.goto(f"{live_server.url}/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/widget/")
    expect(page.get_by_test_id("campaign-count")).to_have_text("400 av 15\u00a0000 samtal, 3\u00a0%")
    assert page.js_errors == []


def test_a_leader_gives_a_volunteer_a_target_and_the_volunteer_sees_it(page, live_server, world, campaign):
    sign_in(page, live_server, "owner", "pw-owner")
    page.goto(f"{live_server.url}/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/mal/")
    page.get_by_label("För hand", exact=False).check()
    page.get_by_label("Member Testsson").fill("300")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_test_id("targets-below").get_by_role("row", name="Member Testsson")).to_contain_text("300")
    expect(page.get_by_role("status").first).to_be_visible()  # the "saved" message, checked by axe too
    assert_no_horizontal_scroll(page)
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(page, live_server, "member", "pw-member")
    page.goto(f"{live_server.url}/kampanjer/{campaign.pk}/rapportera/")
    fill_report(page, 45)
    expect(page.locator("#queue-status")).to_have_text("Alla rapporter är skickade.")
    page.reload()
    expect(page.get_by_test_id("my-targets")).to_have_text("S i Lund: 45 av 300 samtal, 15\u00a0%")
    assert axe_violations(page) == []
    assert page.js_errors == []
