"""Pages of councils and the committee planner: thin, the rules live in permissions, selectors and services."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from folkvald.councils import selectors, services
from folkvald.councils.forms import (
    AttendanceForm,
    CoalitionFinderForm,
    CommitteeForm,
    CouncilEditForm,
    CouncilForm,
    OrderForm,
    PlanForm,
    ScenarioEditForm,
    ScenarioForm,
    split_parties,
)
from folkvald.councils.permissions import (
    Level,
    access_council,
    access_scenario,
    council_level,
    council_municipality_choices,
    scenario_level,
    scenario_owner_choices,
    visible_scenarios,
)
from folkvald.elections.selectors import official_election
from folkvald.seatmath import SeatMathError


def _is_htmx(request: HttpRequest) -> bool:
    """An htmx request for a fragment; a history restore wants the whole page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def _council(request: HttpRequest, council_id: int, need: Level = Level.PUBLIC):
    council = access_council(request.user, council_id, need=need)
    detailed = selectors.council_detail(council_id=council.pk)
    if detailed is None:  # pragma: no cover - deleted between the two reads
        raise Http404
    return detailed


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def council_index(request: HttpRequest) -> HttpResponse:
    councils = selectors.council_list()
    can_add = request.user.is_authenticated and council_municipality_choices(request.user).exists()
    return render(request, "councils/index.html", {"councils": councils, "can_add": can_add})


def _finder(request: HttpRequest, council) -> dict:
    form = CoalitionFinderForm(request.GET or None, council=council)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        result = selectors.coalition_search(
            council=council,
            chosen=data["parties"],
            exclude=data["exclude"],
            require=data["require"],
            connected=data["connected"],
            order=data["order"] or None,
        )
    elif not request.GET:
        form = CoalitionFinderForm(council=council, initial={"order": ", ".join(selectors.council_order(council))})
        result = selectors.coalition_search(council=council)
    return {"form": form, "result": result}


