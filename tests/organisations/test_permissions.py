import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from folkvald.organisations.models import Organisation
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


def test_a_subtree_is_read_afresh_outside_a_request(world):
    from folkvald.organisations.permissions import subtree_ids

    assert subtree_ids(world.branch.pk) == {world.branch.pk, world.association.pk, world.private_association.pk}
    new = Organisation.objects.create(name="Ny förening", kind="association", party=world.party, parent=world.branch)
    assert new.pk in subtree_ids(world.branch.pk)


def test_within_a_request_the_tree_is_read_once_and_forgotten_when_an_organisation_changes(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from folkvald.organisations import permissions
    from folkvald.organisations.permissions import subtree_ids

    # The receivers of request_started and request_finished, called directly: sending the signals
    # would also close the test's database connection (Django's close_old_connections).
    permissions._start_memo()
    try:
        with CaptureQueriesContext(connection) as queries:
            first = subtree_ids(world.national.pk)
            assert subtree_ids(world.national.pk) == first
            assert subtree_ids(world.branch.pk) < first
        assert len(queries.captured_queries) == 1  # the tree, once
        new = Organisation.objects.create(name="Ny förening", kind="association", party=world.party,
                                          parent=world.branch)
        assert new.pk in subtree_ids(world.branch.pk)  # saved: the kept tree is forgotten
        new.delete()
        assert new.pk not in subtree_ids(world.national.pk)
    finally:
        permissions._end_memo()
    moved = Organisation.objects.filter(pk=world.association.pk)
    moved.update(parent=world.other_branch)  # no signal: but outside a request nothing is kept
    assert world.association.pk in subtree_ids(world.other_branch.pk)
