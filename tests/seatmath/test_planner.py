"""best_arrangement: the bloc's best joint lists, with values worked by hand.

Huddinge 2022 (61 members) from ../shared/docs/seat-rules.md § 2.4; the reasoning for each
expected number is in the comments.
"""

from __future__ import annotations

import pytest

from folkvald.seatmath import SeatMathError, best_arrangement
from folkvald.seatmath.planner import joint_list_places, list_places, set_partitions

HUDDINGE = {"S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2}
BLOC = ["S", "C", "MP", "HP", "V"]
COMMITTEES = [{"name": "Kommunstyrelsen", "places": 11}, {"name": "Barn- och utbildningsnämnden", "places": 13}]


def test_bell_numbers() -> None:
    counts = [sum(1 for _ in set_partitions([str(i) for i in range(n)])) for n in range(8)]
    assert counts == [1, 1, 2, 5, 15, 52, 203, 877]
    assert sorted(map(sorted, next(iter(set_partitions(["a", "b"]))))) == [["a"], ["b"]]


def test_huddinge_others_keep_their_own_lists() -> None:
    # Scenarios B and E: against M, SD, DP, L, KD alone the bloc gets 7 of 11 and 8 of 13;
    # 8 of 11 is out of reach: it would need eight bloc quotients above M's 13/3, and
    # 32/(13/3) < 8.
    result = best_arrangement({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC})
    assert result["places"]["bloc"] == 15
    assert result["places"]["bloc_by_lot"] == 0
    assert result["places"]["by_committee"]["Kommunstyrelsen"]["bloc"] == 7
    assert result["places"]["by_committee"]["Barn- och utbildningsnämnden"]["bloc"] == 8
    # ⌈61/12⌉ = 6 and ⌈61/14⌉ = 5 members must ask for a proportional election.
    assert result["places"]["by_committee"]["Kommunstyrelsen"]["proportional_demand"] == {
        "required": 6, "bloc_can_force": True, "others_can_force": True,
    }
    assert result["places"]["by_committee"]["Barn- och utbildningsnämnden"]["proportional_demand"]["required"] == 5
    assert result["others_lists"] == [["M"], ["SD"], ["DP"], ["L"], ["KD"]]
    assert result["ties"] == []
    flat = sorted(party for item in result["bloc_lists"] for party in item)
    assert flat == sorted(BLOC)


def test_huddinge_others_as_in_scenario_c() -> None:
    # Others M+L+KD+DP 21 and SD 8. 11 places: others take 21, 10.5, 8, 7 and their fifth
    # quotient is 21/4 = 5.25; the bloc can have at most 32/5.25 < 7 quotients above it: 6.
    # 13 places: others' sixth quotient 21/5 = 4.2; 32/4.2 < 8: at most 7, and one list of
    # 32 reaches it (32/7 > 4.2).
    result = best_arrangement(
        {
            "seats": HUDDINGE,
            "committees": COMMITTEES,
            "bloc": BLOC,
            "others": "as_is",
            "others_lists": [["M", "L", "KD", "DP"], ["SD"]],
        }
    )
    by_committee = result["places"]["by_committee"]
    assert by_committee["Kommunstyrelsen"]["bloc"] == 6
    assert by_committee["Barn- och utbildningsnämnden"]["bloc"] == 7
    assert result["places"]["bloc"] == 13
    assert result["others_lists"] == [["M", "DP", "L", "KD"], ["SD"]]


def test_huddinge_others_answer() -> None:
    # The others can always merge into one list of 29 (scenario D): then the bloc's seventh
    # of 11 places would need seven quotients above 29/5 (32/5.8 < 7) and its eighth of 13
    # eight above 29/6 (32/4.83 < 8), so it gets at most 6 and 7; one list of 32 is sure of
    # 6 and 7 against any answer (d'Hondt never gives a split side more).
    result = best_arrangement(
        {"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC, "others": "best_response"}
    )
    assert result["places"]["bloc"] == 13
    assert result["places"]["by_committee"]["Kommunstyrelsen"]["bloc"] == 6
    assert result["places"]["by_committee"]["Barn- och utbildningsnämnden"]["bloc"] == 7
    assert result["others"] == "best_response"
    assert result["searched"]["others_arrangements"] >= 1


def test_a_place_won_only_by_lot_is_shown_apart() -> None:
    # A 3 against B 3 for one place: the bloc (A) is sure of nothing, may win one by lot.
    result = best_arrangement(
        {"seats": {"A": 3, "B": 3}, "committees": [{"name": "X", "places": 1}], "bloc": ["A"]}
    )
    assert result["places"]["bloc"] == 0
    assert result["places"]["bloc_by_lot"] == 1
    assert result["ties"] == [{"committee": "X", "value": "3", "places": 1, "lists": ["A", "B"]}]


def test_joining_turns_a_lot_into_a_sure_place() -> None:
    # A 4 (other side), bloc B 2 and C 2, 2 places. Apart: A 4, then A 2 = B 2 = C 2 for the
    # last place: the bloc is sure of 0 and may win 1. Together, B+C 4 ties only A's 4, and
    # both get a place: 1 sure.
    result = best_arrangement(
        {
            "seats": {"A": 4, "B": 2, "C": 2},
            "committees": [{"name": "X", "places": 2}],
            "bloc": ["B", "C"],
            "name_orders": {"B+C": ["C", "B"]},
        }
    )
    assert result["bloc_lists"] == [["B", "C"]]
    assert result["places"]["bloc"] == 1
    assert result["places"]["bloc_by_lot"] == 0
    assert result["places"]["by_committee"]["X"]["by_party"] == {"B+C": {"C": 1}}


def test_equal_results_keep_the_parties_apart() -> None:
    # 3 places. Apart: A 4, then A 2 = B 2 = C 2 for two places: sure 1, one more by lot.
    # Together: A 4 = B+C 4, then A 2 = B+C 2 for one place: sure 1, one more by lot.
    # Equal, so the parties keep their own lists.
    result = best_arrangement(
        {"seats": {"A": 4, "B": 2, "C": 2}, "committees": [{"name": "X", "places": 3}], "bloc": ["B", "C"]}
    )
    assert result["bloc_lists"] == [["B"], ["C"]]
    assert (result["places"]["bloc"], result["places"]["bloc_by_lot"]) == (1, 1)
    (tie,) = result["ties"]
    assert (tie["value"], tie["places"], sorted(tie["lists"])) == ("2", 2, ["A", "B", "C"])


def test_joint_list_places_follow_the_agreed_order() -> None:
    order = ["S", "C", "S", "MP", "S", "HP", "V", "S", "C", "S", "MP"]
    result = joint_list_places(order, 7)
    assert result["by_party"] == {"S": 3, "C": 1, "MP": 1, "HP": 1, "V": 1}
    assert [row["party"] for row in result["places"]] == order[:7]
    assert joint_list_places(order, 8)["by_party"]["S"] == 4
    with pytest.raises(SeatMathError, match="11 names but 12 places"):
        joint_list_places(order, 12)


def test_list_places_scenario_b() -> None:
    outcome = list_places({"S+C+MP+HP+V": 32, "M": 13, "SD": 8, "DP": 3, "L": 3, "KD": 2}, 11)
    assert outcome["sure"] == {"S+C+MP+HP+V": 7, "M": 3, "SD": 1, "DP": 0, "L": 0, "KD": 0}
    assert outcome["lot"] is None


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"seats": {}, "committees": COMMITTEES, "bloc": ["S"]}, "'seats' must be"),
        ({"seats": {"S+V": 3}, "committees": COMMITTEES, "bloc": ["S+V"]}, "without '+'"),
        ({"seats": {"S": -1}, "committees": COMMITTEES, "bloc": ["S"]}, "at least 0"),
        ({"seats": HUDDINGE, "committees": [], "bloc": ["S"]}, "'committees' must be"),
        ({"seats": HUDDINGE, "committees": [{"name": "X", "places": 0}], "bloc": ["S"]}, "from 1 to"),
        ({"seats": HUDDINGE, "committees": [{"name": "X", "places": 3}, {"name": "X", "places": 5}], "bloc": ["S"]}, "two committees"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": ["X"]}, "not in 'seats'"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": []}, "at least one party"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC, "others": "worst"}, "'others' must be"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC, "others_lists": [["M", "S"]]}, "a party of the bloc"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC, "others_lists": [["M", "SD", "DP", "L"]]}, "leaves out 'KD'"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC, "extra": 1}, "unknown key 'extra'"),
        ({"seats": {f"P{i}": 1 for i in range(11)}, "committees": COMMITTEES, "bloc": [f"P{i}" for i in range(11)]}, "at most 10 parties"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC, "name_orders": {"S+C": ["S", "M"]}}, "not on that list"),
        ({"seats": HUDDINGE, "committees": COMMITTEES, "bloc": BLOC, "name_orders": {"S+X": ["S"]}}, "'X', which is not in 'seats'"),
    ],
)
def test_bad_input_is_one_clear_line(spec: dict, message: str) -> None:
    with pytest.raises(SeatMathError) as error:
        best_arrangement(spec)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
