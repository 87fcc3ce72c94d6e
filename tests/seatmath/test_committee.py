"""Committee elections by lag (2022:629) and lag (1992:339), with values worked by hand.

The Huddinge 2022 figures are those of ../shared/docs/seat-rules.md § 2.4; the small
examples are worked step by step in the comments.
"""

from __future__ import annotations

import pytest

from folkvald.seatmath import SeatMathError, committee_allocate
from folkvald.seatmath.committee import (
    can_force_proportional,
    required_for_proportional,
    substitute_order,
)

HUDDINGE_2022 = {
    "S": 18,
    "M": 13,
    "SD": 8,
    "V": 6,
    "C": 4,
    "DP": 3,
    "L": 3,
    "MP": 2,
    "KD": 2,
    "HP": 2,
}


def ballots(groups: dict[str, int], names: int = 13) -> list[dict[str, object]]:
    """Everyone votes for their own group's list; each list long enough."""
    return [
        {"label": label, "names": [f"{label} {i}" for i in range(1, names + 1)], "count": count}
        for label, count in groups.items()
    ]


def elect(groups: dict[str, int], places: int, law: str = "2022:629", **extra: object) -> dict:
    return committee_allocate(
        {"law": law, "places": places, "present": 61, "ballots": ballots(groups), **extra}
    )


SCENARIO_B = {"S+C+MP+HP+V": 32, "M": 13, "SD": 8, "DP": 3, "L": 3, "KD": 2}
SCENARIO_C = {"S+C+MP+HP+V": 32, "M+L+KD+DP": 21, "SD": 8}
SCENARIO_D = {"S+C+MP+HP+V": 32, "M+SD+DP+L+KD": 29}
SCENARIO_E = {"S+C+MP+HP": 26, "V": 6, "M": 13, "SD": 8, "DP": 3, "L": 3, "KD": 2}


# --------------------------------------------------------------------- Huddinge, seat-rules § 2.4


def test_scenario_a_every_party_alone_11_places() -> None:
    result = elect(HUDDINGE_2022, 11)
    assert result["places_by_label"] == {"S": 4, "M": 3, "SD": 2, "V": 1, "C": 1}
    # The last place goes at comparative number 4 (SD 8/2 and C 4/1 both get one).
    assert result["allotments"][-1]["comparative_number"] == "4"
    assert [row["person"] for row in result["places"][:3]] == ["S 1", "M 1", "S 2"]


def test_scenario_a_13_places() -> None:
    result = elect(HUDDINGE_2022, 13)
    assert result["places_by_label"] == {"S": 5, "M": 4, "SD": 2, "V": 1, "C": 1}
    # 12th place: S 18/5; 13th: M 13/4; next in line DP 3.
    assert [row["comparative_number"] for row in result["allotments"][-2:]] == ["18/5", "13/4"]


@pytest.mark.parametrize(
    ("groups", "places", "expected"),
    [
        (SCENARIO_B, 11, {"S+C+MP+HP+V": 7, "M": 3, "SD": 1}),
        (SCENARIO_B, 13, {"S+C+MP+HP+V": 8, "M": 3, "SD": 2}),
        (SCENARIO_C, 11, {"S+C+MP+HP+V": 6, "M+L+KD+DP": 4, "SD": 1}),
        (SCENARIO_C, 13, {"S+C+MP+HP+V": 7, "M+L+KD+DP": 5, "SD": 1}),
        (SCENARIO_D, 11, {"S+C+MP+HP+V": 6, "M+SD+DP+L+KD": 5}),
        (SCENARIO_D, 13, {"S+C+MP+HP+V": 7, "M+SD+DP+L+KD": 6}),
        (SCENARIO_E, 11, {"S+C+MP+HP": 6, "V": 1, "M": 3, "SD": 1}),
        (SCENARIO_E, 13, {"S+C+MP+HP": 7, "V": 1, "M": 3, "SD": 2}),
    ],
)
def test_scenarios_b_to_e(groups: dict[str, int], places: int, expected: dict[str, int]) -> None:
    assert elect(groups, places)["places_by_label"] == expected


