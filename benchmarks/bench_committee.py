"""Committee elections: the planner's exact search, and one election, against plain peers.

    .venv/bin/python benchmarks/bench_committee.py [--quick]

1. best_arrangement for 12 parties (a bloc of 7 against 5) and 15 committees with
   "best_response" (goal: under one second), against a straightforward search in the same
   run: every bloc arrangement (877) against every answer (52) in every committee, d'Hondt
   computed afresh each time, no memoisation, no pruning. Both must give the same places.
   --quick times the straightforward search on the first 60 bloc arrangements only and
   scales the figure up (marked "estimated").
2. committee_allocate for Huddinge 2022 scenario B (11 places), against votelib's
   HighestAverages("d_hondt") on the same totals (votelib knows nothing of names, groups or
   the several-groups rule, so it does less work).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from itertools import combinations

from folkvald.seatmath import best_arrangement, committee_allocate

SEATS = {
    # bloc of 7
    "S": 23, "V": 13, "MP": 9, "C": 8, "FI": 3, "LP": 2, "PP": 1,
    # the other 5
    "M": 21, "L": 9, "SD": 7, "KD": 4, "NP": 1,
}
BLOC = ["S", "V", "MP", "C", "FI", "LP", "PP"]
OTHERS = ["M", "L", "SD", "KD", "NP"]
SIZES = [15, 13, 11, 11, 9, 9, 9, 7, 7, 7, 7, 5, 5, 5, 3]
SPEC = {
    "seats": SEATS,
    "committees": [{"name": f"Nämnd {i + 1}", "places": p} for i, p in enumerate(SIZES)],
    "bloc": BLOC,
    "others": "best_response",
}


def timed(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


# --------------------------------------------------------------------- the straightforward search


def partitions(items: Sequence[str]) -> list[list[list[str]]]:
    if not items:
        return [[]]
    first, rest = items[0], items[1:]
    out = []
    for partition in partitions(rest):
        out.append([[first], *partition])
        for index in range(len(partition)):
            out.append([*partition[:index], [first, *partition[index]], *partition[index + 1 :]])
    return out


def dhondt_bloc(bloc_totals: list[int], other_totals: list[int], places: int) -> tuple[int, int]:
    """(sure, by lot) for the bloc: plain d'Hondt, one place at a time, ties at the cut apart."""
    lists = [(total, True) for total in bloc_totals if total] + [(total, False) for total in other_totals if total]
    won = [0] * len(lists)
    for _ in range(places):
        best = 0
        for index in range(1, len(lists)):
            # total_i / (won_i + 1) > total_best / (won_best + 1), in integers
            if lists[index][0] * (won[best] + 1) > lists[best][0] * (won[index] + 1):
                best = index
        won[best] += 1
    # The last value given (the smallest total/won of the lists that won), compared exactly;
    # lists whose last or next quotient equals it share the places at the cut by lot.
    given = [i for i in range(len(lists)) if won[i]]
    low = given[0]
    for i in given[1:]:
        if lists[i][0] * won[low] < lists[low][0] * won[i]:
            low = i
    value, count = lists[low][0], won[low]
    at_cut_given = [i for i in given if lists[i][0] * count == value * won[i]]
    at_cut_next = [i for i in range(len(lists)) if lists[i][0] * count == value * (won[i] + 1)]
    left = len(at_cut_given)
    tied = at_cut_given + at_cut_next
    sure = sum(won[i] - (i in at_cut_given) for i in range(len(lists)) if lists[i][1])
    outcomes = [sum(1 for i in chosen if lists[i][1]) for chosen in combinations(tied, left)]
    return sure + min(outcomes), max(outcomes) - min(outcomes)


def straightforward(limit: int | None = None) -> tuple[tuple[int, int], int]:
    blocs = partitions(BLOC)
    if limit is not None:
        blocs = blocs[:limit]
    replies = partitions(OTHERS)
    best: tuple[int, int] | None = None
    for bloc_lists in blocs:
        bloc_totals = [sum(SEATS[p] for p in item) for item in bloc_lists]
        worst: tuple[int, int] | None = None
        for reply in replies:
            other_totals = [sum(SEATS[p] for p in item) for item in reply]
            sure = lot = 0
            for places in SIZES:
                one_sure, one_lot = dhondt_bloc(bloc_totals, other_totals, places)
                sure += one_sure
                lot += one_lot
            if worst is None or (sure, lot) < worst:
                worst = (sure, lot)
        if worst is not None and (best is None or worst > best):
            best = worst
    assert best is not None
    return best, len(blocs)


