"""Targets: the national target over the branches by population share, exactly; adopted targets; weights."""

from __future__ import annotations

import datetime as dt
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from folkvald.campaigns import selectors, services
from folkvald.campaigns.models import Target, TargetBasis
from folkvald.organisations.models import Municipality, Organisation, OrganisationKind

KOMMUNER = Path(__file__).resolve().parents[3] / "shared" / "data" / "kommuner.json"


def test_branch_targets_by_population_share_add_up_to_the_whole(world, campaign):
    targets = services.targets_apportion(campaign=campaign)
    # Lund 131 590 of Sweden's 10 587 710 (SCB 2024): 1 500 000 × 131 590 / 10 587 710 = 18 642.84…
    assert Municipality.objects.get(code="1281").population == 131_590
    assert targets[world.branch.pk] in (18_642, 18_643)
    # Malmö 362 133: 1 500 000 × 362 133 / 10 587 710 = 51 305.3… (checked by hand with the file's figures)
    malmo = Municipality.objects.get(code="1280").population
    quota = 1_500_000 * malmo / 10_587_710
    assert targets[world.other_branch.pk] in (int(quota), int(quota) + 1)
    # The national party's own target stays the whole.
    assert Target.objects.get(campaign=campaign, organisation=world.national).value == 1_500_000


def test_apportionment_over_every_municipality_sums_exactly(world, campaign):
    """With a branch in each of the 290 municipalities, the parts are exactly 1 500 000."""
    Organisation.objects.bulk_create(
        Organisation(name=f"S {municipality.name}", kind=OrganisationKind.BRANCH, party=world.party,
                     parent=world.national, municipality=municipality)
        for municipality in Municipality.objects.exclude(code__in=["1281", "1280"])
    )
    targets = services.targets_apportion(campaign=campaign)
    assert len(targets) == 290
    assert sum(targets.values()) == 1_500_000
    # The largest remainder method worked by hand, in exact fractions: every municipality gets the
    # whole part of its quota, and the seats left over go to the largest remainders, one each.
    populations = dict(Municipality.objects.values_list("code", "population"))
    total = sum(populations.values())
    quotas = {code: Fraction(1_500_000 * population, total) for code, population in populations.items()}
    expected = {code: math.floor(quota) for code, quota in quotas.items()}
    left = 1_500_000 - sum(expected.values())
    by_remainder = sorted(quotas, key=lambda code: quotas[code] - expected[code], reverse=True)
    cutoff = [quotas[code] - expected[code] for code in by_remainder[left - 1 : left + 1]]
    assert cutoff[0] != cutoff[1], "a tie at the cut would be settled by lot"
    for code in by_remainder[:left]:
        expected[code] += 1
    for branch in Organisation.objects.filter(kind=OrganisationKind.BRANCH):
        assert targets[branch.pk] == expected[branch.municipality_id], branch.name
    # Lund: 1 500 000 × 131 590 / 10 587 710 = 18 642.84…, a remainder large enough for one more.
    assert targets[world.branch.pk] == expected["1281"] == 18_643


@pytest.mark.skipif(not KOMMUNER.exists(), reason="needs ../shared/data")
def test_eligible_voters_basis_uses_the_election_of_the_campaign_year(world, campaign):
    data = {item["code"]: item for item in json.loads(KOMMUNER.read_text("utf-8"))}
    voters_2014 = {code: int(item["eligible_voters"]["2014"]) for code, item in data.items()}
    targets = services.targets_apportion(campaign=campaign, basis=TargetBasis.ELIGIBLE_VOTERS)
    exact = 1_500_000 * voters_2014["1281"] / sum(voters_2014.values())
    assert abs(targets[world.branch.pk] - exact) < 1


def test_adopted_target_wins_and_survives_a_new_apportionment(world, campaign):
    services.targets_apportion(campaign=campaign)
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    services.targets_apportion(campaign=campaign)
    target = Target.objects.get(campaign=campaign, organisation=world.branch, team=None, person=None)
    assert target.adopted == 15_000
    assert target.value == 15_000
    assert target.computed in (18_642, 18_643)