def test_comparative_number_table_first_and_last_rounds() -> None:
    result = elect(SCENARIO_B, 11)
    first = result["comparative_numbers"][0]
    assert first["values"] == {
        "S+C+MP+HP+V": "32",
        "M": "13",
        "SD": "8",
        "DP": "3",
        "L": "3",
        "KD": "2",
    }
    last = result["comparative_numbers"][-1]
    # Before the 11th place: joint list 32/8 with 7 places, M 13/3 with 2, SD 8/2 with 1.
    assert last["values"]["S+C+MP+HP+V"] == "4"
    assert last["values"]["M"] == "13/3"
    assert last["values"]["SD"] == "4"
    assert result["allotments"][-1]["group"] == "M"
    assert len(result["comparative_numbers"]) == 11


def test_proportional_demand_61_present() -> None:
    eleven = elect(SCENARIO_B, 11)["proportional_demand"]
    assert eleven["required"] == 6  # ⌈61/12⌉
    assert eleven["by_label"]["SD"] == {"members": 8, "can_force": True}
    assert eleven["by_label"]["DP"] == {"members": 3, "can_force": False}
    thirteen = elect(SCENARIO_B, 13)["proportional_demand"]
    assert thirteen["required"] == 5  # ⌈61/14⌉
    assert thirteen["by_label"]["KD"]["can_force"] is False
    assert thirteen["by_label"]["M"]["can_force"] is True


def test_required_for_proportional_rounds_up_only_fractions() -> None:
    assert required_for_proportional(61, 11) == 6
    assert required_for_proportional(61, 13) == 5
    assert required_for_proportional(60, 11) == 5  # 60/12 is whole
    assert required_for_proportional(7, 1) == 4  # 7/2 = 3.5
    assert can_force_proportional(5, 61, 13)
    assert not can_force_proportional(5, 61, 11)


def test_skr_example_2022() -> None:
    # SKR, "Exempel på hur platser kan fördelas i en nämnd vid val enligt LPV" (2022): a council
    # of 31 (A 17, B 5, C 5, D 2, E 1, F 1; D, E and F on one list G) elects 7. The places go
    # at 17, 17/2, 17/3, 5 (B and C tied: lot), 5, 17/4 and G's 4: A 4, B 1, C 1, G 1.
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": 7,
            "present": 31,
            "ballots": [
                {"label": label, "names": [f"{label}{i}" for i in range(1, 8)], "count": count}
                for label, count in {"A": 17, "B": 5, "C": 5, "G": 4}.items()
            ],
        }
    )
    assert result["places_by_label"] == {"A": 4, "B": 1, "C": 1, "G": 1}
    assert [row["comparative_number"] for row in result["allotments"]] == [
        "17", "17/2", "17/3", "5", "5", "17/4", "4",
    ]
    (tie,) = result["ties"]
    assert (tie["round"], tie["between"], tie["decisive"]) == (4, ["B", "C"], False)
    assert result["proportional_demand"]["required"] == 4  # ⌈31/8⌉


# --------------------------------------------------------------------- ties and the lot


def test_ties_are_recorded_and_reproducible() -> None:
    first = elect(HUDDINGE_2022, 11, seed=7)
    again = elect(HUDDINGE_2022, 11, seed=7)
    assert first == again
    ties = first["ties"]
    # Round 6: S 18/3 = 6 against V 6; round 10: SD 8/2 = 4 against C 4.
    assert [(tie["round"], tie["value"], tie["between"]) for tie in ties] == [
        (6, "6", ["S", "V"]),
        (10, "4", ["SD", "C"]),
    ]
    assert first["lot"] == {"seed": 7, "draws": 2}
    # Both tied groups get a place at 6 and at 4: the lot only decides the order.
    assert [tie["decisive"] for tie in ties] == [False, False]
    assert not any(row["by_lot"] for row in first["places"])


