"""Date arithmetic and random dates for the demo data.

Nothing here reads the clock: every value comes from the seeded generator,
so the same seed gives the same dates on any day.
"""
from __future__ import annotations

import datetime as dt
import random

FIRST_DAY = dt.date(2010, 1, 1)  # positions start in 2010 or later
LAST_DAY = dt.date(2025, 12, 31)  # no record is dated later
FIRST_RATED_YEAR = 2019
LAST_RATED_YEAR = 2025
EVENTS_FROM = dt.date(2019, 1, 1)  # career events are recorded from 2019
OLDEST_BIRTH = dt.date(1964, 1, 1)  # at most 60 years old in 2024
YOUNGEST_BIRTH = dt.date(2002, 12, 31)  # at least 22 years old in 2024
ONE_DAY = dt.timedelta(days=1)
# The 2025 restructuring: districts dissolved, communes merged into new communes and wards under the province.
REFORM_DATE = dt.date(2025, 7, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def random_date(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    """A uniformly random day in [low, high]; `low` when the range is empty."""
    first = low.toordinal()
    span = high.toordinal() - first
    if span <= 0:
        return low
    return dt.date.fromordinal(first + int(rng.random() * (span + 1)))


def held_on(start: dt.date, end: dt.date | None, on: dt.date) -> bool:
    """The domain rule: start ≤ date and (no end or end ≥ date)."""
    return start <= on and (end is None or end >= on)


def overlaps_year(start: dt.date, end: dt.date | None, year: int) -> bool:
    """In office on 30 June or 31 December of the year: rated for that year."""
    return held_on(start, end, dt.date(year, 6, 30)) or held_on(start, end, dt.date(year, 12, 31))
