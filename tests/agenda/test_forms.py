"""A reform's measurable target as typed on a Swedish or an English page."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from folkvald.agenda.forms import GroupedDecimalField


def field() -> GroupedDecimalField:
    return GroupedDecimalField(required=False, max_digits=16, decimal_places=3, localize=True)


@pytest.mark.parametrize(("language", "text", "value"), [
    ("sv", "5,7", Decimal("5.7")),
    ("sv", "30\u00a0000", Decimal("30000")),
    ("sv", "30000", Decimal("30000")),
    ("en", "5.7", Decimal("5.7")),
    ("en", "30,000", Decimal("30000")),
    ("en", "1,234,567.5", Decimal("1234567.5")),
    ("en", "", None),
])
def test_a_target_reads_as_the_page_writes_it(language, text, value):
    with translation.override(language):
        assert field().clean(text) == value


@pytest.mark.parametrize("text", ["5,7", "16,48", "1,5", "30,00"])
def test_a_swedish_decimal_comma_on_an_english_page_is_refused_not_multiplied(text):
    with translation.override("en"), pytest.raises(forms.ValidationError) as error:
        field().clean(text)
    assert error.value.messages == ["Write the number with . as the decimal mark, e.g. 5.7."]