def test_a_lot_decides_the_last_place() -> None:
    spec = {
        "law": "2022:629",
        "places": 1,
        "ballots": [
            {"label": "A", "names": ["Anna"], "count": 3},
            {"label": "B", "names": ["Bo"], "count": 3},
        ],
    }
    winners = set()
    for seed in range(12):
        result = committee_allocate({**spec, "seed": seed})
        (tie,) = result["ties"][:1]
        assert tie["between"] == ["A", "B"]
        assert tie["decisive"] is True
        assert result["places"][0]["group"] == tie["chosen"]
        assert result["places"][0]["by_lot"] is True
        winners.add(tie["chosen"])
    assert winners == {"A", "B"}  # the lot is not fixed to one side


def test_default_seed_is_fixed_and_shown() -> None:
    result = elect(HUDDINGE_2022, 11)
    assert result["lot"]["seed"] == 0
    assert result == elect(HUDDINGE_2022, 11)


# --------------------------------------------------------------------- the multi-group person


def test_person_from_two_groups_counts_half_in_each() -> None:
    # A 6 [P, A2, A3], B 4 [P, B2], C 5 [C1, C2]; 3 places.
    # 1: A 6 -> P.  2: A 3, B 4, C 5 -> C1.  3: A 3, B 4, C 5/2 -> B, whose first name is P,
    # already seated: P now holds one seat from A and B, each counted as 1/2.
    # 4: A 6/(1/2+1) = 4, B 4/(3/2) = 8/3, C 5/2 -> A -> A2, third seat.
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": 3,
            "ballots": [
                {"label": "A", "names": ["P", "A2", "A3"], "count": 6},
                {"label": "B", "names": ["P", "B2"], "count": 4},
                {"label": "C", "names": ["C1", "C2"], "count": 5},
            ],
        }
    )
    assert [(row["person"], row["group"], row["also_from"]) for row in result["places"]] == [
        ("P", "A", ["B"]),
        ("C1", "C", []),
        ("A2", "A", []),
    ]
    assert result["comparative_numbers"][3]["values"] == {"A": "4", "B": "8/3", "C": "5/2"}
    assert result["allotments"][2] == {
        "round": 3,
        "group": "B",
        "label": "B",
        "person": "P",
        "comparative_number": "4",
        "place": 1,
        "shared": True,
        "tie": False,
        "by_lot": False,
    }
    assert result["places_by_label"] == {"A": 2, "C": 1}
    groups = {row["id"]: row for row in result["groups"]}
    assert groups["A"]["counted_places"] == "3/2"
    assert groups["B"]["counted_places"] == "1/2"


def test_person_from_three_groups_counts_a_third() -> None:
    # A 9 [P, A2], B 8 [P, B2], C 7 [P, C2]; 2 places.
    # 1: A 9 -> P.  2: A 9/2, B 8, C 7 -> B -> P (halves).  3: A 6, B 16/3, C 7 -> C -> P
    # (thirds).  4: A 9/(4/3) = 27/4, B 8/(4/3) = 6, C 7/(4/3) = 21/4 -> A -> A2.
    result = committee_allocate(
        {
            "law": "1992:339",
            "places": 2,
            "ballots": [
                {"label": "A", "names": ["P", "A2"], "count": 9},
                {"label": "B", "names": ["P", "B2"], "count": 8},
                {"label": "C", "names": ["P", "C2"], "count": 7},
            ],
        }
    )
    assert [row["person"] for row in result["places"]] == ["P", "A2"]
    assert result["places"][0]["also_from"] == ["B", "C"]
    assert result["comparative_numbers"][3]["values"] == {"A": "27/4", "B": "6", "C": "21/4"}


# --------------------------------------------------------------------- exhausted lists


def test_exhausted_list_leaves_the_count_and_no_place_stays_empty() -> None:
    # A 10 votes but one name; B 3 votes. A takes place 1 and leaves; B takes 2 and 3.
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": 3,
            "ballots": [
                {"label": "A", "names": ["A1"], "count": 10},
                {"label": "B", "names": ["B1", "B2", "B3"], "count": 3},
            ],
        }
    )
    assert [row["person"] for row in result["places"]] == ["A1", "B1", "B2"]
    assert result["unfilled"] == 0
    assert result["comparative_numbers"][1]["values"] == {"A": None, "B": "3"}
    assert result["groups"][0]["exhausted"] is True


