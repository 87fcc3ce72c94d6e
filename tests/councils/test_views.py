"""The council page, the coalition finder (GET form and htmx), the planner and its exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from folkvald.councils.services import scenario_create
from tests.conftest import make_user
from tests.councils.conftest import MITTEN_V


def test_council_page_shows_seats_majority_and_the_coalition(client, huddinge):
    response = client.get(reverse("councils:council", args=[huddinge.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Majoritet: 31 mandat." in html
    assert "Mittenstyret" in html
    assert "S 18 + C 4 + MP 2 + HP 2 = 26" in html
    assert "26 + V 6 = 32" in html
    assert "Koalitionssökaren" in html


def test_finder_as_a_plain_get_form(client, lund):
    url = reverse("councils:council", args=[lund.pk])
    response = client.get(url, {"parties": ["S", "MP", "V", "FI"], "exclude": ["SD"], "order": ""})
    html = response.content.decode()
    assert "S + MP + V + FI = 31" in html
    assert "Ingen majoritet" in html
    assert "2 mandat kvar till majoritet (33)" in html
    assert "<html" in html  # the whole page without JavaScript


def test_finder_htmx_returns_the_results_only(client, huddinge):
    url = reverse("councils:council", args=[huddinge.pk])
    response = client.get(url, {"parties": ["S", "C", "MP", "HP", "V"]}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "S + V + C + MP + HP = 32" in html
    assert "marginal 1 över majoritetsgränsen 31" in html
    excluded = client.get(url, {"exclude": ["SD"]}, HTTP_HX_REQUEST="true").content.decode()
    everyone = client.get(url, {"exclude": []}, HTTP_HX_REQUEST="true").content.decode()
    assert "SD +" in everyone or "+ SD" in everyone
    assert "SD +" not in excluded.split('id="power"')[0] and "+ SD" not in excluded.split('id="power"')[0]


def test_finder_shows_errors_for_bad_choices(client, huddinge):
    url = reverse("councils:council", args=[huddinge.pk])
    html = client.get(url, {"require": ["SD"], "exclude": ["SD"]}).content.decode()
    assert "både krävas och uteslutas" in html
    html = client.get(url, {"order": "V, S, XX"}).content.decode()
    assert "Okända partier i ordningen: XX" in html


@pytest.fixture
def huddinge_branch(world):
    from folkvald.organisations.models import Organisation, OrganisationKind

    branch = Organisation.objects.create(
        name="S i Huddinge", kind=OrganisationKind.BRANCH, party=world.party, municipality_id="0126"
    )
    return branch, make_user("hsek", organisation=branch, kind="political_secretary")


def test_planner_creates_a_scenario_from_the_form(client, huddinge, huddinge_branch):
    branch, secretary = huddinge_branch
    client.force_login(secretary)
    response = client.post(
        reverse("councils:scenario_add", args=[huddinge.pk]),
        {"organisation": branch.pk, "name": "B", "lists": "S+C+MP+HP+V: S, C, S, MP, S, HP, V"},
    )
    assert response.status_code == 302
    scenario_page = client.get(response["Location"]).content.decode()
    assert "S+C+MP+HP+V 7" in scenario_page
    bad = client.post(
        reverse("councils:scenario_add", args=[huddinge.pk]),
        {"organisation": branch.pk, "name": "Fel", "lists": "S+XX"},
    )
    assert bad.status_code == 422
    assert "XX" in bad.content.decode()


def test_planner_best_arrangement(client, huddinge, huddinge_branch):
    _branch, secretary = huddinge_branch
    client.force_login(secretary)
    url = reverse("councils:planner", args=[huddinge.pk])
    html = client.get(url, {"bloc": ["S", "C", "MP", "HP", "V"], "others": "as_is"}).content.decode()
    assert "15 platser" in html
    assert "S+C+MP+HP+V" in html
    partial = client.get(
        url, {"bloc": ["S", "C", "MP", "HP", "V"], "others": "best_response"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in partial and "plan-summary" in partial


def test_scenario_page_attendance_and_exports(client, huddinge, huddinge_branch):
    branch, secretary = huddinge_branch
    scenario = scenario_create(council=huddinge, organisation=branch, name="B", lists=[MITTEN_V])
    client.force_login(secretary)
    url = reverse("councils:scenario", args=[huddinge.pk, scenario.pk])
    html = client.get(url, {"absent_M": 6}).content.decode()
    assert "Frånvarande" in html and "M 6" in html
    assert "M −2" in html
    ballots = client.get(reverse("councils:ballots", args=[huddinge.pk, scenario.pk]))
    assert ballots.status_code == 200
    assert "print.css" in ballots.content.decode()
    response = client.get(reverse("councils:ballots_csv", args=[huddinge.pk, scenario.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["namnd", "val", "gruppbeteckning", "plats_pa_listan", "parti", "namn", "roster"]
    joint = [row for row in rows[1:] if row[0] == "Nämnd elva" and row[2] == "S+C+MP+HP+V"]
    assert [row[4] for row in joint][:7] == ["S", "C", "S", "MP", "S", "HP", "V"]
    assert len(joint) == 11 and joint[0][6] == "32"


def test_scenario_edit(client, huddinge, huddinge_branch):
    branch, secretary = huddinge_branch
    scenario = scenario_create(council=huddinge, organisation=branch, name="B", lists=[MITTEN_V])
    client.force_login(secretary)
    url = reverse("councils:scenario_edit", args=[huddinge.pk, scenario.pk])
    assert "S+C+MP+HP+V: S, C, S, MP, S, HP, V" in client.get(url).content.decode()
    response = client.post(url, {"name": "E", "lists": "S+C+MP+HP"})
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.name == "E"
    assert [(item.label, item.parties) for item in scenario.lists.all()] == [("S+C+MP+HP", ["S", "C", "MP", "HP"])]


def test_organisation_page_links_to_the_council(client, world, lund):
    html = client.get(reverse("organisations:public", args=[world.branch.pk])).content.decode()
    assert reverse("councils:council", args=[lund.pk]) in html


def test_htmx_history_restore_gets_the_whole_page(client, huddinge):
    url = reverse("councils:council", args=[huddinge.pk])
    response = client.get(url, {"parties": ["S"]}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_a_branch_leader_adds_a_council_by_hand_and_edits_it(client, world):
    client.force_login(world.owner)  # leads S in Lund
    page = client.get(reverse("councils:add"))
    assert page.status_code == 200 and "Lund" in page.content.decode() and "Malmö" not in page.content.decode()
    response = client.post(
        reverse("councils:add"),
        {"municipality": "1281", "period_start": 2014, "seats": "S 15, M 13, MP 9, FP 7, V 5, SD 5, FNL 4, C 3, KD 2, FI 2"},
    )
    assert response.status_code == 302, response.content.decode()
    from folkvald.councils.models import Council

    council = Council.objects.get(municipality_id="1281", period_start=2014)
    assert council.seats_total == 65
    again = client.post(reverse("councils:add"), {"municipality": "1281", "period_start": 2014, "seats": "S 1"})
    assert again.status_code == 422 and "redan" in again.content.decode()
    bad = client.post(reverse("councils:add"), {"municipality": "1281", "period_start": 2018, "seats": "S many"})
    assert bad.status_code == 422

    edit = reverse("councils:edit", args=[council.pk])
    response = client.post(
        edit,
        {"seats": "S 15, M 13, MP 9, FP 7, V 5, SD 5, FNL 4, C 3, KD 2, FI 2", "governing_name": "Rödgröna",
         "governing": "S, MP", "support": "V", "description": ""},
    )
    assert response.status_code == 302
    html = client.get(reverse("councils:council", args=[council.pk])).content.decode()
    assert "S 15 + MP 9 = 24" in html and "24 + V 5 = 29" in html
    client.post(edit, {"seats": "S 16, M 13, MP 9, FP 7, V 5, SD 5, FNL 4, C 3, KD 2, FI 1", "governing_name": "Rödgröna",
                       "governing": "S, MP", "support": "V"})
    council.refresh_from_db()
    assert council.seats_total == 65
    assert council.seats.get(abbreviation="S").seats == 16 and council.seats.get(abbreviation="S").role == "governing"


def test_others_may_not_add_or_edit_councils(client, world, lund):
    client.force_login(world.member)
    assert client.get(reverse("councils:add")).status_code == 404
    assert client.get(reverse("councils:edit", args=[lund.pk])).status_code == 404
    client.force_login(world.other_member)  # leads S in Malmö, not Lund
    assert client.get(reverse("councils:edit", args=[lund.pk])).status_code == 404
    response = client.post(reverse("councils:add"), {"municipality": "1281", "period_start": 2018, "seats": "S 3"})
    assert response.status_code == 422  # Lund is not among the choices


def test_council_page_gives_the_threshold_for_a_proportional_election(client, huddinge):
    html = client.get(reverse("councils:council", args=[huddinge.pk])).content.decode()
    # ⌈61/12⌉ = 6 for 11 places, ⌈61/14⌉ = 5 for 13 places
    assert '<span title="⌈61/(11+1)⌉">6</span>' in html
    assert '<span title="⌈61/(13+1)⌉">5</span>' in html


def test_the_best_arrangement_can_be_saved_as_a_scenario(client, huddinge, huddinge_branch):
    branch, secretary = huddinge_branch
    client.force_login(secretary)
    html = client.get(
        reverse("councils:planner", args=[huddinge.pk]), {"bloc": ["S", "C", "MP", "HP", "V"], "others": "as_is"}
    ).content.decode()
    assert 'id="save-plan"' in html
    import re

    lines = re.search(r'name="lists" value="([^"]*)"', html).group(1)
    name = re.search(r'id="save-plan-name" name="name" maxlength="150" required value="([^"]*)"', html).group(1)
    response = client.post(
        reverse("councils:scenario_add", args=[huddinge.pk]), {"organisation": branch.pk, "name": name, "lists": lines}
    )
    assert response.status_code == 302
    from folkvald.councils.models import Scenario

    scenario = Scenario.objects.get(council=huddinge)
    outcome_page = client.get(response["Location"]).content.decode()
    assert scenario.name.startswith("Bästa upplägget")
    assert "Platser totalt" in outcome_page


def test_council_from_an_election_links_to_it(client, db):
    from folkvald.councils.services import council_create
    from folkvald.elections.models import Election, PartyResult
    from folkvald.organisations.models import Municipality, Party

    election = Election.objects.create(
        year=2018, rules_year=2018, municipality_id="1281", seats=3, source="manual", valid_votes=100, is_official=True
    )
    party = Party.objects.get(abbreviation="S")
    PartyResult.objects.create(election=election, party=party, abbreviation="S", name=party.name, votes=100, seats=3)
    council = council_create(municipality=Municipality.objects.get(code="1281"), period_start=2018, election=election)
    html = client.get(reverse("councils:council", args=[council.pk])).content.decode()
    assert "Mandaten kommer från valresultatet." in html
    assert reverse("elections:election", args=["1281", 2018]) in html


def test_pages_take_a_fixed_number_of_queries(client, huddinge, huddinge_branch, django_assert_max_num_queries):
    branch, secretary = huddinge_branch
    scenario = scenario_create(council=huddinge, organisation=branch, name="B", lists=[MITTEN_V])
    with django_assert_max_num_queries(12):
        client.get(reverse("councils:council", args=[huddinge.pk]), {"parties": ["S", "V"]})
    client.force_login(secretary)
    with django_assert_max_num_queries(20):
        client.get(reverse("councils:scenario", args=[huddinge.pk, scenario.pk]), {"absent_M": 2})
    with django_assert_max_num_queries(16):
        client.get(reverse("councils:planner", args=[huddinge.pk]))


def test_blocs_of_the_period_are_counted_in_council_seats(client, lund):
    from folkvald.elections.services import bloc_set

    bloc_set(municipality_code="1281", period=2014, name="de rödgröna", parties=["S", "MP", "V", "FI"], colour="#C8102E",
             position=0)
    html = client.get(reverse("councils:council", args=[lund.pk])).content.decode()
    assert "S + MP + V + FI = 31 av 65" in html
    assert "2 mandat kvar till majoritet (33)" in html
    assert "?parties=S&amp;parties=MP&amp;parties=V&amp;parties=FI&amp;order=#finder" in html


def test_the_seat_bar_has_a_text_alternative_with_every_partys_seats(client, huddinge):
    html = client.get(reverse("councils:council", args=[huddinge.pk])).content.decode()
    assert 'role="img" aria-labelledby="seat-bar-title"' in html
    assert ('<title id="seat-bar-title">Mandaten från vänster till höger, 61 totalt: '
            "V 6, S 18, MP 2, HP 2, C 4, DP 3, L 3, M 13, KD 2, SD 8</title>") in html
    # Roles are words in the table, not colours.
    assert "<td>stödparti</td>" in html and "<td>styre</td>" in html
