"""``allocate(spec) -> dict``: votes in, seats out, as JSON-ready dictionaries.

The input and output formats are documented with examples in docs/seatmath.md; the law
behind each body and year in docs/seat-law.md.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from folkvald.seatmath.compensatory import Area, allocate_compensatory
from folkvald.seatmath.errors import SeatMathError
from folkvald.seatmath.explain import explain_divisor
from folkvald.seatmath.methods import (
    DEFAULT_SEED,
    DivisorMethod,
    Lot,
    divisor_apportion,
    divisor_method,
    fraction_text,
    largest_remainder,
    modified_sainte_lague,
    odd_divisors_quick,
    parse_fraction,
)

BODIES = ("kommunfullmaktige", "regionfullmaktige", "riksdag", "custom")

#: The first election under SFS 2014:1384 (first divisor 1.2, return of seats, municipal
#: thresholds and adjustment seats).
REFORM_YEAR = 2018

#: Riksdag: 349 seats, 39 of them adjustment seats (RF 3 kap. 1 och 6 §§).
RIKSDAG_SEATS = 349
RIKSDAG_ADJUSTMENT = 39

MAX_SEATS = 100_000

_TOP_KEYS = {
    "body",
    "year",
    "seats",
    "votes",
    "constituencies",
    "method",
    "seed",
    "explain",
    "valid_votes",
    "candidates",
    "lots",
    "official",
    "source",
    "name",
    "code",
}
_CONSTITUENCY_KEYS = {
    "name",
    "seats",
    "eligible_voters",
    "votes",
    "valid_votes",
    "candidates",
    "code",
    "official",
}
_METHOD_KEYS = {"name", "first_divisor", "threshold", "quota"}
_LR_METHODS = {"hare": "hare", "largest-remainder": "hare", "hamilton": "hare", "droop": "droop"}


# --------------------------------------------------------------------------- reading the input


def _whole(value: object, what: str, minimum: int = 0, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SeatMathError(f"{what} must be a whole number, not {value!r}")
    if value < minimum:
        raise SeatMathError(f"{what} must be at least {minimum}, not {value}")
    if maximum is not None and value > maximum:
        raise SeatMathError(f"{what} must be at most {maximum}, not {value}")
    return value


def _votes(value: object, what: str) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise SeatMathError(f"{what} must be an object of party: votes")
    out: dict[str, int] = {}
    for party, count in value.items():
        if type(party) is not str or not party or party.isspace():
            raise SeatMathError(f"a party name in {what} must be a non-empty text")
        if type(count) is not int or count < 0:
            count = _whole(count, f"the votes of {party!r} in {what}")
        out[party] = count
    return out


def _keys(mapping: Mapping[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise SeatMathError(f"unknown key {unknown[0]!r} in {what}")


@dataclass
class Constituency:
    name: str
    seats: int | None
    eligible_voters: int | None
    votes: dict[str, int]
    valid: int | None
    candidates: dict[str, int] | None


@dataclass
class Rules:
    """What the law (or a custom method) says for one calculation."""

    kind: str  # "single", "independent" or "compensatory"
    method: DivisorMethod | None  # None for largest remainder
    quota: str | None
    threshold: Fraction | None
    local_threshold: Fraction | None
    mode: str  # "return" or "set_aside" for compensatory
    fixed_share: str  # "nine-tenths", "minus-39", "all"
    description: dict[str, Any]


def _rules(body: str, year: int | None, divided: bool, method: Mapping[str, Any] | None) -> Rules:
    if body == "custom":
        return _custom_rules(method, divided)
    if method is not None:
        raise SeatMathError(f"'method' is only for body 'custom', not {body!r}")
    if year is None:
        raise SeatMathError(f"'year' is needed for body {body!r}")
    return _statutory_rules(body, year, divided)


@functools.lru_cache(maxsize=256)
def _statutory_rules(body: str, year: int, divided: bool) -> Rules:
    new = year >= REFORM_YEAR
    first = Fraction(6, 5) if new else Fraction(7, 5)
    sl = DivisorMethod("modified-sainte-lague", modified_sainte_lague(first))
    mode = "return" if new else "set_aside"
    desc: dict[str, Any] = {"name": "modified-sainte-lague", "first_divisor": fraction_text(first)}
    if body == "kommunfullmaktige":
        if not new:
            desc["threshold"] = None
            return Rules(
                "independent" if divided else "single", sl, None, None, None, mode, "all", desc
            )
        threshold = Fraction(3, 100) if divided else Fraction(2, 100)
        desc["threshold"] = fraction_text(threshold * 100) + " %"
        kind = "compensatory" if divided else "single"
        return Rules(kind, sl, None, threshold, None, mode, "nine-tenths", desc)
    if body == "regionfullmaktige":
        threshold = Fraction(3, 100)
        desc["threshold"] = "3 %"
        kind = "compensatory" if divided else "single"
        return Rules(kind, sl, None, threshold, None, mode, "nine-tenths", desc)
    # riksdag
    desc["threshold"] = "4 %"
    desc["constituency_threshold"] = "12 %"
    kind = "compensatory" if divided else "single"
    return Rules(kind, sl, None, Fraction(4, 100), Fraction(12, 100), mode, "minus-39", desc)


def _custom_rules(method: Mapping[str, Any] | None, divided: bool) -> Rules:
    if not isinstance(method, Mapping):
        raise SeatMathError("body 'custom' needs 'method', e.g. {\"name\": \"dhondt\"}")
    _keys(method, _METHOD_KEYS, "'method'")
    name = method.get("name")
    if not isinstance(name, str) or not name:
        raise SeatMathError("'method' needs a 'name', e.g. \"dhondt\" or \"sainte-lague\"")
    threshold = None
    if method.get("threshold") is not None:
        threshold = parse_fraction(method["threshold"], "'threshold' of 'method'")
        if not 0 <= threshold < 1:
            raise SeatMathError("'threshold' of 'method' must be between 0 % and 100 %")
    desc: dict[str, Any] = {"name": name}
    if threshold is not None:
        desc["threshold"] = fraction_text(threshold * 100) + " %"
    kind = "independent" if divided else "single"
    key = name.lower()
    if key in _LR_METHODS or key == "largest_remainder":
        quota = method.get("quota", _LR_METHODS.get(key, "hare"))
        if quota not in ("hare", "droop"):
            raise SeatMathError(f"unknown quota {quota!r}; use 'hare' or 'droop'")
        if method.get("first_divisor") is not None:
            raise SeatMathError(f"method {name!r} takes no first divisor")
        desc["name"] = "largest-remainder"
        desc["quota"] = quota
        return Rules(kind, None, str(quota), threshold, None, "", "all", desc)
    first = None
    if method.get("first_divisor") is not None:
        first = parse_fraction(method["first_divisor"], "'first_divisor' of 'method'")
        if first <= 0:
            raise SeatMathError("'first_divisor' of 'method' must be positive")
    chosen = divisor_method(name, first)
    desc["name"] = chosen.name
    if chosen.name == "modified-sainte-lague":
        desc["first_divisor"] = fraction_text(chosen.divisor(0))
    return Rules(kind, chosen, None, threshold, None, "", "all", desc)


def _constituencies(value: object, parties: list[str] | None) -> list[Constituency]:
    if not isinstance(value, list) or not value:
        raise SeatMathError("'constituencies' must be a non-empty list")
    out: list[Constituency] = []
    names: set[str] = set()
    for number, raw in enumerate(value, start=1):
        what = f"constituency {number}"
        if not isinstance(raw, Mapping):
            raise SeatMathError(f"{what} must be an object with 'name', 'seats' and 'votes'")
        _keys(raw, _CONSTITUENCY_KEYS, what)
        name = raw.get("name", f"{number}")
        if not isinstance(name, str) or not name.strip():
            raise SeatMathError(f"'name' of {what} must be a non-empty text")
        if name in names:
            raise SeatMathError(f"two constituencies are called {name!r}")
        names.add(name)
        what = f"constituency {name!r}"
        seats = raw.get("seats")
        eligible = raw.get("eligible_voters")
        if (seats is None) == (eligible is None):
            raise SeatMathError(f"{what} needs either 'seats' or 'eligible_voters'")
        votes = _votes(raw.get("votes"), f"'votes' of {what}")
        valid = raw.get("valid_votes")
        candidates = raw.get("candidates")
        out.append(
            Constituency(
                name=name,
                seats=None if seats is None else _whole(seats, f"'seats' of {what}", 0, MAX_SEATS),
                eligible_voters=None
                if eligible is None
                else _whole(eligible, f"'eligible_voters' of {what}", 1),
                votes=votes,
                valid=None if valid is None else _whole(valid, f"'valid_votes' of {what}"),
                candidates=None
                if candidates is None
                else _votes(candidates, f"'candidates' of {what}"),
            )
        )
    if len({c.seats is None for c in out}) > 1:
        raise SeatMathError("give every constituency 'seats', or every one 'eligible_voters'")
    return out


def _lots(value: object) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SeatMathError('\'lots\' must be a list of {"between": [...], "winners": [...]}')
    out: list[Mapping[str, Any]] = []
    for number, raw in enumerate(value, start=1):
        what = f"lot {number}"
        if not isinstance(raw, Mapping):
            raise SeatMathError(f"{what} must be an object with 'between' and 'winners'")
        _keys(raw, {"between", "winners", "constituency", "stage", "note"}, what)
        between = raw.get("between")
        winners = raw.get("winners")
        if (
            not isinstance(between, list)
            or len(between) < 2
            or not all(isinstance(b, str) for b in between)
        ):
            raise SeatMathError(f"'between' of {what} must list at least two names")
        if (
            not isinstance(winners, list)
            or not winners
            or not all(isinstance(w, str) and w in between for w in winners)
        ):
            raise SeatMathError(f"'winners' of {what} must name some of 'between'")
        if len(winners) >= len(between):
            raise SeatMathError(f"'winners' of {what} must be fewer than 'between'")
        out.append(raw)
    return out


# --------------------------------------------------------------------------- allocate


def allocate(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Seats for the parties of one election; see docs/seatmath.md for the format."""
    fast = _allocate_plain(spec)
    if fast is not None:
        return fast
    if not isinstance(spec, Mapping):
        raise SeatMathError("the input must be a JSON object")
    if "elections" in spec and "body" not in spec:
        raise SeatMathError("the input holds several elections: give one of them")
    _keys(spec, _TOP_KEYS, "the input")
    body = spec.get("body")
    if body not in BODIES:
        raise SeatMathError(f"unknown body {body!r}; use one of {', '.join(BODIES)}")
    year = spec.get("year")
    if year is not None:
        year = _whole(year, "'year'", 1900, 2200)
    seed = _whole(spec.get("seed", DEFAULT_SEED), "'seed'")
    explain = spec.get("explain", True)
    if not isinstance(explain, bool):
        raise SeatMathError("'explain' must be true or false")
    constituencies: list[Constituency] = []
    if spec.get("constituencies") is not None:
        constituencies = _constituencies(spec["constituencies"], None)
    if "seats" in spec:
        seats = _whole(spec["seats"], "'seats'", 1, MAX_SEATS)
    elif body == "riksdag":
        seats = RIKSDAG_SEATS
    else:
        raise SeatMathError("'seats' is missing: how many seats are there?")

    # Votes: the body's, or the sum over its constituencies.
    if spec.get("votes") is not None:
        votes = _votes(spec["votes"], "'votes'")
    elif constituencies:
        votes = {}
        for c in constituencies:
            for party, count in c.votes.items():
                votes[party] = votes.get(party, 0) + count
    else:
        raise SeatMathError("'votes' is missing")
    if not votes:
        raise SeatMathError("there are no parties in 'votes'")
    names = list(votes)
    for c in constituencies:
        unknown = sorted(set(c.votes) - set(votes))
        if unknown:
            raise SeatMathError(
                f"party {unknown[0]!r} in constituency {c.name!r} is not in 'votes'"
            )
    if len(constituencies) > 1:
        for party in names:
            total = sum(c.votes.get(party, 0) for c in constituencies)
            if total != votes[party]:
                raise SeatMathError(
                    f"the votes of {party!r} ({votes[party]}) differ from the sum over the "
                    f"constituencies ({total})"
                )
    counted = sum(votes.values())
    if counted == 0:
        raise SeatMathError("no party has any votes")
    valid = counted
    if spec.get("valid_votes") is not None:
        valid = _whole(spec["valid_votes"], "'valid_votes'")
        if valid < counted:
            raise SeatMathError(
                f"'valid_votes' ({valid}) is less than the parties' votes ({counted})"
            )
    candidates = None
    if spec.get("candidates") is not None:
        candidates = _votes(spec["candidates"], "'candidates'")
        unknown = sorted(set(candidates) - set(votes))
        if unknown:
            raise SeatMathError(f"party {unknown[0]!r} in 'candidates' is not in 'votes'")

    divided = len(constituencies) > 1
    rules = _rules(str(body), year, divided, spec.get("method"))
    lot = Lot(seed=seed, drawn=_lots(spec.get("lots")))

    result: dict[str, Any] = {
        "body": body,
        "year": year,
        "seats_total": seats,
        "method": dict(rules.description),
    }
    if rules.threshold is not None:
        result["threshold"] = _threshold_info(rules.threshold, valid, votes)
    if rules.kind == "single":
        _single(result, names, votes, valid, seats, rules, lot, explain)
    elif rules.kind == "independent":
        _independent(result, names, votes, valid, seats, constituencies, rules, lot, explain)
    else:
        _compensatory(result, names, votes, valid, seats, constituencies, rules, lot, explain)

    # Empty seats (14 kap. 1 § ff.; seat-rules §1.6): the seats stay with the party, unfilled.
    empty: dict[str, int] = {}
    if candidates is not None:
        for party, count in candidates.items():
            missing = result["seats"][party] - count
            if missing > 0 and not divided:
                empty[party] = missing
    for entry, c in zip(result.get("constituencies", []), constituencies, strict=False):
        if c.candidates is None:
            continue
        local_empty = {
            party: entry["seats"].get(party, 0) - count
            for party, count in c.candidates.items()
            if entry["seats"].get(party, 0) > count
        }
        entry["empty_seats"] = local_empty
        for party, missing in local_empty.items():
            empty[party] = empty.get(party, 0) + missing
    if divided and candidates is not None:
        for party, count in candidates.items():
            missing = result["seats"][party] - count
            if missing > empty.get(party, 0):
                empty[party] = missing
    result["empty_seats"] = empty
    result["ties"] = lot.ties
    ordered = {
        "seats": result.pop("seats"),
        "constituencies": result.pop("constituencies", []),
        "ties": result.pop("ties"),
        "empty_seats": result.pop("empty_seats"),
    }
    explanation = result.pop("explanation", None)
    out = {**ordered, **result}
    if explain:
        out["explanation"] = explanation
    return out


