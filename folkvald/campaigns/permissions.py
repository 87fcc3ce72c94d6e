"""Who may see a campaign, report for it and steer its targets: the only way views fetch them.

A campaign belongs to an organisation (normally the party nationally) and runs through
its whole tree. The public sees a published campaign and the progress of published
organisations. Anyone with a role somewhere in the tree sees the campaign internally and
reports for the organisations where they hold a role (or lead); leaders manage the
targets beneath them.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.http import Http404

from folkvald.campaigns.models import Campaign
from folkvald.core import sql
from folkvald.organisations.models import Organisation
from folkvald.organisations.permissions import (
    AnyUser,
    Level,
    internal_organisation_ids,
    is_superuser,
    organisation_level,
    require,
    subtree_ids,
)


def ancestors(organisation: Organisation) -> list[Organisation]:
    """The organisation and everything above it, nearest first (one query for four levels)."""
    chain = [organisation]
    current = organisation
    while current.parent_id is not None:
        parent = current.parent
        if parent is None or parent.pk in {o.pk for o in chain}:  # pragma: no cover - guarded by clean()
            break
        chain.append(parent)
        current = parent
    return chain


def organisation_with_ancestors(organisation_id: int) -> Organisation | None:
    try:
        return (
            Organisation.objects.select_related(
                "party", "municipality", "parent", "parent__parent", "parent__parent__parent",
                "parent__parent__parent__parent",
            )
            .defer("description", "parent__description", "parent__parent__description",
                   "parent__parent__parent__description", "parent__parent__parent__parent__description")
            .get(pk=organisation_id)
        )
    except Organisation.DoesNotExist:
        return None


def _chain_cte() -> str:
    """`chain`: an organisation (the first parameter) and everything above it, nearest first (depth)."""
    from django.db import connection

    table = connection.ops.quote_name(Organisation._meta.db_table)
    return f"""
        WITH RECURSIVE chain(id, parent_id, kind, party_id, is_public, name, depth) AS (
            SELECT id, parent_id, kind, party_id, is_public, name, 0 FROM {table} WHERE id = %s
            UNION ALL
            SELECT o.id, o.parent_id, o.kind, o.party_id, o.is_public, o.name, c.depth + 1
            FROM {table} o JOIN chain c ON o.id = c.parent_id WHERE c.depth < 50
        )"""  # noqa: S608 - the table name comes from the model


def organisation_chain(organisation_id: int) -> Organisation | None:
    """The organisation with its ancestors linked through ``.parent``, in one light query.

    The reporting hot path: a recursive query, no six-table join to compile. The instances
    carry the fields the access check and the tallies read (id, parent, kind, party, is_public, name).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"""{_chain_cte()}
            SELECT id, parent_id, kind, party_id, is_public, name FROM chain ORDER BY depth
            """,  # noqa: S608 - the table name comes from the model
            [organisation_id],
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    chain = [
        Organisation(pk=pk, parent_id=parent_id, kind=kind, party_id=party_id, is_public=bool(is_public), name=name)
        for pk, parent_id, kind, party_id, is_public, name in rows
    ]
    for child, parent in zip(chain, chain[1:], strict=False):
        child.parent = parent
        parent._state.adding = False
    chain[0]._state.adding = False
    return chain[0]


def in_campaign(campaign: Campaign, organisation: Organisation) -> bool:
    """Whether the organisation lies in the campaign's tree (the owner or beneath it)."""
    return any(o.pk == campaign.organisation_id for o in ancestors(organisation))


def campaign_subtree_ids(campaign: Campaign) -> frozenset[int]:
    """The ids of the campaign's tree (its owner and everything beneath), once per request."""
    return subtree_ids(campaign.organisation_id)


def campaign_level(user: AnyUser, campaign: Campaign) -> Level:
    owner = organisation_level(user, campaign.organisation)
    if owner >= Level.INTERNAL:
        return owner
    internal = internal_organisation_ids(user)
    if internal and internal & campaign_subtree_ids(campaign):
        return Level.INTERNAL
    return Level.PUBLIC if campaign.is_public else Level.NONE


