"""Template filters that format report values the Vietnamese way; they never compute."""
from django import template

from cadre.vietnamese import format_date_short, format_int
from reports import presentation
from reports.parameters import format_years, rating_coverage_minimum

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


@register.filter
def coverage_text(coverage):
    """"đã đánh giá 9/10 người" under a rating figure; "" for other figures."""
    return presentation.coverage_text(coverage)


@register.filter
def coverage_is_low(coverage):
    return presentation.coverage_is_low(coverage)


@register.filter
def rating_year_note(choice):
    return presentation.rating_year_note(choice)


@register.simple_tag
def low_coverage_note():
    return presentation.LOW_COVERAGE_NOTE


@register.simple_tag
def minimum_share():
    """The share of a population that must be rated (settings.RATING_COVERAGE_MIN): "80%"."""
    return presentation.share_text(rating_coverage_minimum())
