"""Reads for elections: results, shares, changes, blocs, the seat explanation, history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from folkvald.elections.models import Bloc, Body, Constituency, Election, PartyResult
from folkvald.organisations.models import Municipality
from folkvald.organisations.permissions import AnyUser, internal_organisation_ids
from folkvald.seatmath import coalitions


def uses_official_seats(election: Election) -> bool:
    """Where the source lacks the constituencies (national summary, up to 2014) the computed seats
    cannot reproduce the official ones; the official seats are then the council's seats."""
    return bool(election.is_official and election.constituencies_missing and election.seats_match_official is False)


def election_seats(*, election: Election) -> dict[str, int]:
    """Seats per party abbreviation as computed by seatmath (the councils app builds on these).

    The official seats instead where the source lacks the constituencies to compute them from.
    """
    field = "official_seats" if uses_official_seats(election) else "seats"
    return {
        abbreviation: seats
        for abbreviation, seats in election.party_results.filter(**{f"{field}__gt": 0})
        .order_by(f"-{field}", "-votes", "position")
        .values_list("abbreviation", field)
    }


def visible_elections(*, user: AnyUser) -> QuerySet[Election]:
    """Published results for everyone; unpublished counts for those inside the organisation."""
    queryset = Election.objects.select_related("municipality", "organisation")
    internal = internal_organisation_ids(user)
    if internal is None:
        return queryset
    return queryset.filter(Q(is_published=True) | Q(organisation_id__in=internal))


def official_election(*, municipality_code: str, year: int, body: str = Body.KOMMUNFULLMAKTIGE) -> Election | None:
    return (
        Election.objects.filter(municipality_id=municipality_code, year=year, body=body, is_official=True)
        .select_related("municipality")
        .first()
    )


def previous_official_election(*, election: Election) -> Election | None:
    if election.municipality_id is None:
        return None
    return (
        Election.objects.filter(
            municipality_id=election.municipality_id, body=election.body, is_official=True, year__lt=election.year
        )
        .order_by("-year")
        .first()
    )


def election_index() -> list[dict[str, Any]]:
    """Municipalities with official results and their years, in one query."""
    rows = (
        Election.objects.filter(is_official=True, is_published=True, municipality__isnull=False)
        .values_list("municipality_id", "municipality__name", "year")
        .order_by("municipality__name", "year")
    )
    index: dict[str, dict[str, Any]] = {}
    for code, name, year in rows:
        entry = index.setdefault(code, {"code": code, "name": name, "years": []})
        entry["years"].append(year)
    return list(index.values())


def unofficial_elections(*, municipality_code: str, year: int, user: AnyUser) -> QuerySet[Election]:
    return visible_elections(user=user).filter(
        municipality_id=municipality_code, year=year, is_official=False
    ).order_by("-created")


def elections_with_results(queryset: QuerySet[Election]) -> QuerySet[Election]:
    return queryset.select_related("municipality").prefetch_related(
        Prefetch("party_results", queryset=PartyResult.objects.select_related("party").order_by("position"))
    )


# --- the election page ---------------------------------------------------------------------------


@dataclass
class PartyRow:
    abbreviation: str
    name: str
    colour: str
    party_id: int
    votes: int
    share: Fraction
    seats: int
    official_seats: int | None
    previous_share: Fraction | None = None
    previous_abbreviation: str | None = None
    votes_for_one_more: int | None = None
    votes_to_lose_one: int | None = None
    one_more_in: str = ""

    @property
    def change(self) -> Fraction | None:
        """Change in percentage points (not a share): 18,77 % − 28,05 % = −9,27."""
        if self.previous_share is None:
            return None
        return (self.share - self.previous_share) * 100

    @property
    def seats_differ(self) -> bool:
        return self.official_seats is not None and self.official_seats != self.seats


@dataclass
class BlocRow:
    name: str
    colour: str
    abbreviations: list[str]
    votes: int
    share: Fraction
    seats: int
    majority: bool
    previous_share: Fraction | None = None

    @property
    def change(self) -> Fraction | None:
        if self.previous_share is None:
            return None
        return (self.share - self.previous_share) * 100


