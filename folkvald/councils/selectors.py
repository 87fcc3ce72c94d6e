"""Reads for councils: seats, majorities, coalitions, power indices, and the committee planner.

Only this module and services.py turn council rows into ``folkvald.seatmath`` values
and back. Every figure that decides a seat or a place comes from seatmath, exact.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from folkvald.councils.models import (
    Committee,
    Council,
    CouncilSeat,
    Scenario,
    ScenarioList,
    SeatRole,
)
from folkvald.seatmath.errors import SeatMathError

#: Seed for the recorded, reproducible lot of committee elections (seatmath's default is the same).
DEFAULT_SEED = 0
#: Best arrangements are cached this long (seconds): the search is exact but not free.
PLAN_CACHE_SECONDS = 24 * 3600


def councils_with_seats(queryset: QuerySet[Council] | None = None) -> QuerySet[Council]:
    queryset = queryset if queryset is not None else Council.objects.all()
    return queryset.select_related("municipality", "election").prefetch_related(
        Prefetch("seats", queryset=CouncilSeat.objects.select_related("party").order_by("-seats", "order", "abbreviation")),
        Prefetch("committees", queryset=Committee.objects.order_by("position", "name")),
    )


def council_list(*, municipality: str | None = None, year: int | None = None) -> QuerySet[Council]:
    """Councils, filtered by municipality code and by a year inside the mandate period."""
    queryset = councils_with_seats()
    if municipality:
        queryset = queryset.filter(municipality_id=municipality)
    if year is not None:
        queryset = queryset.filter(period_start__lte=year, period_start__gt=year - 4)
    return queryset.order_by("municipality__name", "-period_start")


def council_detail(*, council_id: int) -> Council | None:
    return councils_with_seats().filter(pk=council_id).first()


# --- majorities -------------------------------------------------------------------------------------


def _coalitions() -> Any:
    from folkvald.seatmath import coalitions

    return coalitions


def majority_line(seats_total: int) -> int:
    """The smallest number of seats that is more than half: 31 of 61, 33 of 65."""
    return int(_coalitions().majority_line(seats_total))


@dataclass
class SetSummary:
    parties: list[str]
    seats: int
    majority_line: int
    margin: int

    @property
    def majority(self) -> bool:
        return self.margin >= 0

    @property
    def short_by(self) -> int:
        return -self.margin if self.margin < 0 else 0


def seats_map(council: Council) -> dict[str, int]:
    return {row.abbreviation: row.seats for row in council.seats.all()}


def set_summary(*, council: Council, parties: Iterable[str]) -> SetSummary:
    seats = seats_map(council)
    chosen = [party for party in seats if party in set(parties)]
    line = majority_line(council.seats_total)
    total = sum(seats[party] for party in chosen)
    return SetSummary(parties=chosen, seats=total, majority_line=line, margin=total - line)


@dataclass
class CouncilView:
    council: Council
    rows: list[CouncilSeat]
    majority_line: int
    governing: SetSummary
    with_support: SetSummary
    order: list[str]
    blocs: list[tuple[str, SetSummary]] = field(default_factory=list)

    @property
    def governing_rows(self) -> list[CouncilSeat]:
        return [row for row in self.rows if row.role == SeatRole.GOVERNING]

    @property
    def support_rows(self) -> list[CouncilSeat]:
        return [row for row in self.rows if row.role == SeatRole.SUPPORT]

    @property
    def segments(self) -> list[dict[str, Any]]:
        """The seats as one bar from left to right, for the SVG (a table beside it says the same)."""
        by_abbreviation = {row.abbreviation: row for row in self.rows}
        x = 0
        out = []
        for abbreviation in self.order:
            row = by_abbreviation[abbreviation]
            out.append({"abbreviation": abbreviation, "colour": row.party.colour, "x": x, "width": row.seats,
                        "label_x": x + row.seats / 2})
            x += row.seats
        return out

    @property
    def committees(self) -> list[dict[str, Any]]:
        """Each committee with the members who must ask for a proportional election when all are present."""
        return [
            {
                "committee": committee,
                "threshold": proportional_threshold(present=self.council.seats_total, places=committee.places),
            }
            for committee in self.council.committees.all()
        ]

    @property
    def half(self) -> float:
        return self.council.seats_total / 2


def council_order(council: Council) -> list[str]:
    """The council's left–right order of its parties."""
    return [row.abbreviation for row in sorted(council.seats.all(), key=lambda r: (r.order, -r.seats, r.abbreviation))]


