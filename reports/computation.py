"""Pure computation: percents, comparisons and status from counted figures. No queries.

Everything is exact (Fraction); docs/domain.md "Targets, attainment, baseline":
- percent = 100 × numerator / denominator;
- vs target = 100 × current percent / target percent, one value per bound
  (value, min, max in that order);
- vs baseline = 100 × current percent / baseline percent;
- a zero denominator gives no value (None), never an error; nothing is capped.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from reports.structure import CHUA_DAT, DAT, VUOT, Figure, TargetBounds

HUNDRED = Fraction(100)


def figure(count: int, total: int) -> Figure:
    return Figure(count=count, total=total, percent=HUNDRED * count / total if total else None)


def ratio(numerator: Fraction | None, denominator: Fraction | Decimal | None) -> Fraction | None:
    """100 × numerator / denominator, or None when either is missing or the denominator is zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return HUNDRED * numerator / Fraction(denominator)


def vs_target(current: Fraction | None, target: TargetBounds | None) -> tuple[Fraction | None, ...] | None:
    if target is None:
        return None
    return tuple(ratio(current, bound) for _, bound in target.bounds())


def status(current: Fraction | None, target: TargetBounds | None) -> str | None:
    """dat / vuot / chua_dat, comparing the unrounded percent with the target; None without either."""
    if current is None or target is None:
        return None
    if target.value is not None or (target.min is not None and target.max is None):
        bound = Fraction(target.value if target.value is not None else target.min)
        return VUOT if current > bound else DAT if current == bound else CHUA_DAT
    if target.min is not None:  # a range
        if current < Fraction(target.min):
            return CHUA_DAT
        return VUOT if current > Fraction(target.max) else DAT
    return DAT if current <= Fraction(target.max) else CHUA_DAT  # an upper bound alone


def multiple(size: int, other: int) -> Fraction | None:
    """How many times the other population's size the row's is; None when the other is empty."""
    return Fraction(size, other) if other else None


def delta_points(current: Fraction | None, baseline: Fraction | None) -> Fraction | None:
    """Current percent minus baseline percent, in percentage points (may be negative); None without either."""
    if current is None or baseline is None:
        return None
    return current - baseline
