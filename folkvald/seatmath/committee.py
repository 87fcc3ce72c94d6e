"""Proportional elections inside a council: committees, boards, sub-committees.

The procedure of lag (2022:629) om proportionella val i kommuner och regioner and of the
law it replaced on 1 July 2022, lag (1992:339) om proportionellt valsätt. Section numbers
in comments are 2022 § [1992 §]. docs/committee-elections.md explains the readings where
the text leaves room; every number that decides a place is an int or a Fraction.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from folkvald.seatmath.errors import SeatMathError

LAW_2022 = "2022:629"
LAW_1992 = "1992:339"
LAWS = (LAW_2022, LAW_1992)

#: The seed of the lot when the input names none, so that a result can always be repeated.
DEFAULT_SEED = 0

#: Far above any council's committee; keeps a mistyped number from running away.
MAX_PLACES = 1000

#: Entries of the comparative-number table (rounds x ballot groups) an election may need.
#: A real one needs a few thousand; only many groups naming the same persons, so that
#: most rounds fall to persons already seated, come near. Keeps one request bounded.
MAX_TABLE_ENTRIES = 400_000

_SPEC_KEYS = {"law", "places", "present", "ballots", "seed", "void", "ineligible", "substitutes", "parties"}
_SUBSTITUTE_KEYS = {"places", "ballots", "seed", "void", "ineligible"}
_BALLOT_KEYS = {"label", "names", "count", "struck", "void"}


# --------------------------------------------------------------------------- small helpers


def required_for_proportional(present: int, places: int) -> int:
    """Members who must ask for a proportional election: ⌈present / (places + 1)⌉ (§ 2 [§ 2])."""
    if isinstance(present, bool) or not isinstance(present, int) or present < 1:
        raise SeatMathError("'present' must be a whole number of at least 1")
    if isinstance(places, bool) or not isinstance(places, int) or places < 1:
        raise SeatMathError("'places' must be a whole number of at least 1")
    return -(-present // (places + 1))


def can_force_proportional(members: int, present: int, places: int) -> bool:
    """Whether a group of `members` voters can on its own make the election proportional."""
    return members >= required_for_proportional(present, places)


def _fraction_text(value: Fraction) -> str:
    return str(value)


def _whole(value: object, what: str, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SeatMathError(f"{what} must be a whole number, not {value!r}")
    if value < minimum:
        raise SeatMathError(f"{what} must be at least {minimum}, not {value}")
    if maximum is not None and value > maximum:
        raise SeatMathError(f"{what} must be at most {maximum}, not {value}")
    return value


def _name(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SeatMathError(f"{what} must be a non-empty text, not {value!r}")
    return value.strip()


def _names(value: object, what: str) -> list[str]:
    if not isinstance(value, list):
        raise SeatMathError(f"{what} must be a list of names")
    return [_name(item, f"a name in {what}") for item in value]


def _check_keys(mapping: Mapping[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise SeatMathError(f"unknown key {unknown[0]!r} in {what}")


# --------------------------------------------------------------------------- the lot


@dataclass
class Lot:
    """The reproducible lot (§ 21 [§ 24]): one seeded generator per election, every draw recorded."""

    seed: int
    draws: list[dict[str, Any]] = field(default_factory=list)
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def choose(self, candidates: Sequence[str], record: dict[str, Any]) -> str:
        """Draw one of several equal candidates (given in a fixed order) and record the draw."""
        chosen = self._rng.choice(list(candidates))
        self.draws.append({**record, "between": list(candidates), "chosen": chosen})
        return chosen

    def order(self, candidates: Sequence[str], record: dict[str, Any]) -> list[str]:
        """Draw the order of several equal candidates and record it."""
        ordered = self._rng.sample(list(candidates), len(candidates))
        self.draws.append({**record, "between": list(candidates), "order": ordered})
        return ordered


# --------------------------------------------------------------------------- ballots and groups


@dataclass(frozen=True)
class _BallotEntry:
    """`count` identical ballots, with the names that are to be considered (§ 10 [§ 9])."""

    label: str
    names: tuple[str, ...]
    count: int


@dataclass
class BallotGroup:
    """A valsedelsgrupp: its label, vote total (röstetal) and name list (namnlista)."""

    id: str
    label: str
    votes: int
    names: list[str]
    ballots: list[_BallotEntry]
    name_counts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Election:
    law: str
    places: int
    seed: int
    valid: list[_BallotEntry]
    void: int
    ignored: list[dict[str, Any]]


def _parse_election(
    raw: Mapping[str, Any], law: str, present: int | None, default_seed: int, what: str
) -> _Election:
    places = _whole(raw.get("places"), f"'places' in {what}", 1, MAX_PLACES)
    seed = _whole(raw.get("seed", default_seed), f"'seed' in {what}", 0)
    void = _whole(raw.get("void", 0), f"'void' in {what}", 0)
    ineligible = set(_names(raw.get("ineligible", []), f"'ineligible' in {what}"))
    ballots = raw.get("ballots")
    if not isinstance(ballots, list) or not ballots:
        raise SeatMathError(f"'ballots' in {what} must be a non-empty list")
    valid: list[_BallotEntry] = []
    ignored: list[dict[str, Any]] = []
    for number, ballot in enumerate(ballots, start=1):
        where = f"ballot {number} of {what}"
        if not isinstance(ballot, dict):
            raise SeatMathError(f"{where} must be an object with 'label', 'names' and 'count'")
        _check_keys(ballot, _BALLOT_KEYS, where)
        count = _whole(ballot.get("count", 1), f"'count' of {where}", 1)
        label = ballot.get("label", "")
        if not isinstance(label, str):
            raise SeatMathError(f"'label' of {where} must be a text")
        names = _names(ballot.get("names", []), f"'names' of {where}")
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise SeatMathError(f"{where} names {name!r} twice")
            seen.add(name)
        struck = set(_names(ballot.get("struck", []), f"'struck' of {where}"))
        if struck - seen:
            raise SeatMathError(f"{where} strikes {sorted(struck - seen)[0]!r}, which it does not name")
        is_void = ballot.get("void", False)
        if not isinstance(is_void, bool):
            raise SeatMathError(f"'void' of {where} must be true or false")
        # A ballot without a group label is void (§ 9 p. 3 [§ 8 p. 1]).
        if is_void or not label.strip():
            void += count
            continue
        # Names of ineligible persons and struck or unclear names are not considered; of the
        # names left, those beyond the number of places are not considered either (§ 10 [§ 9]).
        considered = [name for name in names if name not in ineligible and name not in struck]
        for name in names:
            if name in ineligible or name in struck:
                reason = "not eligible" if name in ineligible else "struck"
                ignored.append({"ballot": number, "name": name, "reason": reason})
        for name in considered[places:]:
            ignored.append({"ballot": number, "name": name, "reason": "beyond the number of places"})
        valid.append(_BallotEntry(label.strip(), tuple(considered[:places]), count))
    total = void + sum(entry.count for entry in valid)
    if present is not None and total > present:
        raise SeatMathError(f"{what} has {total} ballots but only {present} members are present")
    if not valid:
        raise SeatMathError(f"{what} has no valid ballot")
    return _Election(law, places, seed, valid, void, ignored)


def _groups(election: _Election, lot: Lot) -> list[BallotGroup]:
    """Form the ballot groups (§ 14 [§ 14]) and their name lists (§ 15 [§§ 15-18])."""
    keyed: dict[tuple[str, tuple[str, ...]], BallotGroup] = {}
    for entry in election.valid:
        key = (entry.label, entry.names if election.law == LAW_2022 else ())
        group = keyed.get(key)
        if group is None:
            group = BallotGroup(id="", label=entry.label, votes=0, names=[], ballots=[])
            keyed[key] = group
        group.votes += entry.count
        group.ballots.append(entry)
    groups = list(keyed.values())
    per_label: dict[str, int] = {}
    for group in groups:
        per_label[group.label] = per_label.get(group.label, 0) + 1
    seen: dict[str, int] = {}
    for group in groups:
        seen[group.label] = seen.get(group.label, 0) + 1
        many = per_label[group.label] > 1
        group.id = f"{group.label} ({seen[group.label]})" if many else group.label
        if election.law == LAW_2022:
            group.names = list(group.ballots[0].names)
        else:
            _rank_names_1992(group, election.places, lot)
    return groups


def _rank_names_1992(group: BallotGroup, places: int, lot: Lot) -> None:
    """The successive counts of lag (1992:339) §§ 15-18.

    In each count a ballot stands for the first of its names not yet on the list, and weighs
    1 for its first name, 1/2 for its second, 1/3 for its third... The highest total goes on
    the list next. Counting stops when the list has as many names as there are places (only
    so many can ever be used, § 15: "i den utsträckning sådana behövs") or no name is left.
    """
    distinct = list(dict.fromkeys(name for entry in group.ballots for name in entry.names))
    rank = {name: index for index, name in enumerate(distinct)}
    listed: list[str] = []
    on_list: set[str] = set()
    # The position on each ballot of the first name not yet listed: only ever moves on,
    # since names are never taken off the list.
    first = [0] * len(group.ballots)
    while len(listed) < min(places, len(distinct)):
        totals: dict[str, Fraction] = {}
        for number, entry in enumerate(group.ballots):
            position = first[number]
            while position < len(entry.names) and entry.names[position] in on_list:
                position += 1
            first[number] = position
            if position < len(entry.names):
                name = entry.names[position]
                totals[name] = totals.get(name, Fraction(0)) + Fraction(entry.count, position + 1)
        best = max(totals.values())
        tied = sorted((name for name, value in totals.items() if value == best), key=rank.__getitem__)
        if len(tied) > 1:
            chosen = lot.choose(
                tied,
                {"kind": "name order", "group": group.id, "position": len(listed) + 1,
                 "value": _fraction_text(best)},
            )
        else:
            chosen = tied[0]
        group.name_counts.append(
            {"position": len(listed) + 1,
             "totals": {name: _fraction_text(value) for name, value in totals.items()},
             "listed": chosen}
        )
        listed.append(chosen)
        on_list.add(chosen)
    group.names = listed


# --------------------------------------------------------------------------- the places


@dataclass
class _Outcome:
    groups: list[BallotGroup]
    allotted: dict[str, list[str]]
    person_groups: dict[str, list[str]]
    seats: list[str]
    allotments: list[dict[str, Any]]
    table: list[dict[str, Any]]


def _distribute(groups: list[BallotGroup], places: int, lot: Lot) -> _Outcome:
    """Give the places out one at a time by d'Hondt comparative numbers (§§ 16-20 [§§ 19-23]).

    A group's count of places is the sum, over the persons it has been allotted, of 1/k where
    k is the number of groups that person has been allotted from (§ 18 [§ 22]). A place is
    filled at once by the next person on the group's list, even if that person already holds
    a place from another group (§ 19 [§ 21]); that person then still holds one seat, shared by
    the groups, so the distribution goes on until every place has its own person. A group
    whose list is used up leaves the distribution (§ 20 [§ 23]).
    """
    allotted: dict[str, list[str]] = {group.id: [] for group in groups}
    person_groups: dict[str, list[str]] = {}
    seats: list[str] = []
    seat_number: dict[str, int] = {}
    allotments: list[dict[str, Any]] = []
    table: list[dict[str, Any]] = []
    by_id = {group.id: group for group in groups}
    # Only the groups touched by an allotment change their numbers, so keep them up to date.
    counted: dict[str, Fraction] = {group.id: Fraction(0) for group in groups}
    numbers: dict[str, Fraction | None] = {}
    texts: dict[str, str | None] = {}

    def refresh(gid: str) -> None:
        group = by_id[gid]
        if len(allotted[gid]) >= len(group.names):
            numbers[gid], texts[gid] = None, None  # the list is used up (§ 20 [§ 23])
        else:
            value = Fraction(group.votes) / (counted[gid] + 1)
            numbers[gid], texts[gid] = value, _fraction_text(value)

    for group in groups:
        refresh(group.id)
    round_number = 0
    while len(seats) < places:
        active = [(gid, value) for gid, value in numbers.items() if value is not None]
        if not active:
            break
        round_number += 1
        if round_number * len(groups) > MAX_TABLE_ENTRIES:
            raise SeatMathError(
                f"the election is too large to count: {len(groups)} ballot groups would need more than "
                f"{MAX_TABLE_ENTRIES} comparative numbers (many groups naming the same persons)"
            )
        # The highest number by exact integer cross-multiplication (faster than Fraction's).
        best = active[0][1]
        for _, value in active[1:]:
            if value.numerator * best.denominator > best.numerator * value.denominator:
                best = value
        tied = [
            gid for gid, value in active
            if value.numerator == best.numerator and value.denominator == best.denominator
        ]
        if len(tied) > 1:
            winner = lot.choose(
                tied,
                {"kind": "place", "round": round_number, "value": _fraction_text(best)},
            )
        else:
            winner = tied[0]
        table.append({"round": round_number, "values": dict(texts)})
        group = by_id[winner]
        person = group.names[len(allotted[winner])]
        allotted[winner].append(person)
        shared = person in person_groups
        person_groups.setdefault(person, []).append(winner)
        if shared:
            # Every group this person came from now counts that place as 1/k instead of
            # 1/(k-1) (§ 18): change each group's count by the difference, exactly.
            k = len(person_groups[person])
            for gid in person_groups[person][:-1]:
                counted[gid] += Fraction(1, k) - Fraction(1, k - 1)
                refresh(gid)
            counted[winner] += Fraction(1, k)
            refresh(winner)
        else:
            seats.append(person)
            seat_number[person] = len(seats)
            counted[winner] += 1
            refresh(winner)
        allotments.append(
            {"round": round_number, "group": winner, "label": group.label, "person": person,
             "comparative_number": _fraction_text(best), "place": seat_number[person],
             "shared": shared, "tie": len(tied) > 1}
        )
    return _Outcome(groups, allotted, person_groups, seats, allotments, table)


def _result(election: _Election, groups: list[BallotGroup], outcome: _Outcome, lot: Lot) -> dict[str, Any]:
    by_id = {group.id: group for group in groups}
    # A tie decides a place (not merely the order of two places) when one of the tied groups
    # never gets a place at that comparative number.
    won = {(item["group"], item["comparative_number"]) for item in outcome.allotments}
    decisive_rounds: set[int] = set()
    for draw in lot.draws:
        if draw["kind"] == "place":
            draw["decisive"] = not all((gid, draw["value"]) in won for gid in draw["between"])
            if draw["decisive"]:
                decisive_rounds.add(draw["round"])
    first_allotment: dict[str, dict[str, Any]] = {}
    for allotment in outcome.allotments:
        allotment["by_lot"] = allotment["round"] in decisive_rounds
        first_allotment.setdefault(allotment["person"], allotment)
    places = []
    places_by_label: dict[str, int] = {}
    for number, person in enumerate(outcome.seats, start=1):
        first, *also = outcome.person_groups[person]
        label = by_id[first].label
        places.append({"place": number, "person": person, "group": first, "label": label,
                       "also_from": also, "by_lot": first_allotment[person]["by_lot"]})
        places_by_label[label] = places_by_label.get(label, 0) + 1
    group_rows = []
    for group in groups:
        counted = sum(
            (Fraction(1, len(outcome.person_groups[p])) for p in outcome.allotted[group.id]),
            Fraction(0),
        )
        row: dict[str, Any] = {
            "id": group.id, "label": group.label, "votes": group.votes, "names": group.names,
            "allotted": outcome.allotted[group.id], "counted_places": _fraction_text(counted),
            "exhausted": len(outcome.allotted[group.id]) >= len(group.names),
        }
        if election.law == LAW_1992:
            row["name_counts"] = group.name_counts
        group_rows.append(row)
    return {
        "law": election.law,
        "number_of_places": election.places,
        "ballots": {"valid": sum(group.votes for group in groups), "void": election.void},
        "ignored_names": election.ignored,
        "groups": group_rows,
        "places": places,
        "places_by_label": places_by_label,
        "unfilled": election.places - len(outcome.seats),
        "allotments": outcome.allotments,
        "comparative_numbers": outcome.table,
        "ties": list(lot.draws),
        "lot": {"seed": lot.seed, "draws": len(lot.draws)},
    }


def _elect(election: _Election) -> dict[str, Any]:
    lot = Lot(election.seed)
    groups = _groups(election, lot)
    outcome = _distribute(groups, election.places, lot)
    result = _result(election, groups, outcome, lot)
    # Drawn last, so that it never changes the places; used when these are substitutes.
    result["precedence"] = _precedence(result, lot)
    result["precedence_ties"] = lot.draws[len(result["ties"]):]
    result["lot"]["draws"] = len(lot.draws)
    return result


# --------------------------------------------------------------------------- substitutes


def substitute_order(
    substitutes: Mapping[str, Any],
    member_label: str,
    *,
    unavailable: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """The order in which substitutes serve for an absent member elected under `member_label`.

    `substitutes` is the result of :func:`committee_allocate` for the election of substitutes
    (or its "substitutes" part). § 22 [§ 25]: substitutes from a group with the same label as
    the absent member's group come first; then substitutes from the group with the highest
    vote total, then the next, and so on; within a group in the order of its name list. A
    person allotted from several groups counts as elected for the group that allotted them
    first. Groups with equal vote totals are in the order drawn by lot, recorded in
    ``substitutes["precedence"]`` and ``substitutes["precedence_ties"]``. Persons in `unavailable` are left out.
    """
    if not isinstance(member_label, str):
        raise SeatMathError("the member's group label must be a text")
    try:
        precedence: list[str] = list(substitutes["precedence"])
        groups = {row["id"]: row for row in substitutes["groups"]}
        places = list(substitutes["places"])
    except (KeyError, TypeError) as error:
        raise SeatMathError("substitute_order needs the result of committee_allocate") from error
    skip = set(unavailable)
    label = member_label.strip()
    ordered_groups = [gid for gid in precedence if groups[gid]["label"] == label]
    ordered_groups += [gid for gid in precedence if groups[gid]["label"] != label]
    elected_for = {row["person"]: row["group"] for row in places}
    order: list[dict[str, Any]] = []
    for gid in ordered_groups:
        for person in groups[gid]["allotted"]:
            if elected_for.get(person) == gid and person not in skip:
                order.append({"person": person, "group": gid, "label": groups[gid]["label"]})
    return order


def _precedence(result: dict[str, Any], lot: Lot) -> list[str]:
    """Groups that won places by vote total, highest first; equal totals ordered by lot.

    This is the order of § 22 p. 1 [§ 25 p. 1] among substitutes of other labels.
    """
    groups = [row for row in result["groups"] if row["allotted"]]
    by_votes: dict[int, list[str]] = {}
    for row in groups:
        by_votes.setdefault(row["votes"], []).append(row["id"])
    ordered: list[str] = []
    for votes in sorted(by_votes, reverse=True):
        ids = by_votes[votes]
        if len(ids) > 1:
            ids = lot.order(ids, {"kind": "substitute precedence", "value": str(votes)})
        ordered.extend(ids)
    return ordered


# --------------------------------------------------------------------------- the entry point


def committee_allocate(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Elect a committee proportionally from the ballots cast; see docs/committee-elections.md.

    Input: ``{"law": "2022:629" | "1992:339", "places": 11, "present": 61, "ballots":
    [{"label": ..., "names": [...], "count": 32, "struck": [...], "void": false}, ...],
    "seed": 0, "void": 0, "ineligible": [...], "substitutes": {"places": ..., "ballots": ...}}``.
    """
    if not isinstance(spec, Mapping):
        raise SeatMathError("the input must be a JSON object")
    _check_keys(spec, _SPEC_KEYS, "the input")
    law = spec.get("law")
    if law not in LAWS:
        raise SeatMathError(f"'law' must be one of {', '.join(LAWS)}, not {law!r}")
    present = spec.get("present")
    if present is not None:
        present = _whole(present, "'present'", 1)
    election = _parse_election(spec, law, present, DEFAULT_SEED, "the election")
    result = _elect(election)
    result["present"] = present
    parties = _party_map(spec.get("parties"))
    if parties is not None:
        result["places_by_party"] = _by_party(result, parties)
    result["proportional_demand"] = _demand(result, present, election.places)
    raw_substitutes = spec.get("substitutes")
    if raw_substitutes is not None:
        if not isinstance(raw_substitutes, dict):
            raise SeatMathError("'substitutes' must be an object with 'places' and 'ballots'")
        _check_keys(raw_substitutes, _SUBSTITUTE_KEYS, "'substitutes'")
        substitute_election = _parse_election(
            raw_substitutes, law, present, election.seed, "the election of substitutes"
        )
        substitutes = _elect(substitute_election)
        substitutes["proportional_demand"] = _demand(substitutes, present, substitute_election.places)
        result["substitutes"] = substitutes
        if parties is not None:
            substitutes["places_by_party"] = _by_party(substitutes, parties)
        labels = list(dict.fromkeys(row["label"] for row in result["places"]))
        result["substitute_order"] = {
            label: [row["person"] for row in substitute_order(substitutes, label)] for label in labels
        }
    return result


