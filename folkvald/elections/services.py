"""Writes for elections, and the one place that turns election rows into seatmath specs and back.

Seats are computed only by :func:`folkvald.seatmath.allocate`; this module builds its
input from the stored votes, stores what it returns (seats, ties, empty seats and the
explanation) and compares the computed seats with the official ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db import transaction

from folkvald import seatmath
from folkvald.elections.models import (
    Bloc,
    Body,
    Constituency,
    ConstituencyResult,
    Election,
    PartyResult,
    Source,
)
from folkvald.organisations.models import Organisation, Party
from folkvald.organisations.selectors import party_for_abbreviation

DEFAULT_COLOUR = "#777777"


# --- the values an import or a form hands over -------------------------------------------------


@dataclass
class PartyVotes:
    abbreviation: str
    votes: int
    name: str = ""
    colour: str = ""
    official_seats: int | None = None


@dataclass
class ConstituencyVotes:
    name: str
    seats: int
    votes: dict[str, int]
    code: str = ""
    valid_votes: int | None = None
    official_seats: dict[str, int] | None = None


@dataclass
class ResultData:
    """One election's figures, whatever their source (an official file, a form, an upload)."""

    year: int
    seats: int
    parties: list[PartyVotes]
    municipality_code: str | None = None
    county_code: str | None = None
    body: str = Body.KOMMUNFULLMAKTIGE
    rules_year: int | None = None
    constituencies: list[ConstituencyVotes] = field(default_factory=list)
    other_votes: int = 0
    blank_votes: int | None = None
    invalid_votes: int | None = None
    eligible_voters: int | None = None
    election_day: dt.date | None = None
    source_name: str = ""
    seed: int | None = None
    from_summary: bool = False
    divided: bool | None = None

    @property
    def valid_votes(self) -> int:
        return sum(party.votes for party in self.parties) + self.other_votes


# --- parties -------------------------------------------------------------------------------------


class PartyResolver:
    """Finds the Party behind an abbreviation in a year and municipality; creates unknown local parties.

    Cached for the length of one import run, so 290 files cost a handful of queries for parties.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int, str | None], Party] = {}
        self._abbreviations: set[str] | None = None

    def reset(self) -> None:
        """Forget what was found (after a rolled-back transaction)."""
        self._cache = {}
        self._abbreviations = None

    def _taken(self) -> set[str]:
        if self._abbreviations is None:
            self._abbreviations = {abbr.lower() for abbr in Party.objects.values_list("abbreviation", flat=True)}
        return self._abbreviations

    def resolve(self, *, abbreviation: str, year: int, municipality_code: str | None, name: str = "",
                colour: str = "") -> Party:
        key = (abbreviation.lower(), year, municipality_code)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        party = self._find(abbreviation=abbreviation, year=year, municipality_code=municipality_code, name=name)
        if party is None:
            party = self._create(abbreviation=abbreviation, municipality_code=municipality_code, name=name,
                                 colour=colour)
        self._cache[key] = party
        return party

    def _find(self, *, abbreviation: str, year: int, municipality_code: str | None, name: str) -> Party | None:
        local = Party.objects.filter(municipality_id=municipality_code, abbreviation__iexact=abbreviation).first() \
            if municipality_code else None
        if local is not None:
            return local
        party = party_for_abbreviation(abbreviation=abbreviation, year=year)
        if party is None:
            return None
        if party.municipality_id is None or party.municipality_id == municipality_code:
            return party
        # A "local" party of another municipality under the same name is a party standing in
        # several places (Piratpartiet): it is not local after all.
        if name and party.name.casefold() == name.casefold():
            Party.objects.filter(pk=party.pk).update(municipality=None)
            party.municipality_id = None
            return party
        # Same abbreviation, another party: look for one made for this municipality earlier.
        suffixed = f"{abbreviation[:7]}-{municipality_code}"
        return Party.objects.filter(abbreviation__iexact=suffixed).first()

    def _create(self, *, abbreviation: str, municipality_code: str | None, name: str, colour: str) -> Party:
        taken = self._taken()
        stored = abbreviation[:12]
        if stored.lower() in taken:
            stored = f"{abbreviation[:7]}-{municipality_code or 'x'}"
        party = Party(
            abbreviation=stored,
            name=(name or abbreviation)[:150],
            colour=colour if _is_colour(colour) else DEFAULT_COLOUR,
            municipality_id=municipality_code,
        )
        party.full_clean(validate_unique=False)
        party.save()
        taken.add(stored.lower())
        return party


def _is_colour(value: str) -> bool:
    return len(value) == 7 and value.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in value[1:])


# --- specs and seats -----------------------------------------------------------------------------


def spec_for(
    *,
    body: str,
    rules_year: int,
    seats: int,
    votes: Mapping[str, int],
    constituencies: Iterable[tuple[str, int, Mapping[str, int]]] = (),
    seed: int | None = None,
    other_votes: int = 0,
    constituency_other_votes: Iterable[int] | None = None,
    method: Mapping[str, Any] | None = None,
    lots: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The seatmath input for an election (constituencies only where there are several)."""
    parties = [abbreviation for abbreviation, count in votes.items() if count > 0]
    spec: dict[str, Any] = {"body": body, "year": rules_year, "seats": seats,
                            "votes": {abbreviation: votes[abbreviation] for abbreviation in parties}}
    constituency_list = [
        {"name": name, "seats": constituency_seats,
         "votes": {abbreviation: constituency_votes.get(abbreviation, 0) for abbreviation in parties}}
        for name, constituency_seats, constituency_votes in constituencies
    ]
    if other_votes:
        # Hand-written votes are valid votes: they count towards the threshold.
        spec["valid_votes"] = sum(spec["votes"].values()) + other_votes
    if len(constituency_list) > 1:
        for item, other in zip(constituency_list, constituency_other_votes or (), strict=False):
            if other:
                item["valid_votes"] = sum(item["votes"].values()) + other
        spec["constituencies"] = constituency_list
    if seed is not None:
        spec["seed"] = seed
    if method:
        spec["body"] = "custom"
        spec["method"] = dict(method)
    if lots:
        spec["lots"] = lots
    return spec


