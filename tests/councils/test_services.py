"""Writes: councils by hand or from an election, coalition, order, committees and scenarios, validated."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from folkvald.councils import selectors, services
from folkvald.councils.models import Council, Scenario
from folkvald.organisations.models import Municipality, Party


def test_council_needs_seats(db):
    with pytest.raises(ValidationError):
        services.council_create(municipality=Municipality.objects.get(code="0126"), period_start=2022, seats={})
    with pytest.raises(ValidationError, match="XX"):
        services.council_create(
            municipality=Municipality.objects.get(code="0126"), period_start=2022, seats={"S": 3, "XX": 2}
        )
    assert Council.objects.count() == 0  # nothing half-written


def test_council_from_an_election_takes_its_seats(db):
    from folkvald.elections.models import Election, PartyResult

    election = Election.objects.create(
        year=2014, rules_year=2014, municipality_id="1281", seats=5, source="manual", valid_votes=1000
    )
    for position, (abbreviation, votes, seats) in enumerate([("S", 600, 3), ("FP", 300, 2), ("FI", 100, 0)]):
        party = Party.objects.get(abbreviation="L" if abbreviation == "FP" else abbreviation)
        PartyResult.objects.create(
            election=election, party=party, abbreviation=abbreviation, name=party.name, votes=votes, seats=seats,
            position=position,
        )
    council = services.council_create(
        municipality=Municipality.objects.get(code="1281"), period_start=2014, election=election, order=["S", "L"]
    )
    assert council.election == election and council.seats_total == 5
    assert council.committee_law == "1992:339"  # committee elections of the 2014 period
    assert dict(council.seats.values_list("abbreviation", "seats")) == {"S": 3, "FP": 2}
    # "L" names the party that was called FP in 2014.
    assert selectors.council_order(council) == ["S", "FP"]


def test_coalition_and_order(huddinge):
    with pytest.raises(ValidationError):
        services.council_set_coalition(council=huddinge, name="X", governing=["S"], support=["S"])
    order = services.council_set_order(council=huddinge, order=["SD", "M"])
    # parties left out follow by size
    assert order == ["SD", "M", "S", "V", "C", "DP", "L", "HP", "KD", "MP"]


def test_committee_names_are_unique(huddinge):
    with pytest.raises(ValidationError):
        services.committee_create(council=huddinge, name="Kommunstyrelsen", places=13)
    with pytest.raises(ValidationError):
        services.committee_create(council=huddinge, name="Tom", places=0)


def test_parse_list_lines():
    assert services.parse_lists_text("S+C+MP+HP+V: S, C, S, MP, S, HP, V\n\n M + KD ") == [
        {"parties": ["S", "C", "MP", "HP", "V"], "order": ["S", "C", "S", "MP", "S", "HP", "V"]},
        {"parties": ["M", "KD"], "order": []},
    ]


def test_scenario_names_are_unique_per_organisation(world, huddinge):
    services.scenario_create(council=huddinge, organisation=world.branch, name="A", lists=[])
    with pytest.raises(ValidationError):
        services.scenario_create(council=huddinge, organisation=world.branch, name="A", lists=[])
    services.scenario_create(council=huddinge, organisation=world.other_branch, name="A", lists=[])
    assert Scenario.objects.count() == 2


def test_scenario_accepts_case_and_party_spelling(world, lund):
    scenario = services.scenario_create(
        council=lund, organisation=world.branch, name="Mitten", lists=[{"parties": ["c", "l", "fnl"], "order": ["L"]}]
    )
    item = scenario.lists.get()
    assert item.parties == ["C", "FP", "FNL"] and item.order == ["FP"] and item.label == "C+FP+FNL"


def test_council_sync_election_takes_new_seats(db):
    from folkvald.elections.models import Election, PartyResult

    election = Election.objects.create(
        year=2018, rules_year=2018, municipality_id="1281", seats=3, source="manual", valid_votes=100
    )
    s = PartyResult.objects.create(
        election=election, party=Party.objects.get(abbreviation="S"), abbreviation="S", name="S", votes=60, seats=2
    )
    PartyResult.objects.create(
        election=election, party=Party.objects.get(abbreviation="M"), abbreviation="M", name="M", votes=40, seats=1
    )
    council = services.council_create(
        municipality=Municipality.objects.get(code="1281"), period_start=2018, election=election, governing=["S"]
    )
    assert services.council_sync_election(council=council) is False
    s.seats = 3
    s.save(update_fields=["seats"])
    PartyResult.objects.filter(abbreviation="M").update(seats=0)
    assert services.council_sync_election(council=council) is True
    council.refresh_from_db()
    assert council.election == election and council.seats_total == 3
    assert list(council.seats.values_list("abbreviation", "seats", "role")) == [("S", 3, "governing")]
    with pytest.raises(ValidationError):
        services.council_set_seats(council=council, seats={"S": 2})  # seats of an election are not typed
