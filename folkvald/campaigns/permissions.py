"""Who may see a campaign, report for it and steer its targets: the only way views fetch them.

A campaign belongs to an organisation (normally the party nationally) and runs through
its whole tree. The public sees a published campaign and the progress of published
organisations. Anyone with a role somewhere in the tree sees the campaign internally and
reports for the organisations where they hold a role (or lead); leaders manage the
targets beneath them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

from folkvald.campaigns.models import Campaign
from folkvald.organisations.models import Organisation
from folkvald.organisations.permissions import (
    AnyUser,
    Level,
    internal_organisation_ids,
    organisation_level,
    require,
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


def organisation_chain(organisation_id: int) -> Organisation | None:
    """The organisation with its ancestors linked through ``.parent``, in one light query.

    The reporting hot path: a recursive query, no six-table join to compile. The instances
    carry the fields the access check and the tallies read (id, parent, kind, party, is_public, name).
    """
    from django.db import connection

    table = connection.ops.quote_name(Organisation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE chain(id, parent_id, kind, party_id, is_public, name, depth) AS (
                SELECT id, parent_id, kind, party_id, is_public, name, 0 FROM {table} WHERE id = %s
                UNION ALL
                SELECT o.id, o.parent_id, o.kind, o.party_id, o.is_public, o.name, c.depth + 1
                FROM {table} o JOIN chain c ON o.id = c.parent_id WHERE c.depth < 50
            )
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


def campaign_subtree_ids(campaign: Campaign) -> set[int]:
    from folkvald.organisations.permissions import _children_map, _with_descendants

    return _with_descendants([campaign.organisation_id], _children_map())


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