def summary_method(data: ResultData) -> dict[str, Any] | None:
    """The rule for a divided municipality whose result lacks the constituencies, from 2018.

    That is the national summary, or a count of one's own typed as totals. With adjustment
    seats (from 2018) a divided council's seats are proportional over the whole municipality
    among the parties over 3 %, so the totals follow without the constituencies. Up to 2014
    each constituency counted on its own, and nothing can stand in for them.
    """
    if not data.constituencies and data.divided and (data.rules_year or data.year) >= 2018:
        return {"name": "modified-sainte-lague", "first_divisor": "6/5", "threshold": "3/100"}
    return None


def lacks_constituencies(data: ResultData) -> bool:
    """A divided municipality (or one perhaps divided, in the summary) without its constituencies."""
    if data.constituencies:
        return False
    return data.divided is True or (data.from_summary and data.divided is not False)


def lots_from_official(result: Mapping[str, Any], data: ResultData) -> list[dict[str, Any]]:
    """The lots the authority drew, read back from the official seats (Halmstad 2018).

    A tie seatmath reports is settled by its seeded lot; the official seats tell who really won
    it (where the seeded lot chose otherwise, the official winners replace its winners).
    """
    official = {party.abbreviation: party.official_seats for party in data.parties}
    computed = result.get("seats", {})
    lots = []
    for tie in result.get("ties") or []:
        between = [str(name) for name in tie.get("between") or []]
        winners = [str(name) for name in tie.get("winners") or []]
        if not between or not winners or any(official.get(name) is None for name in between):
            continue
        losing = {name for name in between if official[name] < int(computed.get(name, 0))}
        gaining = [name for name in between if official[name] > int(computed.get(name, 0))]
        chosen = [name for name in winners if name not in losing] + [g for g in gaining if g not in winners]
        if len(chosen) == len(winners) and set(chosen) < set(between):
            lot: dict[str, Any] = {"between": between, "winners": chosen,
                                   "note": "dragen av länsstyrelsen (enligt det officiella resultatet)"}
            if tie.get("constituency"):
                lot["constituency"] = tie["constituency"]
            lots.append(lot)
    return lots


