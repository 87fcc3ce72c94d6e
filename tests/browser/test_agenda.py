"""The agenda in a real Chromium, at phone and desktop sizes: a leader moves a reform to done with
evidence; a reader reads the public report."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_horizontal_scroll, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def build():
    from folkvald.agenda.figures import ParsedFigure
    from folkvald.agenda.services import (
        agreement_create,
        decision_create,
        reform_create,
        reform_status_change,
    )
    from folkvald.organisations.models import Organisation, OrganisationKind, Party

    parties = list(Party.objects.filter(abbreviation__in=["S", "C", "MP", "V"]))
    branch = Organisation.objects.create(
        name="Socialdemokraterna i Huddinge", kind=OrganisationKind.BRANCH, party=Party.objects.get(abbreviation="S"),
        municipality_id="0126",
    )
    leader = make_user("sekreterare", organisation=branch, kind="political_secretary")
    agreement = agreement_create(
        organisation=branch, title="Politiskt avtal mellan Vänsterpartiet och Mittenstyret", kind="joint_lists",
        parties=parties, period_start=2022, date=dt.date(2022, 10, 10), is_published=True,
    )
    breakfast = reform_create(organisation=branch, title="Inför gratis frukost i alla kommunens skolor.",
                              policy_area="Skola", source_kind="agreement", agreement=agreement, weight=2,
                              is_published=True, internal_notes="HEMLIG-ANTECKNING")
    reform_create(organisation=branch, title="Ge direktiv till Huge att bygga fler hyresrätter.",
                  policy_area="Bostäder", source_kind="agreement", agreement=agreement, is_published=True)
    decision = decision_create(
        organisation=branch, date=dt.date(2023, 6, 12), body="council", paragraph="§ 98",
        title="Gratis frukost i alla kommunala grundskolor från höstterminen 2024.", policy_area="Skola",
        figures=[ParsedFigure("", Decimal("11"), "mnkr", "årlig kostnad")], is_published=True,
    )
    reform_status_change(reform=breakfast, status="in_progress", reason="Beslutat i fullmäktige.", user=leader,
                         decision=decision)
    return branch, breakfast, decision


def test_leader_marks_a_reform_done_with_evidence(page, live_server):
    branch, breakfast, decision = build()
    sign_in(page, live_server, "sekreterare", "pw-sekreterare")
    page.goto(f"{live_server.url}/reformer/{branch.pk}/intern/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Avtal, reformer och beslut")
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Inför gratis frukost i alla kommunens skolor.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inför gratis frukost i alla kommunens skolor.")
    expect(page.get_by_text("HEMLIG-ANTECKNING")).to_be_visible()  # the leader sees internal notes
    page.get_by_role("link", name="Ändra status").click()
    assert_no_horizontal_scroll(page)

    # Without evidence the outcome is refused, with the reason kept in the form.
    page.get_by_label("genomförd", exact=True).check()
    page.get_by_label("Varför?").fill("Frukost serveras i alla kommunala grundskolor sedan höstterminen.")
    page.get_by_role("button", name="Spara status").click()
    expect(page.get_by_text("Ange ett beslut eller en länk som belägg för statusen.")).to_be_visible()

    page.get_by_label("Beslut som belägg").select_option(str(decision.pk))
    page.get_by_label("Länk som belägg").fill("https://example.org/protokoll/2023-06-12")
    page.get_by_role("button", name="Spara status").click()
    expect(page.get_by_role("status")).to_contain_text("Status ändrad till ”genomförd”")
    history = page.locator(".history li").first
    expect(history).to_contain_text("pågår → genomförd")
    expect(history).to_contain_text("Frukost serveras i alla kommunala grundskolor sedan höstterminen.")
    expect(history).to_contain_text("Kommunfullmäktige 2023-06-12 § 98")
    expect(history.get_by_role("link", name=re.compile("example.org"))).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []
    breakfast.refresh_from_db()
    assert breakfast.status == "done"


def test_reader_reads_the_public_report(page, live_server):
    branch, _breakfast, _decision = build()
    page.goto(f"{live_server.url}/reformer/{branch.pk}/")
    expect(page).to_have_url(re.compile(r"/reformer/\d+/2022-2026/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vad har vi gjort sedan valet?")
    expect(page.get_by_text("Mandatperioden 2022–2026")).to_be_visible()
    expect(page.get_by_role("heading", name="Skola", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Bostäder", level=2)).to_be_visible()
    skola = page.locator("section.area", has=page.get_by_role("heading", name="Skola"))
    expect(skola.locator(".status").first).to_have_text("pågår")
    expect(skola.locator(".figure-value")).to_have_text("11\xa0mnkr")
    expect(skola.locator(".progress-text")).to_contain_text("0,0\xa0%")
    expect(skola.locator("progress")).to_have_attribute("value", "0.0")
    expect(page.get_by_text("HEMLIG-ANTECKNING")).to_have_count(0)
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name="Bostäder").click()
    expect(page).to_have_url(re.compile(r"#omrade-bostader$"))

    # The print stylesheet hides the page chrome and actions.
    page.emulate_media(media="print")
    expect(page.locator(".report-actions")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/reformer/{branch.pk}/2022-2026/inbaddning/")
    expect(page.get_by_role("table")).to_contain_text("Skola")
    expect(page.get_by_role("link", name="Läs hela rapporten")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert page.js_errors == []
