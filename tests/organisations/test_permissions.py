import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from folkvald.organisations.permissions import (
    Level,
    access_organisation,
    internal_organisation_ids,
    managed_organisation_ids,
    organisation_level,
)


def test_leader_sees_and_manages_the_associations_beneath(world):
    assert organisation_level(world.owner, world.branch) == Level.MANAGE
    assert organisation_level(world.owner, world.association) == Level.MANAGE
    assert organisation_level(world.owner, world.private_association) == Level.MANAGE
    assert world.other_branch.pk not in internal_organisation_ids(world.owner)


def test_member_sees_own_branch_internally_but_not_the_associations_beneath(world):
    assert organisation_level(world.member, world.branch) == Level.INTERNAL
    assert organisation_level(world.member, world.association) == Level.PUBLIC
    assert organisation_level(world.member, world.private_association) == Level.NONE
    assert managed_organisation_ids(world.member) == frozenset()


def test_outsider_and_anonymous_see_only_what_is_published(world):
    for user in (world.outsider, AnonymousUser()):
        assert organisation_level(user, world.branch) == Level.PUBLIC
        assert organisation_level(user, world.other_branch) == Level.NONE
        with pytest.raises(Http404):
            access_organisation(user, world.other_branch.pk)
        with pytest.raises(Http404):
            access_organisation(user, world.branch.pk, need=Level.INTERNAL)


def test_member_of_another_branch_sees_nothing_internal_here(world):
    assert organisation_level(world.other_member, world.branch) == Level.PUBLIC
    assert organisation_level(world.other_member, world.private_association) == Level.NONE
    assert organisation_level(world.other_member, world.other_branch) == Level.MANAGE


def test_ended_role_gives_no_access(world):
    import datetime as dt

    from folkvald.organisations.models import Role

    Role.objects.filter(person__user=world.member).update(end=dt.date(2021, 1, 1))
    world.member.refresh_from_db()
    fresh = type(world.member).objects.get(pk=world.member.pk)
    assert organisation_level(fresh, world.branch) == Level.PUBLIC


def test_unknown_or_malformed_id_is_404(world):
    with pytest.raises(Http404):
        access_organisation(world.owner, 999999)