def test_places_stay_empty_only_when_every_list_is_used_up() -> None:
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": 3,
            "ballots": [{"label": "A", "names": ["A1", "A2"], "count": 4}],
        }
    )
    assert [row["person"] for row in result["places"]] == ["A1", "A2"]
    assert result["unfilled"] == 1


# --------------------------------------------------------------------- ballot groups


def test_2022_groups_need_the_same_names_in_the_same_order() -> None:
    # S: 10 ballots [S1, S2], 5 ballots [S2, S1]; M 8 [M1, M2]; 3 places.
    spec = {
        "places": 3,
        "ballots": [
            {"label": "S", "names": ["S1", "S2"], "count": 10},
            {"label": "S", "names": ["S2", "S1"], "count": 5},
            {"label": "M", "names": ["M1", "M2"], "count": 8},
        ],
    }
    new = committee_allocate({"law": "2022:629", **spec})
    assert [(g["id"], g["votes"]) for g in new["groups"]] == [("S (1)", 10), ("S (2)", 5), ("M", 8)]
    # 1: S(1) 10 -> S1.  2: M 8 -> M1.  3: S(1) 5 = S(2) 5 -> lot; either way S2.
    assert [row["person"] for row in new["places"]] == ["S1", "M1", "S2"]
    assert new["ties"][0]["between"] == ["S (1)", "S (2)"]
    old = committee_allocate({"law": "1992:339", **spec})
    # 1992: one S group of 15. 1: S 15.  2: M 8.  3: S 15/2.
    assert [(g["id"], g["votes"]) for g in old["groups"]] == [("S", 15), ("M", 8)]
    assert old["places_by_label"] == {"S": 2, "M": 1}
    assert old["ties"] == []


def test_1992_names_ranked_by_weighted_successive_counts() -> None:
    # 4 x [A, B], 3 x [B, C], 3 x [C, B]; 3 places.
    # Count 1: A 4, B 3, C 3 -> A.  Count 2: [A, B] stands for B at 1/2: 2; B 3 -> B 5; C 3 -> B.
    # Count 3: [B, C] stands for C at 1/2: 3/2; [C, B] C 3 -> C 9/2.
    result = committee_allocate(
        {
            "law": "1992:339",
            "places": 3,
            "ballots": [
                {"label": "X", "names": ["A", "B"], "count": 4},
                {"label": "X", "names": ["B", "C"], "count": 3},
                {"label": "X", "names": ["C", "B"], "count": 3},
            ],
        }
    )
    (group,) = result["groups"]
    assert group["names"] == ["A", "B", "C"]
    assert [row["totals"] for row in group["name_counts"]] == [
        {"A": "4", "B": "3", "C": "3"},
        {"B": "5", "C": "3"},
        {"C": "9/2"},
    ]
    assert [row["person"] for row in result["places"]] == ["A", "B", "C"]


def test_1992_weight_follows_the_position_on_the_ballot() -> None:
    # 2 x [A, B, C], 1 x [C, A, B]. Count 1: A 2, C 1 -> A. Count 2: B at 1/2 from two
    # ballots = 1, C at 1 from one ballot = 1: a tie, decided by lot and recorded.
    # Count 3, the one name left: if B was listed, C gets 2 x 1/3 + 1 = 5/3; if C was
    # listed, B gets 2 x 1/2 + 1/3 = 4/3.
    third_count = {"B": {"C": "5/3"}, "C": {"B": "4/3"}}
    seen = set()
    for seed in range(12):
        result = committee_allocate(
            {
                "law": "1992:339",
                "places": 3,
                "seed": seed,
                "ballots": [
                    {"label": "X", "names": ["A", "B", "C"], "count": 2},
                    {"label": "X", "names": ["C", "A", "B"], "count": 1},
                ],
            }
        )
        (tie,) = result["ties"]
        assert tie["kind"] == "name order"
        assert tie["value"] == "1"
        assert tie["between"] == ["B", "C"]
        (group,) = result["groups"]
        assert group["names"][:2] == ["A", tie["chosen"]]
        assert group["name_counts"][2]["totals"] == third_count[tie["chosen"]]
        seen.add(tie["chosen"])
    assert seen == {"B", "C"}


