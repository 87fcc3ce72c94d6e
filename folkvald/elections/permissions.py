"""Who may see and enter election results: the only way views and the API fetch them.

Published results (every official one) are public. A count of one's own (unofficial)
belongs to an organisation: its people see it, everyone once it is published. Entering
or deleting a count needs Level.MANAGE on an organisation of that municipality.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from folkvald.elections.models import Election
from folkvald.organisations.models import Municipality, Organisation
from folkvald.organisations.permissions import (
    AnyUser,
    Level,
    managed_organisation_ids,
    organisation_level,
    require,
)


def election_level(user: AnyUser, election: Election) -> Level:
    if election.organisation_id is not None:
        level = organisation_level(user, election.organisation)
        if level >= Level.INTERNAL:
            return level
    return Level.PUBLIC if election.is_published else Level.NONE


def access_election(user: AnyUser, election_id: int, *, need: Level = Level.PUBLIC) -> Election:
    try:
        election = Election.objects.select_related("municipality", "organisation", "organisation__party").get(
            pk=election_id
        )
    except (Election.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    require(election_level(user, election), need)
    return election


def access_municipality(code: str) -> Municipality:
    try:
        return Municipality.objects.get(code=code)
    except Municipality.DoesNotExist as error:
        raise Http404 from error


def managed_organisations_in(user: AnyUser, municipality: Municipality) -> list[Organisation]:
    """Organisations of the municipality the user manages (may enter counts for)."""
    if not user.is_authenticated:
        return []
    organisations = Organisation.objects.filter(municipality=municipality).select_related("party")
    managed = managed_organisation_ids(user)
    if managed is not None:
        organisations = organisations.filter(pk__in=managed)
    return [o for o in organisations.order_by("name") if organisation_level(user, o) >= Level.MANAGE]


def require_results_manager(user: AnyUser, municipality: Municipality) -> list[Organisation]:
    """The organisations the user may enter counts for; 403 for a signed-in user with none."""
    organisations = managed_organisations_in(user, municipality)
    if not organisations:
        raise PermissionDenied
    return organisations


def access_organisation_for_results(user: AnyUser, municipality: Municipality, organisation_id: int) -> Organisation:
    for organisation in managed_organisations_in(user, municipality):
        if organisation.pk == organisation_id:
            return organisation
    raise PermissionDenied
