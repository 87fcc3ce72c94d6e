"""best_arrangement against a straightforward search on small councils (hypothesis)."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from folkvald.seatmath import best_arrangement
from folkvald.seatmath.planner import list_places

PARTIES = ["A", "B", "C", "D", "E", "F", "G"]


def all_partitions(items: list[str]) -> list[list[list[str]]]:
    """Set partitions, written independently of the code under test (restricted growth)."""
    result = []

    def grow(index: int, blocks: list[list[str]]) -> None:
        if index == len(items):
            result.append([list(block) for block in blocks])
            return
        for block in blocks:
            block.append(items[index])
            grow(index + 1, blocks)
            block.pop()
        blocks.append([items[index]])
        grow(index + 1, blocks)
        blocks.pop()

    grow(0, [])
    return result


def bloc_range(totals: list[tuple[bool, int]], places: int) -> tuple[int, int]:
    """(fewest, most) places of the bloc lists over every way the lots can fall."""
    quotients = sorted(
        ((Fraction(total, divisor), is_bloc) for is_bloc, total in totals if total > 0
         for divisor in range(1, places + 1)),
        key=lambda item: item[0],
        reverse=True,
    )
    cut = quotients[places - 1][0]
    above = sum(1 for value, is_bloc in quotients if value > cut and is_bloc)
    tied = [is_bloc for value, is_bloc in quotients if value == cut]
    left = places - sum(1 for value, _ in quotients if value > cut)
    outcomes = [above + sum(chosen) for chosen in combinations(tied, left)]
    return min(outcomes), max(outcomes)


def score(seats, committees, bloc_lists, others_lists) -> tuple[int, int]:
    totals = [(True, sum(seats[p] for p in item)) for item in bloc_lists]
    totals += [(False, sum(seats[p] for p in item)) for item in others_lists]
    sure = most = 0
    for places in committees:
        low, high = bloc_range(totals, places)
        sure += low
        most += high
    return sure, most - sure


@st.composite
def councils(draw: st.DrawFn) -> dict:
    count = draw(st.integers(2, 6))
    parties = PARTIES[:count]
    seats = {party: draw(st.integers(0, 12)) for party in parties}
    assume(sum(seats.values()) > 0)
    bloc_size = draw(st.integers(1, min(4, count)))
    bloc = parties[:bloc_size]
    others = parties[bloc_size:]
    assume(len(others) <= 3)
    committees = draw(st.lists(st.integers(1, 7), min_size=1, max_size=3))
    return {"seats": seats, "bloc": bloc, "others": others, "committees": committees}


def spec_for(council: dict, **extra: object) -> dict:
    return {
        "seats": council["seats"],
        "bloc": council["bloc"],
        "committees": [{"name": f"N{i}", "places": p} for i, p in enumerate(council["committees"])],
        **extra,
    }


@settings(max_examples=120, deadline=None)
@given(councils())
def test_as_is_matches_straightforward_search(council: dict) -> None:
    seats, committees = council["seats"], council["committees"]
    others_lists = [[party] for party in council["others"]]
    best = max(score(seats, committees, bloc_lists, others_lists) for bloc_lists in all_partitions(council["bloc"]))
    result = best_arrangement(spec_for(council))
    got = (result["places"]["bloc"], result["places"]["bloc_by_lot"])
    assert got == best
    assert score(seats, committees, result["bloc_lists"], result["others_lists"]) == best
    assert sum(row["bloc"] + row["others"] + row["bloc_by_lot"] + row["others_by_lot"]
               for row in result["places"]["by_committee"].values()) >= sum(committees)


@settings(max_examples=120, deadline=None)
@given(councils())
def test_best_response_matches_straightforward_search(council: dict) -> None:
    seats, committees = council["seats"], council["committees"]
    replies = all_partitions(council["others"])
    best = max(
        min(score(seats, committees, bloc_lists, reply) for reply in replies)
        for bloc_lists in all_partitions(council["bloc"])
    )
    result = best_arrangement(spec_for(council, others="best_response"))
    assert (result["places"]["bloc"], result["places"]["bloc_by_lot"]) == best
    # The others' lists shown are a worst answer to the bloc's lists shown.
    chosen = result["bloc_lists"]
    assert score(seats, committees, chosen, result["others_lists"]) == best
    assert min(score(seats, committees, chosen, reply) for reply in replies) == best


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.sampled_from(PARTIES), st.integers(1, 30), min_size=2, max_size=6),
    st.integers(1, 15),
    st.data(),
)
def test_merging_two_lists_never_costs_them_a_sure_place(totals: dict[str, int], places: int, data: st.DataObject) -> None:
    # d'Hondt rewards coalitions: when no lot falls at the cut, two lists merged get at least
    # as many places as they had apart.
    first, second = data.draw(st.lists(st.sampled_from(sorted(totals)), min_size=2, max_size=2, unique=True))
    apart = list_places(totals, places)
    merged_totals = {label: total for label, total in totals.items() if label not in (first, second)}
    merged_totals["merged"] = totals[first] + totals[second]
    merged = list_places(merged_totals, places)
    assume(apart["lot"] is None and merged["lot"] is None)
    assert merged["sure"]["merged"] >= apart["sure"][first] + apart["sure"][second]
