"""A decision's figures as people write and read them: "+5,7 %", "mer än 25 mnkr", "upp till 30 000 bostäder".

The written form is also the form in the edit page and the CSV file, one figure a line:
``<amount> | <label>``, where the amount is an optional qualifier, a number with Swedish
or English separators, and a unit. :func:`figure_text` writes what :func:`parse_figure` reads.

:func:`figures_in_text` finds the figures in a sentence as an article writes them ("Höjt
grundskolans schablon med 5,7 procent 2023" gives +5,7 %), to suggest them when a bullet list
of decisions is pasted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from folkvald.core.formatting import MINUS, NBSP, format_number

QUALIFIER_WORDS = {
    "more_than": ("mer än", "över", ">"),
    "up_to": ("upp till", "högst", "≤"),
    "by_year": ("senast år", "senast"),
}
_NUMBER = re.compile(r"^([+\-\u2212]?)\s*(\d{1,3}(?:[ \xa0\u202f]\d{3})+|\d+)(?:[,.](\d+))?")


class FigureError(ValueError):
    pass


@dataclass(frozen=True)
class ParsedFigure:
    qualifier: str
    value: Decimal
    unit: str
    label: str

    @property
    def display(self) -> str:
        return figure_text(self.qualifier, self.value, self.unit)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def figure_text(qualifier: str, value: Decimal, unit: str) -> str:
    """The amount in the active language's format, with a non-breaking space before the unit."""
    magnitude = abs(value)
    if qualifier == "by_year":
        number = str(int(magnitude))
    else:
        number = format_number(magnitude, _places(magnitude))
    if qualifier == "increase":
        amount = f"+{number}"
    elif qualifier == "decrease" or (value < 0 and qualifier != "by_year"):
        amount = f"{MINUS}{number}"
    else:
        amount = number
    prefix = {
        "more_than": _("mer än"),
        "up_to": _("upp till"),
        "by_year": _("senast år"),
    }.get(qualifier, "")
    text = f"{prefix}{NBSP}{amount}" if prefix else amount
    return f"{text}{NBSP}{unit}" if unit else text


def figure_line(qualifier: str, value: Decimal, unit: str, label: str) -> str:
    """The written form is always Swedish: :func:`parse_figure` reads a decimal comma, so an
    English "30,000" in the edit form would come back as 30."""
    with translation.override("sv"):
        text = figure_text(qualifier, value, unit).replace(NBSP, " ")
    return f"{text} | {label}" if label else text


def parse_figure(line: str) -> ParsedFigure:
    """One figure from ``[qualifier] number [unit] [| label]``; FigureError says what is wrong."""
    amount, _sep, label = line.partition("|")
    text = amount.replace(NBSP, " ").replace("\u202f", " ").strip()
    label = label.strip()
    if not text:
        raise FigureError(_("Siffran saknar ett värde."))
    qualifier = ""
    lowered = text.lower()
    for key, words in QUALIFIER_WORDS.items():
        for word in words:
            if lowered.startswith(word):
                qualifier = key
                text = text[len(word):].strip()
                break
        if qualifier:
            break
    match = _NUMBER.match(text)
    if not match:
        raise FigureError(_("”%(text)s” börjar inte med ett tal.") % {"text": amount.strip()})
    sign, whole, fraction = match.groups()
    digits = re.sub(r"[ \xa0\u202f]", "", whole) + (f".{fraction}" if fraction else "")
    try:
        value = Decimal(digits)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise FigureError(_("Ogiltigt tal.")) from error
    if sign == "+":
        if qualifier:
            raise FigureError(_("Ett tal med + kan inte också ha ”mer än”, ”upp till” eller ”senast år”."))
        qualifier = "increase"
    elif sign in {"-", MINUS}:
        if qualifier:
            raise FigureError(_("Ett negativt tal kan inte också ha ”mer än”, ”upp till” eller ”senast år”."))
        qualifier = "decrease"
    unit = text[match.end():].strip()
    if len(unit) > 50:
        raise FigureError(_("Enheten är för lång (högst 50 tecken)."))
    if value >= Decimal("1e13"):
        raise FigureError(_("Talet är för stort."))
    if value != value.quantize(Decimal("0.001")):
        raise FigureError(_("Högst tre decimaler."))
    return ParsedFigure(qualifier=qualifier, value=value, unit=unit, label=label[:250])


