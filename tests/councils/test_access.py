"""Councils are public; scenarios never leak to outsiders, other branches or anonymous visitors."""

from __future__ import annotations

import json

import pytest
from django.http import Http404
from django.urls import reverse

from folkvald.councils.permissions import Level, access_council, council_level
from folkvald.councils.services import scenario_create
from tests.councils.conftest import MITTEN_V


@pytest.fixture
def scenario(world, lund):
    # world.branch is S in Lund (1281), led by world.owner.
    return scenario_create(
        council=lund, organisation=world.branch, name="Hemlig kalkyl", lists=[{"parties": ["S", "MP", "V", "FI"]}]
    )


def _urls(council, scenario):
    return [
        reverse("councils:scenario", args=[council.pk, scenario.pk]),
        reverse("councils:scenario_edit", args=[council.pk, scenario.pk]),
        reverse("councils:ballots", args=[council.pk, scenario.pk]),
        reverse("councils:ballots_csv", args=[council.pk, scenario.pk]),
    ]


def test_members_see_the_scenario_and_its_ballots(client, world, lund, scenario):
    client.force_login(world.member)
    response = client.get(reverse("councils:scenario", args=[lund.pk, scenario.pk]))
    assert response.status_code == 200
    assert "Hemlig kalkyl" in response.content.decode()
    assert client.get(reverse("councils:ballots", args=[lund.pk, scenario.pk])).status_code == 200
    # a member may see but not change
    assert client.get(reverse("councils:scenario_edit", args=[lund.pk, scenario.pk])).status_code == 404
    response = client.post(reverse("councils:scenario_remove", args=[lund.pk, scenario.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["outsider", "other_member"])
def test_scenarios_are_a_404_for_outsiders_and_other_branches(client, world, lund, scenario, who):
    client.force_login(getattr(world, who))
    for url in _urls(lund, scenario):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("councils:scenario_remove", args=[lund.pk, scenario.pk])).status_code == 404
    planner = client.get(reverse("councils:planner", args=[lund.pk]))
    assert planner.status_code == 200
    assert "Hemlig kalkyl" not in planner.content.decode()
    api = client.get(f"/api/v1/councils/{lund.pk}/scenarios")
    assert api.status_code == 200 and api.json() == []
    assert client.get(f"/api/v1/councils/{lund.pk}/scenarios/{scenario.pk}").status_code == 404
    assert client.delete(f"/api/v1/councils/{lund.pk}/scenarios/{scenario.pk}").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_refuses(client, lund, scenario):
    for url in _urls(lund, scenario) + [reverse("councils:planner", args=[lund.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"], url
    assert client.get(f"/api/v1/councils/{lund.pk}/scenarios").status_code == 401
    assert client.get(f"/api/v1/councils/{lund.pk}/scenarios/{scenario.pk}").status_code == 401


def test_a_scenario_is_only_reached_through_its_own_council(client, world, lund, huddinge, scenario):
    client.force_login(world.owner)
    assert client.get(reverse("councils:scenario", args=[huddinge.pk, scenario.pk])).status_code == 404
    assert client.get(f"/api/v1/councils/{huddinge.pk}/scenarios/{scenario.pk}").status_code == 404


def test_the_owner_may_delete(client, world, lund, scenario):
    client.force_login(world.owner)
    response = client.post(reverse("councils:scenario_remove", args=[lund.pk, scenario.pk]))
    assert response.status_code == 302
    assert client.get(reverse("councils:scenario", args=[lund.pk, scenario.pk])).status_code == 404


def test_councils_are_public(client, lund):
    assert client.get(reverse("councils:council", args=[lund.pk])).status_code == 200
    assert client.get(reverse("councils:index")).status_code == 200
    assert client.get(f"/api/v1/councils/{lund.pk}").status_code == 200


def test_only_leaders_of_a_branch_in_the_municipality_change_a_council(client, world, lund, huddinge):
    assert council_level(world.owner, lund) == Level.MANAGE
    assert council_level(world.owner, huddinge) == Level.PUBLIC
    assert council_level(world.member, lund) == Level.PUBLIC
    assert council_level(world.other_member, lund) == Level.PUBLIC
    client.force_login(world.other_member)
    response = client.post(reverse("councils:committee_add", args=[lund.pk]), {"name": "X", "places": 5})
    assert response.status_code == 404
    response = client.post(reverse("councils:order_save", args=[lund.pk]), {"order": "SD, S"})
    assert response.status_code == 404
    with pytest.raises(Http404):
        access_council(world.member, lund.pk, need=Level.MANAGE)


def test_owner_adds_a_committee_and_saves_the_order(client, world, lund):
    client.force_login(world.owner)
    response = client.post(
        reverse("councils:committee_add", args=[lund.pk]), {"name": "Tekniska nämnden", "places": 11, "substitutes": 6}
    )
    assert response.status_code == 302
    assert list(lund.committees.values_list("name", "places", "substitutes")) == [("Tekniska nämnden", 11, 6)]
    client.post(reverse("councils:order_save", args=[lund.pk]), {"order": "SD, KD, M, FNL, FP, C, MP, S, V, FI"})
    order = list(lund.seats.order_by("order").values_list("abbreviation", flat=True))
    assert order == ["SD", "KD", "M", "FNL", "FP", "C", "MP", "S", "V", "FI"]


def test_scenario_create_through_the_api_needs_manage_on_the_organisation(client, world, lund):
    body = {"organisation_id": world.branch.pk, "name": "Rödgröna", "lists": [MITTEN_V | {"parties": ["S", "MP", "V", "FI"], "order": [], "label": ""}]}
    client.force_login(world.member)
    response = client.post(f"/api/v1/councils/{lund.pk}/scenarios", json.dumps(body), content_type="application/json")
    assert response.status_code == 404
    client.force_login(world.other_member)
    response = client.post(f"/api/v1/councils/{lund.pk}/scenarios", json.dumps(body), content_type="application/json")
    assert response.status_code == 404
