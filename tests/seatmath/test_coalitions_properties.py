"""Properties of coalitions and power indices, checked against brute force on small councils."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from folkvald.seatmath.coalitions import (
    minimal_connected_winning_coalitions,
    minimal_winning_coalitions,
    power_indices,
)

NAMES = "ABCDEFGH"


@st.composite
def councils(draw: st.DrawFn, max_parties: int = 6) -> tuple[dict[str, int], int]:
    """Seats per party (some may hold none) and a quota from 1 to the seats held."""
    weights = draw(st.lists(st.integers(0, 12), min_size=1, max_size=max_parties))
    if sum(weights) == 0:
        weights[0] = 1
    seats = dict(zip(NAMES, weights, strict=False))
    quota = draw(st.integers(1, sum(weights)))
    return seats, quota


def subsets(parties: list[str]) -> list[tuple[str, ...]]:
    return [c for k in range(len(parties) + 1) for c in combinations(parties, k)]


def brute_swings(seats: dict[str, int], quota: int) -> dict[str, int]:
    """Swings counted among the parties with seats (a party without is no player)."""
    swings = {}
    for party in seats:
        others = [p for p in seats if p != party and seats[p] > 0]
        swings[party] = sum(
            1
            for group in subsets(others)
            if sum(seats[p] for p in group) < quota <= sum(seats[p] for p in group) + seats[party]
        )
    return swings


def brute_shapley(seats: dict[str, int], quota: int) -> dict[str, Fraction]:
    pivots = dict.fromkeys(seats, 0)
    orders = list(permutations(seats))
    for order in orders:
        held = 0
        for party in order:
            held += seats[party]
            if held >= quota:
                pivots[party] += 1
                break
    return {p: Fraction(pivots[p], len(orders)) for p in seats}


@settings(max_examples=150, deadline=None)
@given(councils())
def test_indices_agree_with_brute_force(council: tuple[dict[str, int], int]) -> None:
    seats, quota = council
    power = power_indices(seats, quota=quota)
    assert power.swings == brute_swings(seats, quota)
    assert power.shapley_shubik == brute_shapley(seats, quota)
    holders = sum(1 for w in seats.values() if w > 0)
    assert power.banzhaf_raw == {p: Fraction(power.swings[p], 2 ** (holders - 1)) for p in seats}


@settings(max_examples=150, deadline=None)
@given(councils(max_parties=8))
def test_indices_sum_to_one_and_dummies_get_nothing(council: tuple[dict[str, int], int]) -> None:
    seats, quota = council
    power = power_indices(seats, quota=quota)
    assert sum(power.banzhaf.values()) == 1
    assert sum(power.shapley_shubik.values()) == 1
    for party, weight in seats.items():
        if weight == 0:
            assert power.swings[party] == 0 and power.shapley_shubik[party] == 0
        # A dummy for one index is a dummy for the other.
        assert (power.swings[party] == 0) == (power.shapley_shubik[party] == 0)


@settings(max_examples=150, deadline=None)
@given(councils(max_parties=8))
def test_equal_seats_equal_power_and_more_seats_no_less(
    council: tuple[dict[str, int], int],
) -> None:
    seats, quota = council
    power = power_indices(seats, quota=quota)
    for a in seats:
        for b in seats:
            if seats[a] == seats[b]:
                assert power.banzhaf[a] == power.banzhaf[b]
                assert power.shapley_shubik[a] == power.shapley_shubik[b]
            if seats[a] >= seats[b]:
                assert power.swings[a] >= power.swings[b]
                assert power.shapley_shubik[a] >= power.shapley_shubik[b]


@settings(max_examples=100, deadline=None)
@given(councils(), st.integers(0, 5))
def test_a_party_without_seats_changes_nobody_s_power(
    council: tuple[dict[str, int], int], extra: int
) -> None:
    seats, quota = council
    before = power_indices(seats, quota=quota)
    after = power_indices({**seats, "Z": 0}, quota=quota, total=sum(seats.values()) + extra)
    for party in seats:
        assert after.banzhaf[party] == before.banzhaf[party]
        assert after.banzhaf_raw[party] == before.banzhaf_raw[party]
        assert after.swings[party] == before.swings[party]
        assert after.shapley_shubik[party] == before.shapley_shubik[party]


def brute_minimal(
    seats: dict[str, int],
    quota: int,
    exclude: set[str],
    require: set[str],
    order: list[str] | None,
) -> set[frozenset[str]]:
    holders = [p for p in seats if seats[p] > 0]
    found = set()
    for group in subsets(holders):
        members = set(group)
        held = sum(seats[p] for p in members)
        if held < quota or members & exclude or not require <= members:
            continue
        if any(held - seats[p] >= quota for p in members - require):
            continue
        if order is not None:
            places = sorted(order.index(p) for p in members)
            between = {order[i] for i in range(places[0], places[-1] + 1)} if places else set()
            if any(seats[p] > 0 and p not in members for p in between):
                continue
        found.add(frozenset(members))
    return found


@settings(max_examples=150, deadline=None)
@given(councils(), st.data())
def test_minimal_winning_coalitions_agree_with_brute_force(
    council: tuple[dict[str, int], int], data: st.DataObject
) -> None:
    seats, quota = council
    parties = list(seats)
    exclude = set(data.draw(st.lists(st.sampled_from(parties), max_size=2)))
    require = set(data.draw(st.lists(st.sampled_from(parties), max_size=2))) - exclude
    require = {p for p in require if seats[p] > 0}
    order = data.draw(st.permutations(parties))
    connected = data.draw(st.booleans())
    found = minimal_winning_coalitions(
        seats,
        quota=quota,
        exclude=exclude,
        require=require,
        order=order if connected else None,
        connected=connected,
    )
    assert {frozenset(c.parties) for c in found} == brute_minimal(
        seats, quota, exclude, require, order if connected else None
    )
    assert len(found) == len({frozenset(c.parties) for c in found})  # no coalition twice
    for c in found:
        assert c.majority and c.seats == sum(seats[p] for p in c.parties) and c.margin >= 0


@settings(max_examples=150, deadline=None)
@given(councils(), st.data())
def test_minimal_connected_winning_agrees_with_brute_force(
    council: tuple[dict[str, int], int], data: st.DataObject
) -> None:
    seats, quota = council
    parties = list(seats)
    order = data.draw(st.permutations(parties))
    exclude = set(data.draw(st.lists(st.sampled_from(parties), max_size=1)))
    require = {p for p in data.draw(st.lists(st.sampled_from(parties), max_size=1)) if seats[p] > 0}
    require -= exclude
    line = [p for p in order if seats[p] > 0]
    expected = set()
    for first in range(len(line)):
        for last in range(first, len(line)):
            run = line[first : last + 1]
            held = sum(seats[p] for p in run)
            if held < quota or set(run) & exclude or not require <= set(run):
                continue
            ends = {run[0], run[-1]} - require
            if all(held - seats[p] < quota for p in ends):
                expected.add(tuple(run))
    found = minimal_connected_winning_coalitions(
        seats, order, quota=quota, exclude=exclude, require=require
    )
    assert {c.parties for c in found} == expected


@settings(max_examples=100, deadline=None)
@given(councils(), st.integers(2, 7))
def test_scaling_seats_and_quota_changes_no_index(
    council: tuple[dict[str, int], int], k: int
) -> None:
    seats, quota = council
    before = power_indices(seats, quota=quota)
    after = power_indices({p: w * k for p, w in seats.items()}, quota=quota * k)
    assert after.swings == before.swings
    assert after.banzhaf == before.banzhaf
    assert after.shapley_shubik == before.shapley_shubik
