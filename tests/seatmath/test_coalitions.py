"""Majorities, coalitions and power indices, on cases worked out by hand."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from folkvald.seatmath.coalitions import (
    banzhaf,
    coalition,
    majority_line,
    minimal_connected_winning_coalitions,
    minimal_winning_coalitions,
    power_indices,
    shapley_shubik,
)
from folkvald.seatmath.errors import SeatMathError

# Huddinge 2022, seat-rules.md §7 (61 seats).
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
# Lund 2014, seat-rules.md §7 (65 seats).
LUND_2014 = {
    "S": 15,
    "M": 13,
    "MP": 9,
    "FP": 7,
    "V": 5,
    "SD": 5,
    "FNL": 4,
    "C": 3,
    "KD": 2,
    "FI": 2,
}
# A small council: 10 seats, majority 6.
SMALL = {"A": 4, "B": 3, "C": 2, "D": 1}


def parties_of(coalitions: list) -> list[tuple[str, ...]]:
    return [c.parties for c in coalitions]


# ---------------------------------------------------------------------------- majorities


@pytest.mark.parametrize(
    ("total", "line"), [(61, 31), (60, 31), (65, 33), (101, 51), (349, 175), (1, 1), (2, 2), (3, 2)]
)
def test_majority_line_is_more_than_half(total: int, line: int) -> None:
    assert majority_line(total) == line


def test_huddinge_2022_mittenstyret_needs_v() -> None:
    mitten = coalition(HUDDINGE_2022, ["S", "C", "MP", "HP"])
    assert (mitten.seats, mitten.total, mitten.quota) == (26, 61, 31)
    assert not mitten.majority
    assert mitten.margin == -5
    assert mitten.opposition == 35
    with_v = coalition(HUDDINGE_2022, ["S", "C", "MP", "HP", "V"])
    assert (with_v.seats, with_v.majority, with_v.margin, with_v.opposition) == (32, True, 1, 29)
    assert with_v.parties == ("S", "C", "MP", "HP", "V")


def test_lund_2014_red_green_short_of_a_majority() -> None:
    red_green = coalition(LUND_2014, ["S", "MP", "V", "FI"])
    assert (red_green.seats, red_green.quota, red_green.majority, red_green.margin) == (
        31,
        33,
        False,
        -2,
    )
    alliance = coalition(LUND_2014, ["M", "FP", "C", "KD"])
    assert (alliance.seats, alliance.majority) == (25, False)


def test_an_empty_seat_still_counts_in_the_total() -> None:
    # 60 members sit in a council of 61 (one seat left empty): the line stays at 31.
    seats = dict(HUDDINGE_2022, SD=7)
    status = coalition(seats, ["S", "M"], total=61)
    assert (status.seats, status.quota, status.majority, status.opposition) == (31, 31, True, 29)


def test_a_qualified_majority_by_quota() -> None:
    two_thirds = coalition(HUDDINGE_2022, ["S", "M", "SD"], quota=41)
    assert (two_thirds.seats, two_thirds.majority, two_thirds.margin) == (39, False, -2)


def test_as_dict_is_plain_json() -> None:
    status = coalition(HUDDINGE_2022, ["S", "M"])
    assert status.as_dict() == {
        "parties": ["S", "M"],
        "seats": 31,
        "total": 61,
        "quota": 31,
        "majority": True,
        "margin": 0,
        "opposition": 30,
    }


# ---------------------------------------------------------------------------- coalitions


def test_minimal_winning_coalitions_small() -> None:
    # By hand: A+B 7, A+C 6, B+C+D 6 win and need every member; A+C+D 7 does not need D.
    assert parties_of(minimal_winning_coalitions(SMALL)) == [
        ("A", "B"),
        ("A", "C"),
        ("B", "C", "D"),
    ]


def test_exclude_and_require_small() -> None:
    assert parties_of(minimal_winning_coalitions(SMALL, exclude=["A"])) == [("B", "C", "D")]
    # With D: A+B+D (8) and A+C+D (7) need A and the other; B+C+D as before.
    assert parties_of(minimal_winning_coalitions(SMALL, require=["D"])) == [
        ("A", "B", "D"),
        ("A", "C", "D"),
        ("B", "C", "D"),
    ]
    assert parties_of(minimal_winning_coalitions(SMALL, require=["A", "B"])) == [("A", "B")]
    # The required parties win alone: nothing needs adding.
    assert parties_of(minimal_winning_coalitions(SMALL, require=["A", "B", "C"])) == [
        ("A", "B", "C")
    ]


def test_connected_on_a_left_right_order() -> None:
    # Order A D C B: A+C has D between them; A+B are the two ends; only B+C+D is a run.
    assert parties_of(minimal_winning_coalitions(SMALL, order=list("ADCB"), connected=True)) == [
        ("B", "C", "D")
    ]
    # Axelrod: A+D+C needs D to join A and C; D+C+B needs all three for the majority.
    assert parties_of(minimal_connected_winning_coalitions(SMALL, list("ADCB"))) == [
        ("A", "D", "C"),
        ("D", "C", "B"),
    ]
    # On A B C D: A+B (7) and B+C+D (6); A+B+C could lose C and still win.
    assert parties_of(minimal_connected_winning_coalitions(SMALL, list("ABCD"))) == [
        ("A", "B"),
        ("B", "C", "D"),
    ]
    assert (
        parties_of(minimal_connected_winning_coalitions(SMALL, list("ABCD"), exclude=["B"])) == []
    )
    # With C required, A+B+C (9) is minimal too: A cannot leave (5), and C must stay.
    assert parties_of(minimal_connected_winning_coalitions(SMALL, list("ABCD"), require=["C"])) == [
        ("A", "B", "C"),
        ("B", "C", "D"),
    ]


def test_huddinge_2022_coalitions_with_s_and_mp_not_with_sd() -> None:
    found = minimal_winning_coalitions(HUDDINGE_2022, exclude=["SD"], require=["S", "MP"])
    assert found
    for c in found:
        assert {"S", "MP"} <= set(c.parties) and "SD" not in c.parties
        assert c.majority
        for party in set(c.parties) - {"S", "MP"}:
            assert c.seats - HUDDINGE_2022[party] < 31, (c.parties, party)
    # S + MP + M = 33; Mittenstyret with V = 32 (each of V, C and HP needed).
    assert ("S", "M", "MP") in parties_of(found)
    assert ("S", "V", "C", "MP", "HP") in parties_of(found)
    # S + M alone is minimal winning (31), but has no MP.
    assert ("S", "M") in parties_of(minimal_winning_coalitions(HUDDINGE_2022))


def test_parties_without_seats_are_never_members() -> None:
    seats = dict(SMALL, E=0)
    assert parties_of(minimal_winning_coalitions(seats)) == [
        ("A", "B"),
        ("A", "C"),
        ("B", "C", "D"),
    ]
    # And need no place on the order.
    assert parties_of(minimal_connected_winning_coalitions(seats, list("ABCD"))) == [
        ("A", "B"),
        ("B", "C", "D"),
    ]


# ---------------------------------------------------------------------------- power


def test_power_of_3_2_1_1() -> None:
    # [3; 2, 1, 1]. Swings: A in AB, AC, ABC; B only in AB; C only in AC. Shapley–Shubik:
    # A is pivotal in 4 of the 6 orders (all but A first), B in A-B-C, C in A-C-B.
    power = power_indices({"A": 2, "B": 1, "C": 1}, quota=3)
    assert power.swings == {"A": 3, "B": 1, "C": 1}
    assert power.banzhaf == {"A": F(3, 5), "B": F(1, 5), "C": F(1, 5)}
    assert power.banzhaf_raw == {"A": F(3, 4), "B": F(1, 4), "C": F(1, 4)}
    assert power.shapley_shubik == {"A": F(2, 3), "B": F(1, 6), "C": F(1, 6)}


def test_power_of_5_3_2_1_1() -> None:
    # [5; 3, 2, 1, 1]. A swings with {B}, {B,C}, {B,D}, {C,D}, {B,C,D} (5); B with {A},
    # {A,C}, {A,D} (3); C with {A,D} and D with {A,C} (1 each): 10 swings in all.
    # Shapley–Shubik, |S|!(n-|S|-1)!/4! per swing: A (2+2+2+2+6)/24, B 6/24, C and D 2/24.
    power = power_indices({"A": 3, "B": 2, "C": 1, "D": 1}, quota=5)
    assert power.swings == {"A": 5, "B": 3, "C": 1, "D": 1}
    assert power.banzhaf == {"A": F(1, 2), "B": F(3, 10), "C": F(1, 10), "D": F(1, 10)}
    assert power.banzhaf_raw == {"A": F(5, 8), "B": F(3, 8), "C": F(1, 8), "D": F(1, 8)}
    assert power.shapley_shubik == {"A": F(7, 12), "B": F(1, 4), "C": F(1, 12), "D": F(1, 12)}


def test_power_in_the_council_of_the_eec_1958_the_textbook_example() -> None:
    # The Council of Ministers of the EEC, 1958 (Felsenthal & Machover, The Measurement of Voting
    # Power, 1998; the standard example of a dummy): France, Germany, Italy 4 votes each, Belgium
    # and the Netherlands 2, Luxembourg 1; a qualified majority of 12 of 17.
    # Published figures: Banzhaf 10/42 each for the big three, 6/42 for Belgium and the
    # Netherlands, 0 for Luxembourg (it swings only where the others hold exactly 11, and their
    # votes are all even); Shapley–Shubik 14/60 each, 9/60 each and 0.
    eec = {"F": 4, "D": 4, "I": 4, "B": 2, "NL": 2, "L": 1}
    power = power_indices(eec, quota=12)
    assert power.total == 17
    assert power.swings == {"F": 10, "D": 10, "I": 10, "B": 6, "NL": 6, "L": 0}
    assert power.banzhaf == {"F": F(5, 21), "D": F(5, 21), "I": F(5, 21), "B": F(1, 7), "NL": F(1, 7), "L": 0}
    assert power.shapley_shubik == {
        "F": F(7, 30), "D": F(7, 30), "I": F(7, 30), "B": F(3, 20), "NL": F(3, 20), "L": 0,
    }


def test_power_of_49_48_3_the_textbook_three_parties() -> None:
    # 100 seats, 49 + 48 + 3, majority 51: any two win, none alone, so all three are equal.
    power = power_indices({"A": 49, "B": 48, "C": 3}, total=100)
    assert power.quota == 51
    assert power.banzhaf == {"A": F(1, 3), "B": F(1, 3), "C": F(1, 3)}
    assert power.shapley_shubik == {"A": F(1, 3), "B": F(1, 3), "C": F(1, 3)}


def test_a_party_with_a_seat_can_be_a_dummy() -> None:
    # [6; 4, 2, 1]: only A+B and A+B+C win; C never turns a loss into a win.
    power = power_indices({"A": 4, "B": 2, "C": 1}, quota=6)
    assert power.swings == {"A": 2, "B": 2, "C": 0}
    assert power.banzhaf == {"A": F(1, 2), "B": F(1, 2), "C": F(0)}
    assert power.shapley_shubik == {"A": F(1, 2), "B": F(1, 2), "C": F(0)}


def test_a_majority_party_holds_all_power() -> None:
    power = power_indices({"A": 31, "B": 20, "C": 10}, total=61)
    assert power.banzhaf == {"A": 1, "B": 0, "C": 0}
    assert power.shapley_shubik == {"A": 1, "B": 0, "C": 0}


def test_huddinge_2022_power_sums_to_one_and_respects_equal_seats() -> None:
    power = power_indices(HUDDINGE_2022)
    assert power.quota == 31
    assert sum(power.banzhaf.values()) == 1
    assert sum(power.shapley_shubik.values()) == 1
    assert power.shapley_shubik["MP"] == power.shapley_shubik["KD"] == power.shapley_shubik["HP"]
    assert power.banzhaf["DP"] == power.banzhaf["L"]
    assert all(isinstance(v, F) for v in power.shapley_shubik.values())
    assert banzhaf(HUDDINGE_2022) == power.banzhaf
    assert shapley_shubik(HUDDINGE_2022) == power.shapley_shubik


def test_power_as_dict_has_no_floats() -> None:
    assert power_indices({"A": 2, "B": 1, "C": 1}, quota=3).as_dict() == {
        "quota": 3,
        "total": 4,
        "swings": {"A": 3, "B": 1, "C": 1},
        "banzhaf": {"A": "3/5", "B": "1/5", "C": "1/5"},
        "banzhaf_raw": {"A": "3/4", "B": "1/4", "C": "1/4"},
        "shapley_shubik": {"A": "2/3", "B": "1/6", "C": "1/6"},
    }


def test_a_large_council_is_computed_exactly() -> None:
    # 101 seats, 14 parties (Stockholm-sized); the answer must still be exact and complete.
    seats = dict(zip("ABCDEFGHIJKLMN", [23, 22, 13, 10, 9, 8, 8, 5, 1, 1, 1, 0, 0, 0], strict=True))
    power = power_indices(seats)
    assert power.quota == 51
    assert sum(power.shapley_shubik.values()) == 1 and sum(power.banzhaf.values()) == 1
    assert power.shapley_shubik["L"] == 0 and power.swings["N"] == 0
    assert power.shapley_shubik["F"] == power.shapley_shubik["G"]
    assert minimal_winning_coalitions(seats)[0].parties == ("A", "B", "C")


def test_weights_with_a_common_divisor_are_fast_and_the_same() -> None:
    # Votes instead of seats: [300000; 200000, 100000, 100000] is [3; 2, 1, 1].
    power = power_indices({"A": 200_000, "B": 100_000, "C": 100_000}, quota=300_000)
    assert power.quota == 300_000
    assert power.shapley_shubik == {"A": F(2, 3), "B": F(1, 6), "C": F(1, 6)}
    assert power.banzhaf == {"A": F(3, 5), "B": F(1, 5), "C": F(1, 5)}
    # A quota between multiples: [250001; 200000, 100000, 100000] is [3; 2, 1, 1] too.
    assert power_indices({"A": 200_000, "B": 100_000, "C": 100_000}, quota=250_001).banzhaf == {
        "A": F(3, 5),
        "B": F(1, 5),
        "C": F(1, 5),
    }


def test_too_many_coalitions_is_an_error_not_a_wait() -> None:
    # 21 parties with one seat each, quota 11: C(21, 11) = 352716 minimal winning coalitions.
    seats = {f"P{i}": 1 for i in range(21)}
    with pytest.raises(SeatMathError, match="more than 1000 minimal winning coalitions"):
        minimal_winning_coalitions(seats, limit=1000)
    # Requiring ten of them leaves 11 ways to add the last.
    required = [f"P{i}" for i in range(10)]
    assert len(minimal_winning_coalitions(seats, require=required, limit=1000)) == 11


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: coalition(SMALL, ["A", "X"]), "unknown party: X"),
        (lambda: coalition({"A": -1}, ["A"]), "seats of A must be a whole number"),
        (lambda: coalition({"A": 1.5}, ["A"]), "seats of A must be a whole number"),
        (lambda: coalition({}, []), "no parties"),
        (lambda: coalition(SMALL, ["A"], total=5), "more than the council's 5"),
        (lambda: coalition(SMALL, ["A"], quota=11), "quota must be a whole number from 1 to 10"),
        (lambda: majority_line(0), "at least 1"),
        (lambda: minimal_winning_coalitions(SMALL, exclude=["Z"]), "unknown party to exclude: Z"),
        (lambda: minimal_winning_coalitions(SMALL, require=["A"], exclude=["A"]), "both required"),
        (lambda: minimal_winning_coalitions(SMALL, connected=True), "need a left–right order"),
        (lambda: minimal_winning_coalitions(SMALL, order=["A", "B"], connected=True), "lacks C, D"),
        (lambda: minimal_connected_winning_coalitions(SMALL, "ABCD"), "not one string"),
        (lambda: power_indices({"A": 0, "B": 0}, total=3), "no coalition reaches 2 seats"),
        (lambda: power_indices({"A": 100_003, "B": 2}), "at most 100000 seats"),
    ],
)
def test_bad_input_is_a_one_line_error(call, message: str) -> None:
    with pytest.raises(SeatMathError, match=message):
        call()