def access_campaign(user: AnyUser, campaign_id: int, *, need: Level = Level.PUBLIC) -> Campaign:
    try:
        campaign = Campaign.objects.select_related("organisation", "organisation__party").get(pk=campaign_id)
    except (Campaign.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    require(campaign_level(user, campaign), need)
    return campaign


def campaign_organisation_level(user: AnyUser, campaign: Campaign, organisation: Organisation) -> Level:
    """What the user may do with the campaign's figures of one organisation in its tree."""
    if not in_campaign(campaign, organisation):
        return Level.NONE
    level = organisation_level(user, organisation)
    if level >= Level.INTERNAL:
        return level
    if level == Level.PUBLIC and campaign.is_public:
        return Level.PUBLIC
    return Level.NONE


def access_campaign_organisation(
    user: AnyUser, campaign: Campaign, organisation_id: int | None, *, need: Level = Level.PUBLIC
) -> Organisation:
    """An organisation of the campaign's tree (the owner when no id is given), or a 404."""
    try:
        organisation = organisation_with_ancestors(int(organisation_id or campaign.organisation_id))
    except (ValueError, TypeError) as error:
        raise Http404 from error
    if organisation is None:
        raise Http404
    require(campaign_organisation_level(user, campaign, organisation), need)
    return organisation


def reporting_organisations(user: AnyUser, campaign: Campaign) -> list[Organisation]:
    """Organisations of the campaign's tree the user may report for (a role there, or leading above)."""
    if not user.is_authenticated:
        return []
    internal = internal_organisation_ids(user)
    subtree = campaign_subtree_ids(campaign)
    ids = subtree if internal is None else subtree & internal
    order = {"party": 0, "district": 1, "branch": 2, "association": 3}
    organisations = Organisation.objects.filter(pk__in=ids).select_related("party").only(
        "pk", "name", "kind", "parent_id", "is_public", "party__abbreviation")
    # The branch before its associations: a leader reports for the branch by default.
    return sorted(organisations, key=lambda o: (order.get(o.kind, 9), o.name))


def may_report(user: AnyUser, campaign: Campaign) -> bool:
    """Whether :func:`reporting_organisations` would offer the user any organisation, without loading them.

    Every progress page asks (its "report" button); loading the organisations to count them
    cost a national leader 2,300 model instances on every page.
    """
    if not user.is_authenticated:
        return False
    internal = internal_organisation_ids(user)
    if internal is None:  # a superuser reports anywhere in the tree
        return True
    return bool(internal) and not internal.isdisjoint(campaign_subtree_ids(campaign))


def access_reporting(user: AnyUser, campaign_id: int, organisation_id: int) -> tuple[Campaign, Organisation]:
    """The campaign and the organisation a signed-in volunteer reports for, or a 404.

    Holding a role in (or leading above) an organisation of the campaign's tree is what
    reporting needs; that alone also lets one see a private campaign, so nothing leaks.
    Cheap on purpose: the hot path of every report.
    """
    try:
        campaign = Campaign.objects.select_related("organisation").get(pk=campaign_id)
    except (Campaign.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    try:
        organisation = organisation_chain(int(organisation_id))
    except (ValueError, TypeError) as error:
        raise Http404 from error
    if organisation is None or not in_campaign(campaign, organisation):
        raise Http404
    require(organisation_level(user, organisation), Level.INTERNAL)
    return campaign, organisation


class ReportingAccess(NamedTuple):
    campaign: Campaign
    organisation: Organisation  # the one reported for (the chain above it is in ``counted_for``)
    reporter_id: int | None  # the signed-in user's person
    counted_for: tuple[int, ...]  # the organisation and those above it up to the campaign's, nearest first
    today: dt.date  # the day the roles were checked for (a report's date is checked against the same day)


def reporting_access(user: AnyUser, campaign_id: int, organisation_id: int) -> ReportingAccess:
    """The campaign, the organisation, the reporter's person id and the organisations a report counts for.

    The reporting hot path, so one query instead of four (campaign, the organisation's chain,
    the user's roles, the person): the same rule as :func:`access_reporting`, i.e. an active
    role in the organisation, or a leader's role in it or anywhere above it (or a superuser).
    Anything else, and an organisation outside the campaign's tree, is a 404. Two model
    instances only (the campaign, the organisation): the chain above is ids.
    """
    from django.db import connection
    from django.utils import timezone

    try:
        campaign_pk, organisation_pk = int(campaign_id), int(organisation_id)
    except (ValueError, TypeError) as error:
        raise Http404 from error
    if not user.is_authenticated:
        raise Http404
    statement = _REPORTING_ACCESS.get(connection.vendor) or _reporting_access_statement(connection)
    today = timezone.localdate()
    rows = sql.fetch(
        "campaigns_reporting_access", statement,
        [organisation_pk, user.pk, today, today, organisation_pk, campaign_pk],
    )
    if not rows:
        raise Http404
    first = rows[0]
    owner_id, name, start, end, topics, is_public, basis, person_id, allowed = first[6:]
    chain = [row[0] for row in rows]
    if owner_id not in chain or not (allowed or is_superuser(user)):
        raise Http404
    if not isinstance(topics, str):  # a driver that decodes JSON itself
        import json

        topics = json.dumps(topics)
    # Instances as the ORM makes them: the fields not read here are deferred, not defaulted.
    campaign = _instance(Campaign, _CAMPAIGN_FIELDS, [
        campaign_pk, owner_id, name, _as_date(start), _as_date(end),
        _campaign_topics().from_db_value(topics, None, connection), bool(is_public), basis])
    organisation = _instance(Organisation, _ORGANISATION_FIELDS, [*first[:4], bool(first[4]), first[5]])
    return ReportingAccess(campaign, organisation, person_id, tuple(chain[: chain.index(owner_id) + 1]), today)


# What the access check reads of each, in the order of its columns.
_CAMPAIGN_FIELDS = ("id", "organisation_id", "name", "start", "end", "topics", "is_public", "target_basis")
_ORGANISATION_FIELDS = ("id", "parent_id", "kind", "party_id", "is_public", "name")


@functools.cache
def _campaign_topics():
    return Campaign._meta.get_field("topics")


@functools.cache
def _field_order(model, names: tuple[str, ...]) -> tuple[list[str], list[int]]:
    """``from_db`` wants values in the model's field order: the names in that order and where each value is."""
    ordered = [f.attname for f in model._meta.concrete_fields if f.attname in names]
    return ordered, [names.index(name) for name in ordered]


def _instance(model, names: tuple[str, ...], values: list):
    """A model instance from some of its columns (the others deferred, as ``.only()`` would)."""
    from django.db import connection

    ordered, positions = _field_order(model, names)
    return model.from_db(connection.alias, ordered, [values[i] for i in positions])


_REPORTING_ACCESS: dict[str, str] = {}


def _reporting_access_statement(connection) -> str:
    """The access check's text, made once per database vendor."""
    from folkvald.organisations.models import LEADER_ROLES, Person, Role

    quote = connection.ops.quote_name
    # The leaders' role kinds are constants of the code (plain words), written into the statement.
    kinds = sorted(str(kind) for kind in LEADER_ROLES)
    if not all(kind.isidentifier() for kind in kinds):  # pragma: no cover - guards the quoting below
        raise ValueError(f"role kinds must be plain words: {kinds}")
    leaders = ", ".join(f"'{kind}'" for kind in kinds)
    statement = _REPORTING_ACCESS[connection.vendor] = (
        f"""{_chain_cte()},
        me AS (SELECT id FROM {quote(Person._meta.db_table)} WHERE user_id = %s)
        SELECT ch.id, ch.parent_id, ch.kind, ch.party_id, ch.is_public, ch.name,
               k.organisation_id, k.name, k.start, k.{quote("end")}, k.topics, k.is_public, k.target_basis,
               (SELECT id FROM me),
               EXISTS (
                   SELECT 1 FROM {quote(Role._meta.db_table)} r
                   WHERE r.person_id = (SELECT id FROM me)
                     AND r.start <= %s AND (r.{quote("end")} IS NULL OR r.{quote("end")} >= %s)
                     AND (r.organisation_id = %s
                          OR (r.kind IN ({leaders})
                              AND r.organisation_id IN (SELECT id FROM chain)))
               )
        FROM chain ch CROSS JOIN {quote(Campaign._meta.db_table)} k
        WHERE k.id = %s
        ORDER BY ch.depth
        """  # noqa: S608 - the table names come from the models
    )
    return statement


def _as_date(value: object):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def access_report_to_delete(user: AnyUser, campaign: Campaign, report_id: object):
    """A report its own reporter, or a leader of its organisation, may withdraw; anything else is a 404."""
    from folkvald.campaigns.models import Report

    try:
        report = Report.objects.select_related("organisation", "reporter").get(pk=report_id, campaign=campaign)
    except (Report.DoesNotExist, ValueError, TypeError, ValidationError) as error:
        raise Http404 from error
    own = report.reporter is not None and report.reporter.user_id == getattr(user, "pk", None)
    if not own:
        require(organisation_level(user, report.organisation), Level.MANAGE)
    return report