def council_view(*, council: Council) -> CouncilView:
    rows = list(council.seats.all())
    governing = [row.abbreviation for row in rows if row.role == SeatRole.GOVERNING]
    support = [row.abbreviation for row in rows if row.role == SeatRole.SUPPORT]
    return CouncilView(
        council=council,
        rows=rows,
        majority_line=majority_line(council.seats_total),
        governing=set_summary(council=council, parties=governing),
        with_support=set_summary(council=council, parties=governing + support),
        order=council_order(council),
        blocs=council_blocs(council=council),
    )


def council_blocs(*, council: Council) -> list[tuple[str, SetSummary]]:
    """The blocs the elections app defines for the municipality and period, counted in this council's seats."""
    from folkvald.elections.models import Bloc

    by_party = {row.party_id: row.abbreviation for row in council.seats.all()}
    out = []
    for bloc in Bloc.objects.filter(municipality_id=council.municipality_id, period=council.period_start).prefetch_related(
        "parties"
    ):
        members = [by_party[party.pk] for party in bloc.parties.all() if party.pk in by_party]
        out.append((bloc.name, set_summary(council=council, parties=members)))
    return out


@dataclass
class PowerRow:
    abbreviation: str
    seats: int
    banzhaf: Fraction
    shapley_shubik: Fraction


@dataclass
class CoalitionResult:
    chosen: SetSummary | None
    coalitions: list[SetSummary]
    power: list[PowerRow]
    exclude: list[str]
    require: list[str]
    connected: bool
    order: list[str]


def coalition_search(
    *,
    council: Council,
    chosen: Sequence[str] = (),
    exclude: Sequence[str] = (),
    require: Sequence[str] = (),
    connected: bool = False,
    order: Sequence[str] | None = None,
) -> CoalitionResult:
    """The finder: the chosen set's seats and margin, every minimal winning coalition, the power indices.

    Party names must already be the council's own (services.council_canonical_parties).
    """
    seats = seats_map(council)
    order_list = list(order) if order else council_order(council)
    math = _coalitions()
    found = math.minimal_winning_coalitions(
        seats,
        total=council.seats_total,
        exclude=list(exclude),
        require=list(require),
        order=order_list,
        connected=connected,
    )
    coalitions = [
        SetSummary(parties=list(item.parties), seats=item.seats, majority_line=item.quota, margin=item.margin)
        for item in found
    ]
    try:
        indices = math.power_indices(seats, total=council.seats_total)
    except SeatMathError:  # no coalition can reach the line (seats left empty)
        indices = None
    power = [] if indices is None else [
        PowerRow(
            abbreviation=party,
            seats=count,
            banzhaf=indices.banzhaf[party],
            shapley_shubik=indices.shapley_shubik[party],
        )
        for party, count in seats.items()
    ]
    return CoalitionResult(
        chosen=set_summary(council=council, parties=chosen) if chosen else None,
        coalitions=coalitions,
        power=power,
        exclude=list(exclude),
        require=list(require),
        connected=connected,
        order=order_list,
    )


# --- committee planner ------------------------------------------------------------------------------


def list_order(*, parties: Sequence[str], agreed: Sequence[str], seats: Mapping[str, int], length: int) -> list[str]:
    """The party of each place on a joint list: the agreed order, then continued by d'Hondt on seats.

    The continuation only suggests an interleaving for places the agreement does not name;
    which party a place falls to is then read off the list, never computed by a seat rule.
    """
    order = [party for party in agreed if party in parties][:length]
    counts = {party: 0 for party in parties}
    for party in order:
        counts[party] += 1
    while len(order) < length:
        candidates = [party for party in parties if seats.get(party, 0) > 0] or list(parties)
        best = max(
            candidates,
            key=lambda p: (Fraction(seats.get(p, 0), counts[p] + 1), seats.get(p, 0), -parties.index(p)),
        )
        order.append(best)
        counts[best] += 1
    return order


@dataclass
class Ballot:
    label: str
    parties: list[str]
    count: int
    names: list[str]
    name_party: dict[str, str]

    @property
    def is_joint(self) -> bool:
        return len(self.parties) > 1

    @property
    def slots(self) -> list[dict[str, str]]:
        return [{"name": name, "party": self.name_party[name]} for name in self.names]


def scenario_ballots(
    *, seats: Mapping[str, int], lists: Sequence[Mapping[str, Any]], places: int, present: Mapping[str, int] | None = None
) -> list[Ballot]:
    """Ballots of one election: a joint list per scenario list, every other party alone.

    Names are placeholders "S 1", "S 2" ... so that the place each name wins shows the party it falls to.
    """
    present = present if present is not None else seats
    ballots: list[Ballot] = []
    listed: set[str] = set()
    for item in lists:
        parties = [party for party in item["parties"] if party in seats]
        if not parties:
            continue
        listed.update(parties)
        order = list_order(parties=parties, agreed=item.get("order") or [], seats=seats, length=places)
        names, name_party, counts = [], {}, dict.fromkeys(parties, 0)
        for party in order:
            counts[party] += 1
            name = f"{party} {counts[party]}"
            names.append(name)
            name_party[name] = party
        count = sum(present.get(party, 0) for party in parties)
        ballots.append(Ballot(item.get("label") or "+".join(parties), parties, count, names, name_party))
    for party in seats:
        if party in listed:
            continue
        names = [f"{party} {number}" for number in range(1, places + 1)]
        ballots.append(Ballot(party, [party], present.get(party, 0), names, {name: party for name in names}))
    return ballots


