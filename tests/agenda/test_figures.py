"""Figures written and read the Swedish way: "+5,7 %", "mer än 25 mnkr", "upp till 30 000 bostäder"."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from folkvald.agenda.bullets import parse_bullets
from folkvald.agenda.figures import (
    FigureError,
    figure_line,
    figure_text,
    figures_in_text,
    parse_figure,
    parse_figures,
)

NBSP = "\xa0"


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


@pytest.mark.parametrize(
    ("qualifier", "value", "unit", "expected"),
    [
        ("increase", "5.7", "%", f"+5,7{NBSP}%"),
        ("more_than", "25", "mnkr", f"mer än{NBSP}25{NBSP}mnkr"),
        ("", "5939", "bostäder", f"5{NBSP}939{NBSP}bostäder"),
        ("increase", "2000", "feriejobb", f"+2{NBSP}000{NBSP}feriejobb"),
        ("up_to", "30000", "bostäder", f"upp till{NBSP}30{NBSP}000{NBSP}bostäder"),
        ("decrease", "300", "kr", f"\u2212300{NBSP}kr"),
        ("by_year", "2030", "", f"senast år{NBSP}2030"),
        ("", "5.700", "%", f"5,7{NBSP}%"),
    ],
)
def test_figure_text(qualifier, value, unit, expected):
    assert figure_text(qualifier, Decimal(value), unit) == expected


def test_english_uses_english_separators():
    with translation.override("en"):
        assert figure_text("", Decimal("5939.5"), "homes") == f"5,939.5{NBSP}homes"


@pytest.mark.parametrize(
    ("line", "qualifier", "value", "unit", "label"),
    [
        ("+5,7 % | grundskolans schablon 2023", "increase", "5.7", "%", "grundskolans schablon 2023"),
        ("mer än 25 mnkr | elevhälsan", "more_than", "25", "mnkr", "elevhälsan"),
        ("> 25 mnkr", "more_than", "25", "mnkr", ""),
        ("5 939 bostäder", "", "5939", "bostäder", ""),
        (f"5{NBSP}939 bostäder", "", "5939", "bostäder", ""),
        ("upp till 30 000 bostäder | Bromma", "up_to", "30000", "bostäder", "Bromma"),
        ("\u2212300 kr | simskolan", "decrease", "300", "kr", "simskolan"),
        ("-300 kr", "decrease", "300", "kr", ""),
        ("senast år 2030 | klimatpositiv", "by_year", "2030", "", "klimatpositiv"),
        ("12.5 procent", "", "12.5", "procent", ""),
    ],
)
def test_parse_figure(line, qualifier, value, unit, label):
    figure = parse_figure(line)
    assert (figure.qualifier, figure.value, figure.unit, figure.label) == (qualifier, Decimal(value), unit, label)


def test_written_form_reads_back():
    for qualifier, value, unit in [("increase", "5.7", "%"), ("up_to", "30000", "bostäder"), ("by_year", "2030", "")]:
        text = figure_text(qualifier, Decimal(value), unit)
        parsed = parse_figure(text)
        assert (parsed.qualifier, parsed.value, parsed.unit) == (qualifier, Decimal(value), unit)


@pytest.mark.parametrize("line", ["", "mnkr 25", "| bara etikett", "1,2345 %", "+mer än 5 %"])
def test_bad_figures_are_refused(line):
    with pytest.raises(FigureError):
        parse_figure(line)


def test_bad_line_is_named():
    with pytest.raises(FigureError, match="Rad 2"):
        parse_figures("+5,7 %\nfel\n")



@given(
    qualifier=st.sampled_from(["", "increase", "decrease", "more_than", "up_to"]),
    value=st.decimals(min_value=0, max_value=Decimal("999999999"), places=3),
    unit=st.sampled_from(["", "%", "mnkr", "bostäder", "kr", "feriejobb"]),
)
def test_every_written_figure_reads_back(qualifier, value, unit):
    with translation.override("sv"):
        parsed = parse_figure(figure_text(qualifier, value, unit))
    assert (parsed.qualifier, parsed.value, parsed.unit) == (qualifier, value, unit)


def test_the_written_form_stays_swedish_on_an_english_page():
    """An English "30,000" in the edit form would read back as 30: the written form is Swedish."""
    from folkvald.agenda.figures import figure_line

    with translation.override("en"):
        line = figure_line("up_to", Decimal("30000"), "bostäder", "Bromma")
        assert line == "upp till 30 000 bostäder | Bromma"
        parsed = parse_figure(line)
    assert (parsed.qualifier, parsed.value, parsed.unit, parsed.label) == ("up_to", Decimal("30000"), "bostäder", "Bromma")


# --- figures in running text, as a pasted article states them ----------------------------------

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_the_stockholm_article_states_seven_figures():
    """Every figure of the seed's decisions, and nothing else (years on their own are not figures)."""
    items = parse_bullets(next(SEEDS.glob("003_*.txt")).read_text("utf-8"))
    found = [(item.title.split()[0], figure.display) for item in items for figure in figures_in_text(item.title)]
    assert found == [
        ("Höjt", f"+5,7{NBSP}%"),  # "Höjt grundskolans schablon med 5,7 procent 2023"
        ("Höjt", f"mer än{NBSP}25{NBSP}mnkr"),  # "med mer än 25 miljoner kronor"
        ("Sänkt", f"\u2212300{NBSP}kr"),  # "Sänkt avgiften för simskolan ... med 300 kronor"
        ("Höjt", f"+2{NBSP}000{NBSP}feriejobb"),  # "med 2 000 fler feriejobb"
        ("Markanvisat", f"5{NBSP}939{NBSP}bostäder"),  # "för 5 939 nya bostäder under 2023"
        ("Fattat", f"upp till{NBSP}30{NBSP}000{NBSP}bostäder"),  # "upp till 30 000 nya bostäder"
        ("Beslutat", f"senast år{NBSP}2030"),  # "en klimatpositiv stad senast år 2030"
    ]


