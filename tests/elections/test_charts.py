"""The parliament diagram and the share chart: geometry checked by hand."""

from fractions import Fraction

from folkvald.elections.charts import DiagramParty, parliament_seats, party_order, share_chart


def lund_2014():
    return [DiagramParty("M", "#66BEE6", 13), DiagramParty("S", "#FF0000", 15), DiagramParty("FöNyL", "#ccffff", 4),
            DiagramParty("SD", "#4E83A3", 5), DiagramParty("V", "#C40000", 5), DiagramParty("MP", "#008000", 9),
            DiagramParty("FP", "#3399FF", 7), DiagramParty("C", "#63A91D", 3), DiagramParty("KD", "#1B5CB1", 2),
            DiagramParty("FI", "#cd0067", 2), DiagramParty("PP", "#660087", 0)]


def test_one_circle_per_seat_in_party_colours():
    seats = parliament_seats(lund_2014())
    assert len(seats) == 65
    counts = {}
    for seat in seats:
        counts[seat.abbreviation] = counts.get(seat.abbreviation, 0) + 1
    assert counts == {"M": 13, "S": 15, "FöNyL": 4, "SD": 5, "V": 5, "MP": 9, "FP": 7, "C": 3, "KD": 2, "FI": 2}
    assert {seat.colour for seat in seats if seat.abbreviation == "S"} == {"#FF0000"}


def test_left_to_right_and_a_half_circle():
    seats = parliament_seats(lund_2014())
    # V sits furthest left, SD furthest right of the known parties; local parties after them.
    assert [p.abbreviation for p in party_order(lund_2014()) if p.seats][:3] == ["V", "S", "FI"]
    assert seats[0].abbreviation == "V"
    assert seats[-1].abbreviation == "FöNyL"
    for seat in seats:
        assert 0 <= seat.x <= 200
        assert seat.y <= 102.01  # nothing below the baseline: a half circle
    # No two seats overlap.
    for index, a in enumerate(seats):
        for b in seats[index + 1:]:
            assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 >= (a.r + b.r) ** 2 * 0.99


def test_sizes_from_one_seat_to_the_riksdag():
    for total in (1, 2, 21, 31, 51, 61, 101, 349):
        assert len(parliament_seats([DiagramParty("A", "#000000", total)])) == total
    assert parliament_seats([DiagramParty("A", "#000000", 0)]) == []


def test_share_chart_places_points_on_the_scale():
    chart = share_chart({"M": ("#66BEE6", {2010: Fraction(2805, 10000), 2014: Fraction(1877, 10000)})})
    (line,) = chart.lines
    first, second = line.points
    assert first.x == chart.left and second.x == chart.right
    # 30 % is the top of the scale (shares above 20 % go in steps of 10 points).
    assert chart.y_ticks[-1].label == "30"
    assert first.y < second.y  # a higher share is drawn higher up
    assert line.polyline == f"{first.x},{first.y} {second.x},{second.y}"


def test_every_line_ends_in_its_name_and_the_names_never_overlap():
    # Lund's parties in 2014 and 2018 (rounded shares); V and C end only 0,5 points apart
    # (6,6 % and 6,1 %: about 2 units on the scale), too close for two names 8 units high.
    series = {
        "S": ("#FF0000", {2014: Fraction(228, 1000), 2018: Fraction(208, 1000)}),
        "V": ("#C40000", {2014: Fraction(74, 1000), 2018: Fraction(66, 1000)}),
        "C": ("#63A91D", {2014: Fraction(47, 1000), 2018: Fraction(61, 1000)}),
        "FP": ("#3399FF", {2010: Fraction(134, 1000), 2014: Fraction(106, 1000)}),
    }
    chart = share_chart(series)
    by_name = {line.abbreviation: line for line in chart.lines}
    # Names stand right of the line's last point, at the right edge for those that reach 2018.
    assert by_name["S"].label_x == by_name["V"].label_x == by_name["C"].label_x == chart.right + 5
    assert by_name["S"].label_y == by_name["S"].points[-1].y
    assert abs(by_name["V"].label_y - by_name["C"].label_y) >= 9
    assert by_name["V"].label_y < by_name["C"].label_y  # V's share is the higher: its name stays above
    # FP stood last in 2014: its name is where its line ends, not in the column at the edge.
    assert by_name["FP"].label_x == by_name["FP"].points[-1].x + 5 < chart.right
    for line in chart.lines:
        assert chart.top <= line.label_y <= chart.bottom


def test_spread_labels_keeps_order_and_bounds():
    from folkvald.elections.charts import spread_labels

    # The highest name keeps its place; the others move down, each 9 units below the one above it.
    assert spread_labels([50.0, 51.0, 52.0], top=10, bottom=176) == [50.0, 59.0, 68.0]
    # At the bottom edge the names are pushed up, not out of the chart.
    assert spread_labels([175.0, 176.0], top=10, bottom=176) == [167.0, 176.0]
    assert spread_labels([20.0, 100.0], top=10, bottom=176) == [20.0, 100.0]
