"""The demo reproduces seed 000 (Lund 2014): 16 488 conversations against the adopted 15 000, 110 %."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from folkvald.campaigns import demo as campaigns_demo
from folkvald.campaigns import selectors
from folkvald.campaigns.models import Campaign, Report, Target, WeekTally
from folkvald.organisations import demo as organisations_demo
from folkvald.organisations.demo import DemoContext


def test_generated_reports_add_up_to_the_seed(db):
    reports = campaigns_demo.generated_reports()
    assert sum(fields["conversations"] for _a, _r, fields in reports) == 16_488
    assert min(f["date"] for _a, _r, f in reports) >= dt.date(2014, 1, 1)
    assert max(f["date"] for _a, _r, f in reports) <= dt.date(2014, 9, 14)
    assert {a for a, _r, _f in reports} == {"lund_centrum", "lund_norr", "lund_international", "lund_students"}
    assert {f["activity"] for a, _r, f in reports if a == "lund_international"} >= {"meeting"}
    assert any(f["place"] == "Stationen" for _a, _r, f in reports)


def test_demo_loads_on_an_empty_database_and_gives_the_seeds_figures(db):
    context = DemoContext()
    organisations_demo.load(context)
    campaigns_demo.load(context)
    campaign = Campaign.objects.get()
    assert campaign.national_target == 1_500_000
    assert campaign.organisation == context.organisations["s"]
    lund = context.organisations["lund"]
    target = Target.objects.get(campaign=campaign, organisation=lund, team=None, person=None)
    assert target.value == 15_000
    # Lund's population share: 131 590 / 10 587 710 of 1 500 000 = 18 642.8 (about 1.2 %).
    assert target.computed in (18_642, 18_643)
    result = selectors.progress(campaign=campaign, organisation=lund, user=context.people["lund_secretary"].user)
    assert (result.reported, result.target) == (16_488, 15_000)
    assert Report.objects.filter(campaign=campaign).count() == result.reports
    # The counters agree with the reports (nothing double-counted by bulk creation).
    from django.db.models import Sum

    assert Report.objects.aggregate(total=Sum("conversations"))["total"] == 16_488
    assert sum(WeekTally.objects.filter(organisation=context.organisations["s"]).values_list(
        "conversations", flat=True)) == 16_488
    association_targets = sorted(line.target for line in result.children)
    assert association_targets == [3_000, 3_000, 4_000, 5_000]
    assert sum(line.reported for line in result.children) == 16_488
    for key in ("malmo", "huddinge", "stockholm"):
        assert Target.objects.get(campaign=campaign, organisation=context.organisations[key], team=None,
                                  person=None).computed > 0
    page = Client().get(f"/kampanjer/{campaign.pk}/organisationer/{lund.pk}/")
    assert "16\xa0488 av 15\xa0000 samtal, 110\xa0%" in page.content.decode()
    # 18 643 / 1 500 000 = 1.24 %: "about 1.2 %", the seed's "1 procent" rounded down to 15 000.
    assert "beräknad andel 18\xa064" in page.content.decode()
    assert "(1,2\xa0% av det nationella målet)" in page.content.decode()
