"""The plain apportionment methods, with values worked by hand."""

from fractions import Fraction

import pytest

from folkvald.seatmath.errors import SeatMathError
from folkvald.seatmath.methods import (
    Lot,
    divisor_apportion,
    divisor_method,
    fraction_text,
    largest_remainder,
    parse_fraction,
    passes_threshold,
)


def test_largest_remainder_hare_by_hand():
    # Quota 100/10 = 10: A 4.7, B 3.1, C 2.2 -> 4, 3, 2 and one seat for the largest remainder (A 0.7).
    result = largest_remainder({"A": 47, "B": 31, "C": 22}, 10)
    assert result.seats == {"A": 5, "B": 3, "C": 2}
    assert result.quota == Fraction(10)
    assert result.remainders == {"A": Fraction(7), "B": Fraction(1), "C": Fraction(2)}
    assert result.ties == []
    assert result["A"] == 5


def test_largest_remainder_campaign_targets_add_up():
    # 1.5 million conversations by population: Lund 1 % of 10 million -> exactly 15 000.
    weights = {"Lund": 100_000, "Malmö": 350_000, "rest": 9_550_000}
    result = largest_remainder(weights, 1_500_000)
    assert result.seats == {"Lund": 15_000, "Malmö": 52_500, "rest": 1_432_500}


def test_largest_remainder_droop_by_hand():
    # Droop quota: floor(100 / 4) + 1 = 26. A 47/26 = 1 r 21, B 31/26 = 1 r 5, C 22/26 = 0 r 22.
    result = largest_remainder({"A": 47, "B": 31, "C": 22}, 3, quota="droop")
    assert result.quota == 26
    assert result.seats == {"A": 1, "B": 1, "C": 1}


def test_largest_remainder_tie_is_reported_and_reproducible():
    first = largest_remainder({"a": 1, "b": 1, "c": 1}, 2, seed=7)
    again = largest_remainder({"c": 1, "b": 1, "a": 1}, 2, seed=7)
    assert sum(first.seats.values()) == 2
    assert first.seats == again.seats
    (tie,) = first.ties
    assert tie["between"] == ["a", "b", "c"]
    assert tie["places"] == 2
    assert tie["decided_by"] == "lot"
    assert tie["seed"] == 7
    assert sorted(k for k, v in first.seats.items() if v) == sorted(tie["winners"])


def test_largest_remainder_bad_input():
    with pytest.raises(SeatMathError, match="weight of 'a'"):
        largest_remainder({"a": -1}, 2)
    with pytest.raises(SeatMathError, match="unknown quota"):
        largest_remainder({"a": 1}, 2, quota="imperiali")
    with pytest.raises(SeatMathError, match="add up to 0"):
        largest_remainder({"a": 0}, 2)


def test_lot_taken_from_input():
    lot = Lot(seed=3, drawn=[{"between": ["b", "a"], "winners": ["b"]}])
    result = largest_remainder({"a": 1, "b": 1}, 1, lot=lot)
    assert result.seats == {"a": 0, "b": 1}
    assert result.ties[0]["decided_by"] == "input"


@pytest.mark.parametrize(
    ("name", "votes", "seats", "expected"),
    [
        # d'Hondt, 7 seats over 340/280/160/60 (hand table): 3, 2, 1, 0 ... worked below.
        ("dhondt", [340, 280, 160, 60], 7, [3, 3, 1, 0]),
        # Sainte-Laguë 1, 3, 5: quotients 340, 280, 160, 113.3, 93.3, 68, 60, 56 -> 7 seats.
        ("sainte-lague", [340, 280, 160, 60], 7, [3, 2, 1, 1]),
        # Danish 1, 4, 7: 340, 280, 160, 85, 70, 60, 48.6 (340/7), 40 (280/7)
        ("danish", [340, 280, 160, 60], 6, [2, 2, 1, 1]),
        # Imperiali 2, 3, 4: 170, 140, 113.3, 93.3, 85, 80, 70, 68, 56
        ("imperiali", [340, 280, 160, 60], 7, [3, 3, 1, 0]),
        # Adams: every party first; then 340/1, 280/1, 160/1 ... 4 seats -> one each, 6 -> 340,280.
        ("adams", [340, 280, 160, 60], 6, [2, 2, 1, 1]),
        # Huntington-Hill: one each, then 340/√2=240.4, 280/√2=198, 340/√6=138.8, 160/√2=113.1
        ("huntington-hill", [340, 280, 160, 60], 7, [3, 2, 1, 1]),
    ],
)
def test_named_divisor_methods_by_hand(name, votes, seats, expected):
    method = divisor_method(name)
    result = divisor_apportion(
        votes, seats, method.sequence, names="ABCD", lot=Lot(), squared=method.squared
    )
    assert result.seats == expected


def test_dhondt_table_by_hand():
    # 340, 280, 170, 160, 140, 113.3, 93.3 (280/3), 85 (340/4), 80 (160/2) ...
    result = divisor_apportion(
        [340, 280, 160, 60], 7, divisor_method("dhondt").sequence, names="ABCD", lot=Lot()
    )
    assert [i for i, _n, _d in result.order] == [0, 1, 0, 2, 1, 0, 1]


