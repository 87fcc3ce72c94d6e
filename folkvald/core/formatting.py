"""Numbers, shares and changes as people read them: "16 488", "48,0 %", "−9,2".

One place for these so every page, export and API text agrees; the active
language (sv or en) decides separators.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import formats, translation

MINUS = "\u2212"
NBSP = "\xa0"


def _decimal(value: Fraction | Decimal | int | float, places: int) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: int | Fraction | Decimal | float | None, places: int = 0) -> str:
    """A number with the language's grouping and decimal mark, and a real minus sign."""
    if value is None:
        return ""
    number = _decimal(value, places)
    text = formats.number_format(abs(number), places, use_l10n=True, force_grouping=True)
    return f"{MINUS}{text}" if number < 0 else text


def format_percent(share: Fraction | Decimal | float | None, places: int = 1) -> str:
    """A share (0..1) as a percentage: "48,0 %" in Swedish, "48.0%" in English."""
    if share is None:
        return ""
    text = format_number(_decimal(share, places + 4) * 100, places)
    if translation.get_language() and translation.get_language().startswith("sv"):
        return f"{text}{NBSP}%"
    return f"{text}%"


def format_change(value: Fraction | Decimal | float | int | None, places: int = 1) -> str:
    """A signed change, "+1,5" or "−9,2", for percentage points and the like."""
    if value is None:
        return ""
    number = _decimal(value, places)
    text = format_number(number, places)
    return f"+{text}" if number > 0 else text


def share(part: int, whole: int) -> Fraction | None:
    """An exact share, or None when the whole is zero."""
    return Fraction(part, whole) if whole else None
