"""Server-rendered SVG pictures: the parliament diagram (a half circle of seats) and shares over time.

Pure geometry, no Django: the templates put the returned shapes into SVG
elements with presentation attributes (the CSP allows no inline styles), and a
table beside each picture carries the same figures for screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

#: Left-to-right order for the diagram; parties not named here follow, largest first.
LEFT_RIGHT = ["K", "V", "S", "FI", "MP", "C", "FP", "L", "KD", "M", "SD"]

WIDTH = 200.0
HEIGHT = 108.0
CENTRE_X = 100.0
CENTRE_Y = 102.0
OUTER = 96.0
INNER_SHARE = 0.36


@dataclass(frozen=True)
class Seat:
    x: float
    y: float
    r: float
    colour: str
    abbreviation: str
    number: int


@dataclass(frozen=True)
class DiagramParty:
    abbreviation: str
    colour: str
    seats: int


def party_order(parties: list[DiagramParty]) -> list[DiagramParty]:
    """Known parties from left to right, then the others by size (stable for equal sizes)."""

    def key(item: tuple[int, DiagramParty]) -> tuple[int, int, int]:
        index, party = item
        if party.abbreviation in LEFT_RIGHT:
            return (0, LEFT_RIGHT.index(party.abbreviation), index)
        return (1, -party.seats, index)

    return [party for _index, party in sorted(enumerate(parties), key=key)]


def _rows_for(total: int) -> tuple[int, float, list[float]]:
    """The fewest rows of seats that hold `total`, with the seat diameter and each row's radius."""
    for rows in range(1, 40):
        inner = OUTER * INNER_SHARE
        spacing = (OUTER - inner) / rows
        radii = [inner + spacing * (index + 0.5) for index in range(rows)]
        capacity = sum(int(math.pi * radius / spacing) + 1 for radius in radii)
        if capacity >= total:
            return rows, spacing, radii
    raise ValueError("too many seats for a diagram")  # pragma: no cover - 349 seats need 10 rows


def _seats_per_row(total: int, radii: list[float]) -> list[int]:
    """Seats per row in proportion to the row's length (largest remainder, outer rows first)."""
    length = sum(radii)
    quotas = [Fraction(round(radius * 1000)) * total / Fraction(round(length * 1000)) for radius in radii]
    counts = [int(quota) for quota in quotas]
    remaining = total - sum(counts)
    order = sorted(range(len(radii)), key=lambda index: (-(quotas[index] - counts[index]), -index))
    for index in order[:remaining]:
        counts[index] += 1
    return counts


def parliament_seats(parties: list[DiagramParty]) -> list[Seat]:
    """Circles of a half-circle diagram, filled party by party from the left."""
    ordered = party_order([party for party in parties if party.seats > 0])
    total = sum(party.seats for party in ordered)
    if total == 0:
        return []
    _rows, spacing, radii = _rows_for(total)
    counts = _seats_per_row(total, radii)
    positions: list[tuple[float, float, float]] = []  # (angle, x, y)
    for radius, count in zip(radii, counts, strict=True):
        for index in range(count):
            angle = math.pi / 2 if count == 1 else math.pi * (1 - index / (count - 1))
            positions.append((angle, CENTRE_X + radius * math.cos(angle), CENTRE_Y - radius * math.sin(angle)))
    # Left to right by angle; within an angle, inner rows first so each party forms a wedge.
    positions.sort(key=lambda position: (-round(position[0], 9), math.hypot(position[1] - CENTRE_X, position[2] - CENTRE_Y)))
    colours = [(party.abbreviation, party.colour) for party in ordered for _seat in range(party.seats)]
    radius = round(spacing * 0.42, 2)
    return [
        Seat(x=round(x, 2), y=round(y, 2), r=radius, colour=colour, abbreviation=abbreviation, number=number)
        for number, ((_angle, x, y), (abbreviation, colour)) in enumerate(zip(positions, colours, strict=True), 1)
    ]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    share: Fraction


@dataclass(frozen=True)
class Line:
    abbreviation: str
    colour: str
    points: list[Point]
    #: Where the party's name is written, right of its last point (names at the right edge are moved
    #: apart so they never overlap).
    label_x: float = 0.0
    label_y: float = 0.0

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass(frozen=True)
class Tick:
    value: float
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]


#: Vertical room for one name at the end of a line (the names are 8 units high).
LABEL_GAP = 9.0


def spread_labels(wanted: list[float], *, top: float, bottom: float, gap: float = LABEL_GAP) -> list[float]:
    """Label heights as close to ``wanted`` as they can be, at least ``gap`` apart, inside top..bottom.

    The names at the lines' ends say which line is which, so the colours are not the only key.
    """
    order = sorted(range(len(wanted)), key=lambda index: wanted[index])
    placed = [wanted[index] for index in order]
    for position in range(len(placed)):
        low = top if position == 0 else placed[position - 1] + gap
        placed[position] = max(placed[position], low)
    for position in range(len(placed) - 1, -1, -1):
        high = bottom if position == len(placed) - 1 else placed[position + 1] - gap
        placed[position] = min(placed[position], high)
    out = [0.0] * len(wanted)
    for position, index in enumerate(order):
        out[index] = round(placed[position], 2)
    return out


def share_chart(
    series: dict[str, tuple[str, dict[int, Fraction]]],
    *,
    width: float = 320.0,
    height: float = 200.0,
) -> LineChart:
    """Lines of shares per party over the years: ``{abbr: (colour, {year: share})}``.

    Each line ends in the party's name (room for it on the right), so the lines are told apart
    without their colours.
    """
    left, right, top, bottom = 34.0, width - 46.0, 10.0, height - 24.0
    years = sorted({year for _colour, values in series.values() for year in values})
    highest = max((share for _colour, values in series.values() for share in values.values()), default=Fraction(0))
    step = Fraction(1, 10) if highest > Fraction(2, 10) else Fraction(5, 100)
    top_value = max(step, -(-highest // step) * step)

    def x_of(year: int) -> float:
        if len(years) == 1:
            return round((left + right) / 2, 2)
        return round(left + (right - left) * (year - years[0]) / (years[-1] - years[0]), 2)

    def y_of(share: Fraction) -> float:
        return round(float(bottom - (bottom - top) * share / top_value), 2)

    points = {
        abbreviation: [Point(x_of(year), y_of(values[year]), year, values[year]) for year in sorted(values)]
        for abbreviation, (_colour, values) in series.items()
    }
    # Names of lines that reach the last year stand in a column at the right edge, spread apart;
    # a line that ends earlier (a party that stopped standing) has its name where it ends.
    last_x = x_of(years[-1]) if years else right
    at_edge = [a for a in series if points[a] and points[a][-1].x == last_x]
    heights = {a: points[a][-1].y for a in series if points[a]}
    heights.update(zip(at_edge, spread_labels([heights[a] for a in at_edge], top=top, bottom=bottom),
                       strict=True))
    lines = [
        Line(abbreviation=abbreviation, colour=colour, points=points[abbreviation],
             label_x=round(points[abbreviation][-1].x + 5, 2) if points[abbreviation] else 0.0,
             label_y=heights.get(abbreviation, 0.0))
        for abbreviation, (colour, _values) in series.items()
    ]
    x_ticks = [Tick(year, x_of(year), str(year)) for year in years]
    y_ticks = []
    value = Fraction(0)
    while value <= top_value:
        y_ticks.append(Tick(float(value), y_of(value), f"{int(value * 100)}"))
        value += step
    return LineChart(width, height, left, right, top, bottom, lines, x_ticks, y_ticks)