def council_page(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id)
    finder = _finder(request, council)
    if _is_htmx(request):
        response = render(request, "councils/partials/finder_results.html", {"council": council, **finder})
        patch_vary_headers(response, ["HX-Request"])
        return response
    level = council_level(request.user, council)
    context = {
        "council": council,
        "view": selectors.council_view(council=council),
        **finder,
        "can_manage": level >= Level.MANAGE,
        "order_form": OrderForm(initial={"order": ", ".join(selectors.council_order(council))}),
        "committee_form": CommitteeForm(),
        "scenario_count": visible_scenarios(request.user, council=council).count()
        if request.user.is_authenticated
        else 0,
    }
    response = render(request, "councils/council.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def council_add(request: HttpRequest) -> HttpResponse:
    municipalities = council_municipality_choices(request.user)
    if not municipalities.exists():
        raise Http404
    form = CouncilForm(request.POST or None, municipalities=municipalities)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            election = None
            if data["from_election"]:
                election = official_election(municipality_code=data["municipality"].code, year=data["period_start"])
            try:
                council = services.council_create(
                    municipality=data["municipality"],
                    period_start=data["period_start"],
                    election=election,
                    seats=None if election else services.parse_seats_text(data["seats"]),
                    governing_name=data["governing_name"],
                    governing=split_parties(data["governing"]),
                    support=split_parties(data["support"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Fullmäktige är tillagt."))
                return redirect("councils:council", council_id=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "council": None}, status=status)


@login_required
def council_edit(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id, need=Level.MANAGE)
    view = selectors.council_view(council=council)
    initial = {
        "seats": ", ".join(f"{row.abbreviation} {row.seats}" for row in view.rows),
        "governing_name": council.governing_name,
        "governing": ", ".join(row.abbreviation for row in view.governing_rows),
        "support": ", ".join(row.abbreviation for row in view.support_rows),
        "description": council.description,
    }
    form = CouncilEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    if council.election_id is not None:
                        services.council_sync_election(council=council)
                    elif data["seats"] != initial["seats"]:
                        services.council_set_seats(council=council, seats=services.parse_seats_text(data["seats"]))
                    services.council_set_coalition(
                        council=council,
                        name=data["governing_name"],
                        governing=split_parties(data["governing"]),
                        support=split_parties(data["support"]),
                    )
                    services.council_update(council=council, description=data["description"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Fullmäktige är sparat."))
                return redirect("councils:council", council_id=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "council": council}, status=status)


@login_required
@require_POST
def council_order_save(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id, need=Level.MANAGE)
    form = OrderForm(request.POST)
    if form.is_valid():
        try:
            services.council_set_order(council=council, order=split_parties(form.cleaned_data["order"]))
            messages.success(request, _("Vänster–höger-ordningen är sparad."))
        except ValidationError as error:
            messages.error(request, _errors(error))
    return redirect("councils:council", council_id=council.pk)


@login_required
@require_POST
def committee_add(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id, need=Level.MANAGE)
    form = CommitteeForm(request.POST)
    if form.is_valid():
        try:
            services.committee_create(council=council, **form.cleaned_data)
            messages.success(request, _("Nämnden är tillagd."))
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, _("Kontrollera namn, ledamöter och ersättare."))
    return redirect("councils:council", council_id=council.pk)


@login_required
@require_POST
def committee_remove(request: HttpRequest, council_id: int, committee_id: int) -> HttpResponse:
    council = _council(request, council_id, need=Level.MANAGE)
    committee = next((c for c in council.committees.all() if c.pk == committee_id), None)
    if committee is None:
        raise Http404
    services.committee_delete(committee=committee)
    messages.success(request, _("Nämnden är borttagen."))
    return redirect("councils:council", council_id=council.pk)


# --- the planner --------------------------------------------------------------------------------------


def _plan(request: HttpRequest, council) -> dict:
    form = PlanForm(request.GET or None, council=council)
    plan = None
    error = ""
    if request.GET.get("bloc") and form.is_valid():
        data = form.cleaned_data
        spec = selectors.plan_spec(
            council=council, bloc=data["bloc"], others=data["others"], others_lists=data["others_lists"]
        )
        try:
            plan = selectors.best_arrangement_cached(spec)
        except SeatMathError as exc:
            error = str(exc)
    lines = ""
    if plan:
        lines = "; ".join("+".join(item) for item in [*plan["bloc_lists"], *plan["others_lists"]] if len(item) > 1)
    return {"plan_form": form, "plan": plan, "plan_error": error, "plan_lines": lines}


@login_required
def planner(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id)
    owners = scenario_owner_choices(request.user)
    scenarios = list(visible_scenarios(request.user, council=council).order_by("organisation__name", "position"))
    context = {
        "council": council,
        "scenarios": scenarios,
        "scenario_form": ScenarioForm(organisations=owners) if owners.exists() else None,
        **_plan(request, council),
    }
    template = "councils/partials/plan_results.html" if _is_htmx(request) else "councils/planner.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def scenario_add(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(request, council_id)
    owners = scenario_owner_choices(request.user)
    form = ScenarioForm(request.POST, organisations=owners)
    if form.is_valid():
        data = form.cleaned_data
        try:
            scenario = services.scenario_create(
                council=council,
                organisation=data["organisation"],
                name=data["name"],
                description=data["description"],
                lists=services.parse_lists_text(data["lists"]),
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("lists", error)
        else:
            messages.success(request, _("Scenariot är sparat."))
            return redirect("councils:scenario", council_id=council.pk, scenario_id=scenario.pk)
    scenarios = list(visible_scenarios(request.user, council=council))
    context = {"council": council, "scenarios": scenarios, "scenario_form": form, **_plan(request, council)}
    return render(request, "councils/planner.html", context, status=422)


def _scenario(request: HttpRequest, council, scenario_id: int, need: Level = Level.INTERNAL):
    scenario = access_scenario(request.user, scenario_id, need=need, council=council)
    loaded = selectors.scenario_for_page(scenario_id=scenario.pk)
    if loaded is None:  # pragma: no cover
        raise Http404
    return loaded


@login_required
def scenario_page(request: HttpRequest, council_id: int, scenario_id: int) -> HttpResponse:
    council = _council(request, council_id)
    scenario = _scenario(request, council, scenario_id)
    attendance = AttendanceForm(request.GET or None, council=council)
    absent = attendance.absent() if request.GET else {}
    outcome = selectors.scenario_outcome(council=council, lists=selectors.scenario_lists(scenario), absent=absent)
    context = {
        "council": council,
        "scenario": scenario,
        "outcome": outcome,
        "attendance": attendance,
        "can_manage": scenario_level(request.user, scenario) >= Level.MANAGE,
        "parties": [row.abbreviation for row in council.seats.all()],
    }
    return render(request, "councils/scenario.html", context)


@login_required
def scenario_edit(request: HttpRequest, council_id: int, scenario_id: int) -> HttpResponse:
    council = _council(request, council_id)
    scenario = _scenario(request, council, scenario_id, need=Level.MANAGE)
    lines = [
        f"{'+'.join(item.parties)}" + (f": {', '.join(item.order)}" if item.order else "")
        for item in scenario.lists.all()
    ]
    form = ScenarioEditForm(
        request.POST or None,
        initial={"name": scenario.name, "description": scenario.description, "lists": "\n".join(lines)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.scenario_update(
                    scenario=scenario,
                    name=data["name"],
                    description=data["description"],
                    lists=services.parse_lists_text(data["lists"]),
                )
            except ValidationError as error:
                form.add_error("lists", error)
            else:
                messages.success(request, _("Scenariot är sparat."))
                return redirect("councils:scenario", council_id=council.pk, scenario_id=scenario.pk)
        status = 422
    return render(
        request, "councils/scenario_edit.html", {"council": council, "scenario": scenario, "form": form}, status=status
    )


@login_required
@require_POST
def scenario_remove(request: HttpRequest, council_id: int, scenario_id: int) -> HttpResponse:
    council = _council(request, council_id)
    scenario = _scenario(request, council, scenario_id, need=Level.MANAGE)
    services.scenario_delete(scenario=scenario)
    messages.success(request, _("Scenariot är borttaget."))
    return redirect("councils:planner", council_id=council.pk)


def _ballot_rows(council, scenario):
    outcome = selectors.scenario_outcome(council=council, lists=selectors.scenario_lists(scenario))
    return outcome, [*outcome.committees, *outcome.substitutes]


@login_required
def scenario_ballots(request: HttpRequest, council_id: int, scenario_id: int) -> HttpResponse:
    council = _council(request, council_id)
    scenario = _scenario(request, council, scenario_id)
    outcome, _elections = _ballot_rows(council, scenario)
    return render(
        request, "councils/ballots.html", {"council": council, "scenario": scenario, "outcome": outcome}
    )


@login_required
def scenario_ballots_csv(request: HttpRequest, council_id: int, scenario_id: int) -> HttpResponse:
    council = _council(request, council_id)
    scenario = _scenario(request, council, scenario_id)
    _outcome, elections = _ballot_rows(council, scenario)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"valsedlar-{slugify(council.municipality.name)}-{council.period_start}-{slugify(scenario.name)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["namnd", "val", "gruppbeteckning", "plats_pa_listan", "parti", "namn", "roster"])
    for election in elections:
        kind = "ledamöter" if election.kind == "members" else "ersättare"
        for ballot in election.ballots:
            for number, name in enumerate(ballot.names, start=1):
                row = [election.committee_name, kind, ballot.label, number, ballot.name_party[name], "", ballot.count]
                writer.writerow([_cell(value) for value in row])
    return response
