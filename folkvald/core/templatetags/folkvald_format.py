"""Template filters for sv-SE numbers, loaded as builtins in every template."""

from django import template

from folkvald.core import formatting

register = template.Library()


@register.filter
def number(value, places=0):
    return formatting.format_number(value, int(places))


@register.filter
def percent(value, places=1):
    return formatting.format_percent(value, int(places))


@register.filter
def change(value, places=1):
    return formatting.format_change(value, int(places))
