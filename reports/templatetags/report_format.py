"""Template filters that format report values the Vietnamese way; they never compute."""
from django import template

from cadre.vietnamese import format_date_short, format_int
from reports import presentation
from reports.parameters import format_years

register = template.Library()


@register.filter
def vn_int(value):
    """4809 -> "4.809"."""
    return format_int(value)


@register.filter
def vn_two(value):
    """A percent or ratio: "15,79", or "-" without a value."""
    return presentation.vietnamese_two_places(value)


@register.filter
def target_text(target):
    return presentation.target_text(target)


@register.filter
def comparisons_text(values):
    return presentation.comparisons_text(values)


@register.filter
def vn_date(value):
    return format_date_short(value)


@register.filter
def years_text(years):
    return format_years(years)
