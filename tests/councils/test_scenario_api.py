"""The signed-in scenario API: changing a scenario, substitutes and the attendance what-if in the detail.

Figures worked by hand with d'Hondt on Huddinge 2022 (S 18, M 13, SD 8, V 6, C 4, DP 3, L 3,
MP 2, KD 2, HP 2; seat-rules.md §2.4).
"""

from __future__ import annotations

import json

import pytest

from folkvald.councils.services import scenario_create
from tests.conftest import make_user
from tests.councils.conftest import MITTEN_V

JOINT = "S+C+MP+HP+V"


@pytest.fixture
def lund_scenario(world, lund):
    return scenario_create(council=lund, organisation=world.branch, name="Hemlig kalkyl", lists=[{"parties": ["S", "MP"]}])


@pytest.fixture
def huddinge_secretary(world):
    from folkvald.organisations.models import Organisation, OrganisationKind

    branch = Organisation.objects.create(
        name="S i Huddinge", kind=OrganisationKind.BRANCH, party=world.party, municipality_id="0126"
    )
    return branch, make_user("hsek", organisation=branch, kind="political_secretary")


def _put(client, council, scenario, body):
    return client.put(
        f"/api/v1/councils/{council.pk}/scenarios/{scenario.pk}", json.dumps(body), content_type="application/json"
    )


def test_the_owner_changes_a_scenario(client, world, lund, lund_scenario):
    client.force_login(world.owner)
    body = {"name": "Rödgröna", "description": "S, MP, V och FI", "lists": [
        {"parties": ["S", "MP", "V", "FI"], "order": ["S", "MP", "S", "V"]},
    ]}
    response = _put(client, lund, lund_scenario, body)
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Rödgröna"
    assert response.json()["lists"] == [
        {"label": "S+MP+V+FI", "parties": ["S", "MP", "V", "FI"], "order": ["S", "MP", "S", "V"]}
    ]
    detail = client.get(f"/api/v1/councils/{lund.pk}/scenarios/{lund_scenario.pk}").json()
    assert detail["description"] == "S, MP, V och FI"


@pytest.mark.parametrize("who", ["member", "other_member", "outsider", "association_member"])
def test_only_a_leader_of_the_owner_changes_a_scenario(client, world, lund, lund_scenario, who):
    # member: sees the scenario but may not change it; the others do not even see it.
    client.force_login(getattr(world, who))
    response = _put(client, lund, lund_scenario, {"name": "Kapad", "lists": []})
    assert response.status_code == 404
    lund_scenario.refresh_from_db()
    assert lund_scenario.name == "Hemlig kalkyl"


def test_anonymous_cannot_change_a_scenario(client, lund, lund_scenario):
    assert _put(client, lund, lund_scenario, {"name": "Kapad", "lists": []}).status_code == 401


def test_a_bad_change_is_422_and_changes_nothing(client, world, lund, lund_scenario):
    client.force_login(world.owner)
    response = _put(client, lund, lund_scenario, {"name": "Fel", "lists": [{"parties": ["S", "XX"]}]})
    assert response.status_code == 422
    assert "XX" in response.json()["detail"]
    lund_scenario.refresh_from_db()
    assert lund_scenario.name == "Hemlig kalkyl"
    assert [item.parties for item in lund_scenario.lists.all()] == [["S", "MP"]]


def test_a_scenario_of_another_council_is_not_changed_through_this_one(client, world, lund, huddinge, lund_scenario):
    client.force_login(world.owner)
    assert _put(client, huddinge, lund_scenario, {"name": "X", "lists": []}).status_code == 404


def test_detail_gives_the_substitutes_own_election(client, huddinge, huddinge_secretary):
    # Nämnd elva with 6 substitutes under B: J 32, 16, M 13, J 32/3, then J 8 and SD 8 tie for
    # places 5 and 6 (both get one): J 4, M 1, SD 1. ⌈61/7⌉ = 9 must ask: SD's 8 are too few.
    branch, secretary = huddinge_secretary
    huddinge.committees.filter(name="Nämnd elva").update(substitutes=6)
    scenario = scenario_create(council=huddinge, organisation=branch, name="B", lists=[MITTEN_V])
    client.force_login(secretary)
    data = client.get(f"/api/v1/councils/{huddinge.pk}/scenarios/{scenario.pk}").json()
    (substitutes,) = data["substitutes"]
    assert (substitutes["name"], substitutes["places"]) == ("Nämnd elva", 6)
    assert substitutes["by_label"] == {JOINT: 4, "M": 1, "SD": 1}
    assert substitutes["required_for_proportional"] == 9
    assert substitutes["can_force"][JOINT] is True and substitutes["can_force"]["M"] is True
    assert substitutes["can_force"]["SD"] is False
    assert data["changes"] == []  # everyone present


def test_detail_what_if_says_who_can_no_longer_force_a_proportional_election(client, huddinge, huddinge_secretary):
    # A (every party alone) with 2 of V's 6 absent: 59 present. 11 places: ⌈59/12⌉ = 5 (was
    # ⌈61/12⌉ = 6); 13 places: ⌈59/14⌉ = 5 (was 5). V's 4 no longer reach 5 in either.
    # The places stay: 11 go 18, 13, 9, 8, 6,5, 6, 4,5, 4,33 and SD 4, V 4, C 4 all get one;
    # the 12th and 13th are S 3,6 and M 3,25 as before.
    branch, secretary = huddinge_secretary
    scenario = scenario_create(council=huddinge, organisation=branch, name="A", lists=[])
    client.force_login(secretary)
    data = client.get(f"/api/v1/councils/{huddinge.pk}/scenarios/{scenario.pk}", {"absent": "V:2"}).json()
    assert data["present"] == 59
    eleven, thirteen = data["committees"]
    assert eleven["can_force"]["V"] is False and eleven["can_force"]["SD"] is True
    assert eleven["by_label"] == {"S": 4, "M": 3, "SD": 2, "V": 1, "C": 1}
    assert data["changes"] == [
        {"committee": "Nämnd elva", "required_before": 6, "required": 5, "by_party": {}, "lost_force": ["V"]},
        {"committee": "Kommunstyrelsen", "required_before": 5, "required": 5, "by_party": {}, "lost_force": ["V"]},
    ]
