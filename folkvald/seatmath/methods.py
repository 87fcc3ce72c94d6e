"""Apportionment methods, exact: divisor methods and largest remainder.

Every comparison that decides a seat is made on integers: a quotient ``v / d`` with the
divisor ``d = num / den`` is kept as the pair ``(v * den, num)`` and two quotients are
compared cross-multiplied, so no Fraction is built in the hot loop and no float is ever
used. Equal numbers are ties: they are reported and decided by a recorded lot
(:class:`Lot`), drawn from a seed or taken from lots already drawn in reality.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from folkvald.seatmath.errors import SeatMathError

#: The seed of the lot when the caller names none, so that every result can be repeated.
DEFAULT_SEED = 1

#: A divisor as an exact fraction ``num / den`` (``num`` may be 0: the quotient is infinite).
Divisor = tuple[int, int]
#: The divisor for a party that already holds ``k`` seats.
DivisorSequence = Callable[[int], Divisor]


# --------------------------------------------------------------------------- the lot


@dataclass
class Lot:
    """The lot of 14 kap. 2 § vallagen: seeded, recorded, or taken from lots already drawn.

    ``drawn`` holds lots decided in reality, each ``{"between": [...], "winners": [...]}``
    with an optional ``"constituency"`` and ``"stage"``; a tie between exactly those
    candidates for exactly that many seats takes the recorded winners instead of the seed.
    """

    seed: int = DEFAULT_SEED
    drawn: list[Mapping[str, Any]] = field(default_factory=list)
    ties: list[dict[str, Any]] = field(default_factory=list)
    _rng: random.Random | None = field(init=False, repr=False, default=None)
    _used: set[int] = field(init=False, repr=False, default_factory=set)

    def __post_init__(self) -> None:
        self._rng = None  # seeded on the first draw: most elections need none

    def draw(
        self,
        between: Sequence[str],
        places: int,
        *,
        stage: str,
        constituency: str | None = None,
        quotient: Fraction | None = None,
        seat: int | None = None,
        value_key: str = "quotient",
    ) -> list[str]:
        """Choose ``places`` of the equal ``between`` and record the tie."""
        candidates = sorted(between)
        winners: list[str] | None = None
        decided_by = "lot"
        for index, preset in enumerate(self.drawn):
            if index in self._used:
                continue
            if sorted(preset["between"]) != candidates or len(preset["winners"]) != places:
                continue
            if preset.get("constituency") not in (None, constituency):
                continue
            if preset.get("stage") not in (None, stage):
                continue
            self._used.add(index)
            winners = [str(w) for w in preset["winners"]]
            decided_by = "input"
            break
        if winners is None:
            if self._rng is None:
                self._rng = random.Random(self.seed)
            winners = self._rng.sample(candidates, places)
        record: dict[str, Any] = {
            "stage": stage,
            "between": candidates,
            "places": places,
            "winners": winners,
            "decided_by": decided_by,
        }
        if decided_by == "lot":
            record["seed"] = self.seed
        if constituency is not None:
            record["constituency"] = constituency
        if seat is not None:
            record["seat"] = seat
        if quotient is not None:
            record[value_key] = fraction_text(quotient)
        self.ties.append(record)
        return winners


def fraction_text(value: Fraction) -> str:
    """An exact fraction as text: ``"21827.5"`` when it ends, else ``"8731/3"``."""
    return ratio_text(value.numerator, value.denominator)


def ratio_text(num: int, den: int) -> str:
    """``num / den`` (den > 0) as :func:`fraction_text` writes it, without a Fraction."""
    g = math.gcd(num, den)
    if g != 1:
        num //= g
        den //= g
    if den == 1:
        return str(num)
    rest = den
    twos = fives = 0
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return f"{num}/{den}"
    places = max(twos, fives)
    scaled = num * 10**places // den
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


# --------------------------------------------------------------------------- divisor methods


def _dhondt(k: int) -> Divisor:
    return (k + 1, 1)


def _sainte_lague(k: int) -> Divisor:
    return (2 * k + 1, 1)


def _danish(k: int) -> Divisor:
    return (3 * k + 1, 1)


def _imperiali(k: int) -> Divisor:
    return (k + 2, 1)


def _adams(k: int) -> Divisor:
    return (k, 1)


@functools.lru_cache(maxsize=64)
def modified_sainte_lague(first: Fraction) -> DivisorSequence:
    """Sainte-Laguë with the first divisor ``first`` (1.4 up to 2014, 1.2 from 2018: 14 kap. 3 §)."""
    if first <= 0:
        raise SeatMathError(f"the first divisor must be positive, not {first}")
    num, den = first.numerator, first.denominator

    def sequence(k: int) -> Divisor:
        return (num, den) if k == 0 else (2 * k + 1, 1)

    _ODD_FIRST[sequence] = (num, den)
    return sequence


#: Sequences 1st divisor, 3, 5, 7, ...: recognised for the fast path of the Swedish method.
_ODD_FIRST: dict[DivisorSequence, tuple[int, int]] = {}


def first_seat_divisor(first: Fraction, then: DivisorSequence) -> DivisorSequence:
    """``then`` with its first divisor replaced (placement of adjustment seats uses 1)."""
    num, den = first.numerator, first.denominator

    def sequence(k: int) -> Divisor:
        return (num, den) if k == 0 else then(k)

    return sequence


@dataclass(frozen=True)
class DivisorMethod:
    """A divisor method by name. Huntington–Hill compares squared quotients (its divisors
    √(k(k+1)) are irrational); that keeps it exact and orders the parties the same way."""

    name: str
    sequence: DivisorSequence
    squared: bool = False
    #: Divisors close to 2k + 1: the rounded quota is a good first guess.
    rounding: bool = False

    def divisor(self, k: int) -> Fraction:
        num, den = self.sequence(k)
        return Fraction(num, den)


DIVISOR_METHODS: dict[str, Callable[[Fraction | None], DivisorMethod]] = {
    "dhondt": lambda _f: DivisorMethod("dhondt", _dhondt),
    "sainte-lague": lambda f: (
        DivisorMethod("sainte-lague", _sainte_lague, rounding=True)
        if f is None or f == 1
        else DivisorMethod("modified-sainte-lague", modified_sainte_lague(f), rounding=True)
    ),
    "modified-sainte-lague": lambda f: DivisorMethod(
        "modified-sainte-lague",
        modified_sainte_lague(Fraction(7, 5) if f is None else f),
        rounding=True,
    ),
    "danish": lambda _f: DivisorMethod("danish", _danish),
    "imperiali": lambda _f: DivisorMethod("imperiali", _imperiali),
    "huntington-hill": lambda _f: DivisorMethod(
        "huntington-hill", lambda k: (k * (k + 1), 1), squared=True
    ),
    "adams": lambda _f: DivisorMethod("adams", _adams),
}

#: Other spellings accepted for the names above.
METHOD_ALIASES = {
    "d'hondt": "dhondt",
    "d-hondt": "dhondt",
    "jefferson": "dhondt",
    "saint-lague": "sainte-lague",
    "sainte-laguë": "sainte-lague",
    "webster": "sainte-lague",
    "modified-sainte-laguë": "modified-sainte-lague",
    "jämkade-uddatalsmetoden": "modified-sainte-lague",
    "huntington": "huntington-hill",
    "hill": "huntington-hill",
}


def divisor_method(name: str, first_divisor: Fraction | None = None) -> DivisorMethod:
    """The divisor method called ``name`` (see :data:`DIVISOR_METHODS`)."""
    key = METHOD_ALIASES.get(name.lower(), name.lower())
    factory = DIVISOR_METHODS.get(key)
    if factory is None:
        raise SeatMathError(f"unknown method {name!r}")
    if first_divisor is not None and key not in ("sainte-lague", "modified-sainte-lague"):
        raise SeatMathError(f"method {name!r} takes no first divisor")
    return factory(first_divisor)


@dataclass
class DivisorResult:
    """Seats per party and, in order, each seat as ``(party index, quotient num, quotient den)``.

    ``last`` is the lowest quotient that won a seat, ``(num, den)``. For a squared method the
    quotients recorded are the squared ones. ``order`` is empty when not asked for.
    """

    seats: list[int]
    order: list[tuple[int, int, int]]
    last: tuple[int, int] | None = None


def divisor_apportion(
    votes: Sequence[int],
    seats: int,
    sequence: DivisorSequence,
    *,
    names: Sequence[str],
    lot: Lot | None,
    stage: str = "seats",
    constituency: str | None = None,
    start: Sequence[int] | None = None,
    squared: bool = False,
    eligible: Sequence[bool] | None = None,
    with_order: bool = True,
    rounding: bool = False,
) -> DivisorResult:
    """Give ``seats`` seats to the highest quotients ``votes / d(k)``, as if one at a time.

    The result is the one of the seat-by-seat procedure (:func:`divisor_apportion_sequential`,
    kept as the reference), found faster: each party starts from its whole Hare quota, the
    remaining seats go to the highest next quotients, and seats are swapped while some party's
    lowest won quotient is below another's next one. All comparisons are cross-multiplied
    integers. Equal quotients competing for the last seats are one tie, decided by ``lot``
    (or, with no lot, in the parties' order), exactly as the seat-by-seat procedure would.
    ``start`` is the seats each party holds already (the sequence continues from there).
    """
    n = len(votes)
    odd = _ODD_FIRST.get(sequence)
    if odd is not None and odd[0] >= 3 * odd[1] and start is None:
        # A first divisor of 3 or more makes a party's quotients rise (or stay) before they fall: only the
        # literal seat-by-seat procedure is right then.
        return divisor_apportion_sequential(
            votes,
            seats,
            sequence,
            names=names,
            lot=lot,
            stage=stage,
            constituency=constituency,
            squared=squared,
            eligible=eligible,
        )
    if start is None and not squared and odd is not None and seats > 0:
        fast = odd_divisors_fast(votes, seats, _ODD_FIRST[sequence], eligible)
        if fast is not None:
            won_fast, last_fast = fast
            order_fast: list[tuple[int, int, int]] = []
            if with_order:
                for i in range(n):
                    for k in range(won_fast[i]):
                        dn, dd = sequence(k)
                        order_fast.append((i, votes[i] * dd, dn))
                _sort_order(order_fast)
            return DivisorResult(won_fast, order_fast, last_fast)
    base = list(start) if start is not None else [0] * n
    vals = [v * v for v in votes] if squared else list(votes)
    active = [i for i in range(n) if vals[i] > 0 and (eligible is None or eligible[i])]
    won = [0] * n
    if seats <= 0:
        return DivisorResult(won, [], None)
    if not active:
        raise SeatMathError("there are seats left but no party with votes to take them")
    if start is None and not squared:
        total = 0
        for i in active:
            total += votes[i]
        if rounding:  # Sainte-Laguë-like: start from the rounded quota
            for i in active:
                won[i] = (2 * votes[i] * seats + total) // (2 * total)
        else:
            for i in active:
                won[i] = votes[i] * seats // total
    # next quotient (nn, nd) and lowest won quotient (ln, ld) of each active party
    nn = [0] * n
    nd = [1] * n
    ln = [0] * n
    ld = [1] * n
    for i in active:
        k = base[i] + won[i]
        dn, dd = sequence(k)
        nn[i], nd[i] = vals[i] * dd, dn
        if won[i]:
            dn, dd = sequence(k - 1)
            ln[i], ld[i] = vals[i] * dd, dn
    given = sum(won)
    while given > seats:
        w = -1
        wn, wd = 0, 0
        for i in active:
            if won[i] and (w < 0 or ln[i] * wd < wn * ld[i]):
                w, wn, wd = i, ln[i], ld[i]
        won[w] -= 1
        given -= 1
        k = base[w] + won[w]
        dn, dd = sequence(k)
        nn[w], nd[w] = vals[w] * dd, dn
        if won[w]:
            dn, dd = sequence(k - 1)
            ln[w], ld[w] = vals[w] * dd, dn
    while given < seats:
        b = active[0]
        bn, bd = nn[b], nd[b]
        for i in active:
            if nn[i] * bd > bn * nd[i]:
                b, bn, bd = i, nn[i], nd[i]
        won[b] += 1
        given += 1
        ln[b], ld[b] = bn, bd
        dn, dd = sequence(base[b] + won[b])
        nn[b], nd[b] = vals[b] * dd, dn
    while True:
        # the highest next quotient and the lowest won one
        b = active[0]
        bn, bd = nn[b], nd[b]
        w = -1
        wn, wd = 0, 0
        for i in active:
            if nn[i] * bd > bn * nd[i]:
                b, bn, bd = i, nn[i], nd[i]
            if won[i] and (w < 0 or ln[i] * wd < wn * ld[i]):
                w, wn, wd = i, ln[i], ld[i]
        if not bn * wd > wn * bd:
            break
        # swap: w gives back its lowest seat, b takes its next one
        won[w] -= 1
        k = base[w] + won[w]
        dn, dd = sequence(k)
        nn[w], nd[w] = vals[w] * dd, dn
        if won[w]:
            dn, dd = sequence(k - 1)
            ln[w], ld[w] = vals[w] * dd, dn
        won[b] += 1
        ln[b], ld[b] = bn, bd
        dn, dd = sequence(base[b] + won[b])
        nn[b], nd[b] = vals[b] * dd, dn
    if bn * wd == wn * bd:
        # An exact tie at the last seats: the holders of the lowest won quotient and the
        # parties whose next quotient equals it compete for the holders' places.
        holders = [i for i in active if won[i] and ln[i] * wd == wn * ld[i]]
        waiting = [i for i in active if nn[i] * wd == wn * nd[i]]
        tied = sorted(holders + waiting)
        places = len(holders)
        if lot is None:
            winners = tied[:places]
        else:
            chosen = lot.draw(
                [names[i] for i in tied],
                places,
                stage=stage,
                constituency=constituency,
                quotient=None if wd == 0 else Fraction(wn, wd),
                seat=seats - places + 1,
            )
            index = {names[i]: i for i in tied}
            winners = [index[c] for c in chosen]
        for i in holders:
            won[i] -= 1
        for i in winners:
            won[i] += 1
    order: list[tuple[int, int, int]] = []
    last: tuple[int, int] | None = (wn, wd) if w >= 0 else None
    if with_order:
        for i in active:
            for k in range(base[i], base[i] + won[i]):
                dn, dd = sequence(k)
                order.append((i, vals[i] * dd, dn))
        _sort_order(order)
    return DivisorResult(won, order, last)


def odd_divisors_quick(
    votes: dict[str, int],
    seats: int,
    first: tuple[int, int],
    total: int,
    needed: int,
    below: list[str],
    seed: int,
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Seats by the divisors f, 3, 5, 7, … (f = fn/fd with 1 ≤ f < 3) among the parties with at
    least ``needed`` votes (``below`` names the others, ``total`` is the sum of the eligible
    votes, > 0), and the ties: the result of the seat-by-seat procedure
    (:func:`divisor_apportion_sequential`), lots drawn from ``seed`` as :class:`Lot` draws them.

    A divisor certificate in integers: with λ = T / (2S) a party wins every seat whose quotient
    is at least λ, which is ⌊(2Sv + T) / 2T⌋ seats once it has the v ≥ fT / 2S votes its first
    seat needs. Every won quotient is then ≥ λ and every next one < λ, so when these add up to
    S they are exactly the S highest quotients, with no lot to draw. Otherwise the seats still
    missing go to the highest next quotients (or the surplus is taken from the lowest won
    ones), one at a time as in the procedure, compared as integers that keep their exact order
    (below); a quotient equal to the last one won and left out is a tie.
    """
    fn, fd = first
    s2 = 2 * seats
    tw = 2 * total
    lo = -(-fn * total // (s2 * fd))
    if lo < needed:
        lo = needed
    won = {p: (v * s2 + total) // tw if v >= lo else 0 for p, v in votes.items()}
    missing = seats - sum(won.values())
    if not missing:
        return won, []
    div = _ODD_DIVISORS.get(first)
    if div is None or len(div) < seats + 2:
        div = _odd_divisors(fn, fd, seats + 1)
    # Quotients v / d(k) = fd·v / D(k) with the scaled divisors D in ``div``, compared as
    # v_a·D_b against v_b·D_a. ``tied``: another quotient equals the one chosen.
    able = needed if needed > 0 else 1
    best = ""
    while missing > 0:
        # the highest next quotient of a party above the threshold
        bv = 0
        bd = 1
        tied = False
        for p, v in votes.items():
            if v >= able:
                d = div[won[p]]
                c = v * bd - bv * d
                if c > 0:
                    best = p
                    bv = v
                    bd = d
                    tied = False
                elif c == 0:
                    tied = True
        won[best] += 1
        missing -= 1
    while missing < 0:
        # the lowest won quotient (bv / bd starts infinite)
        bv = 1
        bd = 0
        tied = False
        for p, k in won.items():
            if k:
                v = votes[p]
                d = div[k - 1]
                c = v * bd - bv * d
                if c < 0:
                    best = p
                    bv = v
                    bd = d
                    tied = False
                elif c == 0:
                    tied = True
        won[best] -= 1
        missing += 1
    if not tied:
        return won, []
    # An exact tie for the last seat: the parties that won a seat at the quotient of the last
    # seat and those whose next quotient it is compete for the winners' places, by lot
    # (14 kap. 2 § vallagen), as the seat-by-seat procedure draws it.
    last = Fraction(bv * fd, bd)
    holders = [p for p, k in won.items() if k and Fraction(votes[p] * fd, div[k - 1]) == last]
    waiting = [p for p, v in votes.items() if v >= able and Fraction(v * fd, div[won[p]]) == last]
    lot = Lot(seed=seed)
    winners = lot.draw(
        holders + waiting, len(holders), stage="seats", quotient=last, seat=seats - len(holders) + 1
    )
    for p in holders:
        won[p] -= 1
    for p in winners:
        won[p] += 1
    return won, lot.ties


#: The scaled divisors fn, 3·fd, 5·fd, … of each first divisor fn/fd, as far as needed.
_ODD_DIVISORS: dict[tuple[int, int], list[int]] = {}


def _odd_divisors(fn: int, fd: int, upto: int) -> list[int]:
    table = _ODD_DIVISORS.get((fn, fd))
    if table is None:
        table = _ODD_DIVISORS[(fn, fd)] = [fn]
    while len(table) <= upto:
        table.append((2 * len(table) + 1) * fd)
    return table


def odd_divisors_fast(
    votes: Sequence[int],
    seats: int,
    first: tuple[int, int],
    eligible: Sequence[bool] | None,
) -> tuple[list[int], tuple[int, int] | None] | None:
    """Divisors f, 3, 5, 7, ... (f = fn/fd) in scaled integers: D(0) = fn, D(k) = (2k+1)·fd,
    so v/d(k) = fd·v/D(k) and quotients compare as v_a·D_b against v_b·D_a. Starts from the
    rounded quota and corrects. Returns None when the last seats end in an exact tie (the
    general path then draws the lot) or when nobody has votes."""
    fn, fd = first
    n = len(votes)
    if eligible is None:
        eligible = [True] * n
    total = sum(itertools.compress(votes, eligible))
    if total == 0:
        return None
    twice = 2 * total
    scaled = 2 * seats
    bar = fn * total
    idx: list[int] = []
    vs: list[int] = []
    ks: list[int] = []
    nxt: list[int] = []
    lst: list[int] = []
    given = 0
    i = 0
    fd3 = 3 * fd
    for v, ok in zip(votes, eligible, strict=True):
        if ok and v:
            k = (v * scaled + total) // twice
            if k == 1 and v * scaled * fd <= bar:
                k = 0
            idx.append(i)
            vs.append(v)
            ks.append(k)
            given += k
            # next divisor and last divisor (0 when no seat), scaled
            if k == 0:
                nxt.append(fn)
                lst.append(0)
            elif k == 1:
                nxt.append(fd3)
                lst.append(fn)
            else:
                nxt.append((2 * k + 1) * fd)
                lst.append((2 * k - 1) * fd)
        i += 1
    m = len(vs)
    rng = range(m)
    while given > seats:
        w = -1
        for j in rng:
            if lst[j] and (w < 0 or vs[j] * lst[w] < vs[w] * lst[j]):
                w = j
        k = ks[w] = ks[w] - 1
        nxt[w] = lst[w]
        lst[w] = 0 if k == 0 else (fn if k == 1 else (2 * k - 1) * fd)
        given -= 1
    while given < seats:
        b = 0
        for j in rng:
            if vs[j] * nxt[b] > vs[b] * nxt[j]:
                b = j
        k = ks[b] = ks[b] + 1
        lst[b] = nxt[b]
        nxt[b] = (2 * k + 1) * fd
        given += 1
    while True:
        b = 0
        w = -1
        for j in rng:
            if vs[j] * nxt[b] > vs[b] * nxt[j]:
                b = j
            if lst[j] and (w < 0 or vs[j] * lst[w] < vs[w] * lst[j]):
                w = j
        # highest next quotient vs[b]/nxt[b] against lowest won vs[w]/lst[w]
        c = vs[b] * lst[w] - vs[w] * nxt[b]
        if c == 0:
            return None
        if c < 0:
            break
        k = ks[w] = ks[w] - 1
        nxt[w] = lst[w]
        lst[w] = 0 if k == 0 else (fn if k == 1 else (2 * k - 1) * fd)
        k = ks[b] = ks[b] + 1
        lst[b] = nxt[b]
        nxt[b] = (2 * k + 1) * fd
    won = [0] * n
    for j in rng:
        won[idx[j]] = ks[j]
    # lowest won quotient fd·v/D as (num, den)
    return won, (vs[w] * fd, lst[w])


def _sort_order(order: list[tuple[int, int, int]]) -> None:
    """Highest quotient first, equal ones in the parties' order: exact, on integers scaled to
    one common denominator (infinite quotients first)."""
    common = math.lcm(*(den for _i, _num, den in order if den)) if order else 1
    order.sort(
        key=lambda item: (
            (0, 0, item[0]) if item[2] == 0 else (1, -(item[1] * (common // item[2])), item[0])
        )
    )


def divisor_apportion_sequential(
    votes: Sequence[int],
    seats: int,
    sequence: DivisorSequence,
    *,
    names: Sequence[str],
    lot: Lot | None,
    stage: str = "seats",
    constituency: str | None = None,
    squared: bool = False,
    eligible: Sequence[bool] | None = None,
) -> DivisorResult:
    """The seat-by-seat procedure of 14 kap. 3 § read literally: the reference for the tests."""
    n = len(votes)
    held = [0] * n
    nums = [0] * n
    dens = [1] * n
    for i in range(n):
        if eligible is not None and not eligible[i]:
            nums[i], dens[i] = -1, 1
            continue
        v = votes[i] * votes[i] if squared else votes[i]
        if v == 0:
            continue
        dn, dd = sequence(0)
        nums[i], dens[i] = v * dd, dn
    order: list[tuple[int, int, int]] = []
    given = 0
    while given < seats:
        best = [0]
        bn, bd = nums[0], dens[0]
        for i in range(1, n):
            c = nums[i] * bd - bn * dens[i]
            if c > 0:
                best = [i]
                bn, bd = nums[i], dens[i]
            elif c == 0:
                best.append(i)
        if bn < 0 or (bn == 0 and bd != 0):
            raise SeatMathError("there are seats left but no party with votes to take them")
        left = seats - given
        if len(best) > left:
            if lot is None:
                winners_idx = best[:left]
            else:
                chosen = lot.draw(
                    [names[i] for i in best],
                    left,
                    stage=stage,
                    constituency=constituency,
                    quotient=None if bd == 0 else Fraction(bn, bd),
                    seat=given + 1,
                )
                index = {names[i]: i for i in best}
                winners_idx = [index[w] for w in chosen]
        else:
            winners_idx = best
        for i in winners_idx:
            held[i] += 1
            given += 1
            order.append((i, nums[i], dens[i]))
            v = votes[i] * votes[i] if squared else votes[i]
            dn, dd = sequence(held[i])
            nums[i], dens[i] = v * dd, dn
    last = (order[-1][1], order[-1][2]) if order else None
    return DivisorResult(held, order, last)


def quotient_value(num: int, den: int) -> Fraction | None:
    """The quotient kept as ``(num, den)`` as a Fraction (``None`` for an infinite one)."""
    return None if den == 0 else Fraction(num, den)


# --------------------------------------------------------------------------- largest remainder


@dataclass(frozen=True)
class LargestRemainderResult:
    """The split of :func:`largest_remainder`.

    ``seats`` adds up to the number asked for; ``quota`` is the exact quota; ``remainders``
    the exact remainders (in units of votes); ``ties`` the lots drawn for equal remainders.
    """

    seats: dict[str, int]
    quota: Fraction
    remainders: dict[str, Fraction]
    ties: list[dict[str, Any]]

    def __getitem__(self, key: str) -> int:
        return self.seats[key]


QUOTAS = ("hare", "droop")


def largest_remainder(
    votes: Mapping[str, int],
    seats: int,
    *,
    quota: str = "hare",
    seed: int = DEFAULT_SEED,
    lot: Lot | None = None,
    stage: str = "largest-remainder",
) -> LargestRemainderResult:
    """Split ``seats`` over ``votes`` (any non-negative integer weights) by largest remainder.

    Each key gets ⌊v / quota⌋ and the seats left over go to the largest remainders; equal
    remainders competing for the last seats are decided by a lot drawn from ``seed`` (the
    draw is in ``ties``). Hare's quota is ``total / seats``; Droop's is ⌊total / (seats + 1)⌋ + 1.
    """
    if quota not in QUOTAS:
        raise SeatMathError(f"unknown quota {quota!r}; use one of {', '.join(QUOTAS)}")
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 0:
        raise SeatMathError(f"seats must be a whole number of at least 0, not {seats!r}")
    keys = list(votes)
    for key in keys:
        value = votes[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SeatMathError(f"the weight of {key!r} must be a whole number of at least 0")
    total = sum(votes.values())
    if not keys:
        raise SeatMathError("there is nothing to share the seats between")
    if total == 0:
        if seats == 0:
            return LargestRemainderResult({k: 0 for k in keys}, Fraction(0), {}, [])
        raise SeatMathError("the weights add up to 0: nothing to share by")
    if seats == 0:
        return LargestRemainderResult(
            {k: 0 for k in keys}, Fraction(0), {k: Fraction(votes[k]) for k in keys}, []
        )
    q = Fraction(total, seats) if quota == "hare" else Fraction(total // (seats + 1) + 1)
    # v / q = v * qd / qn: integer part and remainder without building Fractions per key.
    qn, qd = q.numerator, q.denominator
    result: dict[str, int] = {}
    rest: dict[str, int] = {}  # remainder * qd, an integer
    for key in keys:
        whole, r = divmod(votes[key] * qd, qn)
        result[key] = whole
        rest[key] = r
    left = seats - sum(result.values())
    draw = lot if lot is not None else Lot(seed)
    before = len(draw.ties)
    ranked = sorted(set(rest.values()), reverse=True)
    # One pass gives each key at most one more; Droop's quota with very few votes can leave
    # seats after it, and further passes go round again in the same order.
    while left > 0:
        for value in ranked:
            group = [k for k in keys if rest[k] == value]
            if len(group) <= left:
                for key in group:
                    result[key] += 1
                left -= len(group)
            else:
                for key in draw.draw(
                    group, left, stage=stage, quotient=Fraction(value, qd), value_key="remainder"
                ):
                    result[key] += 1
                left = 0
            if left == 0:
                break
    return LargestRemainderResult(
        result, q, {k: Fraction(rest[k], qd) for k in keys}, draw.ties[before:]
    )


# --------------------------------------------------------------------------- thresholds

_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")


def parse_fraction(value: object, what: str) -> Fraction:
    """An exact number from JSON: an int, a text like ``"1.2"``, ``"6/5"`` or ``"4 %"``.

    A float is read by its shortest decimal spelling, so ``1.2`` is exactly 6/5 (never the
    binary 1.1999…).
    """
    if isinstance(value, bool):
        raise SeatMathError(f"{what} must be a number, not {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise SeatMathError(f"{what} must be a finite number")
        return Fraction(repr(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str):
        match = _PERCENT.match(value)
        try:
            if match:
                return Fraction(match.group(1).replace(",", ".")) / 100
            return Fraction(value.strip().replace(",", "."))
        except (ValueError, ZeroDivisionError):
            pass
    raise SeatMathError(f"{what} must be a number like 1.2, 6/5 or '4 %', not {value!r}")


def passes_threshold(party_votes: int, valid_votes: int, threshold: Fraction) -> bool:
    """At least ``threshold`` of the valid votes: a party exactly at 2 % passes a 2 % threshold."""
    return party_votes * threshold.denominator >= threshold.numerator * valid_votes


def names_in_order(names: Iterable[str]) -> list[str]:
    """The input order, kept (the output lists parties as they came)."""
    return list(names)
