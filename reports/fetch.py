"""The fetch: the only code in reports/ that runs queries.

Figures come from aggregate queries whose number depends on the shape of a
table, never on how many officials there are. For one table and one column
(a date and a window of rating years):

1. persons: one aggregate over Official, restricted to the population on the
   date; "Tổng số" is Count(pk) and every person row is a
   Count(pk, filter=<its condition>) in the same SELECT;
2. ratings (only when the table has rating rows): one aggregate over
   Evaluation, restricted to window ratings of population members on
   31 December of their year; the denominator is Count(pk) and every rating
   row a filtered Count;
3. units (only when the table has unit rows): one aggregate over the units
   existing on the date; every unit row is a Count(pk, filter=pk IN (the
   units where a qualifying person holds a position)).

The base rows are officials, ratings and units themselves, each appearing
once, so no DISTINCT is needed and a person with several positions counts
once. The drill-down lists (persons counted) are built from the same
expressions in reports/indicators.py.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from cadre.models import Official, Organization, PositionRecord
from planning.models import Plan
from reports import indicators
from reports.models import Indicator, IndicatorKind, Population


@dataclass(frozen=True)
class Column:
    """One column of a report: the as-of date and the rating years."""

    as_of: dt.date
    rating_years: tuple[int, ...]


@dataclass(frozen=True)
class RowSpec:
    """A row to count: its indicator with the plan row's parameters."""

    key: Hashable
    indicator: Indicator
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Tally:
    """A numerator and its denominator, as counted."""

    count: int
    total: int


@dataclass(frozen=True)
class ColumnTallies:
    members: int
    rows: dict[Hashable, Tally]


def load_organization(code: str) -> Organization:
    """The organization with this code (raises Organization.DoesNotExist)."""
    return Organization.objects.get(code=code)


def load_plan(code: str) -> Plan:
    """The plan with everything a report reads, prefetched (raises Plan.DoesNotExist)."""
    return Plan.objects.for_report().get(code=code)


def _conditional_count(condition: Q) -> Count:
    return Count("pk", filter=condition) if condition else Count("pk")


def fetch_column(population: Population, scope: Organization, column: Column,
                 rows: Sequence[RowSpec]) -> ColumnTallies:
    """Count every row of one table for one column: one to three aggregate queries."""
    by_kind: dict[str, list[RowSpec]] = {kind: [] for kind in IndicatorKind.values}
    for row in rows:
        by_kind[row.indicator.kind].append(row)
    tallies: dict[Hashable, Tally] = {}

    # 1. persons in the population on the date.
    person_rows = by_kind[IndicatorKind.PERSON]
    counts = indicators.members(population, scope, column.as_of).aggregate(
        total=Count("pk"),
        **{
            f"row_{index}": _conditional_count(
                indicators.person_condition_q(row.indicator, row.params, column.as_of)
            )
            for index, row in enumerate(person_rows)
        },
    )
    members = counts["total"]
    for index, row in enumerate(person_rows):
        tallies[row.key] = Tally(counts[f"row_{index}"], members)

    # 2. ratings of the window years.
    rating_rows = by_kind[IndicatorKind.RATING]
    if rating_rows:
        counts = indicators.window_ratings(population, scope, column.rating_years).aggregate(
            total=Count("pk"),
            **{
                f"row_{index}": _conditional_count(indicators.rating_condition_q(row.indicator))
                for index, row in enumerate(rating_rows)
            },
        )
        for index, row in enumerate(rating_rows):
            tallies[row.key] = Tally(counts[f"row_{index}"], counts["total"])

    # 3. units that exist on the date.
    unit_rows = by_kind[IndicatorKind.UNIT]
    if unit_rows:
        counts = indicators.units(population, scope, column.as_of).aggregate(
            total=Count("pk"),
            **{
                f"row_{index}": _conditional_count(
                    indicators.counted_unit_ids_q(row.indicator, row.params, population, scope, column.as_of)
                )
                for index, row in enumerate(unit_rows)
            },
        )
        for index, row in enumerate(unit_rows):
            tallies[row.key] = Tally(counts[f"row_{index}"], counts["total"])

    return ColumnTallies(members=members, rows=tallies)


