"""A fast whole-number filter for the long tables of the progress pages.

``|count`` gives exactly what the builtin ``|number`` gives for a whole number ("16 488" in
Swedish, "16,488" in English; a test holds them equal) without going through Decimal, which
matters on a page with hundreds of figures. Anything else falls back to ``|number``.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe

from folkvald.core.formatting import MINUS, format_number, format_percent

register = template.Library()


@register.filter
def count(value):
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int):
        return format_number(value)
    separator = formats.get_format("THOUSAND_SEPARATOR")
    text = f"{abs(value):,}".replace(",", separator)
    return f"{MINUS}{text}" if value < 0 else text


def organisation_urls(campaign_id: int, organisation_ids: list[int]) -> dict[int, str]:
    """Each organisation's progress page, by one ``reverse`` instead of one per row (50 µs each).

    The pattern is the same for every organisation but for its id, so the path is reversed
    once with a marker in the id's place and the ids are put where the marker is.
    """
    marker = "987654321012345"
    head, _sep, tail = reverse("campaigns:organisation", args=[campaign_id, int(marker)]).partition(marker)
    return {pk: f"{head}{int(pk)}{tail}" for pk in organisation_ids}


@register.simple_tag
def organisation_rows(lines, campaign_id):
    """The rows of a progress page's table of organisations (Stockholm's has 156), built in Python.

    The same markup as a template loop over the lines with ``{% url %}``, ``|count`` and
    ``|percent:0`` gave (a test holds them equal), at a fraction of its cost: the loop was a
    third of the largest branch page's time. The name is the only text from users and is
    escaped as the template would; the path and the figures are digits and separators.
    """
    urls = organisation_urls(campaign_id, [line.organisation_id for line in lines])
    return mark_safe("".join(  # noqa: S308 - every part is escaped or made of digits here
        f'<tr><th scope="row"><a href="{urls[line.organisation_id]}">{escape(str(line.name))}</a></th>'
        f'<td class="num">{count(line.target)}</td><td class="num">{count(line.reported)}</td>'
        f'<td class="num">{format_percent(line.share, 0)}</td></tr>'
        for line in lines
    ))
