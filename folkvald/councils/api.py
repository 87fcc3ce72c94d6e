"""JSON API of the councils app, mounted under /api/v1/ by folkvald.api.

Public: councils with their seats, majority line and coalition; the minimal winning
coalitions and power indices of a council; the committee calculations. Signed-in:
the planner's scenarios, each visible to the organisation that owns it.
Exact fractions are strings ("3/5") with a float beside them for convenience only.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Body, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from folkvald.councils import selectors, services
from folkvald.councils.permissions import (
    Level,
    access_council,
    access_scenario,
    scenario_owner_choices,
    visible_scenarios,
)
from folkvald.organisations.permissions import access_organisation
from folkvald.seatmath import SeatMathError

router = Router(tags=["councils"])

CODE_RE = re.compile(r"^\d{4}$")

#: Bounds on the public calculations, so one request cannot keep a worker busy for long.
MAX_PLAN_PARTIES = 14
MAX_PLAN_COMMITTEES = 60


class SeatOut(Schema):
    party: str
    name: str
    seats: int
    role: str
    order: int


class CouncilOut(Schema):
    id: int
    municipality_code: str
    municipality: str
    period_start: int
    period_end: int
    seats_total: int
    majority_line: int
    election_id: int | None
    seats_source: str


class CoalitionOut(Schema):
    name: str
    governing: list[str]
    support: list[str]
    governing_seats: int
    with_support_seats: int
    governing_majority: bool
    with_support_majority: bool
    margin: int


class CommitteeOut(Schema):
    name: str
    places: int
    substitutes: int


class CouncilDetailOut(CouncilOut):
    seats: list[SeatOut]
    coalition: CoalitionOut
    left_right_order: list[str]
    committees: list[CommitteeOut]
    committee_law: str


class MinimalCoalitionOut(Schema):
    parties: list[str]
    seats: int
    margin: int


class PowerOut(Schema):
    party: str
    seats: int
    banzhaf: str
    banzhaf_float: float
    shapley_shubik: str
    shapley_shubik_float: float


class ChosenOut(Schema):
    parties: list[str]
    seats: int
    majority: bool
    margin: int


class CoalitionsOut(Schema):
    council_id: int
    seats_total: int
    majority_line: int
    exclude: list[str]
    require: list[str]
    connected: bool
    order: list[str]
    chosen: ChosenOut | None
    coalitions: list[MinimalCoalitionOut]
    power: list[PowerOut]


class CoalitionQuery(Schema):
    parties: list[str] = []
    exclude: list[str] = []
    require: list[str] = []
    connected: bool = False
    order: str | None = None


class ScenarioListIn(Schema):
    label: str = ""
    parties: list[str]
    order: list[str] = []


class ScenarioIn(Schema):
    organisation_id: int
    name: str
    description: str = ""
    lists: list[ScenarioListIn] = []


class ScenarioListOut(Schema):
    label: str
    parties: list[str]
    order: list[str]


class ScenarioOut(Schema):
    id: int
    council_id: int
    organisation_id: int
    organisation: str
    name: str
    description: str
    lists: list[ScenarioListOut]


class ScenarioUpdateIn(Schema):
    name: str
    description: str = ""
    lists: list[ScenarioListIn] = []


class CommitteeResultOut(Schema):
    name: str
    places: int
    required_for_proportional: int
    can_force: dict[str, bool]
    by_label: dict[str, int]
    by_party: dict[str, int]
    places_list: list[dict[str, Any]]
    ties: list[Any]


class AttendanceChangeOut(Schema):
    committee: str
    required_before: int
    required: int
    by_party: dict[str, int]
    lost_force: list[str]


class ScenarioDetailOut(ScenarioOut):
    committees: list[CommitteeResultOut]
    substitutes: list[CommitteeResultOut]
    totals_by_label: dict[str, int]
    totals_by_party: dict[str, int]
    absent: dict[str, int]
    present: int
    changes: list[AttendanceChangeOut]


class ErrorOut(Schema):
    detail: str


def _split(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.replace("+", ",").split(",") if part.strip())
    return out


def _council_out(council) -> dict[str, Any]:
    return {
        "id": council.pk,
        "municipality_code": council.municipality_id,
        "municipality": council.municipality.name,
        "period_start": council.period_start,
        "period_end": council.period_start + 4,
        "seats_total": council.seats_total,
        "majority_line": selectors.majority_line(council.seats_total),
        "election_id": council.election_id,
        "seats_source": "election" if council.election_id else "manual",
    }


@router.get(
    "/councils", response={200: list[CouncilOut], 422: ErrorOut}, summary="Councils, by municipality and year"
)
def list_councils(
    request: HttpRequest, municipality: str | None = None, year: int | None = Query(None, ge=1900, le=2200)
):
    """`year` is any year inside the mandate period (2022 … 2025 for 2022–2026); `municipality` a
    four-digit code (0126), else a 422 as in /elections."""
    if municipality is not None and not CODE_RE.match(municipality):
        return Status(422, {"detail": "municipality must be a four-digit municipality code, e.g. 0126"})
    return Status(200, [_council_out(council) for council in selectors.council_list(municipality=municipality, year=year)])


def _loaded(request: HttpRequest, council_id: int):
    council = access_council(request.user, council_id, need=Level.PUBLIC)
    return selectors.council_detail(council_id=council.pk)


@router.get("/councils/{council_id}", response=CouncilDetailOut, summary="A council's seats and coalition")
def get_council(request: HttpRequest, council_id: int) -> dict[str, Any]:
    council = _loaded(request, council_id)
    view = selectors.council_view(council=council)
    return {
        **_council_out(council),
        "seats": [
            {"party": row.abbreviation, "name": row.party.name, "seats": row.seats, "role": row.role, "order": row.order}
            for row in view.rows
        ],
        "coalition": {
            "name": council.governing_name,
            "governing": [row.abbreviation for row in view.governing_rows],
            "support": [row.abbreviation for row in view.support_rows],
            "governing_seats": view.governing.seats,
            "with_support_seats": view.with_support.seats,
            "governing_majority": view.governing.majority,
            "with_support_majority": view.with_support.majority,
            "margin": view.with_support.margin,
        },
        "left_right_order": view.order,
        "committees": [
            {"name": c.name, "places": c.places, "substitutes": c.substitutes} for c in council.committees.all()
        ],
        "committee_law": council.committee_law,
    }


def _fraction_pair(value: Fraction) -> tuple[str, float]:
    return str(value), float(value)


@router.get(
    "/councils/{council_id}/coalitions",
    response={200: CoalitionsOut, 422: ErrorOut},
    summary="Minimal winning coalitions and power indices",
)
def council_coalitions(request: HttpRequest, council_id: int, filters: Query[CoalitionQuery]):
    """`exclude` and `require` take party abbreviations, repeated or comma-separated (`exclude=SD&require=S,MP`);
    `parties` (optional) gives seats, majority and margin of that set in `chosen`;
    `connected=true` keeps coalitions that are connected on `order` (comma-separated, the council's own by default)."""
    council = _loaded(request, council_id)
    try:
        exclude = services.council_canonical_parties(council=council, abbreviations=_split(filters.exclude))
        require = services.council_canonical_parties(council=council, abbreviations=_split(filters.require))
        order = services.council_canonical_parties(council=council, abbreviations=_split([filters.order or ""]))
        chosen = services.council_canonical_parties(council=council, abbreviations=_split(filters.parties))
    except ValidationError as error:
        return Status(422, {"detail": " ".join(error.messages)})
    if set(exclude) & set(require):
        return Status(422, {"detail": "a party cannot be both required and excluded"})
    if order and len(order) != len(council.seats.all()):
        return Status(422, {"detail": "the order must name every party of the council"})
    result = selectors.coalition_search(
        council=council, chosen=chosen, exclude=exclude, require=require, connected=filters.connected,
        order=order or None,
    )
    power = []
    for row in result.power:
        banzhaf, banzhaf_float = _fraction_pair(row.banzhaf)
        shapley, shapley_float = _fraction_pair(row.shapley_shubik)
        power.append(
            {
                "party": row.abbreviation,
                "seats": row.seats,
                "banzhaf": banzhaf,
                "banzhaf_float": banzhaf_float,
                "shapley_shubik": shapley,
                "shapley_shubik_float": shapley_float,
            }
        )
    return Status(200, {
        "council_id": council.pk,
        "seats_total": council.seats_total,
        "majority_line": selectors.majority_line(council.seats_total),
        "exclude": exclude,
        "require": require,
        "connected": filters.connected,
        "order": result.order,
        "chosen": None
        if result.chosen is None
        else {
            "parties": result.chosen.parties,
            "seats": result.chosen.seats,
            "majority": result.chosen.majority,
            "margin": result.chosen.margin,
        },
        "coalitions": [
            {"parties": item.parties, "seats": item.seats, "margin": item.margin} for item in result.coalitions
        ],
        "power": power,
    })


# --- the public committee calculations ------------------------------------------------------------


@router.post(
    "/committee/allocate",
    response={200: dict[str, Any], 422: ErrorOut},
    summary="Elect a committee proportionally (lag 2022:629 or 1992:339)",
)
def committee_allocate_endpoint(request: HttpRequest, spec: Body[dict[str, Any]]):
    """The input and output of `folkvald.seatmath.committee_allocate`, as JSON (docs/committee-elections.md)."""
    from folkvald.seatmath import committee_allocate

    try:
        return Status(200, selectors.plain(committee_allocate(spec)))
    except (SeatMathError, TypeError, ValueError, KeyError) as error:
        return Status(422, {"detail": str(error) or error.__class__.__name__})


@router.post(
    "/committee/plan",
    response={200: dict[str, Any], 422: ErrorOut},
    summary="The best joint lists for a bloc over all committees",
)
def committee_plan_endpoint(request: HttpRequest, spec: Body[dict[str, Any]]):
    """The input and output of `folkvald.seatmath.best_arrangement`, as JSON; answers are cached."""
    seats = spec.get("seats")
    committees = spec.get("committees")
    if isinstance(seats, dict) and len(seats) > MAX_PLAN_PARTIES:
        return Status(422, {"detail": f"at most {MAX_PLAN_PARTIES} parties"})
    if isinstance(committees, list) and len(committees) > MAX_PLAN_COMMITTEES:
        return Status(422, {"detail": f"at most {MAX_PLAN_COMMITTEES} committees"})
    try:
        return Status(200, selectors.best_arrangement_cached(spec))
    except (SeatMathError, TypeError, ValueError, KeyError) as error:
        return Status(422, {"detail": str(error) or error.__class__.__name__})


# --- the planner's scenarios (signed in) ------------------------------------------------------------


def _scenario_out(scenario) -> dict[str, Any]:
    return {
        "id": scenario.pk,
        "council_id": scenario.council_id,
        "organisation_id": scenario.organisation_id,
        "organisation": scenario.organisation.name,
        "name": scenario.name,
        "description": scenario.description,
        "lists": selectors.scenario_lists(scenario),
    }


@router.get("/councils/{council_id}/scenarios", response=list[ScenarioOut], auth=django_auth)
def list_scenarios(request: HttpRequest, council_id: int) -> list[dict[str, Any]]:
    council = access_council(request.user, council_id)
    scenarios = visible_scenarios(request.user, council=council).prefetch_related("lists")
    return [_scenario_out(scenario) for scenario in scenarios]


@router.post(
    "/councils/{council_id}/scenarios", response={201: ScenarioOut, 422: ErrorOut}, auth=django_auth
)
def create_scenario(request: HttpRequest, council_id: int, payload: ScenarioIn):
    council = _loaded(request, council_id)
    organisation = access_organisation(request.user, payload.organisation_id, need=Level.MANAGE)
    if not scenario_owner_choices(request.user).filter(pk=organisation.pk).exists():
        raise HttpError(404, "Not Found")
    try:
        scenario = services.scenario_create(
            council=council,
            organisation=organisation,
            name=payload.name,
            description=payload.description,
            lists=[item.dict() for item in payload.lists],
            user=request.user,
        )
    except ValidationError as error:
        return Status(422, {"detail": " ".join(error.messages)})
    return Status(201, _scenario_out(selectors.scenario_for_page(scenario_id=scenario.pk)))


def _absent(council, text: str | None) -> dict[str, int]:
    """"M:6,S:2" → {"M": 6, "S": 2}; a ValidationError names what is wrong."""
    absent: dict[str, int] = {}
    if not text:
        return absent
    seats = selectors.seats_map(council)
    for part in text.split(","):
        party, _sep, count = part.partition(":")
        names = services.council_canonical_parties(council=council, abbreviations=[party])
        if not names or not count.strip().isdigit() or int(count) > seats[names[0]]:
            raise ValidationError(f"absent: {part.strip()!r} must be PARTY:N with N at most the party's seats")
        absent[names[0]] = int(count)
    return absent


@router.get(
    "/councils/{council_id}/scenarios/{scenario_id}",
    response={200: ScenarioDetailOut, 422: ErrorOut},
    auth=django_auth,
)
def get_scenario(request: HttpRequest, council_id: int, scenario_id: int, absent: str | None = None):
    """`absent=M:6,S:2` recounts every committee with those members absent (the attendance what-if)."""
    council = _loaded(request, council_id)
    scenario = access_scenario(request.user, scenario_id, need=Level.INTERNAL, council=council)
    scenario = selectors.scenario_for_page(scenario_id=scenario.pk)
    try:
        absent_map = _absent(council, absent)
    except ValidationError as error:
        return Status(422, {"detail": " ".join(error.messages)})
    outcome = selectors.scenario_outcome(council=council, lists=selectors.scenario_lists(scenario), absent=absent_map)
    return Status(200, {
        **_scenario_out(scenario),
        "committees": [_committee_result(item) for item in outcome.committees],
        "substitutes": [_committee_result(item) for item in outcome.substitutes],
        "totals_by_label": outcome.totals_by_label,
        "totals_by_party": outcome.totals_by_party,
        "absent": outcome.absent,
        "present": sum(outcome.present.values()),
        "changes": [
            {
                "committee": change["committee"],
                "required_before": change["threshold_before"],
                "required": change["threshold"],
                "by_party": change["diff"],
                "lost_force": change["lost_force"],
            }
            for change in outcome.changes()
        ],
    })


def _committee_result(item) -> dict[str, Any]:
    return {
        "name": item.committee_name,
        "places": item.places,
        "required_for_proportional": item.threshold,
        "can_force": item.can_force,
        "by_label": item.by_label,
        "by_party": item.by_party,
        "places_list": item.places_list,
        "ties": item.ties,
    }


@router.put(
    "/councils/{council_id}/scenarios/{scenario_id}", response={200: ScenarioOut, 422: ErrorOut}, auth=django_auth
)
def update_scenario(request: HttpRequest, council_id: int, scenario_id: int, payload: ScenarioUpdateIn):
    """Replace a scenario's name, description and lists (MANAGE on the organisation that owns it)."""
    council = _loaded(request, council_id)
    scenario = access_scenario(request.user, scenario_id, need=Level.MANAGE, council=council)
    try:
        services.scenario_update(
            scenario=scenario,
            name=payload.name,
            description=payload.description,
            lists=[item.dict() for item in payload.lists],
        )
    except ValidationError as error:
        return Status(422, {"detail": " ".join(error.messages)})
    return Status(200, _scenario_out(selectors.scenario_for_page(scenario_id=scenario.pk)))


@router.delete(
    "/councils/{council_id}/scenarios/{scenario_id}", response={204: None}, auth=django_auth
)
def delete_scenario(request: HttpRequest, council_id: int, scenario_id: int):
    council = access_council(request.user, council_id)
    scenario = access_scenario(request.user, scenario_id, need=Level.MANAGE, council=council)
    services.scenario_delete(scenario=scenario)
    return Status(204, None)
