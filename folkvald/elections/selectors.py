"""Reads for elections: results, shares, changes, blocs, history."""

from __future__ import annotations

from django.db.models import QuerySet

from folkvald.elections.models import Body, Election, PartyResult


def election_seats(*, election: Election) -> dict[str, int]:
    """Seats per party abbreviation as computed by seatmath (the councils app builds on these)."""
    return {
        abbreviation: seats
        for abbreviation, seats in election.party_results.filter(seats__gt=0)
        .order_by("-seats", "-votes")
        .values_list("abbreviation", "seats")
    }


def official_election(*, municipality_code: str, year: int, body: str = Body.KOMMUNFULLMAKTIGE) -> Election | None:
    return (
        Election.objects.filter(municipality_id=municipality_code, year=year, body=body, is_official=True)
        .select_related("municipality")
        .first()
    )


def party_results(*, election: Election) -> QuerySet[PartyResult]:
    return election.party_results.select_related("party").order_by("-votes", "position")