_PLAIN_KEYS = frozenset(
    {"body", "year", "seats", "votes", "seed", "explain", "valid_votes", "name"}
)
_STATUTORY = frozenset({"kommunfullmaktige", "regionfullmaktige", "riksdag"})

#: What the quick path needs of the law for one (body, year) in one constituency:
#: first divisor (num, den), threshold (num, den; 0/1 for none), the method's description
#: and the threshold's texts (None for none). Constants of the law, never results.
_QuickLaw = tuple[tuple[int, int], int, int, dict[str, Any], tuple[str, str] | None]
_QUICK_LAW: dict[tuple[str, int], _QuickLaw] = {}


def _quick_law(body: str, year: int) -> _QuickLaw | None:
    if body not in _STATUTORY or not 1900 <= year <= 2200:
        return None
    rules = _statutory_rules(body, year, False)
    assert rules.method is not None
    first = rules.method.divisor(0)
    if not 1 <= first < 3:  # pragma: no cover - every statutory first divisor is 1.2 or 1.4
        return None
    threshold = rules.threshold or Fraction(0)
    law: _QuickLaw = (
        (first.numerator, first.denominator),
        threshold.numerator,
        threshold.denominator,
        rules.description,
        None if rules.threshold is None else _threshold_texts(threshold),
    )
    _QUICK_LAW[(body, year)] = law
    return law