def test_the_huddinge_reforms_state_no_figures():
    items = parse_bullets(next(SEEDS.glob("002_*.txt")).read_text("utf-8"))
    assert [item.title for item in items if figures_in_text(item.title)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Budgeten ökar med 1,5 miljarder kronor.", [("increase", "1.5", "mdkr")]),
        ("Anslaget är 12 mnkr och taxan sänks med 4 %.", [("", "12", "mnkr"), ("decrease", "4", "%")]),
        ("Under 2024 öppnar 3 nya förskolor.", [("", "3", "förskolor")]),
        ("Höjt taxan med 2 procentenheter", [("increase", "2", "procentenheter")]),
        ("Högst 150 platser, 20 färre köer", [("up_to", "150", "platser"), ("decrease", "20", "köer")]),
        ("Beslut 2023 om § 12", []),
        ("Minskat utsläppen med 40 procent till 2030.", [("decrease", "40", "%")]),
    ],
)
def test_figures_in_text(text, expected):
    assert [(f.qualifier, str(f.value), f.unit) for f in figures_in_text(text)] == expected


WORDS = ["med ", "Höjt ", "Sänkt ", "mer än ", "upp till ", "senast år ", "procent ", "miljoner kronor ", "fler ",
         "2030 ", "5,7 ", "2 000 ", "12 ", "bostäder ", ". ", "x", "%", "-"]


@given(st.lists(st.sampled_from(WORDS), max_size=12).map("".join))
def test_every_figure_found_in_text_reads_back_from_its_written_form(text):
    for figure in figures_in_text(text):
        line = figure_line(figure.qualifier, figure.value, figure.unit, "")
        again = parse_figure(line)
        assert (again.qualifier, again.value, again.unit) == (figure.qualifier, figure.value, figure.unit)
