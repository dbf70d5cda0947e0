"""Exact values to the two decimals every output shows (rounded half up, only here).

HTML, XLSX and JSON all round through `two_places`, so they agree to the last digit.
"""
from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

from cadre.vietnamese import format_decimal, round_half_up


def two_places(value: Fraction | Decimal | int | None) -> Decimal | None:
    """The value rounded half up to two decimals; None stays None."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        # Enough digits that the division is exact wherever rounding could depend on it.
        with localcontext() as context:
            context.prec = 60
            value = Decimal(value.numerator) / Decimal(value.denominator)
    return round_half_up(value, 2)


def two_places_text(value: Fraction | Decimal | int | None) -> str | None:
    """"37.14" (a dot, exactly two decimals) or None: the report JSON's style."""
    rounded = two_places(value)
    return None if rounded is None else format(rounded, "f")


def vietnamese_two_places(value: Fraction | Decimal | int | None) -> str:
    """"37,14" or "-": the style of the Biểu tables."""
    return format_decimal(two_places(value))


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
