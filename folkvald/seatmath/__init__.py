"""Election and committee mathematics: exact, pure Python, no Django.

The public entry points are loaded lazily so that importing one part of the
package never pulls in the others.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "allocate": "folkvald.seatmath.api",
    "committee_allocate": "folkvald.seatmath.committee",
    "best_arrangement": "folkvald.seatmath.planner",
    "SeatMathError": "folkvald.seatmath.errors",
    "largest_remainder": "folkvald.seatmath.methods",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'folkvald.seatmath' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
