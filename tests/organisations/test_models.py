"""The organisation tree: a party, its districts, branches with one municipality each, associations
by area or theme beneath; people's roles over time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from folkvald.organisations.models import (
    Organisation,
    OrganisationKind,
    Party,
    Person,
    Role,
    RoleKind,
)


@pytest.fixture
def tree(db):
    s = Party.objects.get(abbreviation="S")
    party = Organisation.objects.create(name="Socialdemokraterna", kind=OrganisationKind.PARTY, party=s)
    district = Organisation.objects.create(name="Skånes partidistrikt", kind=OrganisationKind.DISTRICT, party=s,
                                           parent=party, county_id="12")
    branch = Organisation.objects.create(name="Socialdemokraterna i Malmö", kind=OrganisationKind.BRANCH, party=s,
                                         parent=district, municipality_id="1280")
    return s, party, district, branch


def test_the_seeds_tree_is_valid(tree):
    s, party, district, branch = tree
    by_area = Organisation(name="S-föreningen Rosengård", kind=OrganisationKind.ASSOCIATION, party=s,
                           parent=branch, theme="Rosengård")
    by_theme = Organisation(name="Internationella S-föreningen i Malmö", kind=OrganisationKind.ASSOCIATION,
                            party=s, parent=branch, theme="Internationell")
    for organisation in (party, district, branch, by_area, by_theme):
        organisation.full_clean()


def test_a_branch_belongs_to_a_municipality(tree):
    s, party, _district, _branch = tree
    with pytest.raises(ValidationError) as error:
        Organisation(name="Utan kommun", kind=OrganisationKind.BRANCH, party=s, parent=party).full_clean()
    assert "municipality" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        Organisation.objects.create(name="Utan kommun", kind=OrganisationKind.BRANCH, party=s, parent=party)


def test_one_branch_per_party_and_municipality(tree):
    s, party, _district, _branch = tree
    with transaction.atomic(), pytest.raises(IntegrityError):
        Organisation.objects.create(name="Ett andra S i Malmö", kind=OrganisationKind.BRANCH, party=s, parent=party,
                                    municipality_id="1280")
    v = Party.objects.get(abbreviation="V")
    Organisation.objects.create(name="Vänsterpartiet Malmö", kind=OrganisationKind.BRANCH, party=v,
                                municipality_id="1280")  # another party's branch in the same municipality


@pytest.mark.parametrize(
    ("kind", "parent_key", "field"),
    [
        (OrganisationKind.PARTY, "district", "parent"),  # a party sits at the top
        (OrganisationKind.DISTRICT, "branch", "parent"),
        (OrganisationKind.ASSOCIATION, "party", "parent"),  # an association belongs to a branch
        (OrganisationKind.ASSOCIATION, None, "parent"),
        (OrganisationKind.GROUP, "district", "parent"),
    ],
)
def test_each_kind_has_its_place_in_the_tree(tree, kind, parent_key, field):
    s, party, district, branch = tree
    parent = {"party": party, "district": district, "branch": branch, None: None}[parent_key]
    organisation = Organisation(name="Fel plats", kind=kind, party=s, parent=parent, municipality_id="1280")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert field in error.value.message_dict


def test_a_child_belongs_to_its_parents_party(tree):
    _s, _party, _district, branch = tree
    association = Organisation(name="V-föreningen", kind=OrganisationKind.ASSOCIATION,
                               party=Party.objects.get(abbreviation="V"), parent=branch)
    with pytest.raises(ValidationError) as error:
        association.full_clean()
    assert "parent" in error.value.message_dict


def test_an_organisation_is_never_its_own_ancestor(tree):
    _s, party, district, _branch = tree
    party.parent = district
    with pytest.raises(ValidationError):
        party.full_clean()


def test_roles_over_time(tree):
    _s, _party, _district, branch = tree
    person = Person.objects.create(first_name="Eva", last_name="Exempel")
    secretary = Role.objects.create(person=person, organisation=branch, kind=RoleKind.POLITICAL_SECRETARY,
                                    start=dt.date(2018, 10, 15), end=dt.date(2022, 10, 14))
    chair = Role.objects.create(person=person, organisation=branch, kind=RoleKind.BOARD_CHAIR,
                                start=dt.date(2022, 10, 15))
    assert list(Role.objects.active(dt.date(2020, 1, 1))) == [secretary]
    assert list(Role.objects.active(dt.date(2022, 10, 15))) == [chair]
    assert list(Role.objects.active(dt.date(2018, 10, 14))) == []
    with transaction.atomic(), pytest.raises(IntegrityError):
        Role.objects.create(person=person, organisation=branch, kind=RoleKind.MEMBER,
                            start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1))  # ends before it starts


def test_every_role_of_the_issue_exists():
    assert {choice.value for choice in RoleKind} >= {
        "chair", "secretary", "political_secretary", "campaign_leader", "volunteer", "member",
        "group_leader", "kommunalrad", "oppositionsrad", "executive_board_chair",
    }
    assert RoleKind.BOARD_CHAIR.label == "kommunstyrelsens ordförande"
