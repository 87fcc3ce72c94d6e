"""The councils pages' hot paths on the Huddinge 2022 demo council (61 seats, 10 parties, 8 committees).

    .venv/bin/python benchmarks/bench_councils.py

Prints the median wall time of:
1. the coalition finder (every minimal winning coalition with exclude/require/connected, both power
   indices) through `selectors.coalition_search`, against a straightforward peer in the same run:
   every one of the 2^10 subsets checked for winning and minimal, Banzhaf by counting swings over all
   subsets and Shapley–Shubik over all 10! orders (exact Fractions). The script checks both agree.
2. the full council page and its htmx fragment (Django test client, SQLite);
3. a scenario page's computation (8 committees, members and substitutes, and the attendance what-if),
4. the best arrangement for the bloc S, C, MP, HP, V with `best_response`, uncached and from the cache.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from fractions import Fraction
from itertools import combinations, permutations
from pathlib import Path


def timed(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peer(seats: dict[str, int], quota: int, exclude=(), require=()):
    """Brute force over all subsets and all orders."""
    parties = list(seats)
    winning = []
    for size in range(1, len(parties) + 1):
        for members in combinations(parties, size):
            total = sum(seats[p] for p in members)
            if total < quota or set(members) & set(exclude) or not set(require) <= set(members):
                continue
            optional = [p for p in members if p not in require]
            if all(total - seats[p] < quota for p in optional):
                winning.append(frozenset(members))
    swings = dict.fromkeys(parties, 0)
    for size in range(len(parties) + 1):
        for members in combinations(parties, size):
            total = sum(seats[p] for p in members)
            if total >= quota:
                for p in members:
                    if total - seats[p] < quota:
                        swings[p] += 1
    all_swings = sum(swings.values())
    banzhaf = {p: Fraction(swings[p], all_swings) for p in parties}
    pivots = dict.fromkeys(parties, 0)
    count = 0
    for order in permutations(parties):
        count += 1
        total = 0
        for p in order:
            total += seats[p]
            if total >= quota:
                pivots[p] += 1
                break
    shapley = {p: Fraction(pivots[p], count) for p in parties}
    return winning, banzhaf, shapley


def main() -> int:
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folkvald.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from folkvald.councils import demo, selectors
    from folkvald.councils.models import Council, Scenario
    from folkvald.organisations import demo as organisations_demo
    from folkvald.organisations.demo import DemoContext

    context = DemoContext()
    organisations_demo.load(context)
    demo.load(context)
    council_id = Council.objects.get(municipality_id="0126", period_start=2022).pk
    council = selectors.council_detail(council_id=council_id)
    seats = selectors.seats_map(council)

    result = selectors.coalition_search(council=council, exclude=["SD"], require=["S"])
    winning, banzhaf, shapley = peer(seats, 31, exclude=["SD"], require=["S"])
    assert {frozenset(c.parties) for c in result.coalitions} == set(winning)
    everyone = selectors.coalition_search(council=council)
    assert {row.abbreviation: row.banzhaf for row in everyone.power} == banzhaf
    assert {row.abbreviation: row.shapley_shubik for row in everyone.power} == shapley

    ours = timed(lambda: selectors.coalition_search(council=council, exclude=["SD"], require=["S"], connected=False))
    theirs = timed(lambda: peer(seats, 31, exclude=["SD"], require=["S"]), repeat=3)
    print("Huddinge 2022, 10 parties, 61 seats")
    print(f"  coalition finder (folkvald):          {ours * 1000:8.1f} ms")
    print(f"  coalition finder (brute force peer):  {theirs * 1000:8.1f} ms   ({theirs / ours:.0f}x)")

    client = Client()
    url = f"/fullmaktige/{council_id}/"
    query = {"parties": ["S", "C", "MP", "HP", "V"], "exclude": ["SD"], "order": ""}
    page = timed(lambda: client.get(url, query))
    fragment = timed(lambda: client.get(url, query, HTTP_HX_REQUEST="true"))
    print(f"  council page, whole:                  {page * 1000:8.1f} ms")
    print(f"  council page, htmx fragment:          {fragment * 1000:8.1f} ms")

    scenario = Scenario.objects.get(council=council, name__startswith="B.")
    lists = selectors.scenario_lists(scenario)
    outcome = timed(lambda: selectors.scenario_outcome(council=council, lists=lists))
    absent = timed(lambda: selectors.scenario_outcome(council=council, lists=lists, absent={"M": 4, "S": 2}))
    print(f"  scenario, 8 committees + substitutes: {outcome * 1000:8.1f} ms")
    print(f"  scenario with members absent:         {absent * 1000:8.1f} ms")

    spec = selectors.plan_spec(council=council, bloc=["S", "C", "MP", "HP", "V"], others="best_response")

    def uncached():
        cache.clear()
        selectors.best_arrangement_cached(spec)

    cold = timed(uncached, repeat=3)
    selectors.best_arrangement_cached(spec)
    warm = timed(lambda: selectors.best_arrangement_cached(spec))
    print(f"  best arrangement, best_response:      {cold * 1000:8.1f} ms")
    print(f"  best arrangement, from the cache:     {warm * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
