"""Demo data of the agenda app, loaded by `folkvald demo` after the organisations."""

from __future__ import annotations

from folkvald.organisations.demo import DemoContext


def load(context: DemoContext) -> None:
    """Nothing yet."""
