"""The report's figures as every output shows them.

HTML, XLSX and JSON all round through `two_places` (cadre/vietnamese.py, the one formatting module), so
they agree to the last digit.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from cadre.vietnamese import format_decimal, format_int, two_places, vietnamese_two_places


def two_places_text(value: Fraction | Decimal | int | None) -> str | None:
    """"37.14" (a dot, exactly two decimals) or None: the report JSON's style."""
    rounded = two_places(value)
    return None if rounded is None else format(rounded, "f")


def target_text(target) -> str:
    """A target as the tables show it: "50,00", "≥ 90,00", "≤ 2,00" or "35,00 - 40,00"; "" without one."""
    if target is None:
        return ""
    if target.is_range:
        return f"{vietnamese_two_places(target.min)} - {vietnamese_two_places(target.max)}"
    if target.value is not None:
        return vietnamese_two_places(target.value)
    if target.min is not None:
        return f"≥ {vietnamese_two_places(target.min)}"
    return f"≤ {vietnamese_two_places(target.max)}"


def comparisons_text(values) -> str:
    """The comparisons with a target, one per bound: "127,37" or "132,65 - 106,12"; "" without a target."""
    if values is None:
        return ""
    return " - ".join(vietnamese_two_places(value) for value in values)


# --- rating coverage (docs/data-model.md, "Rating coverage"): pages and documents, never the JSON ------

LOW_COVERAGE_NOTE = "chưa đủ số liệu đánh giá"


def share_text(share: Fraction | Decimal) -> str:
    """4/5 -> "80%", 7/8 -> "87,5%": a required share as a percent, without trailing zeros."""
    text = format_decimal(two_places(Fraction(share) * 100))
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def _rated_persons(coverage) -> str:
    """"9/10 người", or over a window of several years "17/20 lượt người" (person-years)."""
    unit = "lượt người" if len(coverage.years) > 1 else "người"
    return f"{format_int(coverage.rated)}/{format_int(coverage.population)} {unit}"


def coverage_text(coverage) -> str:
    """"đã đánh giá 9/10 người"; "" for a figure without coverage (not a rating figure)."""
    if coverage is None:
        return ""
    return f"đã đánh giá {_rated_persons(coverage)}"


def coverage_is_low(coverage) -> bool:
    """A rating figure resting on less than the required share of the population."""
    return coverage is not None and not coverage.is_sufficient


def coverage_remark(coverage) -> str:
    """What a document's sentence adds after a rating figure below the required share:
    "(mới có 1/10 người được đánh giá)"; "" otherwise."""
    if not coverage_is_low(coverage):
        return ""
    return f"(mới có {_rated_persons(coverage)} được đánh giá)"


def rating_year_note(choice) -> str:
    """Why a report uses its rating year when none was asked for (reports.fetch.RatingYearChoice)."""
    if choice is None:
        return ""
    share = share_text(choice.minimum)
    if choice.covered:
        return f"Năm đánh giá {choice.year}: năm gần nhất có ít nhất {share} cán bộ được đánh giá."
    return (
        f"Năm đánh giá {choice.year} (năm trước năm số liệu): chưa có năm nào có ít nhất {share} "
        f"cán bộ được đánh giá."
    )