def test_1992_a_ballot_whose_first_name_is_listed_later_stands_for_its_next_unlisted_name() -> None:
    # 3 x [B, D], 2 x [A, B, C], 1 x [C, A]; 4 places.
    # Count 1: B 3, A 2, C 1 -> B.  Count 2: [B, D] now stands for D at 1/2: 3/2; [A, B, C]
    # still for A: 2; C 1 -> A.  Count 3: [A, B, C] skips the listed B and stands for C, its
    # third name, at 1/3: 2/3, plus [C, A]'s 1 = 5/3 against D 3/2 -> C.  Count 4: only
    # [B, D] has a name left: D 3/2.
    result = committee_allocate(
        {
            "law": "1992:339",
            "places": 4,
            "ballots": [
                {"label": "X", "names": ["B", "D"], "count": 3},
                {"label": "X", "names": ["A", "B", "C"], "count": 2},
                {"label": "X", "names": ["C", "A"], "count": 1},
            ],
        }
    )
    (group,) = result["groups"]
    assert group["names"] == ["B", "A", "C", "D"]
    assert [row["totals"] for row in group["name_counts"]] == [
        {"B": "3", "A": "2", "C": "1"},
        {"D": "3/2", "A": "2", "C": "1"},
        {"D": "3/2", "C": "5/3"},
        {"D": "3/2"},
    ]
    assert result["ties"] == []


def test_an_election_too_large_to_count_is_refused_before_it_runs_away(monkeypatch) -> None:
    # The three-group example above needs 4 rounds x 3 groups = 12 comparative numbers.
    from folkvald.seatmath import committee

    spec = {
        "law": "2022:629",
        "places": 2,
        "ballots": [
            {"label": "A", "names": ["P", "A2"], "count": 9},
            {"label": "B", "names": ["P", "B2"], "count": 8},
            {"label": "C", "names": ["P", "C2"], "count": 7},
        ],
    }
    monkeypatch.setattr(committee, "MAX_TABLE_ENTRIES", 12)
    assert len(committee_allocate(spec)["comparative_numbers"]) == 4
    monkeypatch.setattr(committee, "MAX_TABLE_ENTRIES", 11)
    with pytest.raises(SeatMathError, match="too large to count: 3 ballot groups"):
        committee_allocate(spec)


# --------------------------------------------------------------------- void ballots, ignored names


def test_void_ballots_and_ignored_names() -> None:
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": 2,
            "present": 20,
            "void": 1,
            "ineligible": ["Ines"],
            "ballots": [
                # B struck: A and C are considered, so C is not beyond the two places.
                {"label": "S", "names": ["A", "B", "C", "D"], "struck": ["B"], "count": 6},
                {"label": "M", "names": ["Ines", "E", "F"], "count": 5},
                {"label": "", "names": ["G"], "count": 2},
                {"label": "M", "names": ["E"], "count": 3, "void": True},
            ],
        }
    )
    assert result["ballots"] == {"valid": 11, "void": 6}
    groups = {g["id"]: g for g in result["groups"]}
    assert groups["S"]["names"] == ["A", "C"]
    assert groups["M"]["names"] == ["E", "F"]
    assert {(row["name"], row["reason"]) for row in result["ignored_names"]} == {
        ("B", "struck"),
        ("D", "beyond the number of places"),
        ("Ines", "not eligible"),
    }
    assert [row["person"] for row in result["places"]] == ["A", "E"]


def test_names_beyond_the_number_of_places_are_ignored() -> None:
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": 2,
            "ballots": [{"label": "S", "names": ["A", "B", "C"], "count": 2}],
        }
    )
    assert result["groups"][0]["names"] == ["A", "B"]


