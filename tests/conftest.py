"""Named users for permission tests, as in every test of access: an owner, a member, an outsider
and a member of another branch. Apps build their own objects on these organisations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from folkvald.organisations.models import (
    Organisation,
    OrganisationKind,
    Party,
    Person,
    Role,
    RoleKind,
)


@dataclass
class World:
    party: Party
    national: Organisation
    branch: Organisation
    association: Organisation
    private_association: Organisation
    other_branch: Organisation
    owner: object
    member: object
    outsider: object
    other_member: object
    association_member: object


def make_user(username: str, *, organisation: Organisation | None = None, kind: str = RoleKind.MEMBER):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    person = Person.objects.create(first_name=username.capitalize(), last_name="Testsson", user=user)
    if organisation is not None:
        Role.objects.create(person=person, organisation=organisation, kind=kind, start=dt.date(2020, 1, 1))
    return user


@pytest.fixture
def reference_data(transactional_db) -> None:
    """Transactional tests empty every table after each test; this brings the migration's reference data back."""
    from folkvald.organisations.services import parties_load, reference_data_load

    reference_data_load()
    parties_load()


@pytest.fixture
def world(db) -> World:
    party = Party.objects.get(abbreviation="S")
    national = Organisation.objects.create(name="Partiet", kind=OrganisationKind.PARTY, party=party)
    branch = Organisation.objects.create(
        name="S i Lund", kind=OrganisationKind.BRANCH, party=party, parent=national, municipality_id="1281"
    )
    association = Organisation.objects.create(
        name="S-föreningen Centrum", kind=OrganisationKind.ASSOCIATION, party=party, parent=branch
    )
    private_association = Organisation.objects.create(
        name="Hemlig förening", kind=OrganisationKind.ASSOCIATION, party=party, parent=branch, is_public=False
    )
    other_branch = Organisation.objects.create(
        name="S i Malmö", kind=OrganisationKind.BRANCH, party=party, parent=national, municipality_id="1280",
        is_public=False,
    )
    return World(
        party=party,
        national=national,
        branch=branch,
        association=association,
        private_association=private_association,
        other_branch=other_branch,
        owner=make_user("owner", organisation=branch, kind=RoleKind.POLITICAL_SECRETARY),
        member=make_user("member", organisation=branch, kind=RoleKind.MEMBER),
        outsider=make_user("outsider"),
        other_member=make_user("othermember", organisation=other_branch, kind=RoleKind.CHAIR),
        association_member=make_user("assocmember", organisation=association, kind=RoleKind.MEMBER),
    )