@dataclass
class SeatStep:
    number: int
    abbreviation: str
    quotient: Fraction | None
    constituency: str = ""


@dataclass
class ElectionView:
    election: Election
    rows: list[PartyRow]
    blocs: list[BlocRow]
    previous: Election | None
    majority: int
    last_seat: SeatStep | None = None
    next_in_line: SeatStep | None = None
    differences: list[PartyRow] = field(default_factory=list)
    constituencies: list[Constituency] = field(default_factory=list)
    official_shown: bool = False
    constituency_last_seats: list[dict[str, Any]] = field(default_factory=list)


def majority_line(seats: int) -> int:
    """More than half of the seats (seatmath's rule)."""
    return coalitions.majority_line(seats)


def _fraction(value: Any) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            return None
    if isinstance(value, Mapping) and "numerator" in value and "denominator" in value:
        return Fraction(int(value["numerator"]), int(value["denominator"]))
    if isinstance(value, float):
        return Fraction(value)
    return None


def _step(item: Any) -> SeatStep | None:
    if not isinstance(item, Mapping):
        return None
    abbreviation = item.get("party") or item.get("abbreviation")
    if not abbreviation:
        return None
    return SeatStep(
        number=int(item.get("seat") or item.get("number") or 0),
        abbreviation=str(abbreviation),
        quotient=_fraction(item.get("quotient") or item.get("comparative_number")),
        constituency=str(item.get("constituency") or ""),
    )


def explanation_figures(explanation: Mapping[str, Any] | None) -> dict[str, Any]:
    """The parts of a seatmath explanation a page shows: last seat, next in line, votes lacking."""
    figures: dict[str, Any] = {"last_seat": None, "next_in_line": None, "more": {}, "less": {}, "more_in": {},
                               "constituencies": []}
    if not explanation:
        return figures
    figures["last_seat"] = _step(explanation.get("last_seat"))
    figures["next_in_line"] = _step(explanation.get("runner_up") or explanation.get("next_in_line"))
    for key, target in (("votes_for_one_more_seat", "more"), ("votes_to_lose_one_seat", "less")):
        values = explanation.get(key) or {}
        if isinstance(values, Mapping):
            figures[target] = {str(k): int(v) for k, v in values.items() if v is not None}
    where = explanation.get("votes_for_one_more_seat_in") or {}
    if isinstance(where, Mapping):
        figures["more_in"] = {str(k): str(v) for k, v in where.items() if v}
    for part in explanation.get("constituencies") or []:
        if isinstance(part, Mapping) and part.get("last_seat"):
            figures["constituencies"].append(
                {"name": str(part.get("name") or ""), "last_seat": _step(part.get("last_seat")),
                 "next_in_line": _step(part.get("runner_up"))}
            )
    return figures


def _bloc_rows(
    blocs: list[Bloc], rows: list[PartyRow], previous_rows: dict[int, PartyResult], previous_valid: int,
    seats_total: int, *, use_official: bool = False,
) -> list[BlocRow]:
    valid = sum(row.votes for row in rows) or 1
    out = []
    for bloc in blocs:
        party_ids = {party.pk for party in bloc.parties.all()}
        members = [row for row in rows if row.party_id in party_ids]
        votes = sum(row.votes for row in members)
        seats = sum((row.official_seats or 0) if use_official else row.seats for row in members)
        previous_share = None
        if previous_valid:
            previous_votes = sum(previous_rows[pid].votes for pid in party_ids if pid in previous_rows)
            previous_share = Fraction(previous_votes, previous_valid)
        out.append(
            BlocRow(
                name=bloc.name,
                colour=bloc.colour,
                abbreviations=[row.abbreviation for row in members],
                votes=votes,
                share=Fraction(votes, valid),
                seats=seats,
                majority=seats >= majority_line(seats_total),
                previous_share=previous_share,
            )
        )
    return out