def test_split_by_weights_adds_up_exactly(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    second = Organisation.objects.create(name="S-föreningen Norr", kind=OrganisationKind.ASSOCIATION,
                                         party=world.party, parent=world.branch)
    third = Organisation.objects.create(name="S-studenter", kind=OrganisationKind.ASSOCIATION,
                                        party=world.party, parent=world.branch)
    # Three equal weights: 5 000 each. Weights 1:1:1 of 10 001 would be 3 334 / 3 334 / 3 333 by lot.
    parts = services.targets_split(
        campaign=campaign, organisation=world.branch,
        weights={f"org:{world.association.pk}": 1, f"org:{second.pk}": 1, f"org:{third.pk}": 1},
    )
    assert sorted(parts.values()) == [5_000, 5_000, 5_000]
    services.target_adopt(campaign=campaign, organisation=world.branch, value=10_001)
    parts = services.targets_split(
        campaign=campaign, organisation=world.branch,
        weights={f"org:{world.association.pk}": 1, f"org:{second.pk}": 1, f"org:{third.pk}": 1},
    )
    assert sorted(parts.values()) == [3_333, 3_334, 3_334]
    assert sum(parts.values()) == 10_001


def test_split_to_teams_and_a_foreign_organisation_is_refused(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.association, value=1_000)
    a = services.team_create(campaign=campaign, organisation=world.association, name="Stationsgänget")
    b = services.team_create(campaign=campaign, organisation=world.association, name="Dörrlaget")
    parts = services.targets_split(campaign=campaign, organisation=world.association,
                                   weights={f"team:{a.pk}": 3, f"team:{b.pk}": 1})
    assert parts == {f"team:{a.pk}": 750, f"team:{b.pk}": 250}
    with pytest.raises(ValidationError):
        services.targets_split(campaign=campaign, organisation=world.association,
                               weights={f"org:{world.other_branch.pk}": 1})


def test_weekly_targets_follow_the_period_and_add_up(campaign):
    weeks = selectors.campaign_weeks(campaign)
    # 2014-01-01 is a Wednesday: the first week has 5 days (Wed–Sun); 2014-09-14 is a Sunday.
    assert weeks[0] == (dt.date(2013, 12, 30), 5)
    assert weeks[-1] == (dt.date(2014, 9, 8), 7)
    assert sum(days for _monday, days in weeks) == 257  # 1 Jan to 14 Sep 2014, both included
    split = selectors.weekly_targets(campaign, 15_000)
    assert sum(split.values()) == 15_000
    # A full week: 15 000 × 7 / 257 = 408.56…, so 408 or 409; the short first week 15 000 × 5 / 257 = 291.8…
    assert split[dt.date(2014, 3, 3)] in (408, 409)
    assert split[dt.date(2013, 12, 30)] in (291, 292)


def test_split_to_people_by_weights_and_by_hand(world, campaign):
    from folkvald.organisations.models import Person

    services.target_adopt(campaign=campaign, organisation=world.branch, value=1_000)
    member = Person.objects.get(user=world.member)
    owner = Person.objects.get(user=world.owner)
    # 3 : 2 of 1 000 is 600 and 400.
    parts = services.targets_split(campaign=campaign, organisation=world.branch,
                                   weights={f"person:{member.pk}": 3, f"person:{owner.pk}": 2})
    assert parts == {f"person:{member.pk}": 600, f"person:{owner.pk}": 400}
    # By hand: the leader gives the member 250 instead; the owner keeps the split's 400.
    services.targets_set(campaign=campaign, organisation=world.branch, values={f"person:{member.pk}": 250})
    mine = Target.objects.get(campaign=campaign, organisation=world.branch, person=member)
    assert (mine.computed, mine.adopted, mine.value) == (600, 250, 250)
    assert Target.objects.get(campaign=campaign, organisation=world.branch, person=owner).value == 400
    # By hand for a team and an association too; someone from Malmö is refused.
    team = services.team_create(campaign=campaign, organisation=world.branch, name="Stationsgänget")
    services.targets_set(campaign=campaign, organisation=world.branch,
                         values={f"team:{team.pk}": 120, f"org:{world.association.pk}": 700})
    assert Target.objects.get(campaign=campaign, team=team).value == 120
    assert Target.objects.get(campaign=campaign, organisation=world.association, team=None, person=None).value == 700
    stranger = Person.objects.get(user=world.other_member)
    with pytest.raises(ValidationError):
        services.targets_set(campaign=campaign, organisation=world.branch, values={f"person:{stranger.pk}": 5})
    with pytest.raises(ValidationError):
        services.targets_set(campaign=campaign, organisation=world.branch, values={f"team:{team.pk}": -1})