def election_spec(*, election: Election) -> dict[str, Any]:
    """The seatmath input for a stored election."""
    party_results = list(election.party_results.all())
    by_id = {result.pk: result.abbreviation for result in party_results}
    constituencies = []
    others = []
    for constituency in election.constituencies.prefetch_related("results"):
        constituency_votes = {by_id[row.party_result_id]: row.votes for row in constituency.results.all()}
        constituencies.append((constituency.name, constituency.seats, constituency_votes))
        others.append(max(0, constituency.valid_votes - sum(constituency_votes.values())))
    return spec_for(
        body=election.body,
        rules_year=election.rules_year,
        seats=election.seats,
        votes={result.abbreviation: result.votes for result in party_results},
        constituencies=constituencies,
        other_votes=election.other_votes,
        constituency_other_votes=others,
        method=election.method,
        lots=_stored_lots(election),
    )


def _stored_lots(election: Election) -> list[dict[str, Any]] | None:
    """Lots taken from the official result, kept with the ties so a recomputation agrees."""
    lots = [
        {key: tie[key] for key in ("between", "winners", "constituency") if key in tie}
        for tie in election.ties or []
        if isinstance(tie, Mapping) and tie.get("official_lot")
    ]
    return lots or None


def allocate(spec: dict[str, Any], *, explain: bool = True) -> dict[str, Any]:
    """seatmath.allocate, asking for the explanation only where it is wanted."""
    request = dict(spec)
    if not explain:
        request["explain"] = False
    return seatmath.allocate(request)


def explanation_of(result: Mapping[str, Any]) -> dict[str, Any]:
    """The explanation to store: the whole one, and each constituency's last seat and runner-up."""
    explanation = dict(result.get("explanation") or {})
    parts = [
        {"name": item.get("name", ""),
         "last_seat": (item.get("explanation") or {}).get("last_seat"),
         "runner_up": (item.get("explanation") or {}).get("runner_up")}
        for item in result.get("constituencies") or []
        if isinstance(item, Mapping) and item.get("explanation")
    ]
    if parts:
        explanation["constituencies"] = parts
    return explanation


@transaction.atomic
def election_explain(*, election: Election) -> dict[str, Any]:
    """The stored explanation, computed once and kept (imports skip it to stay fast)."""
    if election.explanation is not None:
        return election.explanation
    result = allocate(election_spec(election=election), explain=True)
    election.explanation = explanation_of(result)
    election.save(update_fields=["explanation", "updated"])
    return election.explanation


# --- creating and replacing results ---------------------------------------------------------------


@dataclass
class StoreOutcome:
    election: Election
    status: str  # "created", "updated" or "unchanged"
    differences: dict[str, tuple[int | None, int]] = field(default_factory=dict)


def _write_rows(*, election: Election, data: ResultData, resolver: PartyResolver, result: dict[str, Any]) -> None:
    computed = result.get("seats", {})
    party_rows = []
    for position, item in enumerate(data.parties):
        party = resolver.resolve(
            abbreviation=item.abbreviation,
            year=data.year,
            municipality_code=data.municipality_code,
            name=item.name,
            colour=item.colour,
        )
        party_rows.append(
            PartyResult(
                election=election,
                party=party,
                abbreviation=item.abbreviation,
                name=item.name or party.name,
                colour=item.colour if _is_colour(item.colour) else party.colour,
                votes=item.votes,
                seats=int(computed.get(item.abbreviation, 0)),
                official_seats=item.official_seats,
                position=position,
            )
        )
    PartyResult.objects.bulk_create(party_rows)
    if len(data.constituencies) <= 1:
        return
    rows_by_abbreviation = {row.abbreviation: row for row in party_rows}
    constituency_rows = [
        Constituency(
            election=election,
            code=item.code,
            name=item.name,
            seats=item.seats,
            valid_votes=item.valid_votes if item.valid_votes is not None else sum(item.votes.values()),
            position=position,
        )
        for position, item in enumerate(data.constituencies)
    ]
    Constituency.objects.bulk_create(constituency_rows)
    computed_constituencies = result.get("constituencies") or []
    results = []
    for index, (item, constituency) in enumerate(zip(data.constituencies, constituency_rows, strict=True)):
        seats_here = computed_constituencies[index].get("seats", {}) if index < len(computed_constituencies) else {}
        for abbreviation, votes in item.votes.items():
            row = rows_by_abbreviation.get(abbreviation)
            if row is None:
                continue
            results.append(
                ConstituencyResult(
                    constituency=constituency,
                    party_result=row,
                    votes=votes,
                    seats=int(seats_here.get(abbreviation, 0)),
                    official_seats=(item.official_seats or {}).get(abbreviation) if item.official_seats else None,
                )
            )
    ConstituencyResult.objects.bulk_create(results)


