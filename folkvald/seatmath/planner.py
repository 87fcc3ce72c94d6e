"""The best joint lists (valteknisk samverkan) for a bloc, over all of a council's committees.

Everyone votes for their own list, a list is a union of parties, and each committee's places
go by d'Hondt on the lists' totals (lag 2022:629 §§ 17-18, with names enough on every list).
A place that falls to the bloc only if it wins a lot is counted apart (``bloc_by_lot``): the
bloc is sure of the rest whatever the lot says. The search is exact, over every set partition
of the bloc and, with ``"others": "best_response"``, of the other side (max over the bloc's
arrangements of the min over the other side's). docs/committee-elections.md explains it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from typing import Any

from folkvald.seatmath.errors import SeatMathError

#: Parties per side the exact search accepts (Bell(10) = 115 975 arrangements).
MAX_SIDE = 10
MAX_PLACES = 1000
_SPEC_KEYS = {"seats", "committees", "bloc", "others", "others_lists", "name_orders"}
_MODES = ("as_is", "best_response")

#: (places the bloc is sure of, places it gets only by winning lots), summed over committees.
Score = tuple[int, int]


# --------------------------------------------------------------------------- set partitions


def set_partitions(items: Sequence[str]) -> Iterator[list[list[str]]]:
    """Every way to split `items` into non-empty lists; each list keeps the input order."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partition in set_partitions(rest):
        yield [[first], *partition]
        for index in range(len(partition)):
            yield [*partition[:index], [first, *partition[index]], *partition[index + 1 :]]


# --------------------------------------------------------------------------- d'Hondt on totals