def test_modified_sainte_lague_exact_first_divisor():
    # 1.2 exactly: A 600/1.2 = 500 takes seat 1; then A 600/3 = 200 ties with B 240/1.2 = 200.
    method = divisor_method("sainte-lague", parse_fraction(1.2, "first divisor"))
    lot = Lot(seed=1)
    result = divisor_apportion([600, 240], 2, method.sequence, names="AB", lot=lot)
    assert sum(result.seats) == 2
    assert lot.ties[0]["between"] == ["A", "B"]
    assert lot.ties[0]["quotient"] == "200"
    assert lot.ties[0]["seat"] == 2


def test_parse_fraction_and_threshold():
    assert parse_fraction("1.2", "x") == Fraction(6, 5)
    assert parse_fraction("6/5", "x") == Fraction(6, 5)
    assert parse_fraction("2 %", "x") == Fraction(1, 50)
    assert parse_fraction("12,5%", "x") == Fraction(1, 8)
    with pytest.raises(SeatMathError):
        parse_fraction("abc", "x")
    # At least 2 %: 2 of 100 passes, 199 of 10 000 does not.
    assert passes_threshold(2, 100, Fraction(1, 50))
    assert not passes_threshold(199, 10_000, Fraction(1, 50))


def test_fraction_text():
    assert fraction_text(Fraction(43655, 2)) == "21827.5"
    assert fraction_text(Fraction(26193, 3)) == "8731"
    assert fraction_text(Fraction(1, 3)) == "1/3"
    assert fraction_text(Fraction(1, 8)) == "0.125"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from folkvald.seatmath.methods import divisor_apportion_sequential  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(
    votes=st.lists(st.integers(0, 60), min_size=1, max_size=8),
    seats=st.integers(1, 40),
    name=st.sampled_from(
        [
            "dhondt",
            "sainte-lague",
            "danish",
            "imperiali",
            "adams",
            "huntington-hill",
            "1.2",
            "1.4",
            "0.5",
            "2",
            "3",
            "3.5",
        ]
    ),
    seed=st.integers(0, 20),
    eligible_bits=st.integers(0, 255),
)
def test_fast_core_equals_the_seat_by_seat_procedure(votes, seats, name, seed, eligible_bits):
    # Small vote counts make exact ties frequent; both must draw the same lots.
    if name[0].isdigit():
        method = divisor_method("sainte-lague", Fraction(name))
    else:
        method = divisor_method(name)
    eligible = [bool(eligible_bits >> i & 1) or i == 0 for i in range(len(votes))]
    if not any(v > 0 and ok for v, ok in zip(votes, eligible, strict=True)):
        return
    names = [f"P{i}" for i in range(len(votes))]
    lot_a, lot_b = Lot(seed=seed), Lot(seed=seed)
    fast = divisor_apportion(
        votes,
        seats,
        method.sequence,
        names=names,
        lot=lot_a,
        squared=method.squared,
        eligible=eligible,
        rounding=method.rounding,
    )
    slow = divisor_apportion_sequential(
        votes,
        seats,
        method.sequence,
        names=names,
        lot=lot_b,
        squared=method.squared,
        eligible=eligible,
    )
    assert fast.seats == slow.seats
    assert lot_a.ties == lot_b.ties
    (fn, fd), (sn, sd) = fast.last, slow.last
    assert fn * sd == sn * fd  # the same lowest winning quotient (cross-multiplied: may be ∞)
    assert [i for i, _n, _d in fast.order] == [i for i, _n, _d in slow.order] or lot_a.ties


def test_droop_with_very_few_votes_still_fills_every_seat():
    # Quota floor(3 / 6) + 1 = 1: A 2, B 1 whole quotas, remainders 0 and 0; the 2 seats left
    # go one each to the (equal) remainders, both fit, no lot.
    result = largest_remainder({"A": 2, "B": 1}, 5, quota="droop", seed=1)
    assert result.seats == {"A": 3, "B": 2}
    assert result.ties == []


from folkvald.seatmath.methods import modified_sainte_lague, odd_divisors_quick  # noqa: E402


@settings(max_examples=1500, deadline=None)
@given(
    votes=st.lists(st.integers(0, 60), min_size=1, max_size=7),
    seats=st.integers(1, 40),
    first=st.sampled_from(["1", "1.2", "1.4", "2", "2.9"]),
    needed=st.integers(0, 12),
    seed=st.integers(0, 20),
)
def test_quick_odd_divisors_equal_the_seat_by_seat_procedure(votes, seats, first, needed, seed):
    # The quick path of allocate() (certificate, corrections, lots) against 14 kap. 3 § read
    # literally: the same seats and the same recorded lots. Small vote counts make the
    # corrections and exact ties for the last seat frequent.
    f = Fraction(first)
    names = [f"P{i}" for i in range(len(votes))]
    eligible = [v >= needed for v in votes]
    total = sum(v for v, ok in zip(votes, eligible, strict=True) if ok)
    if total == 0:
        return
    lot = Lot(seed=seed)
    reference = divisor_apportion_sequential(
        votes, seats, modified_sainte_lague(f), names=names, lot=lot, eligible=eligible
    )
    won, ties = odd_divisors_quick(
        dict(zip(names, votes, strict=True)),
        seats,
        (f.numerator, f.denominator),
        total,
        needed,
        [p for p, ok in zip(names, eligible, strict=True) if not ok],
        seed,
    )
    assert list(won.values()) == reference.seats
    assert ties == lot.ties