def plain(value: Any) -> Any:
    """seatmath output with Fractions as strings, for caches and JSON."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


@dataclass
class CommitteeOutcome:
    committee_name: str
    places: int
    kind: str  # "members" or "substitutes"
    present: int
    threshold: int
    ballots: list[Ballot]
    by_label: dict[str, int]
    by_party: dict[str, int]
    places_list: list[dict[str, Any]]
    ties: list[Any]
    can_force: dict[str, bool] = field(default_factory=dict)


def proportional_threshold(*, present: int, places: int) -> int:
    """How many of those present must demand a proportional election: ⌈present / (places + 1)⌉."""
    from folkvald.seatmath.committee import required_for_proportional

    return int(required_for_proportional(present, places))


def decisive_lots(result: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(group, comparative number) of places a lot decided, not merely ordered.

    A tie between groups that all win a place at that comparative number (S 6 and V 6
    in Huddinge's scenario A) only decides the order of allocation; a tie where one of
    the tied groups goes without decides the place itself.
    """
    won = {(row["group"], row["comparative_number"]) for row in result.get("allotments", [])}
    decisive: set[tuple[str, str]] = set()
    for draw in result.get("ties", []):
        if draw.get("kind") != "place":
            continue
        value = draw.get("value")
        tied = list(draw.get("between") or [])
        if not all((group, value) in won for group in tied):
            decisive.update((group, value) for group in tied if (group, value) in won)
    return decisive


def committee_outcome(
    *,
    name: str,
    places: int,
    law: str,
    seats: Mapping[str, int],
    lists: Sequence[Mapping[str, Any]],
    present: Mapping[str, int] | None = None,
    kind: str = "members",
    seed: int = DEFAULT_SEED,
) -> CommitteeOutcome:
    from folkvald.seatmath import committee_allocate

    present_map = dict(present if present is not None else seats)
    ballots = scenario_ballots(seats=seats, lists=lists, places=places, present=present_map)
    voting = [ballot for ballot in ballots if ballot.count > 0]
    present_total = sum(present_map.values())
    if present_total < 1 or not voting:
        return CommitteeOutcome(
            committee_name=name, places=places, kind=kind, present=present_total, threshold=0, ballots=ballots,
            by_label={}, by_party={}, places_list=[], ties=[], can_force={},
        )
    spec = {
        "law": law,
        "places": places,
        "present": present_total,
        "ballots": [{"label": b.label, "names": b.names, "count": b.count} for b in voting],
        "seed": seed,
    }
    result = committee_allocate(spec)
    name_party: dict[str, str] = {}
    for ballot in voting:
        name_party.update(ballot.name_party)
    decisive = decisive_lots(result)
    by_lot_people = {
        row["person"] for row in result.get("allotments", []) if (row["group"], row["comparative_number"]) in decisive
    }
    places_list = []
    by_party: dict[str, int] = {}
    for place in result.get("places", []):
        person = str(place["person"])
        party = name_party.get(person, "")
        by_party[party] = by_party.get(party, 0) + 1
        places_list.append(
            {
                "number": place["place"],
                "label": place["label"],
                "name": person,
                "party": party,
                "by_lot": person in by_lot_people,
            }
        )
    by_label = {str(k): int(v) for k, v in result.get("places_by_label", {}).items()}
    threshold = proportional_threshold(present=present_total, places=places)
    return CommitteeOutcome(
        committee_name=name,
        places=places,
        kind=kind,
        present=present_total,
        threshold=threshold,
        ballots=ballots,
        by_label=by_label,
        by_party=by_party,
        places_list=places_list,
        ties=plain(result.get("ties") or []),
        can_force={ballot.label: ballot.count >= threshold for ballot in ballots},
    )


def scenario_lists(scenario: Scenario) -> list[dict[str, Any]]:
    return [
        {"label": item.label, "parties": list(item.parties), "order": list(item.order)}
        for item in scenario.lists.all()
    ]


def scenario_for_page(*, scenario_id: int) -> Scenario | None:
    return (
        Scenario.objects.select_related("organisation", "council")
        .prefetch_related(Prefetch("lists", queryset=ScenarioList.objects.order_by("position", "pk")))
        .filter(pk=scenario_id)
        .first()
    )


