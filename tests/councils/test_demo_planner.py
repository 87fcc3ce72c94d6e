"""The demo's Huddinge 2022 committees and joint-list scenarios give the figures of seat-rules.md §2.4.

Huddinge 2022: S 18, M 13, SD 8, V 6, C 4, DP 3, L 3, MP 2, KD 2, HP 2 (61). The demo has
Kommunstyrelsen with 13 members and seven committees of 11. Every expected figure is the
table of seat-rules.md §2.4, worked by hand there with d'Hondt.
"""

from __future__ import annotations

import pytest

from folkvald.councils import demo, selectors
from folkvald.councils.models import Council, Scenario
from folkvald.organisations import demo as organisations_demo
from folkvald.organisations.demo import DemoContext

pytestmark = pytest.mark.slow

JOINT = "S+C+MP+HP+V"
BLOC = ["S", "C", "MP", "HP", "V"]

#: seat-rules.md §2.4: (11 members, 13 members), places per list.
TABLE = {
    "A.": ({"S": 4, "M": 3, "SD": 2, "V": 1, "C": 1}, {"S": 5, "M": 4, "SD": 2, "V": 1, "C": 1}),
    "B.": ({JOINT: 7, "M": 3, "SD": 1}, {JOINT: 8, "M": 3, "SD": 2}),
    "C.": ({JOINT: 6, "M+L+KD+DP": 4, "SD": 1}, {JOINT: 7, "M+L+KD+DP": 5, "SD": 1}),
    "D.": ({JOINT: 6, "M+SD+L+KD+DP": 5}, {JOINT: 7, "M+SD+L+KD+DP": 6}),
    "E.": ({"S+C+MP+HP": 6, "V": 1, "M": 3, "SD": 1}, {"S+C+MP+HP": 7, "V": 1, "M": 3, "SD": 2}),
}
#: The bloc S+C+MP+HP+V in each scenario: (of 11, of 13), from the same table.
BLOC_PLACES = {"A.": (6, 7), "B.": (7, 8), "C.": (6, 7), "D.": (6, 7), "E.": (7, 8)}


@pytest.fixture
def loaded(db):
    context = DemoContext()
    organisations_demo.load(context)
    demo.load(context)
    council = selectors.council_detail(
        council_id=Council.objects.get(municipality_id="0126", period_start=2022).pk
    )
    return context, council


def test_the_demo_council_and_its_committees(loaded):
    _context, council = loaded
    assert {row.abbreviation: row.seats for row in council.seats.all()} == {
        "S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2,
    }
    assert council.committee_law == "2022:629"  # committee elections after 1 July 2022
    sizes = [committee.places for committee in council.committees.all()]
    assert sorted(sizes) == [11] * 7 + [13]
    assert all(committee.substitutes == committee.places for committee in council.committees.all())


def test_every_scenario_of_seat_rules_2_4(loaded):
    context, council = loaded
    scenarios = Scenario.objects.filter(council=council, organisation=context.organisations["huddinge"])
    assert sorted(scenario.name[:2] for scenario in scenarios) == sorted(TABLE)
    for scenario in scenarios:
        key = scenario.name[:2]
        outcome = selectors.scenario_outcome(council=council, lists=selectors.scenario_lists(scenario))
        eleven, thirteen = TABLE[key]
        bloc_eleven, bloc_thirteen = BLOC_PLACES[key]
        for item in outcome.committees:
            expected, bloc = (thirteen, bloc_thirteen) if item.places == 13 else (eleven, bloc_eleven)
            assert item.by_label == expected, (key, item.committee_name)
            assert sum(n for party, n in item.by_party.items() if party in BLOC) == bloc, key
            # "No tie falls on the last place in any of these" (seat-rules §2.4).
            assert not any(place["by_lot"] for place in item.places_list), key
            assert item.threshold == (5 if item.places == 13 else 6)  # ⌈61/14⌉, ⌈61/12⌉
        assert outcome.totals_by_label == {
            label: expected_13 + 7 * expected_11
            for label, expected_11, expected_13 in (
                (label, eleven.get(label, 0), thirteen.get(label, 0)) for label in {*eleven, *thirteen}
            )
        }


def test_the_joint_list_places_fall_in_the_agreed_order(loaded):
    # B, 11 members: the joint list's 7 places go to its first 7 names, S, C, S, MP, S, HP, V.
    context, council = loaded
    scenario = Scenario.objects.get(council=council, name__startswith="B.")
    outcome = selectors.scenario_outcome(council=council, lists=selectors.scenario_lists(scenario))
    eleven = next(item for item in outcome.committees if item.places == 11)
    assert [place["party"] for place in eleven.places_list if place["label"] == JOINT] == [
        "S", "C", "S", "MP", "S", "HP", "V",
    ]
    assert eleven.by_party == {"S": 3, "C": 1, "MP": 1, "HP": 1, "V": 1, "M": 3, "SD": 1}


def test_the_best_arrangement_on_the_demo_council(loaded):
    # Against the others alone the bloc reaches 7 of 11 and 8 of 13 (B): 7 x 7 + 8 = 57. If the
    # others answer (one list of 29, D), it is sure of 6 and 7 and no more: 7 x 6 + 7 = 49.
    _context, council = loaded
    as_is = selectors.best_arrangement_cached(selectors.plan_spec(council=council, bloc=BLOC, others="as_is"))
    assert (as_is["places"]["bloc"], as_is["places"]["bloc_by_lot"]) == (57, 0)
    answered = selectors.best_arrangement_cached(
        selectors.plan_spec(council=council, bloc=BLOC, others="best_response")
    )
    assert (answered["places"]["bloc"], answered["places"]["bloc_by_lot"]) == (49, 0)
    assert answered["places"]["by_committee"]["Kommunstyrelsen"]["bloc"] == 7


def test_v_keeps_its_own_scenario_private(loaded, client):
    context, council = loaded
    own = Scenario.objects.get(organisation=context.organisations["huddinge_v"])
    client.force_login(context.people["huddinge_secretary"].user)
    response = client.get(f"/fullmaktige/{council.pk}/planering/{own.pk}/")
    assert response.status_code == 404
    client.force_login(context.people["huddinge_v_secretary"].user)
    assert client.get(f"/fullmaktige/{council.pk}/planering/{own.pk}/").status_code == 200