def seat_differences(data: ResultData, computed: Mapping[str, int]) -> dict[str, tuple[int | None, int]]:
    """Parties whose official seats differ from the computed ones: {abbr: (official, computed)}."""
    differences: dict[str, tuple[int | None, int]] = {}
    for party in data.parties:
        if party.official_seats is None:
            continue
        mine = int(computed.get(party.abbreviation, 0))
        if mine != party.official_seats:
            differences[party.abbreviation] = (party.official_seats, mine)
    return differences


def result_store(
    *,
    data: ResultData,
    source: str,
    official: bool,
    digest: str = "",
    organisation: Organisation | None = None,
    label: str = "",
    published: bool = True,
    resolver: PartyResolver | None = None,
    explain: bool = True,
) -> StoreOutcome:
    """Create or replace one election's result (call inside a transaction).

    An official result is keyed by body, year and municipality (or county): the same file
    again (same digest) changes nothing; a different file replaces the rows.
    """
    resolver = resolver or PartyResolver()
    existing = None
    if official:
        existing = (
            Election.objects.filter(
                body=data.body, year=data.year, is_official=True,
                municipality_id=data.municipality_code,
                county_id=None if data.municipality_code else data.county_code,
            )
            .first()
        )
        if existing is not None and digest and existing.source_digest == digest:
            return StoreOutcome(existing, "unchanged", stored_differences(existing))
    method = summary_method(data)
    spec = spec_for(
        body=data.body,
        rules_year=data.rules_year or data.year,
        seats=data.seats,
        votes={party.abbreviation: party.votes for party in data.parties},
        constituencies=[(c.name, c.seats, c.votes) for c in data.constituencies],
        seed=data.seed,
        other_votes=data.other_votes,
        constituency_other_votes=[
            max(0, (c.valid_votes or 0) - sum(c.votes.values())) for c in data.constituencies
        ],
        method=method,
    )
    result = allocate(spec, explain=explain)
    computed = {key: int(value) for key, value in result.get("seats", {}).items()}
    differences = seat_differences(data, computed)
    ties = list(result.get("ties") or [])
    if ties and any(party.official_seats is not None for party in data.parties):
        lots = lots_from_official(result, data)
        if lots:
            retry = allocate({**spec, "lots": lots}, explain=explain)
            retry_computed = {key: int(value) for key, value in retry.get("seats", {}).items()}
            if not seat_differences(data, retry_computed):
                result, computed, differences = retry, retry_computed, {}
                ties = [dict(tie, official_lot=True) for tie in retry.get("ties") or []]
    has_official = any(party.official_seats is not None for party in data.parties)
    values = {
        "rules_year": data.rules_year or data.year,
        "county_id": data.county_code,
        "seats": data.seats,
        "election_day": data.election_day,
        "source": source,
        "is_published": published,
        "organisation": organisation,
        "label": label,
        "source_name": data.source_name,
        "source_digest": digest,
        "valid_votes": data.valid_votes,
        "other_votes": data.other_votes,
        "blank_votes": data.blank_votes,
        "invalid_votes": data.invalid_votes,
        "eligible_voters": data.eligible_voters,
        "seats_match_official": (not differences) if has_official else None,
        "constituencies_missing": lacks_constituencies(data),
        "method": method,
        "ties": ties,
        "empty_seats": result.get("empty_seats") or {},
        "explanation": explanation_of(result) if explain else None,
    }
    if existing is not None:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        existing.party_results.all().delete()
        existing.constituencies.all().delete()
        election, status = existing, "updated"
    else:
        election = Election.objects.create(
            body=data.body, year=data.year, municipality_id=data.municipality_code, is_official=official, **values
        )
        status = "created"
    _write_rows(election=election, data=data, resolver=resolver, result=result)
    return StoreOutcome(election, status, differences)


