from decimal import Decimal
from fractions import Fraction

from django.utils import translation

from folkvald.core.formatting import format_change, format_number, format_percent


def test_swedish_formats():
    with translation.override("sv"):
        assert format_number(16488) == "16\xa0488"
        assert format_number(1_500_000) == "1\xa0500\xa0000"
        assert format_percent(Fraction(48, 100)) == "48,0\xa0%"
        assert format_percent(Fraction(16488, 15000), 0) == "110\xa0%"
        assert format_change(Decimal("-9.24")) == "\u22129,2"
        assert format_change(Decimal("1.25")) == "+1,3"
        assert format_number(Decimal("5.7"), 1) == "5,7"


def test_english_formats():
    with translation.override("en"):
        assert format_number(16488) == "16,488"
        assert format_percent(Fraction(48, 100)) == "48.0%"


def test_rounding_is_half_up_and_exact():
    with translation.override("sv"):
        # 0.0005 exactly: a float would print 0,0 %; the exact fraction gives 0,1 %.
        assert format_percent(Fraction(1, 2000)) == "0,1\xa0%"


def test_date_format_is_iso_in_swedish(client, db):
    from django.template import Context, Template

    with translation.override("sv"):
        import datetime as dt

        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }} {{ n|number }} {{ s|percent }}').render(
            Context({"d": dt.date(2014, 9, 17), "n": 16488, "s": Fraction(48, 100)})
        )
    assert rendered == "2014-09-17 16\xa0488 48,0\xa0%"
