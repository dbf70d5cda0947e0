"""Percents, comparisons and status: exact arithmetic, rounded half up only when shown."""
from decimal import Decimal
from fractions import Fraction

import pytest

from cadre.vietnamese import vietnamese_two_places
from reports import computation
from reports.presentation import two_places_text
from reports.structure import TargetBounds


def percent(count, total):
    return computation.figure(count, total).percent


def test_a_percent_is_exact_and_shown_rounded_half_up():
    assert percent(1, 3) == Fraction(100, 3)
    assert two_places_text(percent(1, 3)) == "33.33"
    assert two_places_text(percent(2, 3)) == "66.67"
    assert two_places_text(percent(1, 800)) == "0.13"  # 0.125 rounds up, not to even
    assert two_places_text(percent(1, 1600)) == "0.06"  # 0.0625
    assert two_places_text(percent(9, 187)) == "4.81"  # the seed's Biểu 03 says 4,90
    assert vietnamese_two_places(percent(30, 190)) == "15,79"


def test_a_zero_denominator_gives_no_percent_and_no_comparison():
    assert percent(0, 0) is None
    assert computation.ratio(None, Decimal(50)) is None
    assert computation.ratio(Fraction(50), Fraction(0)) is None
    assert computation.ratio(Fraction(50), None) is None
    assert two_places_text(None) is None
    assert vietnamese_two_places(None) == "-"


def test_comparisons_are_computed_from_unrounded_percents_and_never_capped():
    current = percent(121, 190)  # 63.684…
    baseline = percent(48, 183)  # 26.229…
    assert two_places_text(computation.ratio(current, Decimal(50))) == "127.37"
    assert two_places_text(computation.ratio(current, baseline)) == "242.80"  # 242.81 from rounded percents


@pytest.mark.parametrize(
    ("current", "target", "vs_target", "status"),
    [
        (Fraction(50), TargetBounds(value=Decimal(50)), ["100.00"], "dat"),
        (Fraction(5001, 100), TargetBounds(value=Decimal(50)), ["100.02"], "vuot"),
        (Fraction(4999, 100), TargetBounds(value=Decimal(50)), ["99.98"], "chua_dat"),
        (Fraction(90), TargetBounds(min=Decimal(90)), ["100.00"], "dat"),
        (Fraction(95), TargetBounds(min=Decimal(90)), ["105.56"], "vuot"),
        (Fraction(30), TargetBounds(min=Decimal(35), max=Decimal(40)), ["85.71", "75.00"], "chua_dat"),
        (Fraction(35), TargetBounds(min=Decimal(35), max=Decimal(40)), ["100.00", "87.50"], "dat"),
        (Fraction(40), TargetBounds(min=Decimal(35), max=Decimal(40)), ["114.29", "100.00"], "dat"),
        (Fraction(41), TargetBounds(min=Decimal(35), max=Decimal(40)), ["117.14", "102.50"], "vuot"),
        (Fraction(2), TargetBounds(max=Decimal(2)), ["100.00"], "dat"),
        (Fraction(0), TargetBounds(max=Decimal(2)), ["0.00"], "dat"),
        (Fraction(200, 98), TargetBounds(max=Decimal(2)), ["102.04"], "chua_dat"),
        (Fraction(0), TargetBounds(value=Decimal(0)), [None], "dat"),
        (None, TargetBounds(value=Decimal(50)), [None], None),
    ],
)
def test_vs_target_and_status_for_every_kind_of_target(current, target, vs_target, status):
    assert [two_places_text(value) for value in computation.vs_target(current, target)] == vs_target
    assert computation.status(current, target) == status


def test_without_a_target_there_is_no_comparison_and_no_status():
    assert computation.vs_target(Fraction(50), None) is None
    assert computation.status(Fraction(50), None) is None


def test_a_range_seen_in_the_seed_is_compared_with_both_ends():
    current = percent(8, 60)  # 13.33…%, seed 002 Biểu 02: "38,08% - 33,32%" from rounded figures
    values = computation.vs_target(current, TargetBounds(min=Decimal(35), max=Decimal(40)))
    assert [two_places_text(value) for value in values] == ["38.10", "33.33"]