def parse_figures(text: str) -> list[ParsedFigure]:
    """One figure a line; blank lines are skipped."""
    figures = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            figures.append(parse_figure(line))
        except FigureError as error:
            raise FigureError(_("Rad %(line)d: %(error)s") % {"line": number, "error": error}) from error
    return figures


# --- figures in running text -------------------------------------------------------

_IN_TEXT = re.compile(
    r"(?<![\w,.\u2212+-])(?P<whole>\d{1,3}(?:[ \xa0\u202f]\d{3})+|\d+)(?:,(?P<fraction>\d+))?(?!\w)"
)
#: Units as articles write them, and the short form a figure shows. Longest first.
_TEXT_UNITS = [
    (re.compile(r"%"), "%"),
    (re.compile(r"procentenheter\b"), "procentenheter"),
    (re.compile(r"procent\b"), "%"),
    (re.compile(r"(?:miljarder\s+(?:kronor|kr)|mdkr|mdr\s+kr)\b"), "mdkr"),
    (re.compile(r"(?:miljoner\s+(?:kronor|kr)|mnkr|mkr|msek)\b"), "mnkr"),
    (re.compile(r"(?:tusen\s+(?:kronor|kr)|tkr)\b"), "tkr"),
    (re.compile(r"(?:kronor|kr|sek)\b"), "kr"),
]
#: "5 939 nya bostäder": a word between the number and what it counts.
_COUNT_WORD = re.compile(r"(?:(?P<change>fler|färre|nya|ytterligare|extra)\s+)?(?P<unit>[^\W\d_]{3,50})\b")
_RAISE = {"höjt", "höjer", "höja", "höjs", "ökat", "ökar", "öka", "ökas", "förstärkt", "utökat"}
_LOWER = {"sänkt", "sänker", "sänka", "sänks", "minskat", "minskar", "minska", "minskas"}
_BEFORE = [
    (("senast år ", "senast "), "by_year"),
    (("mer än ", "över ", "drygt "), "more_than"),
    (("upp till ", "högst ", "som mest "), "up_to"),
]


def _is_year(whole: str, fraction: str | None) -> bool:
    return fraction is None and len(whole) == 4 and whole.isdigit() and 1900 <= int(whole) <= 2100


def figures_in_text(text: str) -> list[ParsedFigure]:
    """The figures a sentence states, in order: a number with a unit, or a "senast år" year.

    Years on their own ("2023", "under 2024") and numbers without a unit are not figures.
    "med N" after a verb that raises or lowers ("Höjt ... med 5,7 procent", "Sänkt ... med 300
    kronor") and "N fler" are changes; "mer än", "upp till" and "senast år" qualify the number.
    Labels are left empty: the decision's title says what the figure is about.
    """
    figures: list[ParsedFigure] = []
    flat = text.replace("\xa0", " ").replace("\u202f", " ")
    for match in _IN_TEXT.finditer(flat):
        whole, fraction = match.group("whole"), match.group("fraction")
        before = flat[: match.start()].lower()
        clause = re.split(r"[.;:!?]\s", before)[-1]
        qualifier = ""
        for endings, kind in _BEFORE:
            if before.endswith(endings):
                qualifier = kind
                break
        rest = flat[match.end():].lstrip()
        unit = ""
        if qualifier == "by_year":
            if not _is_year(whole, fraction):
                continue
        else:
            lowered = rest.lower()
            for pattern, short in _TEXT_UNITS:
                if pattern.match(lowered):
                    unit = short
                    break
            if not unit:
                if _is_year(whole, fraction):
                    continue
                counted = _COUNT_WORD.match(rest)
                if counted is None:
                    continue
                unit = counted.group("unit")
                change = counted.group("change")
                if not qualifier and change == "fler":
                    qualifier = "increase"
                elif not qualifier and change == "färre":
                    qualifier = "decrease"
            if not qualifier and before.endswith("med "):
                verbs = [word for word in re.findall(r"[^\W\d_]+", clause) if word in _RAISE | _LOWER]
                if verbs:
                    qualifier = "increase" if verbs[-1] in _RAISE else "decrease"
        digits = re.sub(r"\s", "", whole) + (f".{fraction}" if fraction else "")
        value = Decimal(digits)
        if value >= Decimal("1e13") or value != value.quantize(Decimal("0.001")):
            continue
        figures.append(ParsedFigure(qualifier=qualifier, value=value, unit=unit, label=""))
    return figures
