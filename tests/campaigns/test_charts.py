"""The cumulative chart by week against the pace needed: its geometry, worked by hand."""

from __future__ import annotations

import datetime as dt

from folkvald.campaigns.charts import cumulative_chart
from folkvald.campaigns.selectors import Week


def weeks(cumulative: list[int], pace: list[int | None]) -> list[Week]:
    monday = dt.date(2014, 1, 6)
    result, before = [], 0
    for index, (total, needed) in enumerate(zip(cumulative, pace, strict=True)):
        start = monday + dt.timedelta(weeks=index)
        result.append(Week(start=start, label=f"2014-W{index + 2:02d}", conversations=total - before, reports=1,
                           cumulative=total, target=None, pace=needed))
        before = total
    return result


def test_reported_and_pace_lines_week_by_week():
    # Target 1 000 over three weeks; the scale's top is 1 000 (steps of 500). The plot runs from
    # x = 44 to 312 and from y = 156 (nothing) up to y = 10 (the top): week i sits at
    # x = 44 + 268 (i + 1) / 3 and a value v at y = 156 − 146 v / 1 000.
    chart = cumulative_chart(weeks([100, 300, 600], [333, 667, 1_000]), 1_000, str)
    assert chart.reported == "44.0,156.0 133.3,141.4 222.7,112.2 312.0,68.4"
    assert chart.pace == "44.0,156.0 133.3,107.4 222.7,58.6 312.0,10.0"
    assert [(tick.position, tick.label) for tick in chart.y_ticks] == [(156.0, "0"), (83.0, "500"), (10.0, "1000")]
    assert chart.target_y == 10.0
    assert [tick.label for tick in chart.x_ticks] == ["v02", "v03", "v04"]


def test_ahead_of_the_target_the_scale_grows_and_without_a_target_there_is_no_pace():
    # 16 488 against 15 000 (Lund 2014): the top is the next step above the larger, 20 000 (steps of 5 000).
    chart = cumulative_chart(weeks([8_000, 16_488], [7_500, 15_000]), 15_000, str)
    assert [tick.label for tick in chart.y_ticks] == ["0", "5000", "10000", "15000", "20000"]
    assert chart.reported.endswith("312.0,35.6")  # 156 − 146 × 16 488 / 20 000 = 35.64
    assert chart.target_y == 46.5  # 156 − 146 × 15 000 / 20 000
    no_target = cumulative_chart(weeks([5, 9], [None, None]), None, str)
    assert no_target.pace == "" and no_target.target_y is None
