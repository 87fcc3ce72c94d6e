"""JSON API of the elections app, mounted under /api/v1/ by folkvald.api.

``GET /api/v1/elections?municipality=1281&year=2014`` gives one official result; with
only one of the filters (or none) it gives a list. Query parameters are validated:
a malformed code or year is a 422, an unknown municipality or a missing result a 404,
both as JSON; never a 500.
"""

from __future__ import annotations

import re
from fractions import Fraction

from django.http import HttpRequest
from ninja import Router, Schema, Status

from folkvald.elections.models import Election
from folkvald.elections.permissions import access_election
from folkvald.elections.selectors import (
    election_with_results,
    elections_with_results,
    municipality_exists,
    visible_elections,
)
from folkvald.organisations.permissions import Level

router = Router(tags=["elections"])

CODE_RE = re.compile(r"^\d{4}$")
MIN_YEAR, MAX_YEAR = 1900, 2100


class MunicipalityRef(Schema):
    code: str
    name: str


class PartyOut(Schema):
    abbreviation: str
    party: str
    name: str
    colour: str
    votes: int
    share: float
    seats: int
    official_seats: int | None


class ElectionOut(Schema):
    id: int
    body: str
    year: int
    rules_year: int
    municipality: MunicipalityRef | None
    seats_total: int
    official: bool
    source: str
    label: str
    valid_votes: int
    other_votes: int
    blank_votes: int | None
    eligible_voters: int | None
    votes: dict[str, int]
    shares: dict[str, float]
    seats: dict[str, int]
    official_seats: dict[str, int] | None
    seats_match_official: bool | None
    parties: list[PartyOut]
    url: str


class ErrorOut(Schema):
    detail: str


def _share(votes: int, valid: int) -> float:
    """A share for display, six decimals (seats are never decided from it)."""
    return round(float(Fraction(votes, valid)), 6) if valid else 0.0


def election_out(election: Election) -> dict:
    rows = sorted(election.party_results.all(), key=lambda row: (-row.votes, row.position))
    valid = election.valid_votes
    has_official = any(row.official_seats is not None for row in rows)
    municipality = election.municipality
    url = (
        f"/val/{municipality.code}/{election.year}/" if election.is_official and municipality
        else f"/val/resultat/{election.pk}/"
    )
    return {
        "id": election.pk,
        "body": election.body,
        "year": election.year,
        "rules_year": election.rules_year,
        "municipality": {"code": municipality.code, "name": municipality.name} if municipality else None,
        "seats_total": election.seats,
        "official": election.is_official,
        "source": election.source,
        "label": election.label,
        "valid_votes": valid,
        "other_votes": election.other_votes,
        "blank_votes": election.blank_votes,
        "eligible_voters": election.eligible_voters,
        "votes": {row.abbreviation: row.votes for row in rows},
        "shares": {row.abbreviation: _share(row.votes, valid) for row in rows},
        "seats": {row.abbreviation: row.seats for row in rows},
        "official_seats": {row.abbreviation: row.official_seats or 0 for row in rows} if has_official else None,
        "seats_match_official": election.seats_match_official,
        "parties": [
            {
                "abbreviation": row.abbreviation,
                "party": row.party.abbreviation,
                "name": row.name,
                "colour": row.colour,
                "votes": row.votes,
                "share": _share(row.votes, valid),
                "seats": row.seats,
                "official_seats": row.official_seats,
            }
            for row in rows
        ],
        "url": url,
    }


@router.get(
    "/elections",
    response={200: ElectionOut | list[ElectionOut], 404: ErrorOut, 422: ErrorOut},
    summary="Election results: one with municipality and year, else a list",
)
def list_elections(
    request: HttpRequest,
    municipality: str | None = None,
    year: int | None = None,
    official: bool | None = None,
):
    if municipality is not None and not CODE_RE.match(municipality):
        return Status(422, {"detail": "municipality must be a four-digit municipality code, e.g. 1281"})
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return Status(422, {"detail": f"year must be between {MIN_YEAR} and {MAX_YEAR}"})
    if municipality is not None and not municipality_exists(code=municipality):
        return Status(404, {"detail": f"no municipality with code {municipality}"})
    elections = visible_elections(user=request.user)
    if municipality is not None:
        elections = elections.filter(municipality_id=municipality)
    if year is not None:
        elections = elections.filter(year=year)
    if municipality is not None and year is not None and official is not False:
        election = elections_with_results(elections.filter(is_official=True)).first()
        if election is None:
            return Status(404, {"detail": f"no official result for {municipality} in {year}"})
        return Status(200, election_out(election))
    if official is not None:
        elections = elections.filter(is_official=official)
    elections = elections_with_results(elections.order_by("municipality_id", "year", "pk"))
    return Status(200, [election_out(election) for election in elections])


@router.get("/elections/{election_id}", response={200: ElectionOut, 404: ErrorOut}, summary="One election result")
def get_election(request: HttpRequest, election_id: int):
    election = access_election(request.user, election_id, need=Level.PUBLIC)
    election = election_with_results(election_id=election.pk)
    return Status(200, election_out(election))
