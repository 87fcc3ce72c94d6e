"""Majorities, coalitions and voting power in a council, exact.

A council is seats per party and a total (the council's size; more than the parties' sum
where seats stay empty). A decision needs more than half of the total unless another quota
is given: 61 seats → 31, 65 → 33, 101 → 51.

Coalitions are enumerated depth-first with the parties in descending order of seats, so only
minimal winning ones (and the losing ones on the way) are visited. The power indices are
computed by dynamic programming over seat sums, never by enumerating permutations: the
number of coalitions of each size and seat sum is counted once for the whole council, and
each party's share is read off by dividing its own factor out again. That is O(n² · S)
integer operations for n parties and S seats (101 seats and 12 parties: well under a
millisecond per party). Every index is an exact :class:`~fractions.Fraction`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import factorial, gcd

from folkvald.seatmath.errors import SeatMathError

__all__ = [
    "MAX_COALITIONS",
    "CoalitionStatus",
    "PowerIndices",
    "banzhaf",
    "coalition",
    "majority_line",
    "minimal_connected_winning_coalitions",
    "minimal_winning_coalitions",
    "power_indices",
    "shapley_shubik",
]


#: At most this many minimal winning coalitions are listed (a council has a few dozen).
MAX_COALITIONS = 100_000

#: Power indices are computed over seat sums up to this (the riksdag has 349 seats).
MAX_SEATS = 100_000


@dataclass(frozen=True, slots=True)
class CoalitionStatus:
    """A set of parties in a council: its seats and whether they are a majority.

    ``margin`` is ``seats - quota``: 0 or more is a majority with that many seats to spare
    (Huddinge 2022, 32 of 61: quota 31, margin 1); below 0 it is the seats lacking (26: −5).
    """

    parties: tuple[str, ...]
    seats: int
    total: int
    quota: int
    majority: bool
    margin: int
    opposition: int

    def as_dict(self) -> dict[str, object]:
        return {
            "parties": list(self.parties),
            "seats": self.seats,
            "total": self.total,
            "quota": self.quota,
            "majority": self.majority,
            "margin": self.margin,
            "opposition": self.opposition,
        }


@dataclass(frozen=True, slots=True)
class PowerIndices:
    """Banzhaf and Shapley–Shubik indices of every party, exact.

    ``swings[p]`` counts the coalitions of the other parties that lose without ``p`` and win
    with it (Banzhaf's raw swings, η). ``banzhaf`` is η normalised to sum to 1;
    ``banzhaf_raw`` is η / 2ⁿ⁻¹ over the n parties with seats (Penrose–Banzhaf: the chance
    that the party decides a vote when everyone votes at random). ``shapley_shubik`` is the
    share of the orders of joining in which the party brings the coalition over the quota.
    A party without seats is no player: it has 0 everywhere and is not counted in n, so
    adding one changes nobody's figures.
    """

    quota: int
    total: int
    swings: dict[str, int]
    banzhaf: dict[str, Fraction]
    banzhaf_raw: dict[str, Fraction]
    shapley_shubik: dict[str, Fraction]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: fractions as ``"num/den"`` strings, never floats."""
        return {
            "quota": self.quota,
            "total": self.total,
            "swings": dict(self.swings),
            "banzhaf": {p: _fraction_text(v) for p, v in self.banzhaf.items()},
            "banzhaf_raw": {p: _fraction_text(v) for p, v in self.banzhaf_raw.items()},
            "shapley_shubik": {p: _fraction_text(v) for p, v in self.shapley_shubik.items()},
        }


def _fraction_text(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


# ---------------------------------------------------------------------------- validation


def majority_line(total: int) -> int:
    """The smallest number of seats that is more than half of ``total``."""
    if isinstance(total, bool) or not isinstance(total, int) or total < 1:
        raise SeatMathError(
            f"the council's size must be a whole number of at least 1, not {total!r}"
        )
    return total // 2 + 1


def _council(
    seats: Mapping[str, int], total: int | None, quota: int | None
) -> tuple[dict[str, int], int, int]:
    """Checked seats, total and quota."""
    checked: dict[str, int] = {}
    for party, count in seats.items():
        if not isinstance(party, str) or not party:
            raise SeatMathError(f"a party must be named by a non-empty string, not {party!r}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise SeatMathError(
                f"seats of {party} must be a whole number of at least 0, not {count!r}"
            )
        checked[party] = count
    if not checked:
        raise SeatMathError("no parties")
    held = sum(checked.values())
    if total is None:
        total = held
    line = majority_line(total)
    if held > total:
        raise SeatMathError(f"the parties hold {held} seats, more than the council's {total}")
    if quota is None:
        quota = line
    elif isinstance(quota, bool) or not isinstance(quota, int) or not 1 <= quota <= total:
        raise SeatMathError(f"the quota must be a whole number from 1 to {total}, not {quota!r}")
    return checked, total, quota


def _known(seats: Mapping[str, int], parties: Iterable[str], what: str) -> list[str]:
    named = list(dict.fromkeys(parties))
    unknown = [p for p in named if p not in seats]
    if unknown:
        raise SeatMathError(f"unknown {what}: {', '.join(unknown)}")
    return named


def _status(
    seats: Mapping[str, int], parties: Iterable[str], total: int, quota: int
) -> CoalitionStatus:
    members = tuple(parties)
    held = sum(seats[p] for p in members)
    return CoalitionStatus(
        parties=members,
        seats=held,
        total=total,
        quota=quota,
        majority=held >= quota,
        margin=held - quota,
        opposition=sum(seats.values()) - held,
    )


# ---------------------------------------------------------------------------- coalitions


def coalition(
    seats: Mapping[str, int],
    parties: Iterable[str],
    *,
    total: int | None = None,
    quota: int | None = None,
) -> CoalitionStatus:
    """Seats, majority and margin of a set of parties (in the order given)."""
    checked, total, quota = _council(seats, total, quota)
    members = _known(checked, parties, "party")
    return _status(checked, members, total, quota)


def minimal_winning_coalitions(
    seats: Mapping[str, int],
    *,
    total: int | None = None,
    quota: int | None = None,
    exclude: Iterable[str] = (),
    require: Iterable[str] = (),
    order: Sequence[str] | None = None,
    connected: bool = False,
    limit: int = MAX_COALITIONS,
) -> list[CoalitionStatus]:
    """Every coalition that reaches the quota and needs each of its members.

    ``exclude`` leaves out every coalition with one of those parties ("not with SD").
    ``require`` keeps only coalitions with all those parties ("with S and MP"); they are then
    minimal in the parties added to them: none of the others could leave and the rest still
    reach the quota (if the required parties reach it alone, that is the only answer).
    ``connected`` keeps only coalitions whose parties sit side by side on ``order`` (a
    left–right order of the parties with seats). Parties without seats are never members.

    Sorted by number of parties, then by seats (most first); members by seats, most first.
    More than ``limit`` coalitions (only with very many small parties) is an error, not a
    wait: narrow the search with ``exclude`` or ``require``.
    """
    checked, total, quota = _council(seats, total, quota)
    excluded = set(_known(checked, exclude, "party to exclude"))
    required = _known(checked, require, "required party")
    clash = [p for p in required if p in excluded]
    if clash:
        raise SeatMathError(f"both required and excluded: {', '.join(clash)}")
    position: dict[str, int] = {}
    if connected:
        if order is None:
            raise SeatMathError("connected coalitions need a left–right order of the parties")
        position = _positions(checked, order)

    rank = {p: i for i, p in enumerate(checked)}
    candidates = sorted(
        (p for p in checked if checked[p] > 0 and p not in excluded and p not in required),
        key=lambda p: (-checked[p], rank[p]),
    )
    weights = [checked[p] for p in candidates]
    # suffix[i]: the seats of candidates[i:], to stop where even all of them cannot win.
    suffix = [0] * (len(weights) + 1)
    for i in range(len(weights) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + weights[i]

    base = sum(checked[p] for p in required)
    found: list[list[str]] = []
    if base >= quota:
        found.append([])
    else:
        chosen: list[str] = []

        def extend(start: int, held: int) -> None:
            # Invariant: held < quota. The candidates come in descending order of seats, so
            # the one added last is the smallest added, and the coalition is minimal exactly
            # when it wins only with it.
            for i in range(start, len(candidates)):
                if held + suffix[i] < quota:
                    return
                with_it = held + weights[i]
                chosen.append(candidates[i])
                if with_it >= quota:
                    found.append(list(chosen))
                    if len(found) > limit:
                        raise SeatMathError(
                            f"more than {limit} minimal winning coalitions: "
                            "narrow the search with exclude or require"
                        )
                else:
                    extend(i + 1, with_it)
                chosen.pop()

        extend(0, base)

    results = []
    for added in found:
        members = sorted([*required, *added], key=lambda p: (-checked[p], rank[p]))
        if connected and not _is_connected(members, position, checked):
            continue
        results.append(_status(checked, members, total, quota))
    results.sort(key=lambda c: (len(c.parties), -c.seats, [rank[p] for p in c.parties]))
    return results


def minimal_connected_winning_coalitions(
    seats: Mapping[str, int],
    order: Sequence[str],
    *,
    total: int | None = None,
    quota: int | None = None,
    exclude: Iterable[str] = (),
    require: Iterable[str] = (),
) -> list[CoalitionStatus]:
    """Axelrod's minimal connected winning coalitions on a left–right ``order``.

    A run of neighbouring parties (those without seats skipped) that reaches the quota and
    would not if either end left, unless that end is required. Unlike
    ``minimal_winning_coalitions(..., connected=True)`` a member may be there only to join
    its neighbours. A run cannot reach across an excluded party.
    """
    checked, total, quota = _council(seats, total, quota)
    excluded = set(_known(checked, exclude, "party to exclude"))
    required = set(_known(checked, require, "required party"))
    clash = sorted(required & excluded)
    if clash:
        raise SeatMathError(f"both required and excluded: {', '.join(clash)}")
    position = _positions(checked, order)
    line = sorted((p for p in checked if checked[p] > 0), key=lambda p: position[p])
    results = []
    for first in range(len(line)):
        held = 0
        for last in range(first, len(line)):
            if line[last] in excluded:
                break
            held += checked[line[last]]
            run = line[first : last + 1]
            if held < quota or not required <= set(run):
                continue
            drop_first = line[first] not in required and held - checked[line[first]] >= quota
            drop_last = line[last] not in required and held - checked[line[last]] >= quota
            if not (drop_first or drop_last):
                results.append(_status(checked, run, total, quota))
            # A longer run from the same start could lose its right end (not required, as
            # this run already holds every required party) and still win: not minimal.
            break
    return results


def _positions(seats: Mapping[str, int], order: Sequence[str]) -> dict[str, int]:
    if isinstance(order, str):
        raise SeatMathError("the left–right order must be a list of parties, not one string")
    named = _known(seats, order, "party in the left–right order")
    missing = [p for p in seats if seats[p] > 0 and p not in named]
    if missing:
        raise SeatMathError(f"the left–right order lacks {', '.join(missing)}")
    return {p: i for i, p in enumerate(named)}


def _is_connected(
    members: Sequence[str], position: Mapping[str, int], seats: Mapping[str, int]
) -> bool:
    """Whether no party with seats sits on the order between two members."""
    places = sorted(position[p] for p in members)
    if not places:
        return True
    inside = set(members)
    return all(
        p in inside
        for p, at in position.items()
        if places[0] <= at <= places[-1] and seats.get(p, 0) > 0
    )


# ---------------------------------------------------------------------------- power


def power_indices(
    seats: Mapping[str, int], *, total: int | None = None, quota: int | None = None
) -> PowerIndices:
    """Banzhaf (swings, normalised, raw) and Shapley–Shubik indices of every party."""
    checked, total, quota = _council(seats, total, quota)
    given_quota = quota
    players = [p for p in checked if checked[p] > 0]
    if sum(checked[p] for p in players) < quota:
        raise SeatMathError(
            f"no coalition reaches {quota} seats: the parties hold {sum(checked.values())}"
        )
    n = len(players)
    # Only whole multiples of the common divisor of the seats can be held: count in those.
    unit = gcd(*(checked[p] for p in players))
    weights = [checked[p] // unit for p in players]
    quota = -(-quota // unit)
    held = sum(weights)
    if held > MAX_SEATS:
        raise SeatMathError(f"power indices are computed for at most {MAX_SEATS} seats")
    # count[k][s]: coalitions of k parties (of all n) holding s seats.
    count = [[0] * (held + 1) for _ in range(n + 1)]
    count[0][0] = 1
    for m, w in enumerate(weights):
        for k in range(m + 1, 0, -1):
            above, row = count[k - 1], count[k]
            for s in range(held, w - 1, -1):
                if above[s - w]:
                    row[s] += above[s - w]

    swings: dict[str, int] = {p: 0 for p in checked}
    shapley: dict[str, Fraction] = {p: Fraction(0) for p in checked}
    n_factorial = factorial(n)
    order_weights = [factorial(k) * factorial(n - k - 1) for k in range(n)]
    by_weight: dict[int, tuple[int, Fraction]] = {}
    for party, w in zip(players, weights, strict=True):
        if w not in by_weight:
            by_weight[w] = _pivots(count, n, held, w, quota, order_weights, n_factorial)
        swings[party], shapley[party] = by_weight[w]

    all_swings = sum(swings.values())
    raw_denominator = 2 ** (n - 1)
    return PowerIndices(
        quota=given_quota,
        total=total,
        swings=swings,
        banzhaf={p: Fraction(swings[p], all_swings) for p in checked},
        banzhaf_raw={p: Fraction(swings[p], raw_denominator) for p in checked},
        shapley_shubik=shapley,
    )


def _pivots(
    count: list[list[int]],
    n: int,
    held: int,
    w: int,
    quota: int,
    order_weights: list[int],
    n_factorial: int,
) -> tuple[int, Fraction]:
    """Swings and Shapley–Shubik value of a party with ``w`` seats.

    The coalitions of the others are those of everyone with this party's factor divided out:
    others[k][s] = count[k][s] - others[k-1][s-w], from the smallest k and s up. The party
    swings in a coalition of the others with quota - w <= s < quota seats.
    """
    low = max(quota - w, 0)
    swings = 0
    weighted = 0
    previous = [0] * (held + 1)
    for k in range(n):
        row = count[k]
        current = [row[s] - (previous[s - w] if s >= w else 0) for s in range(held + 1)]
        pivotal = sum(current[low:quota])
        swings += pivotal
        weighted += pivotal * order_weights[k]
        previous = current
    return swings, Fraction(weighted, n_factorial)


def banzhaf(
    seats: Mapping[str, int], *, total: int | None = None, quota: int | None = None
) -> dict[str, Fraction]:
    """The normalised Banzhaf index of every party."""
    return power_indices(seats, total=total, quota=quota).banzhaf


def shapley_shubik(
    seats: Mapping[str, int], *, total: int | None = None, quota: int | None = None
) -> dict[str, Fraction]:
    """The Shapley–Shubik index of every party."""
    return power_indices(seats, total=total, quota=quota).shapley_shubik
