"""The cumulative chart by week against the pace needed: plain geometry for a server-rendered SVG."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext

WIDTH = 320.0
HEIGHT = 180.0
LEFT = 44.0
RIGHT = 312.0
TOP = 10.0
BOTTOM = 156.0


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    reported: str  # polyline points
    pace: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    target_y: float | None


def _nice_step(maximum: int) -> int:
    raw = max(1, maximum // 4)
    magnitude = 10 ** (len(str(raw)) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover


def cumulative_chart(weeks: list, target: int | None, format_number) -> Chart:
    """Polylines of the reported conversations and of the pace needed, week by week."""
    count = max(len(weeks), 1)
    top_value = max([target or 0, *(w.cumulative for w in weeks), 1])
    step = _nice_step(top_value)
    top_value = ((top_value + step - 1) // step) * step

    def x(index: int) -> float:
        return round(LEFT + (RIGHT - LEFT) * (index + 1) / count, 1)

    def y(value: int) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * value / top_value, 1)

    reported = " ".join([f"{LEFT},{BOTTOM}"] + [f"{x(i)},{y(w.cumulative)}" for i, w in enumerate(weeks)])
    pace = ""
    if target is not None:
        pace = " ".join([f"{LEFT},{BOTTOM}"] + [f"{x(i)},{y(w.pace or 0)}" for i, w in enumerate(weeks)])
    y_ticks = [Tick(y(value), format_number(value)) for value in range(0, top_value + 1, step)]
    every = max(1, count // 6)
    week = pgettext("förkortning för vecka före veckans nummer, som i v37", "v")
    x_ticks = [Tick(x(i), week + w.label[-2:]) for i, w in enumerate(weeks) if i % every == 0 or i == count - 1]
    return Chart(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, reported, pace, y_ticks, x_ticks,
                 y(target) if target else None)