def stored_differences(election: Election) -> dict[str, tuple[int | None, int]]:
    if election.seats_match_official is not False:
        return {}
    return {
        row.abbreviation: (row.official_seats, row.seats)
        for row in election.party_results.exclude(official_seats=None)
        if row.official_seats != row.seats
    }


@transaction.atomic
def election_recompute(*, election: Election) -> StoreOutcome:
    """Compute the seats of a stored election again (after a change of rules or of seatmath)."""
    result = allocate(election_spec(election=election), explain=True)
    computed = {key: int(value) for key, value in result.get("seats", {}).items()}
    rows = list(election.party_results.all())
    for row in rows:
        row.seats = computed.get(row.abbreviation, 0)
    PartyResult.objects.bulk_update(rows, ["seats"])
    differences = {
        row.abbreviation: (row.official_seats, row.seats)
        for row in rows
        if row.official_seats is not None and row.official_seats != row.seats
    }
    has_official = any(row.official_seats is not None for row in rows)
    election.seats_match_official = (not differences) if has_official else None
    official_lots = _stored_lots(election) is not None
    election.ties = [dict(tie, official_lot=True) if official_lots else tie for tie in result.get("ties") or []]
    election.empty_seats = result.get("empty_seats") or {}
    election.explanation = explanation_of(result)
    election.save(update_fields=["seats_match_official", "ties", "empty_seats", "explanation", "updated"])
    return StoreOutcome(election, "updated", differences)


# --- blocs ---------------------------------------------------------------------------------------


@transaction.atomic
def bloc_set(
    *, municipality_code: str, period: int, name: str, parties: Iterable[str], colour: str = "#555555",
    position: int = 0,
) -> Bloc:
    """Create or update a bloc; parties by abbreviation, as of the period's election (FP in 2014 is L)."""
    members = []
    for abbreviation in parties:
        party = Party.objects.filter(municipality_id=municipality_code, abbreviation__iexact=abbreviation).first() \
            or party_for_abbreviation(abbreviation=abbreviation, year=period)
        if party is None:
            raise ValueError(f"unknown party {abbreviation!r}")
        members.append(party)
    bloc, _created = Bloc.objects.update_or_create(
        municipality_id=municipality_code, period=period, name=name,
        defaults={"colour": colour, "position": position},
    )
    bloc.parties.set(members)
    return bloc


# --- unofficial results (a party's own count) ----------------------------------------------------


@transaction.atomic
def unofficial_result_create(
    *,
    data: ResultData,
    organisation: Organisation,
    label: str,
    published: bool = False,
    source: str = Source.MANUAL,
) -> Election:
    """Store a count that is not Valmyndigheten's, marked unofficial, with seats computed by seatmath."""
    data.municipality_code = data.municipality_code or organisation.municipality_id
    outcome = result_store(
        data=data, source=source, official=False, organisation=organisation, label=label, published=published
    )
    return outcome.election


@transaction.atomic
def election_delete(*, election: Election) -> None:
    election.delete()


# --- what if: the same election with other votes, nothing saved ----------------------------------


def scaled_constituencies(election: Election, votes: Mapping[str, int]) -> list[tuple[str, int, dict[str, int]]]:
    """Each party's constituency votes scaled by its change in total votes (round half up)."""
    totals = {row.abbreviation: row.votes for row in election.party_results.all()}
    out = []
    for constituency in election.constituencies.all():
        here: dict[str, int] = {}
        for row in constituency.results.all():
            abbreviation = row.party_result.abbreviation
            old_total = totals.get(abbreviation, 0)
            new_total = votes.get(abbreviation, old_total)
            if old_total == 0:
                here[abbreviation] = 0
            else:
                scaled = Fraction(row.votes * new_total, old_total)
                here[abbreviation] = int(scaled + Fraction(1, 2))
        out.append((constituency.name, constituency.seats, here))
    return out


def election_what_if(*, election: Election, votes: Mapping[str, int]) -> dict[str, Any]:
    """Seats for changed votes: the stored election's rules, seats and constituencies, nothing written."""
    spec = spec_for(
        body=election.body,
        rules_year=election.rules_year,
        seats=election.seats,
        votes=votes,
        constituencies=scaled_constituencies(election, votes),
        other_votes=election.other_votes,
        method=election.method,
        lots=_stored_lots(election),
    )
    return allocate(spec, explain=True)