# --- drill-down: what a figure counted --------------------------------------


@dataclass(frozen=True)
class CountedPerson:
    """A person behind a figure, with the positions that put them in scope on the date."""

    official: Official
    positions: list[PositionRecord]
    year: int | None = None
    rating: str | None = None
    rating_label: str | None = None


@dataclass(frozen=True)
class CountedUnit:
    """A unit behind a figure, with the persons of the population there who satisfy the condition."""

    organization: Organization
    persons: list[CountedPerson]


def _positions_on(scope: Organization, on: dt.date):
    return PositionRecord.objects.held_on(on).within(scope).select_related("title", "organization").order_by(
        "organization__path", "title__sort_order"
    )


def counted_persons(*, viewer, population: Population, scope: Organization, on: dt.date,
                    indicator: Indicator | None = None, params: dict | None = None) -> list[CountedPerson]:
    """Persons of the population on the date (the denominator), or those satisfying the indicator
    (the numerator), in Vietnamese name order, with their positions in scope on the date."""
    officials = indicators.members(population, scope, on)
    if indicator is not None:
        officials = officials.filter(indicators.person_condition_q(indicator, params or {}, on))
    officials = (
        officials.visible_to(viewer)
        .in_name_order()
        .prefetch_related(Prefetch("positions", queryset=_positions_on(scope, on), to_attr="positions_on_date"))
    )
    return [CountedPerson(official, official.positions_on_date) for official in officials]


def counted_ratings(*, viewer, population: Population, scope: Organization, years: Sequence[int],
                    indicator: Indicator | None = None) -> list[CountedPerson]:
    """Ratings of the window (the denominator) or those the indicator counts (the numerator): one
    entry per rating, with the positions held on 31 December of its year."""
    ratings = indicators.window_ratings(population, scope, years)
    if indicator is not None:
        ratings = ratings.filter(indicators.rating_condition_q(indicator))
    ratings = list(
        ratings.visible_to(viewer)
        .select_related("official")
        .order_by("official__name_sort_key", "official__code", "year")
    )
    held_at_year_end = Q()
    for year in sorted({rating.year for rating in ratings}):
        held_at_year_end |= Q(start_date__lte=indicators.year_end(year)) & (
            Q(end_date__isnull=True) | Q(end_date__gte=indicators.year_end(year))
        )
    positions = []
    if ratings:
        positions = list(
            PositionRecord.objects.within(scope)
            .filter(held_at_year_end, official_id__in={rating.official_id for rating in ratings})
            .select_related("title", "organization")
            .order_by("organization__path", "title__sort_order")
        )
    result = []
    for rating in ratings:
        end = indicators.year_end(rating.year)
        held = [
            position for position in positions
            if position.official_id == rating.official_id
            and position.start_date <= end and (position.end_date is None or position.end_date >= end)
        ]
        result.append(CountedPerson(rating.official, held, rating.year, rating.rating, rating.get_rating_display()))
    return result


def counted_units(*, viewer, population: Population, scope: Organization, on: dt.date,
                  indicator: Indicator | None = None, params: dict | None = None) -> list[CountedUnit]:
    """Units of the population's kind existing on the date (the denominator), or those where a person
    satisfies the indicator (the numerator), each with the persons who make it count."""
    units = indicators.units(population, scope, on).visible_to(viewer)
    condition = indicators.person_condition_q(indicator, params or {}, on) if indicator else Q()
    if indicator is not None:
        units = units.filter(indicators.counted_unit_ids_q(indicator, params or {}, population, scope, on))
    units = list(units.order_by("path"))
    officials = (
        indicators.members(population, scope, on)
        .filter(condition)
        .visible_to(viewer)
        .in_name_order()
        .prefetch_related(Prefetch(
            "positions",
            queryset=indicators.held_positions(population, scope, on).select_related("title", "organization"),
            to_attr="positions_on_date",
        ))
    )
    officials = list(officials) if units else []
    result = []
    for unit in units:
        persons = []
        for official in officials:
            held = [p for p in official.positions_on_date if p.organization.is_within(unit)]
            if held:
                persons.append(CountedPerson(official, held))
        result.append(CountedUnit(unit, persons))
    return result