@dataclass
class ScenarioOutcome:
    lists: list[dict[str, Any]]
    committees: list[CommitteeOutcome]
    substitutes: list[CommitteeOutcome]
    totals_by_label: dict[str, int]
    totals_by_party: dict[str, int]
    present: dict[str, int]
    absent: dict[str, int]
    baseline: list[CommitteeOutcome] | None = None

    @property
    def total_places(self) -> int:
        return sum(item.places for item in self.committees)

    @property
    def party_totals(self) -> list[tuple[str, int]]:
        """Places per party over all committees, most first (equal counts in the council's order)."""
        order = {party: index for index, party in enumerate(self.present)}
        return sorted(self.totals_by_party.items(), key=lambda item: (-item[1], order.get(item[0], len(order))))

    def changes(self) -> list[dict[str, Any]]:
        """What attendance changes against full attendance, committee by committee."""
        if self.baseline is None:
            return []
        out = []
        for now, before in zip(self.committees, self.baseline, strict=True):
            parties = sorted(set(now.by_party) | set(before.by_party))
            diff = {p: now.by_party.get(p, 0) - before.by_party.get(p, 0) for p in parties}
            diff = {p: d for p, d in diff.items() if d}
            forced = {label: (before.can_force.get(label, False), ok) for label, ok in now.can_force.items()}
            lost_force = [label for label, (was, ok) in forced.items() if was and not ok]
            out.append(
                {
                    "committee": now.committee_name,
                    "threshold_before": before.threshold,
                    "threshold": now.threshold,
                    "diff": diff,
                    "lost_force": lost_force,
                }
            )
        return out


def scenario_outcome(
    *,
    council: Council,
    lists: Sequence[Mapping[str, Any]],
    absent: Mapping[str, int] | None = None,
    seed: int = DEFAULT_SEED,
) -> ScenarioOutcome:
    """Every committee's places per list and party under a scenario, with members absent if any."""
    seats = seats_map(council)
    absent_map = {party: min(max(int(absent.get(party, 0)), 0), count) for party, count in seats.items()} if absent else {}
    absent_map = {party: n for party, n in absent_map.items() if n}
    present = {party: count - absent_map.get(party, 0) for party, count in seats.items()}
    committees = list(council.committees.all())
    law = council.committee_law
    members = [
        committee_outcome(name=c.name, places=c.places, law=law, seats=seats, lists=lists, present=present, seed=seed)
        for c in committees
    ]
    substitutes = [
        committee_outcome(
            name=c.name, places=c.substitutes, law=law, seats=seats, lists=lists, present=present, kind="substitutes",
            seed=seed,
        )
        for c in committees
        if c.substitutes
    ]
    baseline = None
    if absent_map:
        baseline = [
            committee_outcome(name=c.name, places=c.places, law=law, seats=seats, lists=lists, seed=seed)
            for c in committees
        ]
    totals_by_label: dict[str, int] = {}
    totals_by_party: dict[str, int] = {}
    for outcome in members:
        for label, count in outcome.by_label.items():
            totals_by_label[label] = totals_by_label.get(label, 0) + count
        for party, count in outcome.by_party.items():
            totals_by_party[party] = totals_by_party.get(party, 0) + count
    return ScenarioOutcome(
        lists=[dict(item) for item in lists],
        committees=members,
        substitutes=substitutes,
        totals_by_label=totals_by_label,
        totals_by_party=totals_by_party,
        present=present,
        absent=absent_map,
        baseline=baseline,
    )


def plan_spec(
    *,
    council: Council,
    bloc: Sequence[str],
    others: str,
    others_lists: Sequence[Sequence[str]] | None = None,
    present: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    seats = dict(present) if present is not None else seats_map(council)
    spec: dict[str, Any] = {
        "seats": seats,
        "committees": [{"name": c.name, "places": c.places} for c in council.committees.all()],
        "bloc": list(bloc),
        "others": others,
    }
    if others == "as_is" and others_lists:
        # The other side's parties that the given lists leave out vote alone.
        lists = [list(item) for item in others_lists]
        named = {party for item in lists for party in item}
        lists += [[party] for party in seats if party not in named and party not in spec["bloc"]]
        spec["others_lists"] = lists
    return spec


def best_arrangement_cached(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``seatmath.best_arrangement`` with its answer kept in Django's cache per (seats, committees, bloc, mode)."""
    from folkvald.seatmath import best_arrangement

    key_source = json.dumps(spec, sort_keys=True, ensure_ascii=True, default=str)
    key = "councils:plan:" + hashlib.sha256(key_source.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = plain(best_arrangement(dict(spec)))
    cache.set(key, result, PLAN_CACHE_SECONDS)
    return result
