"""Who may see and change agreements, reforms and decisions.

An unpublished item, and every internal note, is for those with INTERNAL access to the
owning organisation; writes need MANAGE. Anything else is a 404.
"""

from __future__ import annotations

from django.http import Http404

from folkvald.agenda.models import Agreement, Decision, Reform
from folkvald.organisations.permissions import AnyUser, Level, organisation_level, require


def _check(user: AnyUser, item: Agreement | Reform | Decision, need: Level) -> None:
    level = organisation_level(user, item.organisation)
    require(level, need)
    if not item.is_published:
        require(level, Level.INTERNAL)


def access_agreement(user: AnyUser, agreement_id: int, *, need: Level = Level.PUBLIC) -> Agreement:
    try:
        agreement = Agreement.objects.select_related("organisation").get(pk=agreement_id)
    except (Agreement.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    _check(user, agreement, need)
    return agreement


def access_reform(user: AnyUser, reform_id: int, *, need: Level = Level.PUBLIC) -> Reform:
    try:
        reform = Reform.objects.select_related("organisation", "agreement").get(pk=reform_id)
    except (Reform.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    _check(user, reform, need)
    return reform


def access_decision(user: AnyUser, decision_id: int, *, need: Level = Level.PUBLIC) -> Decision:
    try:
        decision = Decision.objects.select_related("organisation").get(pk=decision_id)
    except (Decision.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    _check(user, decision, need)
    return decision