# --------------------------------------------------------------------- substitutes

SUBSTITUTE_SPEC = {
    "law": "2022:629",
    "places": 3,
    "present": 15,
    "ballots": [
        {"label": "S+C", "names": ["s-a", "s-b"], "count": 7},
        {"label": "M", "names": ["m-a", "m-b"], "count": 5},
        {"label": "SD", "names": ["sd-a"], "count": 3},
    ],
    "substitutes": {
        "places": 5,
        "ballots": [
            {"label": "S+C", "names": ["s1", "s2", "s3"], "count": 7},
            {"label": "M", "names": ["m1", "m2"], "count": 5},
            {"label": "SD", "names": ["sd1"], "count": 3},
        ],
    },
}


def test_substitutes_elected_by_the_same_procedure() -> None:
    result = committee_allocate(SUBSTITUTE_SPEC)
    # Members: 7 (S+C), 5 (M), 7/2 (S+C).
    assert [row["person"] for row in result["places"]] == ["s-a", "m-a", "s-b"]
    # Substitutes, 5 places: 7 s1, 5 m1, 7/2 s2, 3 sd1, 5/2 m2.
    subs = result["substitutes"]
    assert [row["person"] for row in subs["places"]] == ["s1", "m1", "s2", "sd1", "m2"]
    assert subs["precedence"] == ["S+C", "M", "SD"]


def test_substitute_order_same_label_first_then_vote_total_then_list() -> None:
    result = committee_allocate(SUBSTITUTE_SPEC)
    assert result["substitute_order"] == {
        "S+C": ["s1", "s2", "m1", "m2", "sd1"],
        "M": ["m1", "m2", "s1", "s2", "sd1"],
    }
    subs = result["substitutes"]
    assert [row["person"] for row in substitute_order(subs, "SD")] == [
        "sd1",
        "s1",
        "s2",
        "m1",
        "m2",
    ]
    assert [row["person"] for row in substitute_order(subs, "V")] == ["s1", "s2", "m1", "m2", "sd1"]
    assert [row["person"] for row in substitute_order(subs, "M", unavailable={"m1"})] == [
        "m2",
        "s1",
        "s2",
        "sd1",
    ]


def test_substitute_groups_with_equal_totals_ordered_by_recorded_lot() -> None:
    spec = {
        "law": "2022:629",
        "places": 2,
        "seed": 5,
        "ballots": [
            {"label": "A", "names": ["a"], "count": 4},
            {"label": "B", "names": ["b"], "count": 4},
        ],
        "substitutes": {
            "places": 2,
            "ballots": [
                {"label": "A", "names": ["a1"], "count": 4},
                {"label": "B", "names": ["b1"], "count": 4},
            ],
        },
    }
    result = committee_allocate(spec)
    subs = result["substitutes"]
    drawn = subs["precedence_ties"]
    assert len(drawn) == 1
    assert drawn[0]["kind"] == "substitute precedence"
    assert all(tie["kind"] == "place" for tie in subs["ties"])
    assert subs["lot"]["draws"] == len(subs["ties"]) + 1
    assert subs["precedence"] == drawn[0]["order"]
    assert sorted(subs["precedence"]) == ["A", "B"]
    assert committee_allocate(spec) == result


def test_substitute_allotted_from_two_groups_counts_for_the_first() -> None:
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": 1,
            "ballots": [{"label": "A", "names": ["a"], "count": 5}],
            "substitutes": {
                # 1: A 5 -> x.  2: B 4 -> x again (shared).  3: A 5/(3/2) = 10/3, B 4/(3/2) = 8/3 -> y.
                "places": 2,
                "ballots": [
                    {"label": "A", "names": ["x", "y"], "count": 5},
                    {"label": "B", "names": ["x", "z"], "count": 4},
                ],
            },
        }
    )
    assert [(row["person"], row["group"]) for row in result["substitutes"]["places"]] == [
        ("x", "A"),
        ("y", "A"),
    ]
    assert [row["person"] for row in substitute_order(result["substitutes"], "B")] == ["x", "y"]


