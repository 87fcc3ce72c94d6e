"""Valmyndigheten's result files as :class:`ResultData`, read by folkvald.seatmath.valmyndigheten."""

from __future__ import annotations

import os

from folkvald.elections.services import ConstituencyVotes, PartyVotes, ResultData
from folkvald.seatmath.valmyndigheten import MunicipalResult, read_file


def result_data(result: MunicipalResult) -> ResultData:
    """One municipality's official result, with its official seats for comparison."""
    parties = [
        PartyVotes(
            abbreviation=abbreviation,
            votes=votes,
            name=result.parties[abbreviation].name if abbreviation in result.parties else abbreviation,
            colour=(result.parties[abbreviation].colour or "") if abbreviation in result.parties else "",
            official_seats=result.seats.get(abbreviation, 0),
        )
        for abbreviation, votes in result.votes.items()
    ]
    constituencies = []
    if len(result.constituencies) > 1:
        constituencies = [
            ConstituencyVotes(
                name=constituency.label,
                code=constituency.code,
                seats=constituency.fixed_seats,
                votes=dict(constituency.votes),
                valid_votes=constituency.tally.valid_votes,
                official_seats=dict(constituency.seats),
            )
            for constituency in result.constituencies
        ]
    return ResultData(
        year=result.year,
        seats=result.seats_total,
        parties=parties,
        municipality_code=result.code,
        constituencies=constituencies,
        other_votes=result.tally.other_votes,
        blank_votes=result.tally.blank_votes,
        invalid_votes=result.tally.invalid_votes,
        eligible_voters=result.tally.eligible_voters,
        election_day=result.election_day,
        source_name=result.source,
        from_summary=result.from_summary,
        divided=result.divided,
    )


def results_from_file(path: str | os.PathLike[str]) -> list[ResultData]:
    """Every municipality in a file (one, or all of them in the national summary)."""
    return [result_data(result) for result in read_file(path)]
