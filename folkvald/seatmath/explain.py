"""Why the seats fell as they did: quotient table, order, last seat, and votes lacking.

``votes_for_one_more_seat``: the smallest whole number of votes which, added to the party
alone (all other parties' votes unchanged, the valid votes growing by as many), wins it one
more seat without a lot. ``votes_to_lose_one_seat``: the smallest number of its own votes
whose loss costs it a seat without a lot. Thresholds move with the valid votes, so other
parties may fall under (or rise over) the threshold on the way; both are taken into account.
The answers are computed by formula, interval by interval between those threshold points,
and checked against recomputation by brute force in the tests. Adams' and Huntington–Hill's
first divisor 0 makes a first seat's quotient infinite (``None`` below); Huntington–Hill's
quotients are compared squared, v² / (k(k + 1)), so their thresholds are found by an
integer square root.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from folkvald.seatmath.methods import (
    DivisorSequence,
    divisor_apportion,
    fraction_text,
    ratio_text,
)

_NAMES = [str(i) for i in range(1000)]


def _nth_quotient(
    votes: Sequence[int],
    members: Sequence[bool],
    count: int,
    sequence: DivisorSequence,
    squared: bool = False,
) -> Fraction | None:
    """The ``count``-th largest quotient among ``members`` (0 if they have fewer; None if it
    is infinite, a first seat under a divisor 0); squared for a squared method."""
    if count <= 0:
        raise ValueError("count must be positive")
    n = len(votes)
    if not any(members[i] and votes[i] > 0 for i in range(n)):
        return Fraction(0)
    result = divisor_apportion(
        votes,
        count,
        sequence,
        names=_NAMES[:n],
        lot=None,
        eligible=members,
        with_order=False,
        squared=squared,
    )
    assert result.last is not None
    num, den = result.last
    return None if den == 0 else Fraction(num, den)


def _least_above(bound: Fraction, dn: int, dd: int, squared: bool) -> int:
    """The smallest whole v with quotient v·dd / dn (squared: v²·dd / dn) above ``bound``."""
    limit = bound * dn / dd
    whole = limit.numerator // limit.denominator
    return math.isqrt(whole) + 1 if squared else whole + 1


def _most_below(bound: Fraction, dn: int, dd: int, squared: bool) -> int:
    """The largest whole v ≥ 0 with quotient v·dd / dn (squared: v²·dd / dn) below ``bound``
    (> 0)."""
    limit = bound * dn / dd
    ceiling = -(-limit.numerator // limit.denominator)
    return math.isqrt(ceiling - 1) if squared else ceiling - 1


def _floor_div(a: int, b: int) -> int:
    return a // b


def votes_for_one_more(
    p: int,
    seats_held: int,
    seats: int,
    local: Sequence[int],
    overall: Sequence[int],
    valid: int,
    threshold: Fraction | None,
    sequence: DivisorSequence,
    eligible_now: Sequence[bool],
    current: Fraction | None = None,
    squared: bool = False,
) -> int | None:
    """Smallest x > 0 so that ``local[p] + x`` (and ``overall[p] + x``, ``valid + x``) wins
    ``seats_held + 1`` seats with ties against the party. None if it holds every seat, or if
    no number of votes wins it one without a lot (its next quotient is infinite and so are
    enough of the others')."""
    if seats_held >= seats:
        return None
    n = len(local)
    others = [i for i in range(n) if i != p]
    # Points where another party falls under the threshold as the valid votes grow.
    need_p = 0
    drops: dict[int, int] = {}
    if threshold is not None and threshold > 0:
        tn, td = threshold.numerator, threshold.denominator
        if td > tn:
            need_p = max(0, -((overall[p] * td - tn * valid) // (td - tn)))
        else:
            need_p = 0 if overall[p] * td >= tn * valid else -1
        for q in others:
            if eligible_now[q]:
                # q stays eligible while overall[q] * td >= tn * (valid + x)
                drops[q] = _floor_div(overall[q] * td, tn) - valid + 1
    if need_p < 0:
        return None
    points = sorted({x for x in drops.values() if x > 0})
    bounds = [1, *(x for x in points if x > 1)]
    dn, dd = sequence(seats_held)
    count = seats - seats_held
    for index, lo in enumerate(bounds):
        hi = bounds[index + 1] if index + 1 < len(bounds) else None
        o: Fraction | None
        if index == 0 and current is not None and all(x > lo for x in drops.values()):
            o = current  # nobody has fallen out yet: the others' lowest won quotient
        else:
            members = [
                (i != p and eligible_now[i] and (i not in drops or drops[i] > lo)) for i in range(n)
            ]
            o = _nth_quotient(local, members, count, sequence, squared)
        if o is None:
            continue  # the others' quotients here are infinite: never above them
        # wins once its quotient (local[p] + x) * dd / dn (∞ for dn = 0, with a vote) beats o
        needed_local = 1 if dn == 0 else _least_above(o, dn, dd, squared)
        x = max(lo, need_p, needed_local - local[p])
        if hi is None or x < hi:
            return x
    return None


def votes_to_lose_one(
    p: int,
    seats_held: int,
    seats: int,
    local: Sequence[int],
    overall: Sequence[int],
    valid: int,
    threshold: Fraction | None,
    sequence: DivisorSequence,
    eligible_now: Sequence[bool],
    current: Fraction | None = None,
    squared: bool = False,
) -> int | None:
    """Smallest y so that with ``local[p] - y`` the party holds fewer than ``seats_held``
    seats even with ties in its favour. None if it holds none."""
    if seats_held <= 0:
        return None
    n = len(local)
    others = [i for i in range(n) if i != p]
    lose_threshold: int | None = None
    enters: dict[int, int] = {}
    if threshold is not None and threshold > 0:
        tn, td = threshold.numerator, threshold.denominator
        # p falls under once (overall[p] - y) * td < tn * (valid - y)
        if td > tn:
            lose_threshold = (overall[p] * td - tn * valid) // (td - tn) + 1
        for q in others:
            if not eligible_now[q] and overall[q] > 0:
                # q is eligible once overall[q] * td >= tn * (valid - y)
                enters[q] = valid - _floor_div(overall[q] * td, tn)
    points = sorted({y for y in enters.values() if y > 0})
    bounds = [1, *points]
    dn, dd = sequence(seats_held - 1)
    best: int | None = None
    for index, lo in enumerate(bounds):
        if lo > local[p]:
            break
        hi = bounds[index + 1] if index + 1 < len(bounds) else None
        o: Fraction | None
        if index == 0 and current is not None and all(y > lo for y in enters.values()):
            o = current  # nobody has come in yet: the others' highest quotient left out
        else:
            members = [
                (i != p and (eligible_now[i] or (i in enters and enters[i] <= lo)))
                for i in range(n)
            ]
            o = _nth_quotient(local, members, seats - seats_held + 1, sequence, squared)
        if dn == 0 or o is None:
            # dn = 0: its last seat is a first seat, with an infinite quotient while it has a
            # vote: it goes with the last vote. o infinite: the others fill the seats already.
            y = max(lo, local[p]) if dn == 0 else lo
            if hi is None or y < hi:
                best = y
                break
            continue
        if o == 0:
            # Nobody else can take a seat here: the party keeps its seats while it has votes.
            y = max(lo, local[p])
            if hi is None or y < hi:
                best = y
                break
            continue
        # loses once its quotient (local[p] - y) * dd / dn falls below o
        keep_max = _most_below(o, dn, dd, squared)
        y = max(lo, local[p] - keep_max)
        if y <= local[p] and (hi is None or y < hi):
            best = y
            break
    if lose_threshold is not None and 0 < lose_threshold <= local[p]:
        best = lose_threshold if best is None else min(best, lose_threshold)
    return best


def explain_divisor(
    names: Sequence[str],
    local: Sequence[int],
    overall: Sequence[int],
    valid: int,
    seats: int,
    won: Sequence[int],
    order: Sequence[tuple[int, int, int]],
    sequence: DivisorSequence,
    threshold: Fraction | None,
    eligible: Sequence[bool],
    *,
    margins: bool = True,
    squared: bool = False,
) -> dict[str, Any]:
    """The explanation of one divisor-method distribution (``squared``: Huntington–Hill,
    whose table then holds the squared quotients v² / (k(k+1)), as compared)."""
    n = len(names)
    columns = min(max(won, default=0) + 1, seats + 1)
    table: dict[str, list[str]] = {}
    for i in range(n):
        if not eligible[i]:
            continue
        row = []
        for k in range(columns):
            dn, dd = sequence(k)
            v = local[i] * local[i] if squared else local[i]
            row.append("∞" if dn == 0 else ratio_text(v * dd, dn))
        table[names[i]] = row
    steps = []
    seen = [0] * n
    for k, (i, num, den) in enumerate(order):
        text = table[names[i]][seen[i]] if seen[i] < columns else _text(num, den)
        seen[i] += 1
        steps.append({"seat": k + 1, "party": names[i], "quotient": text})
    runner: dict[str, Any] | None = None
    best: Fraction | None = None
    for i in range(n):
        if not eligible[i] or local[i] == 0:
            continue
        dn, dd = sequence(won[i])
        v = local[i] * local[i] if squared else local[i]
        q = Fraction(v * dd, dn) if dn else None
        if q is None:
            continue
        if best is None or q > best:
            best = q
            runner = {"party": names[i], "quotient": fraction_text(q), "seat": seats + 1}
    explanation: dict[str, Any] = {
        "quotients": table,
        "divisors": [_divisor_text(sequence(k)) for k in range(columns)],
        "order": steps,
        "last_seat": steps[-1] if steps else None,
        "runner_up": runner,
    }
    if squared:
        explanation["squared_quotients"] = True
    if margins:
        more: dict[str, int | None] = {}
        less: dict[str, int | None] = {}
        # The others' lowest won and highest next quotients, from this distribution: the top
        # quotients of the other parties are exactly the seats they won.
        lows: list[tuple[Fraction, int]] = []
        highs: list[tuple[Fraction, int]] = []
        finite = True
        for i in range(n):
            if not eligible[i] or local[i] == 0:
                continue
            v = local[i] * local[i] if squared else local[i]
            dn, dd = sequence(won[i])
            if dn == 0:
                finite = False
                break
            highs.append((Fraction(v * dd, dn), i))
            if won[i]:
                dn, dd = sequence(won[i] - 1)
                if dn == 0:
                    finite = False
                    break
                lows.append((Fraction(v * dd, dn), i))
        lows.sort()
        highs.sort(reverse=True)
        for i in range(n):
            low = next((q for q, j in lows if j != i), None) if finite else None
            high = next((q for q, j in highs if j != i), Fraction(0)) if finite else None
            more[names[i]] = votes_for_one_more(
                i, won[i], seats, local, overall, valid, threshold, sequence, eligible, low, squared
            )
            less[names[i]] = votes_to_lose_one(
                i,
                won[i],
                seats,
                local,
                overall,
                valid,
                threshold,
                sequence,
                eligible,
                high,
                squared,
            )
        explanation["votes_for_one_more_seat"] = more
        explanation["votes_to_lose_one_seat"] = less
    return explanation


def _text(num: int, den: int) -> str:
    return "∞" if den == 0 else fraction_text(Fraction(num, den))


def _divisor_text(divisor: tuple[int, int]) -> str:
    return fraction_text(Fraction(divisor[0], divisor[1]))
