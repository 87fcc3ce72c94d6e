"""Sign in and walk the main pages at a phone size and a desktop size."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_landmarks_and_skip_link,
    assert_no_horizontal_scroll,
    axe_violations,
    sign_in,
)
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


def demo_pages(signed_in: bool) -> list[tuple[str, str]]:
    """(address, what it is) of the main pages of every app, on the demo data."""
    from folkvald.campaigns.models import Campaign
    from folkvald.councils.models import Council
    from folkvald.organisations.models import Organisation

    def branch(name: str) -> Organisation:
        return Organisation.objects.get(name=f"Socialdemokraterna i {name}")

    campaign = Campaign.objects.get(is_public=True)
    council = Council.objects.get(municipality_id="0126", period_start=2022)
    if not signed_in:
        return [
            ("/", "startsidan"),
            ("/konto/logga-in/", "inloggningen"),
            ("/organisationer/", "organisationerna"),
            (f"/organisationer/{branch('Huddinge').pk}/", "Huddinges offentliga sida"),
            (f"/kampanjer/{campaign.pk}/", "samtalskampanjen"),
            ("/val/1281/2014/", "valet i Lund 2014"),
            (f"/fullmaktige/{council.pk}/", "fullmäktige i Huddinge"),
            (f"/reformer/{branch('Stockholm').pk}/", "reformrapporten i Stockholm"),
            (f"/politik/organisationer/{branch('Malmö').pk}/", "politikutvecklingen i Malmö"),
        ]
    lund = branch("Lund")
    return [
        ("/oversikt/", "översikten"),
        (f"/organisationer/{lund.pk}/intern/", "Lunds interna sida"),
        (f"/organisationer/{lund.pk}/roller/ny/", "en ny roll"),
        ("/konto/mina-uppgifter/", "mina uppgifter"),
        (f"/kampanjer/{campaign.pk}/rapportera/", "rapportformuläret"),
    ]


def test_the_main_pages_of_every_app_are_usable_and_accessible(page, live_server):
    """Phone and desktop: every main page answers, fits the screen, has its landmarks and skip link,
    and axe-core finds no WCAG 2.1 A or AA violation (contrast, labels, names, structure)."""
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", quiet_users=True, stdout=StringIO())
    problems: list[str] = []

    def walk(pages):
        for address, what in pages:
            response = page.goto(live_server.url + address)
            assert response.ok, f"{what}: {response.status}"
            assert_no_horizontal_scroll(page)
            assert_landmarks_and_skip_link(page)
            problems.extend(f"{what} ({address}): {violation}" for violation in axe_violations(page))

    walk(demo_pages(signed_in=False))
    sign_in(page, live_server, "lund-sekreterare", "folkvald-demo")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    walk(demo_pages(signed_in=True))
    assert problems == [], "\n".join(problems)
    assert page.js_errors == []
