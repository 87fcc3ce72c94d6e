"""Who may see and change councils and scenarios: the one place the rule lives.

Councils, their seats and committees are public data: everyone sees them. Who may
change a council (seats entered by hand, coalition, left–right order, committees):
a leader of a branch in the council's municipality (Level.MANAGE on it), or a
superuser. Scenarios of joint lists belong to one organisation: Level.INTERNAL on it
to see, Level.MANAGE to change. Anything a user may not see is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from folkvald.councils.models import Council, Scenario
from folkvald.organisations.models import Organisation, OrganisationKind
from folkvald.organisations.permissions import (
    AnyUser,
    Level,
    internal_organisation_ids,
    managed_organisation_ids,
    organisation_level,
    require,
)


def council_level(user: AnyUser, council: Council) -> Level:
    managed = managed_organisation_ids(user)
    if managed is None:
        return Level.MANAGE
    if managed and Organisation.objects.filter(
        pk__in=managed, kind=OrganisationKind.BRANCH, municipality_id=council.municipality_id
    ).exists():
        return Level.MANAGE
    return Level.PUBLIC


def access_council(user: AnyUser, council_id: int, *, need: Level = Level.PUBLIC) -> Council:
    try:
        council = Council.objects.select_related("municipality", "election").get(pk=council_id)
    except (Council.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error
    if need > Level.PUBLIC:
        require(council_level(user, council), need)
    return council


def scenario_level(user: AnyUser, scenario: Scenario) -> Level:
    return organisation_level(user, scenario.organisation)


def access_scenario(
    user: AnyUser, scenario_id: int, *, need: Level = Level.INTERNAL, council: Council | None = None
) -> Scenario:
    """A scenario the user may see (INTERNAL) or change (MANAGE); never less than INTERNAL."""
    need = max(need, Level.INTERNAL)
    try:
        scenario = Scenario.objects.select_related("organisation", "council", "council__municipality").get(
            pk=scenario_id
        )
    except (Scenario.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error
    if council is not None and scenario.council_id != council.pk:
        raise Http404
    require(scenario_level(user, scenario), need)
    return scenario


def visible_scenarios(user: AnyUser, *, council: Council) -> QuerySet[Scenario]:
    """The council's scenarios of organisations whose internal data the user sees."""
    queryset = Scenario.objects.filter(council=council).select_related("organisation")
    internal = internal_organisation_ids(user)
    if internal is None:
        return queryset
    return queryset.filter(organisation_id__in=internal)


def scenario_owner_choices(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations in whose name the user may save a scenario (those they manage)."""
    managed = managed_organisation_ids(user)
    queryset = Organisation.objects.select_related("party").order_by("name")
    if managed is None:
        return queryset.filter(kind=OrganisationKind.BRANCH)
    return queryset.filter(pk__in=managed)


def council_municipality_choices(user: AnyUser):
    """Municipalities where the user may add a council: those of the branches they lead (every one for superusers)."""
    from folkvald.organisations.models import Municipality

    managed = managed_organisation_ids(user)
    if managed is None:
        return Municipality.objects.order_by("name")
    codes = Organisation.objects.filter(pk__in=managed, kind=OrganisationKind.BRANCH).values("municipality_id")
    return Municipality.objects.filter(code__in=codes).order_by("name")