def _keys(totals: Sequence[int], top: int, scale: int) -> list[int]:
    """Every comparative number total/j (j = 1..top) as -total*scale/j, an exact int, ascending."""
    return sorted(-(total * (scale // divisor)) for total in totals if total > 0 for divisor in range(1, top + 1))


def _split(
    mine: list[int], theirs: list[int], places: int, merged: list[int] | None = None
) -> tuple[int, int, int, int]:
    """(sure, by lot) places for each side when `places` go to the highest comparative numbers.

    Entries above the last winning value are sure; the r places left at that value go by lot
    among the k entries equal to it, so one side is sure of max(0, r - k_other) of them and
    can win at most min(r, k_own).
    """
    if merged is None:
        merged = sorted(mine[:places] + theirs[:places])
    cut = merged[places - 1]
    above_mine = bisect_left(mine, cut)
    above_theirs = bisect_left(theirs, cut)
    tied_mine = bisect_right(mine, cut) - above_mine
    tied_theirs = bisect_right(theirs, cut) - above_theirs
    left = places - above_mine - above_theirs
    sure_mine = above_mine + max(0, left - tied_theirs)
    sure_theirs = above_theirs + max(0, left - tied_mine)
    lot_mine = above_mine + min(left, tied_mine) - sure_mine
    lot_theirs = above_theirs + min(left, tied_theirs) - sure_theirs
    return sure_mine, lot_mine, sure_theirs, lot_theirs


def list_places(totals: Mapping[str, int], places: int) -> dict[str, Any]:
    """d'Hondt for one committee on list totals: sure places per list and the lot at the cut."""
    if places < 1:
        raise SeatMathError("a committee needs at least 1 place")
    quotients = sorted(
        ((Fraction(total, divisor), label) for label, total in totals.items() if total > 0
         for divisor in range(1, places + 1)),
        key=lambda item: item[0],
        reverse=True,
    )
    if not quotients:
        raise SeatMathError("no list has any member present")
    cut = quotients[places - 1][0]
    sure: dict[str, int] = {label: 0 for label in totals}
    for value, label in quotients:
        if value > cut:
            sure[label] += 1
    tied = [label for value, label in quotients if value == cut]
    left = places - sum(sure.values())
    lot = None
    if left < len(tied):
        lot = {"value": str(cut), "places": left, "lists": tied}
    else:
        for label in tied:
            sure[label] += 1
    return {"sure": sure, "lot": lot}


def joint_list_places(order: Sequence[str], places: int) -> dict[str, Any]:
    """Which party each place of a joint list falls to, given the agreed order of its names.

    ``order`` holds the party of each name in list order, e.g. ["S", "C", "S", "MP", "S", ...];
    the list's places go to its names from the top (lag 2022:629 § 19).
    """
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise SeatMathError("the places of a joint list must be a whole number of at least 0")
    if places > len(order):
        raise SeatMathError(f"the joint list has {len(order)} names but {places} places")
    by_party: dict[str, int] = {}
    for party in order[:places]:
        by_party[party] = by_party.get(party, 0) + 1
    return {
        "places": [{"place": number, "party": party} for number, party in enumerate(order[:places], 1)],
        "by_party": by_party,
    }


# --------------------------------------------------------------------------- input


@dataclass(frozen=True)
class _Plan:
    seats: dict[str, int]
    committees: list[tuple[str, int]]
    bloc: list[str]
    others: list[str]
    mode: str
    others_lists: list[list[str]] | None
    name_orders: dict[str, list[str]]


def _parties(value: object, seats: Mapping[str, int], what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SeatMathError(f"{what} must be a list of party names")
    for party in value:
        if party not in seats:
            raise SeatMathError(f"{what} names {party!r}, which is not in 'seats'")
    if len(set(value)) != len(value):
        raise SeatMathError(f"{what} names a party twice")
    return list(value)


def _parse(spec: Mapping[str, Any]) -> _Plan:
    if not isinstance(spec, Mapping):
        raise SeatMathError("the input must be a JSON object")
    unknown = sorted(set(spec) - _SPEC_KEYS)
    if unknown:
        raise SeatMathError(f"unknown key {unknown[0]!r} in the input")
    raw_seats = spec.get("seats")
    if not isinstance(raw_seats, dict) or not raw_seats:
        raise SeatMathError("'seats' must be an object of party: members present")
    seats: dict[str, int] = {}
    for party, count in raw_seats.items():
        if not isinstance(party, str) or not party.strip() or "+" in party:
            raise SeatMathError(f"party name {party!r} must be a non-empty text without '+'")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise SeatMathError(f"'seats' of {party} must be a whole number of at least 0")
        seats[party] = count
    if sum(seats.values()) == 0:
        raise SeatMathError("no party has any member present")
    raw_committees = spec.get("committees")
    if not isinstance(raw_committees, list) or not raw_committees:
        raise SeatMathError("'committees' must be a non-empty list of {name, places}")
    committees: list[tuple[str, int]] = []
    for number, committee in enumerate(raw_committees, start=1):
        if not isinstance(committee, dict) or set(committee) - {"name", "places"}:
            raise SeatMathError(f"committee {number} must be an object with 'name' and 'places'")
        name, places = committee.get("name"), committee.get("places")
        if not isinstance(name, str) or not name.strip():
            raise SeatMathError(f"committee {number} needs a 'name'")
        if isinstance(places, bool) or not isinstance(places, int) or not 1 <= places <= MAX_PLACES:
            raise SeatMathError(f"'places' of committee {name!r} must be a whole number from 1 to {MAX_PLACES}")
        if name in {existing for existing, _ in committees}:
            raise SeatMathError(f"two committees are named {name!r}")
        committees.append((name, places))
    bloc = _parties(spec.get("bloc"), seats, "'bloc'")
    if not bloc:
        raise SeatMathError("'bloc' must name at least one party")
    others = [party for party in seats if party not in bloc]
    mode = spec.get("others", "as_is")
    if mode not in _MODES:
        raise SeatMathError(f"'others' must be one of {', '.join(_MODES)}, not {mode!r}")
    if len(bloc) > MAX_SIDE or (mode == "best_response" and len(others) > MAX_SIDE):
        raise SeatMathError(f"the exact search takes at most {MAX_SIDE} parties on a side")
    others_lists = None
    raw_lists = spec.get("others_lists")
    if raw_lists is not None:
        if not isinstance(raw_lists, list):
            raise SeatMathError("'others_lists' must be a list of lists of parties")
        others_lists = [_parties(item, seats, "a list in 'others_lists'") for item in raw_lists]
        flat = [party for item in others_lists for party in item]
        if any(not item for item in others_lists):
            raise SeatMathError("a list in 'others_lists' is empty")
        if sorted(flat) != sorted(others):
            extra = sorted(set(flat) & set(bloc)) or sorted(set(flat) - set(others))
            if extra:
                raise SeatMathError(f"'others_lists' names {extra[0]!r}, a party of the bloc")
            if len(set(flat)) != len(flat):
                raise SeatMathError("'others_lists' names a party twice")
            missing = sorted(set(others) - set(flat))
            raise SeatMathError(f"'others_lists' leaves out {missing[0]!r}")
    name_orders: dict[str, list[str]] = {}
    raw_orders = spec.get("name_orders", {})
    if not isinstance(raw_orders, dict):
        raise SeatMathError("'name_orders' must be an object of list label: parties in name order")
    for label, order in raw_orders.items():
        members = label.split("+") if isinstance(label, str) else []
        strays = [party for party in members if party not in seats]
        if strays:
            raise SeatMathError(f"the name order of {label!r} is for a list with {strays[0]!r}, which is not in 'seats'")
        if not isinstance(order, list) or not all(isinstance(p, str) for p in order):
            raise SeatMathError(f"the name order of {label!r} must be a list of parties")
        if any(party not in members for party in order):
            raise SeatMathError(f"the name order of {label!r} names a party not on that list")
        name_orders[label] = list(order)
    return _Plan(seats, committees, bloc, others, mode, others_lists, name_orders)


# --------------------------------------------------------------------------- the search


class _Evaluator:
    """Scores a pair of arrangements, each reduced to the sorted totals of its lists.

    A committee's result depends only on the multisets of list totals and its number of
    places, so every arrangement with the same totals shares one entry, committees of the
    same size are counted once with their multiplicity, and all sizes come from one cut.
    """

    def __init__(self, sizes: Mapping[int, int]) -> None:
        self.sizes = sorted(sizes.items())
        self.top = max(sizes)
        self.scale = math.lcm(*range(1, self.top + 1))
        self._keys: dict[tuple[int, ...], list[int]] = {}
        self._scores: dict[tuple[tuple[int, ...], tuple[int, ...]], Score] = {}
        self.evaluations = 0

    def keys(self, totals: tuple[int, ...]) -> list[int]:
        found = self._keys.get(totals)
        if found is None:
            found = _keys(totals, self.top, self.scale)
            self._keys[totals] = found
        return found

    def score(self, mine: tuple[int, ...], theirs: tuple[int, ...]) -> Score:
        key = (mine, theirs)
        found = self._scores.get(key)
        if found is not None:
            return found
        self.evaluations += 1
        mine_keys, their_keys = self.keys(mine), self.keys(theirs)
        merged = sorted(mine_keys[: self.top] + their_keys[: self.top])
        sure = lot = 0
        for places, count in self.sizes:
            sure_one, lot_one, _, _ = _split(mine_keys, their_keys, places, merged)
            sure += sure_one * count
            lot += lot_one * count
        self._scores[key] = (sure, lot)
        return sure, lot


def _arrangements(parties: Sequence[str], seats: Mapping[str, int]) -> list[tuple[tuple[int, ...], list[list[str]]]]:
    """One arrangement per distinct multiset of list totals, most lists first.

    Parties join lists one at a time. Where a party can go next depends only on the totals of
    the lists formed so far, so partial arrangements with the same totals are merged at every
    step: every multiset of totals that some set partition gives is still reached, without
    walking all Bell(n) partitions. The first arrangement found for a multiset represents it.
    """
    states: dict[tuple[int, ...], list[list[str]]] = {(): []}
    for party in parties:
        votes = seats[party]
        following: dict[tuple[int, ...], list[list[str]]] = {}
        for totals, blocks in states.items():
            following.setdefault(
                tuple(sorted((*totals, votes), reverse=True)), [*blocks, [party]]
            )
            tried: set[int] = set()
            for index, block in enumerate(blocks):
                total = sum(seats[p] for p in block)
                if total in tried:
                    continue
                tried.add(total)
                rest = list(totals)
                rest.remove(total)
                key = tuple(sorted((*rest, total + votes), reverse=True))
                if key not in following:
                    following[key] = [*blocks[:index], [*block, party], *blocks[index + 1 :]]
        states = following
    return sorted(states.items(), key=lambda item: -len(item[1]))


def _best_as_is(
    evaluator: _Evaluator, blocs: list[tuple[tuple[int, ...], list[list[str]]]], theirs: tuple[int, ...]
) -> int:
    best_index, best_score = 0, evaluator.score(blocs[0][0], theirs)
    for index, (totals, _) in enumerate(blocs[1:], start=1):
        score = evaluator.score(totals, theirs)
        if score > best_score:
            best_index, best_score = index, score
    return best_index


def _best_response(
    evaluator: _Evaluator,
    blocs: list[tuple[tuple[int, ...], list[list[str]]]],
    replies: list[tuple[tuple[int, ...], list[list[str]]]],
) -> tuple[int, int]:
    """max over the bloc's arrangements of min over the replies, pruned but exact.

    Ties go to the bloc arrangement earliest in `blocs` and the reply earliest in `replies`.
    Any one reply bounds a bloc arrangement from above, so arrangements are tried from the
    highest bound and the search stops when no bound can beat the best found; inside, the
    replies that were worst before are tried first and an arrangement is dropped as soon as
    it cannot beat the best.
    """
    merged = (sum(replies[0][0]),) if replies[0][0] else ()
    singles = replies[0][0]
    bound = [
        min(evaluator.score(totals, merged), evaluator.score(totals, singles)) for totals, _ in blocs
    ]
    order = sorted(range(len(blocs)), key=lambda index: (tuple(-x for x in bound[index]), index))
    killers: list[int] = []
    best: tuple[Score, int, int] | None = None
    for index in order:
        if best is not None and (bound[index] < best[0] or (bound[index] == best[0] and index > best[1])):
            if bound[index] < best[0]:
                break
            continue
        totals = blocs[index][0]
        worst: Score | None = None
        worst_reply = -1
        known = set(killers)
        tried = chain(list(killers), (r for r in range(len(replies)) if r not in known))
        pruned = False
        for reply in tried:
            score = evaluator.score(totals, replies[reply][0])
            if worst is None or score < worst or (score == worst and reply < worst_reply):
                worst, worst_reply = score, reply
            if best is not None and (worst < best[0] or (worst == best[0] and index > best[1])):
                pruned = True
                break
        if worst_reply not in killers:
            killers.insert(0, worst_reply)
        if not pruned and worst is not None:
            best = (worst, index, worst_reply)
    assert best is not None  # blocs is never empty
    return best[1], best[2]


# --------------------------------------------------------------------------- the entry point


def _label(parties: Sequence[str]) -> str:
    return "+".join(parties)


def _canonical(lists: Sequence[Sequence[str]], order: Sequence[str]) -> list[list[str]]:
    position = {party: index for index, party in enumerate(order)}
    sorted_lists = [sorted(item, key=position.__getitem__) for item in lists]
    return sorted(sorted_lists, key=lambda item: position[item[0]])


def best_arrangement(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The bloc's joint lists that give it the most places it is sure of, over all committees.

    Input and output as in issue 5 and docs/committee-elections.md: ``{"seats", "committees",
    "bloc", "others": "as_is" | "best_response", "others_lists", "name_orders"}`` ->
    ``{"bloc_lists", "others_lists", "places": {"bloc", "bloc_by_lot", "by_committee"}, "ties"}``.
    """
    plan = _parse(spec)
    sizes: dict[int, int] = {}
    for _, places in plan.committees:
        sizes[places] = sizes.get(places, 0) + 1
    evaluator = _Evaluator(sizes)
    blocs = _arrangements(plan.bloc, plan.seats)
    if plan.mode == "as_is":
        fixed = plan.others_lists if plan.others_lists is not None else [[p] for p in plan.others]
        fixed_totals = tuple(sorted((sum(plan.seats[p] for p in item) for item in fixed), reverse=True))
        bloc_lists = blocs[_best_as_is(evaluator, blocs, fixed_totals)][1]
        others_lists = fixed
        searched_others = 1
    else:
        replies = _arrangements(plan.others, plan.seats)
        bloc_index, reply_index = _best_response(evaluator, blocs, replies)
        bloc_lists, others_lists = blocs[bloc_index][1], replies[reply_index][1]
        searched_others = len(replies)
    result = _describe(plan, _canonical(bloc_lists, plan.bloc), _canonical(others_lists, plan.others))
    result["others"] = plan.mode
    result["searched"] = {
        "bloc_arrangements": len(blocs),
        "others_arrangements": searched_others,
        "evaluations": evaluator.evaluations,
    }
    return result


def _describe(plan: _Plan, bloc_lists: list[list[str]], others_lists: list[list[str]]) -> dict[str, Any]:
    """Places per committee and list for the chosen arrangement, with the lots apart."""
    totals = {_label(item): sum(plan.seats[p] for p in item) for item in bloc_lists + others_lists}
    bloc_labels = {_label(item) for item in bloc_lists}
    by_committee: dict[str, Any] = {}
    ties: list[dict[str, Any]] = []
    sums = {"bloc": 0, "bloc_by_lot": 0, "others": 0, "others_by_lot": 0}
    for name, places in plan.committees:
        outcome = list_places(totals, places)
        sure: dict[str, int] = outcome["sure"]
        lot = outcome["lot"]
        tied = lot["lists"] if lot else []
        left = lot["places"] if lot else 0
        tied_bloc = sum(1 for label in tied if label in bloc_labels)
        tied_others = len(tied) - tied_bloc
        row: dict[str, Any] = {
            "places": places,
            "bloc": sum(n for label, n in sure.items() if label in bloc_labels) + max(0, left - tied_others),
            "others": sum(n for label, n in sure.items() if label not in bloc_labels) + max(0, left - tied_bloc),
        }
        row["bloc_by_lot"] = min(left, tied_bloc) - max(0, left - tied_others)
        row["others_by_lot"] = min(left, tied_others) - max(0, left - tied_bloc)
        row["lists"] = sure
        # Who can make the election proportional on their own (lag 2022:629 § 2).
        present = sum(plan.seats.values())
        required = -(-present // (places + 1))
        row["proportional_demand"] = {
            "required": required,
            "bloc_can_force": sum(plan.seats[p] for p in plan.bloc) >= required,
            "others_can_force": sum(plan.seats[p] for p in plan.others) >= required,
        }
        if lot:
            ties.append({"committee": name, **lot})
        parties: dict[str, dict[str, int]] = {}
        short: dict[str, int] = {}
        for label, order in plan.name_orders.items():
            if label in sure:
                parties[label] = joint_list_places(order, min(sure[label], len(order)))["by_party"]
                if sure[label] > len(order):
                    short[label] = sure[label] - len(order)
        if parties:
            row["by_party"] = parties
        if short:
            row["names_missing"] = short
        by_committee[name] = row
        for key in sums:
            sums[key] += row[key]
    return {
        "bloc_lists": bloc_lists,
        "others_lists": others_lists,
        "places": {**sums, "by_committee": by_committee},
        "ties": ties,
    }


__all__ = ["best_arrangement", "joint_list_places", "list_places", "set_partitions"]