def election_view(*, election: Election, explanation: Mapping[str, Any] | None = None) -> ElectionView:
    """Everything the election page shows, in a fixed number of queries."""
    results = list(election.party_results.select_related("party").order_by("-votes", "position"))
    valid = election.valid_votes or 1
    previous = previous_official_election(election=election)
    previous_rows: dict[int, PartyResult] = {}
    previous_valid = 0
    if previous is not None:
        previous_rows = {row.party_id: row for row in previous.party_results.all()}
        previous_valid = previous.valid_votes
    figures = explanation_figures(explanation if explanation is not None else election.explanation)
    rows = []
    for result in results:
        before = previous_rows.get(result.party_id)
        rows.append(
            PartyRow(
                abbreviation=result.abbreviation,
                name=result.name,
                colour=result.colour,
                party_id=result.party_id,
                votes=result.votes,
                share=Fraction(result.votes, valid),
                seats=result.seats,
                official_seats=result.official_seats,
                previous_share=Fraction(before.votes, previous_valid) if before and previous_valid else None,
                previous_abbreviation=before.abbreviation if before else None,
                votes_for_one_more=figures["more"].get(result.abbreviation),
                votes_to_lose_one=figures["less"].get(result.abbreviation),
                one_more_in=figures["more_in"].get(result.abbreviation, ""),
            )
        )
    blocs = []
    if election.municipality_id:
        blocs = list(
            Bloc.objects.filter(municipality_id=election.municipality_id, period=election.year).prefetch_related(
                "parties"
            )
        )
    # Bloc shares count valid votes, handwritten ones included, like the party shares.
    bloc_rows = _bloc_rows(blocs, rows, previous_rows, previous_valid, election.seats,
                           use_official=uses_official_seats(election))
    for bloc_row in bloc_rows:
        bloc_row.share = Fraction(bloc_row.votes, valid)
    constituencies = list(
        election.constituencies.prefetch_related("results__party_result").order_by("position")
    )
    return ElectionView(
        election=election,
        rows=rows,
        blocs=bloc_rows,
        previous=previous,
        majority=majority_line(election.seats),
        last_seat=figures["last_seat"],
        next_in_line=figures["next_in_line"],
        differences=[row for row in rows if row.seats_differ],
        constituencies=constituencies,
        official_shown=uses_official_seats(election),
        constituency_last_seats=figures["constituencies"],
    )


def share_history(*, municipality: Municipality, body: str = Body.KOMMUNFULLMAKTIGE) -> dict[str, Any]:
    """Shares per party and year of the official results, keyed by the party (FP and L are one line)."""
    elections = list(
        Election.objects.filter(municipality=municipality, body=body, is_official=True, is_published=True)
        .order_by("year")
        .prefetch_related(Prefetch("party_results", queryset=PartyResult.objects.select_related("party")))
    )
    years = [election.year for election in elections]
    parties: dict[int, dict[str, Any]] = {}
    for election in elections:
        valid = election.valid_votes or 1
        for row in election.party_results.all():
            entry = parties.setdefault(
                row.party_id,
                {"abbreviation": row.party.abbreviation, "label": row.abbreviation, "colour": row.party.colour,
                 "shares": {}},
            )
            entry["label"] = row.abbreviation  # the latest abbreviation names the line
            entry["shares"][election.year] = Fraction(row.votes, valid)
    return {"years": years, "parties": list(parties.values())}


def party_results(*, election: Election) -> QuerySet[PartyResult]:
    return election.party_results.select_related("party").order_by("-votes", "position")


def reference_election(*, municipality_code: str, year: int) -> Election | None:
    """The official result of the year, else the latest before it (the parties a count starts from)."""
    return (
        Election.objects.filter(municipality_id=municipality_code, is_official=True, year__lte=year)
        .order_by("-year")
        .first()
    )


def municipality_exists(*, code: str) -> bool:
    return Municipality.objects.filter(code=code).exists()


def election_with_results(*, election_id: int) -> Election:
    return elections_with_results(Election.objects.filter(pk=election_id)).get()