# --------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {"law": "2014", "places": 3, "ballots": [{"label": "A", "names": ["a"]}]},
            "'law' must be one of",
        ),
        (
            {"law": "2022:629", "places": 0, "ballots": [{"label": "A", "names": ["a"]}]},
            "at least 1",
        ),
        (
            {"law": "2022:629", "places": True, "ballots": [{"label": "A", "names": ["a"]}]},
            "whole number",
        ),
        ({"law": "2022:629", "places": 3, "ballots": []}, "non-empty list"),
        (
            {"law": "2022:629", "places": 3, "ballots": [{"label": "A", "names": ["a", "a"]}]},
            "names 'a' twice",
        ),
        (
            {
                "law": "2022:629",
                "places": 3,
                "ballots": [{"label": "A", "names": ["a"], "count": 0}],
            },
            "at least 1",
        ),
        ({"law": "2022:629", "places": 3, "ballot": []}, "unknown key 'ballot'"),
        (
            {
                "law": "2022:629",
                "places": 3,
                "ballots": [{"label": "A", "names": ["a"], "struck": ["b"]}],
            },
            "does not name",
        ),
        (
            {
                "law": "2022:629",
                "places": 3,
                "present": 2,
                "ballots": [{"label": "A", "names": ["a"], "count": 3}],
            },
            "only 2 members",
        ),
        (
            {"law": "2022:629", "places": 3, "ballots": [{"label": "", "names": ["a"]}]},
            "no valid ballot",
        ),
        (
            {"law": "2022:629", "places": 3, "ballots": [{"label": "A", "names": [""]}]},
            "non-empty text",
        ),
        (
            {
                "law": "2022:629",
                "places": 3,
                "ballots": [{"label": "A", "names": ["a"]}],
                "substitutes": [],
            },
            "'substitutes' must be",
        ),
    ],
)
def test_bad_input_is_one_clear_line(spec: dict, message: str) -> None:
    with pytest.raises(SeatMathError) as error:
        committee_allocate(spec)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_not_a_mapping() -> None:
    with pytest.raises(SeatMathError, match="JSON object"):
        committee_allocate([])  # type: ignore[arg-type]


def test_places_of_a_joint_list_by_party() -> None:
    # Scenario B: the joint list's 7 places go to its first 7 names, in the agreed order
    # S, C, S, MP, S, HP, V: S 3, C 1, MP 1, HP 1, V 1.
    order = ["S", "C", "S", "MP", "S", "HP", "V", "S", "C", "S", "V"]
    joint = [f"{party} {i}" for i, party in enumerate(order, start=1)]
    others = {"M": 13, "SD": 8, "DP": 3, "L": 3, "KD": 2}
    spec = {
        "law": "2022:629",
        "places": 11,
        "ballots": [{"label": "S+C+MP+HP+V", "names": joint, "count": 32}]
        + [
            {"label": p, "names": [f"{p} {i}" for i in range(1, 12)], "count": n}
            for p, n in others.items()
        ],
        "parties": {name: name.split()[0] for name in joint}
        | {f"{p} {i}": p for p in others for i in range(1, 12)},
    }
    result = committee_allocate(spec)
    assert result["places_by_party"] == {"S": 3, "C": 1, "MP": 1, "HP": 1, "V": 1, "M": 3, "SD": 1}
    with pytest.raises(SeatMathError, match="'parties' must be"):
        committee_allocate({**spec, "parties": ["S"]})


def test_substitute_order_from_a_separately_run_election() -> None:
    # The substitutes' election run on its own (as the council does it, after the members').
    alone = committee_allocate({"law": "2022:629", **SUBSTITUTE_SPEC["substitutes"]})
    assert alone["precedence"] == ["S+C", "M", "SD"]
    assert [row["person"] for row in substitute_order(alone, "M")] == [
        "m1",
        "m2",
        "s1",
        "s2",
        "sd1",
    ]
    with pytest.raises(SeatMathError, match="needs the result of committee_allocate"):
        substitute_order({"places": []}, "M")
