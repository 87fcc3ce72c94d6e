"""Election pages: thin views over selectors, services and permissions."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from folkvald import seatmath
from folkvald.elections import charts, selectors, services
from folkvald.elections.forms import UnofficialResultForm, WhatIfForm
from folkvald.elections.models import Election
from folkvald.elections.permissions import (
    access_election,
    access_municipality,
    access_organisation_for_results,
    managed_organisations_in,
    require_results_manager,
)
from folkvald.organisations.permissions import Level
from folkvald.seatmath import coalitions

MIN_YEAR, MAX_YEAR = 1900, 2100


def _page_context(request: HttpRequest, election: Election) -> dict[str, Any]:
    explanation = services.election_explain(election=election)
    view = selectors.election_view(election=election, explanation=explanation)
    shown = [
        charts.DiagramParty(row.abbreviation, row.colour,
                            (row.official_seats or 0) if view.official_shown else row.seats)
        for row in view.rows
    ]
    by_abbreviation = {row.abbreviation: row for row in view.rows}
    seat_rows = [
        {"abbreviation": party.abbreviation, "name": by_abbreviation[party.abbreviation].name,
         "colour": party.colour, "seats": party.seats}
        for party in charts.party_order([party for party in shown if party.seats])
    ]
    return {
        "election": election,
        "view": view,
        "seat_rows": seat_rows,
        "diagram": charts.parliament_seats(shown),
        "can_enter": bool(election.municipality and managed_organisations_in(request.user, election.municipality)),
    }


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "elections/index.html", {"municipalities": selectors.election_index()})


def municipality(request: HttpRequest, code: str) -> HttpResponse:
    place = access_municipality(code)
    history = selectors.share_history(municipality=place)
    parties = [p for p in history["parties"] if max(p["shares"].values(), default=0) >= Fraction(1, 100)]
    chart = charts.share_chart({p["label"]: (p["colour"], p["shares"]) for p in parties})
    elections = selectors.visible_elections(user=request.user).filter(municipality=place).order_by("-year")
    return render(
        request,
        "elections/municipality.html",
        {"municipality": place, "history": history, "parties": parties, "chart": chart, "elections": elections},
    )


def election_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    place = access_municipality(code)
    election = selectors.official_election(municipality_code=place.code, year=_year(year))
    unofficial = selectors.unofficial_elections(municipality_code=place.code, year=year, user=request.user)
    if election is None:
        if unofficial:
            return redirect("elections:result", election_id=unofficial[0].pk)
        raise Http404
    context = _page_context(request, election)
    context["unofficial"] = unofficial
    return render(request, "elections/election.html", context)


def result_page(request: HttpRequest, election_id: int) -> HttpResponse:
    election = access_election(request.user, election_id, need=Level.PUBLIC)
    return render(request, "elections/election.html", _page_context(request, election))


def _what_if(request: HttpRequest, election: Election) -> tuple[WhatIfForm, dict[str, Any] | None]:
    view = selectors.election_view(election=election)
    rows = [(row.abbreviation, row.votes, (row.votes, election.valid_votes or 1)) for row in view.rows]
    data = request.POST if request.method == "POST" else None
    form = WhatIfForm(data, rows=rows, valid_votes=election.valid_votes)
    if data is None:
        return form, _what_if_result(election, view, {row.abbreviation: row.votes for row in view.rows})
    if not form.is_valid():
        return form, None
    try:
        votes = form.cleaned_data["votes"]
        return form, _what_if_result(election, view, votes)
    except seatmath.SeatMathError as error:
        form.add_error(None, str(error))
        return form, None


def _what_if_result(election: Election, view: selectors.ElectionView, votes: dict[str, int]) -> dict[str, Any]:
    result = services.election_what_if(election=election, votes=votes)
    seats = {key: int(value) for key, value in result.get("seats", {}).items()}
    valid = sum(votes.values()) + election.other_votes or 1
    rows = []
    for row in view.rows:
        new_votes = votes.get(row.abbreviation, row.votes)
        rows.append({
            "abbreviation": row.abbreviation,
            "name": row.name,
            "colour": row.colour,
            "votes": new_votes,
            "share": Fraction(new_votes, valid),
            "seats": seats.get(row.abbreviation, 0),
            "real_seats": row.seats,
            "seat_change": seats.get(row.abbreviation, 0) - row.seats,
        })
    majority = selectors.majority_line(election.seats)
    blocs = []
    for bloc in view.blocs:
        status = coalitions.coalition(seats or {"-": 0}, [a for a in bloc.abbreviations if a in seats],
                                      total=election.seats)
        bloc_votes = sum(votes.get(abbreviation, 0) for abbreviation in bloc.abbreviations)
        blocs.append({"name": bloc.name, "seats": status.seats, "real_seats": bloc.seats,
                      "share": Fraction(bloc_votes, valid), "majority": status.majority,
                      "margin": status.margin})
    figures = selectors.explanation_figures(result.get("explanation"))
    largest = max(rows, key=lambda row: row["seats"]) if rows else None
    return {
        "rows": rows,
        "blocs": blocs,
        "majority": majority,
        "seats_total": election.seats,
        "largest_alone": largest if largest and largest["seats"] >= majority else None,
        "diagram": charts.parliament_seats(
            [charts.DiagramParty(row["abbreviation"], row["colour"], row["seats"]) for row in rows]
        ),
        "seat_rows": [row for row in rows if row["seats"]],
        "last_seat": figures["last_seat"],
        "next_in_line": figures["next_in_line"],
        "ties": result.get("ties") or [],
        "changed": any(row["seat_change"] for row in rows),
    }


@require_http_methods(["GET", "POST"])
def what_if(request: HttpRequest, code: str, year: int) -> HttpResponse:
    election = selectors.official_election(municipality_code=access_municipality(code).code, year=_year(year))
    if election is None:
        raise Http404
    form, outcome = _what_if(request, election)
    return render(request, "elections/what_if.html", {"election": election, "form": form, "outcome": outcome})


@require_http_methods(["POST"])
def what_if_fragment(request: HttpRequest, code: str, year: int) -> HttpResponse:
    election = selectors.official_election(municipality_code=access_municipality(code).code, year=_year(year))
    if election is None:
        raise Http404
    form, outcome = _what_if(request, election)
    return render(request, "elections/partials/what_if_result.html",
                  {"election": election, "form": form, "outcome": outcome})


@login_required
@require_http_methods(["GET", "POST"])
def result_new(request: HttpRequest, code: str, year: int) -> HttpResponse:
    place = access_municipality(code)
    year = _year(year)
    organisations = require_results_manager(request.user, place)
    reference = selectors.reference_election(municipality_code=place.code, year=year)
    parties = list(selectors.party_results(election=reference).values_list("abbreviation", flat=True)) \
        if reference else ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
    figures = place.election_figures.filter(year__lte=year).order_by("-year").first()
    seats = reference.seats if reference else (figures.council_seats if figures else None)
    form = UnofficialResultForm(
        request.POST or None, request.FILES or None, organisations=organisations, municipality=place, year=year,
        parties=parties, seats=seats,
    )
    if request.method == "POST" and form.is_valid():
        organisation = access_organisation_for_results(request.user, place, form.cleaned_data["organisation"])
        try:
            election = services.unofficial_result_create(
                data=form.result_data(), organisation=organisation, label=form.cleaned_data["label"],
                published=form.cleaned_data["published"],
                source="upload" if form.cleaned_data.get("upload") else "manual",
            )
        except seatmath.SeatMathError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Resultatet är sparat (inofficiellt)."))
            return redirect("elections:result", election_id=election.pk)
    return render(request, "elections/result_form.html", {"form": form, "municipality": place, "year": year})


@login_required
@require_http_methods(["POST"])
def result_delete(request: HttpRequest, election_id: int) -> HttpResponse:
    election = access_election(request.user, election_id, need=Level.MANAGE)
    if election.is_official:
        raise Http404
    code = election.municipality_id
    services.election_delete(election=election)
    messages.success(request, _("Resultatet är borttaget."))
    if code:
        return redirect("elections:municipality", code=code)
    return redirect("elections:index")