# --------------------------------------------------------------------- one election


def huddinge_b() -> dict[str, object]:
    groups = {"S+C+MP+HP+V": 32, "M": 13, "SD": 8, "DP": 3, "L": 3, "KD": 2}
    return {
        "law": "2022:629",
        "places": 11,
        "present": 61,
        "ballots": [
            {"label": label, "names": [f"{label} {i}" for i in range(1, 12)], "count": count}
            for label, count in groups.items()
        ],
    }


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    print("1. best_arrangement, 12 parties (bloc 7 vs 5), 15 committees, best_response")
    ours, result = timed(lambda: best_arrangement(SPEC), repeat=5)
    assert isinstance(result, dict)
    places = result["places"]
    print(f"   folkvald best_arrangement:   {ours * 1000:9.1f} ms  (median of 5; "
          f"{result['searched']['evaluations']} pairs evaluated of "
          f"{result['searched']['bloc_arrangements']} x {result['searched']['others_arrangements']} distinct)")
    print(f"   answer: bloc {result['bloc_lists']} sure of {places['bloc']} (+{places['bloc_by_lot']} by lot) "
          f"against {result['others_lists']}")
    limit = 60 if quick else None
    started = time.perf_counter()
    plain, searched = straightforward(limit)
    elapsed = time.perf_counter() - started
    total = len(partitions(BLOC))
    if limit is None:
        assert plain == (places["bloc"], places["bloc_by_lot"]), (plain, places)
        print(f"   straightforward search:      {elapsed * 1000:9.1f} ms  ({total} x 52 x 15 d'Hondt), same answer")
    else:
        estimate = elapsed * total / searched
        print(f"   straightforward search:      {estimate * 1000:9.1f} ms  (estimated from {searched} of {total} bloc arrangements)")
        elapsed = estimate
    print(f"   speed-up: {elapsed / ours:,.0f} x; goal under 1 s: {'met' if ours < 1 else 'NOT met'}")

    print("   30 random councils of 12 parties (1-20 members each), 15 committees of 3-21 places:")
    rng = random.Random(1)
    times = []
    for _ in range(30):
        parties = [f"P{i}" for i in range(12)]
        spec = {
            "seats": {party: rng.randint(1, 20) for party in parties},
            "committees": [{"name": f"N{i}", "places": rng.randint(3, 21)} for i in range(15)],
            "bloc": parties[:7],
            "others": "best_response",
        }
        started = time.perf_counter()
        best_arrangement(spec)
        times.append(time.perf_counter() - started)
    print(f"   folkvald best_arrangement:   {statistics.median(times) * 1000:9.1f} ms median, "
          f"{max(times) * 1000:.1f} ms slowest")

    print("2. committee_allocate, Huddinge 2022 scenario B, 11 places")
    from votelib.evaluate.proportional import HighestAverages

    election = huddinge_b()
    rounds = 2000
    ours_one, allocated = timed(lambda: [committee_allocate(election) for _ in range(rounds)], repeat=3)
    evaluator = HighestAverages("d_hondt")
    totals = {"S+C+MP+HP+V": 32, "M": 13, "SD": 8, "DP": 3, "L": 3, "KD": 2}
    theirs_one, theirs = timed(lambda: [evaluator.evaluate(totals, 11) for _ in range(rounds)], repeat=3)
    assert isinstance(allocated, list) and isinstance(theirs, list)
    assert allocated[0]["places_by_label"] == theirs[0], (allocated[0]["places_by_label"], theirs[0])
    print(f"   folkvald committee_allocate: {ours_one / rounds * 1e6:9.1f} µs per election (full output, names, table)")
    print(f"   votelib HighestAverages:     {theirs_one / rounds * 1e6:9.1f} µs per election (totals only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