def _party_map(raw: object) -> dict[str, str] | None:
    """The optional ``parties`` map, person: party, to show how a joint list's places fall."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise SeatMathError("'parties' must be an object of person: party")
    return {_name(person, "a person in 'parties'"): _name(party, f"the party of {person!r}")
            for person, party in raw.items()}


def _by_party(result: dict[str, Any], parties: Mapping[str, str]) -> dict[str, int]:
    """Seats per party of the persons who hold them; persons not in the map count as "?"."""
    counts: dict[str, int] = {}
    for row in result["places"]:
        party = parties.get(row["person"], "?")
        counts[party] = counts.get(party, 0) + 1
    return counts


def _demand(result: dict[str, Any], present: int | None, places: int) -> dict[str, Any] | None:
    """Who could have forced a proportional election, counting each label's ballots as its members."""
    if present is None:
        return None
    required = required_for_proportional(present, places)
    members: dict[str, int] = {}
    for row in result["groups"]:
        members[row["label"]] = members.get(row["label"], 0) + row["votes"]
    return {
        "present": present,
        "required": required,
        "by_label": {
            label: {"members": count, "can_force": count >= required}
            for label, count in members.items()
        },
    }


__all__ = [
    "DEFAULT_SEED",
    "LAWS",
    "LAW_1992",
    "LAW_2022",
    "Lot",
    "can_force_proportional",
    "committee_allocate",
    "required_for_proportional",
    "substitute_order",
]