def _allocate_plain(spec: object) -> dict[str, Any] | None:
    """The common case in few steps: a statutory council in one constituency, no
    explanation, no candidates or lots. Gives exactly what the general path gives (a test
    checks it), or None to leave everything else (ties, and every error message) to the
    general path. Checks are made by builtins over the whole input where they can."""
    if (
        type(spec) is not dict
        or spec.get("explain", True) is not False
        or not spec.keys() <= _PLAIN_KEYS
    ):
        return None
    body = spec.get("body")
    year = spec.get("year")
    if type(body) is not str or type(year) is not int:
        return None
    law = _QUICK_LAW.get((body, year)) or _quick_law(body, year)
    if law is None:
        return None
    first, tn, td, description, texts = law
    seats = spec.get("seats")
    votes = spec.get("votes")
    seed = spec.get("seed", DEFAULT_SEED)
    if (
        type(seats) is not int
        or not 1 <= seats <= MAX_SEATS
        or type(votes) is not dict
        or not votes
        or type(seed) is not int
        or seed < 0
    ):
        return None
    try:
        counted = sum(votes.values())
    except TypeError:
        return None
    valid = spec.get("valid_votes", counted)
    if type(counted) is not int or type(valid) is not int or valid < counted or counted <= 0:
        return None
    # One pass checks every party and vote count and finds the parties under the threshold
    # (votes needed: 0 without one); a loop is faster here than builtins over the dict.
    needed = -(-tn * valid // td)
    below: list[str] = []
    lost = 0
    for party, count in votes.items():
        if type(count) is not int or type(party) is not str or not party.strip():
            return None
        if count < needed:
            if count < 0:
                return None
            below.append(party)
            lost += count
    total = counted - lost
    if total == 0:
        return None  # the general path names the problem
    won, ties = odd_divisors_quick(votes, seats, first, total, needed, below, seed)
    out: dict[str, Any] = {
        "seats": won,
        "constituencies": [],
        "ties": ties,
        "empty_seats": {},
        "body": body,
        "year": year,
        "seats_total": seats,
        "method": description.copy(),
    }
    if texts is not None:
        out["threshold"] = {
            "share": texts[0],
            "percent": texts[1],
            "valid_votes": valid,
            "votes_needed": needed,
            "below": below,
        }
    return out


@functools.lru_cache(maxsize=64)
def _threshold_texts(threshold: Fraction) -> tuple[str, str]:
    return fraction_text(threshold), fraction_text(threshold * 100)


def _threshold_info(threshold: Fraction, valid: int, votes: Mapping[str, int]) -> dict[str, Any]:
    tn, td = threshold.numerator, threshold.denominator
    needed = -(-tn * valid // td)
    share, percent = _threshold_texts(threshold)
    bar = tn * valid
    return {
        "share": share,
        "percent": percent,
        "valid_votes": valid,
        "votes_needed": needed,
        "below": [p for p, v in votes.items() if v * td < bar],
    }


def _eligible(
    names: Sequence[str], votes: Mapping[str, int], valid: int, threshold: Fraction | None
) -> list[bool]:
    if threshold is None:
        return [True] * len(names)
    tn, td = threshold.numerator, threshold.denominator
    bar = tn * valid
    return [votes[p] * td >= bar for p in names]


def _share(
    names: list[str],
    local: list[int],
    overall: list[int],
    valid: int,
    seats: int,
    rules: Rules,
    eligible: list[bool],
    lot: Lot,
    explain: bool,
    constituency: str | None,
) -> tuple[list[int], dict[str, Any] | None]:
    """One distribution by the rules' method among the eligible parties."""
    if not any(eligible[i] and local[i] > 0 for i in range(len(names))):
        if seats == 0:
            return [0] * len(names), None
        where = f" in {constituency!r}" if constituency else ""
        raise SeatMathError(f"no party above the threshold has votes{where}")
    if rules.method is None:
        chosen = {p: v for p, v, ok in zip(names, local, eligible, strict=True) if ok and v}
        split = largest_remainder(
            chosen, seats, quota=rules.quota or "hare", lot=lot, stage="seats"
        )
        if constituency is not None:
            for tie in split.ties:
                tie["constituency"] = constituency
        won = [split.seats.get(p, 0) for p in names]
        explanation: dict[str, Any] | None = None
        if explain:
            explanation = {
                "quota": fraction_text(split.quota),
                "remainders": {p: fraction_text(r) for p, r in split.remainders.items()},
            }
        return won, explanation
    method = rules.method
    result = divisor_apportion(
        local,
        seats,
        method.sequence,
        names=names,
        lot=lot,
        stage="seats",
        constituency=constituency,
        squared=method.squared,
        eligible=eligible,
        with_order=explain,
        rounding=method.rounding,
    )
    explanation = None
    if explain:
        explanation = explain_divisor(
            names,
            local,
            overall,
            valid,
            seats,
            result.seats,
            result.order,
            method.sequence,
            rules.threshold,
            eligible,
            squared=method.squared,
        )
    return result.seats, explanation


def _single(
    result: dict[str, Any],
    names: list[str],
    votes: dict[str, int],
    valid: int,
    seats: int,
    rules: Rules,
    lot: Lot,
    explain: bool,
) -> None:
    counts = [votes[p] for p in names]
    eligible = _eligible(names, votes, valid, rules.threshold)
    won, explanation = _share(
        names, counts, counts, valid, seats, rules, eligible, lot, explain, None
    )
    result["seats"] = dict(zip(names, won, strict=True))
    result["explanation"] = explanation


def _fixed_numbers(
    constituencies: list[Constituency], seats: int, rules: Rules, lot: Lot
) -> list[int]:
    if rules.fixed_share == "nine-tenths":
        fixed_total = seats * 9 // 10
        what = "nine tenths of the seats, rounded down"
    elif rules.fixed_share == "minus-39":
        fixed_total = seats - RIKSDAG_ADJUSTMENT
        what = f"the seats less the {RIKSDAG_ADJUSTMENT} adjustment seats"
        if fixed_total < 1:
            raise SeatMathError(f"the riksdag needs more than {RIKSDAG_ADJUSTMENT} seats")
    else:
        fixed_total = seats
        what = "'seats'"
    if constituencies[0].seats is None:
        weights = {c.name: c.eligible_voters or 0 for c in constituencies}
        split = largest_remainder(weights, fixed_total, lot=lot, stage="fixed-seats")
        return [split.seats[c.name] for c in constituencies]
    numbers = [c.seats or 0 for c in constituencies]
    if sum(numbers) != fixed_total:
        raise SeatMathError(
            f"the constituencies' seats add up to {sum(numbers)}, but {what} is {fixed_total}"
        )
    return numbers


def _independent(
    result: dict[str, Any],
    names: list[str],
    votes: dict[str, int],
    valid: int,
    seats: int,
    constituencies: list[Constituency],
    rules: Rules,
    lot: Lot,
    explain: bool,
) -> None:
    """Each constituency on its own (municipalities up to 2014; custom methods)."""
    numbers = _fixed_numbers(constituencies, seats, rules, lot)
    overall = [votes[p] for p in names]
    eligible = _eligible(names, votes, valid, rules.threshold)
    totals = dict.fromkeys(names, 0)
    entries = []
    more: dict[str, int | None] = dict.fromkeys(names)
    less: dict[str, int | None] = dict.fromkeys(names)
    where_more: dict[str, str] = {}
    where_less: dict[str, str] = {}
    for c, number in zip(constituencies, numbers, strict=True):
        local = [c.votes.get(p, 0) for p in names]
        local_valid = c.valid if c.valid is not None else sum(local)
        won, explanation = _share(
            names, local, overall, valid, number, rules, eligible, lot, explain, c.name
        )
        entry: dict[str, Any] = {
            "name": c.name,
            "seats_total": number,
            "seats": dict(zip(names, won, strict=True)),
            "valid_votes": local_valid,
        }
        if explanation is not None:
            entry["explanation"] = explanation
            for key, store, where in (
                ("votes_for_one_more_seat", more, where_more),
                ("votes_to_lose_one_seat", less, where_less),
            ):
                figures = explanation.get(key) or {}
                for party, value in figures.items():
                    if value is not None and (store[party] is None or value < (store[party] or 0)):
                        store[party] = value
                        where[party] = c.name
        entries.append(entry)
        for p, w in zip(names, won, strict=True):
            totals[p] += w
    result["seats"] = totals
    result["constituencies"] = entries
    if explain:
        result["explanation"] = {
            "note": "each constituency is counted on its own; see each constituency's explanation",
            "last_seat": None,
            "runner_up": None,
            "votes_for_one_more_seat": more,
            "votes_for_one_more_seat_in": where_more,
            "votes_to_lose_one_seat": less,
            "votes_to_lose_one_seat_in": where_less,
        }


def _compensatory(
    result: dict[str, Any],
    names: list[str],
    votes: dict[str, int],
    valid: int,
    seats: int,
    constituencies: list[Constituency],
    rules: Rules,
    lot: Lot,
    explain: bool,
) -> None:
    """Fixed and adjustment seats (14 kap. 3–5 och 8 §§)."""
    numbers = _fixed_numbers(constituencies, seats, rules, lot)
    areas = []
    for c, number in zip(constituencies, numbers, strict=True):
        local = [c.votes.get(p, 0) for p in names]
        areas.append(Area(c.name, number, local, c.valid if c.valid is not None else sum(local)))
    assert rules.method is not None and rules.threshold is not None
    first = rules.method.divisor(0)
    overall = [votes[p] for p in names]
    outcome = allocate_compensatory(
        names,
        overall,
        valid,
        areas,
        seats,
        first=first,
        threshold=rules.threshold,
        local_threshold=rules.local_threshold,
        mode=rules.mode,
        lot=lot,
    )
    n = len(names)
    totals = {
        names[i]: sum(outcome.fixed[a][i] + outcome.adjustment[a][i] for a in range(len(areas)))
        for i in range(n)
    }
    result["seats"] = totals
    result["fixed_seats"] = {
        names[i]: sum(outcome.fixed[a][i] for a in range(len(areas))) for i in range(n)
    }
    result["adjustment_seats"] = {
        names[i]: sum(outcome.adjustment[a][i] for a in range(len(areas))) for i in range(n)
    }
    entries = []
    for a, area in enumerate(areas):
        fixed = dict(zip(names, outcome.fixed[a], strict=True))
        adjustment = dict(zip(names, outcome.adjustment[a], strict=True))
        entry: dict[str, Any] = {
            "name": area.name,
            "seats_total": area.fixed + sum(outcome.adjustment[a]),
            "fixed_seats": area.fixed,
            "seats": {p: fixed[p] + adjustment[p] for p in names},
            "fixed": fixed,
            "adjustment": adjustment,
            "valid_votes": area.valid,
        }
        local_only = [names[i] for i in range(n) if outcome.local_only[a][i]]
        if local_only:
            entry["constituency_threshold_only"] = local_only
        entries.append(entry)
    result["constituencies"] = entries
    result["entitlement"] = dict(zip(names, outcome.entitlement, strict=True))
    result["returned_seats"] = outcome.returned
    result["set_aside"] = outcome.set_aside
    if explain:
        sequence = rules.method.sequence
        if outcome.final is not None and outcome.active is not None:
            # Parties were set aside with their fixed seats: the others' seats come from the
            # last distribution, of the seats left, among them; explain that one.
            active = outcome.active
            explanation = explain_divisor(
                names,
                [v if active[i] else 0 for i, v in enumerate(overall)],
                overall,
                valid,
                outcome.final_pool,
                outcome.final.seats,
                outcome.final.order,
                sequence,
                rules.threshold,
                active,
            )
            for party in outcome.set_aside:
                explanation["votes_for_one_more_seat"][party] = None
                explanation["votes_to_lose_one_seat"][party] = None
            explanation["note"] = (
                "parties set aside with their fixed seats: "
                + ", ".join(outcome.set_aside)
                + f"; the quotient table and the votes lacking refer to the distribution of the "
                f"other {outcome.final_pool} seats among the other parties, which decides their "
                "number of seats; the constituencies show where they fall"
            )
        else:
            pool_result = outcome.whole
            assert pool_result is not None
            explanation = explain_divisor(
                names,
                overall,
                overall,
                valid,
                outcome.pool,
                pool_result.seats,
                pool_result.order,
                sequence,
                rules.threshold,
                outcome.eligible,
            )
            explanation["note"] = (
                "the quotient table and the votes lacking refer to the distribution over the "
                "whole body, which decides each party's number of seats; the constituencies show "
                "where they fall"
            )
        for i, party in enumerate(names):
            if not outcome.eligible[i] and totals[party]:
                # In by a constituency's 12 %: its seats are its fixed seats there.
                explanation["votes_for_one_more_seat"][party] = None
                explanation["votes_to_lose_one_seat"][party] = None
        explanation["fixed_seats_order"] = {
            areas[a].name: [
                {**step, "quotient": fraction_text(step["quotient"])}
                for step in outcome.fixed_order[a]
            ]
            for a in range(len(areas))
        }
        explanation["adjustment_seats_order"] = [
            {**step, "quotient": fraction_text(step["quotient"])}
            for step in outcome.adjustment_order
        ]
        result["explanation"] = explanation
