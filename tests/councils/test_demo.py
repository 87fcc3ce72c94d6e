"""The councils demo loads on an empty database and reproduces the seeds' figures (seat-rules.md §7, §2.4)."""

from __future__ import annotations

import pytest

from folkvald.councils import demo, selectors
from folkvald.councils.models import Council, Scenario
from folkvald.organisations import demo as organisations_demo
from folkvald.organisations.demo import DemoContext


@pytest.mark.slow
def test_demo_loads_and_reproduces_the_seeds(db):
    context = DemoContext()
    organisations_demo.load(context)
    demo.load(context)

    assert Council.objects.count() == 7
    huddinge = selectors.council_detail(council_id=Council.objects.get(municipality_id="0126", period_start=2022).pk)
    view = selectors.council_view(council=huddinge)
    assert {row.abbreviation: row.seats for row in view.rows} == {
        "S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2,
    }
    assert huddinge.governing_name == "Mittenstyret"
    assert view.governing.parties == ["S", "C", "MP", "HP"] and view.governing.seats == 26
    assert view.with_support.seats == 32 and view.majority_line == 31 and view.with_support.majority

    lund = Council.objects.get(municipality_id="1281", period_start=2014)
    assert lund.seats_total == 65
    red_green = selectors.set_summary(council=lund, parties=["S", "MP", "V", "FI"])
    assert (red_green.seats, red_green.majority_line, red_green.majority, red_green.short_by) == (31, 33, False, 2)

    sizes = sorted(huddinge.committees.values_list("places", flat=True))
    assert set(sizes) == {11, 13}
    names = list(Scenario.objects.filter(council=huddinge, organisation=context.organisations["huddinge"])
                 .values_list("name", flat=True))
    assert len(names) == 5 and names[0].startswith("A.")
    assert Scenario.objects.filter(organisation=context.organisations["huddinge_v"]).count() == 1

    # Scenario B on Kommunstyrelsen (13) and an 11-member committee: 8 and 7 for the joint list (seat-rules §2.4).
    b = Scenario.objects.get(council=huddinge, name__startswith="B.")
    outcome = selectors.scenario_outcome(council=huddinge, lists=selectors.scenario_lists(b))
    by_name = {item.committee_name: item.by_label for item in outcome.committees}
    assert by_name["Kommunstyrelsen"] == {"S+C+MP+HP+V": 8, "M": 3, "SD": 2}
    assert by_name["Socialnämnden"] == {"S+C+MP+HP+V": 7, "M": 3, "SD": 1}
