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
   row a filtered Count; the same statement counts the population on
   31 December of each window year (scalar subqueries), so that a rating
   figure can show how much of the population it rests on (coverage);
3. units (only when the table has unit rows): one aggregate over the units
   existing on the date; every unit row is a Count(pk, filter=pk IN (the
   units where a qualifying person holds a position)).

The base rows are officials, ratings and units themselves, each appearing
once, so no DISTINCT is needed and a person with several positions counts
once. The drill-down lists (persons counted) are built from the same
expressions in reports/indicators.py.

Building and compiling those expressions costs more Python time than a
district's database work, so each aggregate statement is compiled once per
shape and kept (`_statement`): the shape is what the SQL text and its
constant parameters depend on (the query kind, the population's titles and
unit kind, the scope, the rows' definitions, the number of rating years);
the column's date and years are left open as reports.bindings.Param and
filled in when the statement runs. The baseline and current columns of a
table share their person and unit statements, and a later report of the same
plan reuses all of them. The statement is the ORM's own compilation; it runs
through a Django cursor, counted and logged like any query.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Aggregate, Case, Count, DateField, IntegerField, Model, Prefetch, Q, QuerySet, Value, When

from cadre import figure_cache
from cadre.models import Evaluation, Official, Organization, OrganizationKind, Population, PositionRecord
from cadre.organization_order import in_tree_order
from cadre.scoping import scope_q, scope_roots_of_each, scope_roots_on
from planning.models import Indicator, IndicatorKind, Plan
from reports import bindings, conditions, indicators
from reports.bindings import Param

T = TypeVar("T")


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
class TableSpec:
    """A table to count: its population and its rows."""

    population: Population
    rows: tuple[RowSpec, ...]


@dataclass(frozen=True)
class Tally:
    """A numerator and its denominator, as counted."""

    count: int
    total: int


@dataclass(frozen=True)
class ColumnTallies:
    members: int
    rows: dict[Hashable, Tally]
    # Persons of the population on 31 December of each rating year, summed over the window: what the
    # ratings counted (a rating row's total) are compared with to show coverage. 0 without rating rows.
    rating_population: int = 0
    rating_years: tuple[int, ...] = ()
    # Persons in the populations some rows' multiples need (reports.conditions.PopulationShape: count).
    sizes: dict = field(default_factory=dict)


def load_organization(code: str) -> Organization:
    """The organization with this code (raises Organization.DoesNotExist)."""
    return Organization.objects.get(code=code)


def load_plan(code: str) -> Plan:
    """The plan with everything a report reads, prefetched (raises Plan.DoesNotExist)."""
    return Plan.objects.for_report().get(code=code)


def _conditional_count(condition: Q) -> Count:
    return Count("pk", filter=condition) if condition else Count("pk")


def _distinct_holders(condition: Q) -> Count:
    """On posts: how many persons hold one that satisfies the condition (each once)."""
    return Count("official_id", distinct=True, filter=condition) if condition else Count("official_id", distinct=True)


# --- compiled statements, kept per shape ---------------------------------------------------


@dataclass(frozen=True)
class _Statement:
    """An aggregate compiled once: its SQL and its parameters, some of them Params."""

    sql: str
    params: tuple


# A statement that compiles to nothing (the ORM proves it empty, e.g. no title in the population):
# like QuerySet.aggregate(), every count is 0 and no query runs.
_EMPTY = _Statement("", ())

_STATEMENTS: OrderedDict[Hashable, _Statement] = OrderedDict()
_STATEMENTS_LOCK = threading.Lock()
_STATEMENTS_KEPT = 256  # shapes (3 tables × 3 kinds × 2 window lengths is 18 for a plan)

# Tests set this: every statement found in the cache is compiled again and compared, so that a
# shape key missing something the expressions read shows up as a failure, not as wrong figures.
CHECK_CACHED_STATEMENTS = False


def clear_statements() -> None:
    with _STATEMENTS_LOCK:
        _STATEMENTS.clear()


def _compile(queryset: QuerySet, aggregates: Mapping[str, Aggregate], using: str) -> _Statement:
    """The statement `queryset.aggregate(**aggregates)` runs, compiled without running it.

    The same steps as Query.get_aggregation for a query without annotations, grouping, limits or
    DISTINCT (which members(), window_ratings() and units() never have): the aggregates become
    the only selected columns, without ordering or GROUP BY.
    """
    query = queryset.query.chain()
    if query.annotations or query.group_by or query.is_sliced or query.distinct or query.combinator:
        raise ValueError("Only a plain filtered queryset can be compiled as an aggregate here.")
    query.clear_ordering(force=True)
    query.default_cols = False
    query.select_related = False
    for alias, aggregate in aggregates.items():
        query.add_annotation(aggregate, alias)
    try:
        sql, params = query.get_compiler(using=using).as_sql()
    except EmptyResultSet:
        return _EMPTY
    return _Statement(sql, tuple(params))


def _compile_grouped(queryset: QuerySet, unit, aggregates: Mapping[str, Aggregate], using: str) -> _Statement:
    """The statement _grouped runs (the aggregates for each value of `unit`), compiled without running it."""
    query = (queryset.annotate(unit=unit).filter(unit__isnull=False).order_by().values("unit")
             .annotate(**aggregates).query)
    try:
        sql, params = query.get_compiler(using=using).as_sql()
    except EmptyResultSet:
        return _EMPTY
    return _Statement(sql, tuple(params))


def _statement(key: Hashable, using: str, build: Callable[[], tuple], grouped: bool = False) -> _Statement:
    """The compiled statement of this shape: kept from an earlier call, or built and compiled now
    (_compile, or _compile_grouped when `grouped`)."""
    key = (connections[using].vendor, using, *(("grouped",) if grouped else ()), *key)
    compile = _compile_grouped if grouped else _compile
    with _STATEMENTS_LOCK:
        statement = _STATEMENTS.get(key)
        if statement is not None:
            _STATEMENTS.move_to_end(key)
    if statement is not None and not CHECK_CACHED_STATEMENTS:
        return statement
    compiled = compile(*build(), using)
    if statement is not None:
        if (statement.sql, bindings.shape(statement.params)) != (compiled.sql, bindings.shape(compiled.params)):
            raise AssertionError(f"A kept statement differs from its new compilation; key {key!r}")
        return statement
    with _STATEMENTS_LOCK:
        _STATEMENTS[key] = compiled
        while len(_STATEMENTS) > _STATEMENTS_KEPT:
            _STATEMENTS.popitem(last=False)
    return compiled


def _aggregate(model: type[Model], key: Hashable, values: Mapping, aliases: Sequence[str],
               build: Callable[[], tuple[QuerySet, dict[str, Aggregate]]]) -> dict[str, int]:
    """Run the aggregate that `build` describes (with Params for `values`): {alias: count}."""
    using = router.db_for_read(model)
    statement = _statement(key, using, build)
    if statement is _EMPTY:
        return dict.fromkeys(aliases, 0)
    connection = connections[using]
    # The SQL is the ORM's compilation of `build`'s queryset (see _compile), not hand-written;
    # it is run as such so that compiling it is not repeated for every column and report.
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, bindings.bind(statement.params, values, connection))
        names = [column[0] for column in cursor.description]
        row = cursor.fetchone()
    counts = dict(zip(names, row))
    return {alias: int(counts[alias] or 0) for alias in aliases}


def _aggregate_by_unit(model: type[Model], key: Hashable, values: Mapping,
                       build: Callable[[], tuple[QuerySet, Case, dict[str, Aggregate]]]) -> dict[int, dict]:
    """Run the grouped aggregate that `build` describes (queryset, unit expression, aggregates; with Params
    for `values`), compiled once per shape like _aggregate's: {unit pk: {alias: count}}."""
    using = router.db_for_read(model)
    statement = _statement(key, using, build, grouped=True)
    if statement is _EMPTY:
        return {}
    connection = connections[using]
    # The SQL is the ORM's compilation of `build`'s grouped queryset (_compile_grouped), not hand-written.
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, bindings.bind(statement.params, values, connection))
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return {row["unit"]: row for row in rows}


def _population_key(population: Population) -> tuple:
    return (tuple(indicators.population_title_ids(population)), population.unit_kind)


def _scope_key(scope: Organization) -> tuple:
    return (scope.pk, scope.path, scope.parent_id)


def _roots_key(roots: Sequence[Organization]) -> tuple:
    """The statement key of a scope given as roots (scope_roots): their number and each root's key."""
    return (len(roots), *(_scope_key(root) for root in roots))


def _same_roots(first: Sequence[Organization], second: Sequence[Organization]) -> bool:
    return [root.pk for root in first] == [root.pk for root in second]


def _rows_key(rows: Sequence[RowSpec]) -> tuple:
    return tuple(indicators.definition_key(row.indicator, row.params) for row in rows)


# --- the figures, kept between requests ------------------------------------------------------


def _dates_used(tables: Sequence[TableSpec], columns: Sequence[Column]) -> list[dt.date]:
    """Every date a scope is taken on: the columns' dates, and 31 December of their rating years when
    a table counts ratings."""
    dates = {column.as_of for column in columns}
    if any(row.indicator.kind == IndicatorKind.RATING for table in tables for row in table.rows):
        dates.update(indicators.year_end(year) for column in columns for year in column.rating_years)
    return sorted(dates)


def _table_key(table: TableSpec) -> tuple:
    """What a table's figures depend on besides the data: its population, its rows' keys and definitions."""
    return (
        _population_key(table.population),
        tuple((row.key, indicators.definition_key(row.indicator, row.params)) for row in table.rows),
    )


def _every_root(roots_lists: Iterable[Sequence[Organization]]) -> list[Organization]:
    return list({root.pk: root for roots in roots_lists for root in roots}.values())


def _same(figures):
    return figures


def fetch_tables(tables: Sequence[TableSpec], scope: Organization, columns: Sequence[Column], *,
                 derive: Callable[[list[list[ColumnTallies]]], T] = _same, derive_key=(), keep: bool = True) -> T:
    """fetch_column for every table and column ([table][column]), kept between requests
    (cadre/figure_cache.py): one query for the data versions when kept.

    What is kept is `derive(figures)` (the report's computed tables: computing them from the figures
    costs more than reading them back), under a key that adds `derive_key`: everything `derive` reads
    besides the figures, as plain values. With `keep` False the figures are counted and nothing is read
    from or written to the cache (a plan that exists only in a transaction about to be rolled back).
    """
    if not keep:
        return derive([[fetch_column(table.population, scope, column, table.rows) for column in columns]
                       for table in tables])
    dates = _dates_used(tables, columns)
    roots_on = scope_roots_on(scope, dates)
    parts = (
        _scope_key(scope),
        tuple((on, _roots_key(roots_on[on])) for on in dates),
        tuple(_table_key(table) for table in tables),
        tuple(columns),
        derive_key,
    )
    return figure_cache.kept("report", parts, _every_root(roots_on.values()), lambda: derive([
        [fetch_column(table.population, scope, column, table.rows) for column in columns] for table in tables
    ]))


def fetch_tables_by_unit(tables: Sequence[TableSpec], scope: Organization, columns: Sequence[Column],
                         units: Sequence[Organization], *,
                         derive: Callable[[list[list[dict[int, ColumnTallies]]]], T] = _same, derive_key=()) -> T:
    """fetch_column_by_unit for every table and column ([table][column] → {unit pk: tallies}), kept
    between requests (cadre/figure_cache.py) as fetch_tables keeps its figures (`derive`, `derive_key`)."""
    return _kept_by_unit("comparison", scope, units, _dates_used(tables, columns),
                         (tuple(_table_key(table) for table in tables), tuple(columns), derive_key),
                         lambda: derive([
                             [fetch_column_by_unit(table.population, scope, column, table.rows, units)
                              for column in columns]
                             for table in tables
                         ]))


def _kept_by_unit(kind: str, scope: Organization, units: Sequence[Organization], dates, parts,
                  compute: Callable[[], T]) -> T:
    """compute(), kept under the scope's and the units' roots on the dates (cadre/figure_cache.py) and `parts`."""
    roots_of = scope_roots_of_each([scope, *units], dates)
    key = (
        _scope_key(scope),
        tuple(_scope_key(unit) for unit in units),
        tuple((pk, on, _roots_key(roots)) for (pk, on), roots in sorted(roots_of.items(), key=lambda item: item[0])),
        parts,
    )
    return figure_cache.kept(kind, key, _every_root(roots_of.values()), compute)


def kept_with_conditions(kind: str, scope: Organization, columns: Sequence[Column], units: Sequence[Organization],
                         parts, compute: Callable[[], T], *, keep: bool = True) -> T:
    """compute() — a report's (or, with `units`, a comparison's) tables of a plan whose rows use conditions —
    kept between requests like fetch_tables keeps the indicator rows' figures.

    `parts` must hold every value of the plan the computation reads (reports.services._computation_key: the
    rows' stored conditions, populations, multiples and comparisons are among their values) and what the
    codes of the conditions resolve to (condition_catalog_key). Everything a condition reads lies in the
    scope's subtree and is stamped there (cadre/data_versions.py: an official's data, qualifications,
    ratings, career events and planning entries; positions; organizations, their Nhóm and their moves), or
    is a catalog, which stamps everything. The dates are the columns' and the ends of their rating years.
    """
    if not keep:
        return compute()
    dates = sorted({column.as_of for column in columns}
                   | {indicators.year_end(year) for column in columns for year in column.rating_years})
    return _kept_by_unit(kind, scope, units, dates, (tuple(columns), parts), compute)


def condition_catalog_key() -> tuple:
    """What the codes of conditions and row populations resolve to besides the stamped catalogs: the titles
    of every population (an edit of a population's titles stamps nothing). One query."""
    return tuple(Population.titles.through.objects.order_by("population_id", "positiontitle_id")
                 .values_list("population__code", "positiontitle_id"))


# --- the figures -----------------------------------------------------------------------------


def fetch_column(population: Population, scope: Organization, column: Column,
                 rows: Sequence[RowSpec]) -> ColumnTallies:
    """Count every row of one table for one column: one to three aggregate queries.

    The scope is that of the organization on the column's date, and for each rating year on
    31 December of that year (cadre.scoping.scope_roots: its subtree, or its predecessors' before it
    was formed); two more queries when the organization did not exist on one of those dates.
    """
    by_kind: dict[str, list[RowSpec]] = {kind: [] for kind in IndicatorKind.values}
    for row in rows:
        by_kind[row.indicator.kind].append(row)
    tallies: dict[Hashable, Tally] = {}

    years = tuple(sorted(set(column.rating_years)))
    year_ends = [indicators.year_end(year) for year in years] if by_kind[IndicatorKind.RATING] else []
    roots_on = scope_roots_on(scope, [column.as_of, *year_ends])
    roots = roots_on[column.as_of]
    values = {"on": column.as_of, "years": years}
    # What the statements are compiled with in place of the date and the years (reports/bindings.py).
    on = Param("on", DateField(), lambda bound: bound["on"])
    window = [Param(f"year_{index}", IntegerField(), lambda bound, index=index: bound["years"][index])
              for index in range(len(years))]
    shape = (_population_key(population), _roots_key(roots))

    def aliases(kind_rows):
        return ["total", *(f"row_{index}" for index in range(len(kind_rows)))]

    # 1. persons in the population on the date.
    person_rows = by_kind[IndicatorKind.PERSON]
    counts = _aggregate(
        Official, ("persons", *shape, _rows_key(person_rows)), values, aliases(person_rows),
        lambda: (indicators.members(population, roots, on), {
            "total": Count("pk"),
            **{
                f"row_{index}": _conditional_count(indicators.person_condition_q(row.indicator, row.params, on))
                for index, row in enumerate(person_rows)
            },
        }),
    )
    members = counts["total"]
    for index, row in enumerate(person_rows):
        tallies[row.key] = Tally(counts[f"row_{index}"], members)

    # 2. ratings of the window years; in the same statement, the population on 31 December of each
    # window year (scalar subqueries), which the ratings' coverage is measured against.
    rating_rows = by_kind[IndicatorKind.RATING]
    rating_population = 0
    if rating_rows:
        populations = [f"population_{index}" for index in range(len(years))]
        year_roots = [roots_on[end] for end in year_ends]
        if all(_same_roots(year_roots[0], other) for other in year_roots[1:]):
            # One scope for the whole window (the common case: the organization existed throughout).
            window_roots = year_roots[0] if year_roots else roots
            rating_shape = (_population_key(population), _roots_key(window_roots))
            year_scopes = [window_roots] * len(years)

            def ratings_queryset():
                return indicators.window_ratings(population, window_roots, window)
        else:
            # The window straddles a restructuring: each year over its own scope on 31 December.
            rating_shape = (_population_key(population), "by_year", *(_roots_key(each) for each in year_roots))
            year_scopes = year_roots

            def ratings_queryset():
                return indicators.window_ratings_by_year(population, zip(window, year_roots))
        counts = _aggregate(
            Evaluation, ("ratings", *rating_shape, len(years), _rows_key(rating_rows)), values,
            [*aliases(rating_rows), *populations],
            lambda: (ratings_queryset(), {
                "total": Count("pk"),
                **{
                    f"row_{index}": _conditional_count(indicators.rating_condition_q(row.indicator))
                    for index, row in enumerate(rating_rows)
                },
                **{
                    f"population_{index}": indicators.population_count_at_year_end(
                        population, year_scopes[index], year)
                    for index, year in enumerate(window)
                },
            }),
        )
        for index, row in enumerate(rating_rows):
            tallies[row.key] = Tally(counts[f"row_{index}"], counts["total"])
        rating_population = sum(counts[alias] for alias in populations)

    # 3. units that exist on the date.
    unit_rows = by_kind[IndicatorKind.UNIT]
    if unit_rows:
        counts = _aggregate(
            Organization, ("units", *shape, _rows_key(unit_rows)), values, aliases(unit_rows),
            lambda: (indicators.units(population, roots, on), {
                "total": Count("pk"),
                **{
                    f"row_{index}": _conditional_count(
                        indicators.counted_unit_ids_q(row.indicator, row.params, population, roots, on)
                    )
                    for index, row in enumerate(unit_rows)
                },
            }),
        )
        for index, row in enumerate(unit_rows):
            tallies[row.key] = Tally(counts[f"row_{index}"], counts["total"])

    return ColumnTallies(members=members, rows=tallies, rating_population=rating_population, rating_years=years)


# --- the same figures for each unit below a scope (the comparison) ------------------------------


def _unit_of(units: Sequence[Organization], via: str, unit_roots: Mapping[int, Sequence[Organization]] | None = None,
             year_roots: Mapping[int, Mapping[int, Sequence[Organization]]] | None = None) -> Case:
    """The id of the unit (of `units`) whose scope holds the organization reached through `via`.

    A unit's scope is its subtree, or `unit_roots[unit pk]` (its scope on the column's date,
    cadre.scoping.scope_roots); with `year_roots` ({unit pk: {year: roots}}, on a rating), the scope on
    31 December of the rating's year when it differs between the years of the window.
    """
    cases = []
    for unit in units:
        by_year = (year_roots or {}).get(unit.pk)
        if by_year and len({tuple(root.pk for root in roots) for roots in by_year.values()}) > 1:
            cases.extend(When(Q(year=year) & scope_q(roots, via), then=Value(unit.pk))
                         for year, roots in by_year.items() if roots)
            continue
        if by_year:
            roots = next(iter(by_year.values()))
        else:
            roots = unit_roots[unit.pk] if unit_roots is not None else [unit]
        if roots:
            cases.append(When(scope_q(roots, via), then=Value(unit.pk)))
    return Case(*cases, default=Value(None), output_field=IntegerField())


def _grouped(queryset: QuerySet, unit: Case, aggregates: Mapping[str, Aggregate]) -> dict[int, dict]:
    rows = queryset.annotate(unit=unit).filter(unit__isnull=False).order_by().values("unit").annotate(**aggregates)
    return {row["unit"]: row for row in rows}


def _overlap(first: Sequence[Organization], second: Sequence[Organization]) -> bool:
    return any(a.is_within(b) or b.is_within(a) for a in first for b in second)


def _layers(units: Sequence[Organization], roots_of: Mapping[tuple, Sequence[Organization]],
            dates: Sequence[dt.date]) -> list[list[Organization]]:
    """The units in groups whose scopes do not overlap on any of the dates, in order: one group unless a
    split gave two units the same predecessor (each part counts all of it, so a row must be grouped
    under both: one grouped query per group)."""
    layers: list[list[Organization]] = []
    for unit in units:
        for layer in layers:
            if not any(_overlap(roots_of[(unit.pk, on)], roots_of[(other.pk, on)]) for other in layer for on in dates):
                layer.append(unit)
                break
        else:
            layers.append([unit])
    return layers


def fetch_column_by_unit(population: Population, scope: Organization, column: Column, rows: Sequence[RowSpec],
                         units: Sequence[Organization]) -> dict[int, ColumnTallies]:
    """fetch_column for each of `units` (organizations inside `scope`, none inside another) at once.

    The same one to three queries as fetch_column (and one more for the
    population the ratings are measured against), grouped by the unit that
    the position, the year-end position of a rating, or the counted unit lies
    in; so the number of queries does not grow with the number of units. A
    person is counted once in a unit however many titles they hold there, and
    in each unit where they hold one, exactly as in that unit's own report.

    Each unit's figures are over its own scope on the date (cadre.scoping.scope_roots: a unit formed
    after the date counts its predecessors'). Units formed by splitting one predecessor have
    overlapping scopes; they are counted in separate groups of the same queries (_layers), so the
    number of queries grows with the number of parts of a split, never with the data.
    """
    if not units:
        return {}
    years = tuple(sorted(set(column.rating_years)))
    has_ratings = any(row.indicator.kind == IndicatorKind.RATING for row in rows)
    year_ends = [indicators.year_end(year) for year in years] if has_ratings else []
    dates = [column.as_of, *year_ends]
    roots_of = scope_roots_of_each([scope, *units], dates)
    result: dict[int, ColumnTallies] = {}
    for layer in _layers(units, roots_of, dates):
        result.update(_fetch_layer(population, scope, column, rows, layer, roots_of, years))
    return {unit.pk: result[unit.pk] for unit in units}


def _fetch_layer(population: Population, scope: Organization, column: Column, rows: Sequence[RowSpec],
                 units: Sequence[Organization], roots_of: Mapping[tuple, Sequence[Organization]],
                 years: tuple[int, ...]) -> dict[int, ColumnTallies]:
    """fetch_column_by_unit for units whose scopes do not overlap."""
    by_kind: dict[str, list[RowSpec]] = {kind: [] for kind in IndicatorKind.values}
    for row in rows:
        by_kind[row.indicator.kind].append(row)
    on = column.as_of
    tallies: dict[int, dict[Hashable, Tally]] = {unit.pk: {} for unit in units}
    rating_population = dict.fromkeys((unit.pk for unit in units), 0)
    scope_roots = roots_of[(scope.pk, on)]
    unit_roots = {unit.pk: roots_of[(unit.pk, on)] for unit in units}

    # 1. persons: positions of the population held on the date, grouped by unit; each person once.
    # A qualification condition is looked up per person (per_person): only the scope's records are read.
    person_rows = by_kind[IndicatorKind.PERSON]
    persons = _grouped(indicators.held_positions(population, scope_roots, on),
                       _unit_of(units, "organization", unit_roots), {
        "total": Count("official_id", distinct=True),
        **{
            f"row_{index}": Count("official_id", distinct=True, filter=indicators.person_condition_q(
                row.indicator, row.params, on, via="official", per_person=True))
            for index, row in enumerate(person_rows)
        },
    })
    members = {unit.pk: persons.get(unit.pk, {}).get("total", 0) for unit in units}
    for index, row in enumerate(person_rows):
        for unit in units:
            tallies[unit.pk][row.key] = Tally(persons.get(unit.pk, {}).get(f"row_{index}", 0), members[unit.pk])

    # 2. ratings of the window years, grouped by the unit where the person held a title on 31 December
    # (each year over the unit's scope on 31 December of that year).
    rating_rows = by_kind[IndicatorKind.RATING]
    if rating_rows:
        year_roots = {
            unit.pk: {year: roots_of[(unit.pk, indicators.year_end(year))] for year in years} for unit in units
        }
        window_roots = sorted(
            {root.pk: root for year in years for root in roots_of[(scope.pk, indicators.year_end(year))]}.values(),
            key=lambda root: root.path,
        )
        ratings = _grouped(
            indicators.window_ratings_with_year_end_position(population, window_roots, years),
            _unit_of(units, "official__positions__organization", year_roots=year_roots),
            {
                "total": Count("pk", distinct=True),
                **{
                    f"row_{index}": Count("pk", distinct=True, filter=indicators.rating_condition_q(row.indicator))
                    for index, row in enumerate(rating_rows)
                },
            },
        )
        for index, row in enumerate(rating_rows):
            for unit in units:
                counts = ratings.get(unit.pk, {})
                tallies[unit.pk][row.key] = Tally(counts.get(f"row_{index}", 0), counts.get("total", 0))
        # The population on 31 December of each window year, grouped by the unit of the position held
        # then: what each unit's ratings are measured against (coverage). One more query; one per
        # year when a unit's scope changes inside the window.
        varies = any(
            len({tuple(root.pk for root in roots) for roots in year_roots[unit.pk].values()}) > 1 for unit in units
        )
        groups = [[year] for year in years] if varies else [list(years)]
        for group in groups:
            first = indicators.year_end(group[0]) if group else on
            held = _grouped(
                indicators.population_positions(population, window_roots),
                _unit_of(units, "organization", {unit.pk: roots_of[(unit.pk, first)] for unit in units}),
                {
                    f"population_{index}": Count("official_id", distinct=True,
                                                 filter=indicators.held_at_year_end_q(year))
                    for index, year in enumerate(group)
                },
            ) if group else {}
            for unit in units:
                counts = held.get(unit.pk, {})
                rating_population[unit.pk] += sum(counts.get(f"population_{index}", 0) for index in range(len(group)))

    # 3. units of the population's kind existing on the date, grouped by the unit they lie in.
    unit_rows = by_kind[IndicatorKind.UNIT]
    if unit_rows:
        counted = _grouped(indicators.units(population, scope_roots, on), _unit_of(units, "", unit_roots), {
            "total": Count("pk"),
            **{
                f"row_{index}": _conditional_count(
                    indicators.counted_unit_ids_q(row.indicator, row.params, population, scope_roots, on)
                )
                for index, row in enumerate(unit_rows)
            },
        })
        for index, row in enumerate(unit_rows):
            for unit in units:
                counts = counted.get(unit.pk, {})
                tallies[unit.pk][row.key] = Tally(counts.get(f"row_{index}", 0), counts.get("total", 0))

    return {unit.pk: ColumnTallies(members=members[unit.pk], rows=tallies[unit.pk],
                                   rating_population=rating_population[unit.pk],
                                   rating_years=years) for unit in units}


def comparison_units(scope: Organization, on: dt.date) -> list[Organization]:
    """The organizations directly below the scope that existed on the date, party cells left out
    (a province's districts and agencies; a district's communes and agencies): units before agencies, each in
    Vietnamese alphabetical order (cadre.organization_order)."""
    return in_tree_order(
        Organization.objects.filter(parent=scope).existing_on(on).exclude(kind=OrganizationKind.CELL)
    )


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


def _window_ratings(population: Population, scope: Organization, years: Sequence[int]):
    """The ratings fetch_column counts for the window: each year's over the scope on 31 December of that
    year; with {year: roots}."""
    years = sorted(set(years))
    roots_on = scope_roots_on(scope, [indicators.year_end(year) for year in years])
    year_roots = {year: roots_on[indicators.year_end(year)] for year in years}
    scopes = list(year_roots.values())
    if all(_same_roots(scopes[0], other) for other in scopes[1:]):
        return indicators.window_ratings(population, scopes[0] if scopes else [scope], years), year_roots
    return indicators.window_ratings_by_year(population, year_roots.items()), year_roots


def counted_persons(*, viewer, population: Population, scope: Organization, on: dt.date,
                    indicator: Indicator | None = None, params: dict | None = None) -> list[CountedPerson]:
    """Persons of the population on the date (the denominator), or those satisfying the indicator
    (the numerator), in Vietnamese name order, with their positions in scope on the date (the scope
    of the organization on that date, cadre.scoping.scope_roots)."""
    scope = scope_roots_on(scope, [on])[on]
    officials = indicators.members(population, scope, on)
    if indicator is not None:
        officials = officials.filter(indicators.person_condition_q(indicator, params or {}, on))
    officials = (
        officials.visible_on(viewer, [on])
        .in_name_order()
        .prefetch_related(Prefetch("positions", queryset=_positions_on(scope, on), to_attr="positions_on_date"))
    )
    return [CountedPerson(official, official.positions_on_date) for official in officials]


def counted_ratings(*, viewer, population: Population, scope: Organization, years: Sequence[int],
                    indicator: Indicator | None = None) -> list[CountedPerson]:
    """Ratings of the window (the denominator) or those the indicator counts (the numerator): one
    entry per rating, with the positions held on 31 December of its year (each year over the scope
    on 31 December of that year)."""
    ratings, year_roots = _window_ratings(population, scope, years)
    if indicator is not None:
        ratings = ratings.filter(indicators.rating_condition_q(indicator))
    ratings = list(
        ratings.visible_on(viewer, [indicators.year_end(year) for year in years])
        .select_related("official")
        .order_by("official__name_sort_key", "official__code", "year")
    )
    held_at_year_end = Q()
    for year in sorted({rating.year for rating in ratings}):
        held_at_year_end |= Q(start_date__lte=indicators.year_end(year)) & (
            Q(end_date__isnull=True) | Q(end_date__gte=indicators.year_end(year))
        )
    positions = []
    every_root = {root.pk: root for roots in year_roots.values() for root in roots}
    if ratings and every_root:
        positions = list(
            PositionRecord.objects.within(sorted(every_root.values(), key=lambda root: root.path))
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
            and any(position.organization.is_within(root) for root in year_roots[rating.year])
            and position.start_date <= end and (position.end_date is None or position.end_date >= end)
        ]
        result.append(CountedPerson(rating.official, held, rating.year, rating.rating, rating.get_rating_display()))
    return result


def counted_units(*, viewer, population: Population, scope: Organization, on: dt.date,
                  indicator: Indicator | None = None, params: dict | None = None) -> list[CountedUnit]:
    """Units of the population's kind existing on the date (the denominator), or those where a person
    satisfies the indicator (the numerator), each with the persons who make it count (over the scope of
    the organization on the date, cadre.scoping.scope_roots)."""
    scope = scope_roots_on(scope, [on])[on]
    units = indicators.units(population, scope, on).visible_on(viewer, [on])
    condition = indicators.person_condition_q(indicator, params or {}, on) if indicator else Q()
    if indicator is not None:
        units = units.filter(indicators.counted_unit_ids_q(indicator, params or {}, population, scope, on))
    units = list(units.order_by("path"))
    officials = (
        indicators.members(population, scope, on)
        .filter(condition)
        .visible_on(viewer, [on])
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


# --- the default rating year: the latest one enough of the population was rated in -------------

# How many years back from the latest possible one the default rating year is looked for.
RATING_YEARS_SEARCHED = 10


@dataclass(frozen=True)
class RatingYearChoice:
    """The rating year a report uses when none is asked for, and why.

    `covered`: at least `minimum` of the population on 31 December of `year` was rated for `year`;
    otherwise no year of the searched ones was, and `year` is the year before the as-of year.
    """

    year: int
    minimum: Fraction
    covered: bool


def rated_share_by_year(populations: Sequence[Population], scope: Organization,
                        years: Sequence[int]) -> dict[int, Tally]:
    """For each year with ratings: Tally(persons rated for the year, persons in any of the populations
    on 31 December of the year), the persons being those holding one of the populations' titles in
    the scope. Two queries whatever the number of persons: the ratings grouped by year, then one
    aggregate with a filtered count per year that has ratings; kept between requests
    (cadre/figure_cache.py: one query for the data versions when kept)."""
    title_ids = sorted({pk for population in populations for pk in indicators.population_title_ids(population)})
    if not title_ids or not years:
        return {}
    # Each year over the scope on 31 December of that year (cadre.scoping.scope_roots).
    years = sorted(set(years))
    roots_on = scope_roots_on(scope, [indicators.year_end(year) for year in years])
    parts = (
        _scope_key(scope), tuple(title_ids), tuple(years),
        tuple((on, _roots_key(roots)) for on, roots in sorted(roots_on.items())),
    )
    return figure_cache.kept("rated-share", parts, _every_root(roots_on.values()),
                             lambda: _rated_share_by_year(title_ids, years, roots_on))


def _rated_share_by_year(title_ids: list[int], years: list[int],
                         roots_on: Mapping[dt.date, Sequence[Organization]]) -> dict[int, Tally]:
    year_roots = {year: roots_on[indicators.year_end(year)] for year in years}
    scopes = list(year_roots.values())
    if all(_same_roots(scopes[0], other) for other in scopes[1:]):
        rated_q = indicators.rated_holder_q(title_ids, scopes[0], years)
    else:
        rated_q = Q()
        for year, roots in year_roots.items():
            rated_q |= indicators.rated_holder_q(title_ids, roots, [year])
    rated = dict(
        Evaluation.objects.filter(rated_q)
        .order_by().values_list("year").annotate(count=Count("pk"))
    )
    if not rated:
        return {}
    every_root = sorted({root.pk: root for roots in scopes for root in roots}.values(), key=lambda root: root.path)
    ever_held = PositionRecord.objects.within(every_root).filter(title_id__in=title_ids).values("official_id")
    persons = Official.objects.filter(pk__in=ever_held).aggregate(**{
        f"year_{year}": Count("pk", filter=indicators.holders_at_year_end_q(title_ids, year_roots[year], year))
        for year in rated
    })
    return {year: Tally(count, persons[f"year_{year}"] or 0) for year, count in sorted(rated.items())}


def default_rating_year(plan: Plan, scope: Organization, as_of: dt.date, today: dt.date,
                        minimum: Fraction) -> RatingYearChoice:
    """The latest year before the as-of year (and not after this year) for which at least `minimum` of
    the population of the plan's rating tables in the scope was rated (among the RATING_YEARS_SEARCHED
    latest such years); the year before the as-of year when there is none, or when the plan counts
    no ratings (no query then). A year's ratings are entered after it ends, so the as-of year itself
    is never the default (tests/reports/test_sample_tan_hong.py: default years give the year before)."""
    fallback = RatingYearChoice(as_of.year - 1, minimum, covered=False)
    populations = [
        table.population for table in plan.tables.all()
        if table.population_id is not None  # a population object takes no rating rows (planning/plan_file.py)
        and any(row.indicator is not None and row.indicator.kind == IndicatorKind.RATING for row in table.rows.all())
    ]
    if not populations:
        return fallback
    latest = min(as_of.year - 1, today.year)
    shares = rated_share_by_year(populations, scope, range(latest - RATING_YEARS_SEARCHED + 1, latest + 1))
    for year in sorted(shares, reverse=True):
        tally = shares[year]
        if tally.total and tally.count >= minimum * tally.total:
            return RatingYearChoice(year, minimum, covered=True)
    return fallback


# --- rows with conditions (reports/conditions.py) ----------------------------------------------


def fetch_condition_column(scope: Organization, column: Column, rows: Sequence[conditions.ConditionRow],
                           sizes: Sequence[conditions.PopulationShape] = ()
                           ) -> tuple[dict[Hashable, Tally], dict[conditions.PopulationShape, int]]:
    """Count rows with conditions for one column: one aggregate per population shape of the person rows
    (and of `sizes`, the populations whose size a row's multiple needs), and one per population shape
    of the unit rows; the number of officials changes none of them.

    Returns ({row key: Tally}, {shape: persons in it on the date}). The scope is the organization's
    on the column's date (cadre.scoping.scope_roots).
    """
    roots = scope_roots_on(scope, [column.as_of])[column.as_of]
    values = {"on": column.as_of, "years": ()}
    on = Param("on", DateField(), lambda bound: bound["on"])
    person_groups: dict[conditions.PopulationShape, list] = {shape: [] for shape in sizes}
    unit_groups: dict[conditions.PopulationShape, list] = {}
    for row in rows:
        (unit_groups if row.unit else person_groups).setdefault(row.shape, []).append(row)
    tallies: dict[Hashable, Tally] = {}
    population_sizes: dict[conditions.PopulationShape, int] = {}

    def aliases(group):
        return ["total", *(f"row_{index}" for index in range(len(group)))]

    for shape, group in person_groups.items():
        counts = _aggregate(
            Official, ("condition_persons", shape.key, _roots_key(roots), tuple(row.definition_key for row in group)),
            values, aliases(group),
            lambda shape=shape, group=group: (conditions.members(shape, roots, on), {
                "total": Count("pk"),
                **{f"row_{index}": _conditional_count(row.counted_persons_q(on, roots))
                   for index, row in enumerate(group)},
            }),
        )
        population_sizes[shape] = counts["total"]
        for index, row in enumerate(group):
            tallies[row.key] = Tally(counts[f"row_{index}"], counts["total"])
    for shape, group in unit_groups.items():
        counts = _aggregate(
            Organization, ("condition_units", shape.key, _roots_key(roots), tuple(row.definition_key for row in group)),
            values, aliases(group),
            lambda shape=shape, group=group: (conditions.units(shape, roots, on), {
                "total": Count("pk"),
                **{f"row_{index}": _conditional_count(row.counted_units_q(on, roots))
                   for index, row in enumerate(group)},
            }),
        )
        for index, row in enumerate(group):
            tallies[row.key] = Tally(counts[f"row_{index}"], counts["total"])
    return tallies, population_sizes


def fetch_condition_column_by_unit(scope: Organization, column: Column, rows: Sequence[conditions.ConditionRow],
                                   units: Sequence[Organization], sizes: Sequence[conditions.PopulationShape] = ()
                                   ) -> dict[int, tuple[dict[Hashable, Tally], dict[conditions.PopulationShape, int]]]:
    """fetch_condition_column for each of `units` (organizations inside `scope`, none inside another) at once:
    {unit pk: ({row key: Tally}, {shape: persons})}, exactly the unit's own figures.

    The same statements as fetch_condition_column, grouped by unit as fetch_column_by_unit groups the
    indicator rows: per population shape of the person rows (and of `sizes`), one aggregate over the
    population's posts on the date grouped by the unit the post lies in, each person counted once per
    unit (COUNT(DISTINCT official)); per population shape of the unit rows, one over the units of the
    kind grouped by the unit they lie in. A condition that means "in the report's scope" (holds at
    scope) is judged in the scope of the post's unit (reports.conditions.Grouping); `same_unit`,
    hometowns and planned populations are judged on the post as in a report. So the number of queries
    does not grow with the number of units or officials; units formed by splitting one predecessor are
    counted in separate groups of the same statements (_layers).
    """
    if not units:
        return {}
    roots_of = scope_roots_of_each([scope, *units], [column.as_of])
    result = {}
    for layer in _layers(units, roots_of, [column.as_of]):
        result.update(_fetch_condition_layer(scope, column, rows, layer, roots_of, sizes))
    return {unit.pk: result[unit.pk] for unit in units}


def _fetch_condition_layer(scope: Organization, column: Column, rows: Sequence[conditions.ConditionRow],
                           units: Sequence[Organization], roots_of: Mapping[tuple, Sequence[Organization]],
                           sizes: Sequence[conditions.PopulationShape]) -> dict[int, tuple[dict, dict]]:
    """fetch_condition_column_by_unit for units whose scopes do not overlap. Each statement is compiled once
    per shape (_statement: the population, the scope's and each unit's roots, the rows' definitions) with
    the date left open, as fetch_condition_column's: the baseline and current columns share them."""
    scope_roots = roots_of[(scope.pk, column.as_of)]
    unit_roots = {unit.pk: roots_of[(unit.pk, column.as_of)] for unit in units}
    values = {"on": column.as_of, "years": ()}
    on = Param("on", DateField(), lambda bound: bound["on"])
    grouping = conditions.Grouping(lambda via: _unit_of(units, via, unit_roots))
    units_key = (_roots_key(scope_roots), tuple((unit.pk, _roots_key(unit_roots[unit.pk])) for unit in units))
    person_groups: dict[conditions.PopulationShape, list] = {shape: [] for shape in sizes}
    unit_groups: dict[conditions.PopulationShape, list] = {}
    for row in rows:
        (unit_groups if row.unit else person_groups).setdefault(row.shape, []).append(row)
    tallies: dict[int, dict[Hashable, Tally]] = {unit.pk: {} for unit in units}
    population_sizes: dict[int, dict[conditions.PopulationShape, int]] = {unit.pk: {} for unit in units}

    for shape, group in person_groups.items():
        # The posts carry their unit's path when a row's condition is judged at the unit of the post.
        with_unit = any(conditions.mentions_same_unit(row.condition) for row in group)
        counts = _aggregate_by_unit(
            PositionRecord,
            ("condition_persons_by_unit", shape.key, *units_key, with_unit, tuple(row.definition_key for row in group)),
            values,
            lambda shape=shape, group=group, with_unit=with_unit: (
                conditions.posts(shape, scope_roots, on, with_unit=with_unit), grouping.unit_of("organization"), {
                    "total": _distinct_holders(Q()),
                    **{f"row_{index}": _distinct_holders(row.counted_post_q(on, scope_roots, grouping))
                       for index, row in enumerate(group)},
                }),
        )
        for unit in units:
            found = counts.get(unit.pk, {})
            population_sizes[unit.pk][shape] = int(found.get("total") or 0)
            for index, row in enumerate(group):
                tallies[unit.pk][row.key] = Tally(int(found.get(f"row_{index}") or 0), int(found.get("total") or 0))
    for shape, group in unit_groups.items():
        counts = _aggregate_by_unit(
            Organization,
            ("condition_units_by_unit", shape.key, *units_key, tuple(row.definition_key for row in group)),
            values,
            lambda shape=shape, group=group: (
                conditions.units(shape, scope_roots, on), _unit_of(units, "", unit_roots), {
                    "total": Count("pk"),
                    **{f"row_{index}": _conditional_count(row.counted_units_q(on, scope_roots, grouping))
                       for index, row in enumerate(group)},
                }),
        )
        for unit in units:
            found = counts.get(unit.pk, {})
            for index, row in enumerate(group):
                tallies[unit.pk][row.key] = Tally(int(found.get(f"row_{index}") or 0), int(found.get("total") or 0))
    return {unit.pk: (tallies[unit.pk], population_sizes[unit.pk]) for unit in units}


def counted_condition_persons(*, viewer, row: conditions.ConditionRow, scope: Organization, on: dt.date,
                              numerator: bool) -> list[CountedPerson]:
    """The persons behind a figure of a person row with conditions: the row's population on the date (the
    denominator) or those it counts (the numerator), from the expressions fetch_condition_column counts
    with, in Vietnamese name order, with their positions in scope on the date."""
    roots = scope_roots_on(scope, [on])[on]
    officials = conditions.members(row.shape, roots, on)
    if numerator:
        officials = officials.filter(row.counted_persons_q(on, roots))
    officials = (
        officials.visible_on(viewer, [on])
        .in_name_order()
        .prefetch_related(Prefetch("positions", queryset=_positions_on(roots, on), to_attr="positions_on_date"))
    )
    return [CountedPerson(official, official.positions_on_date) for official in officials]


def counted_condition_units(*, viewer, row: conditions.ConditionRow, scope: Organization, on: dt.date,
                            numerator: bool) -> list[CountedUnit]:
    """The units behind a figure of a unit row with conditions (all units of the kind existing on the date,
    or those counted), each with the persons whose posts there satisfy the row (all population posts
    there, for the denominator)."""
    roots = scope_roots_on(scope, [on])[on]
    units = conditions.units(row.shape, roots, on).visible_on(viewer, [on])
    if numerator:
        units = units.filter(row.counted_units_q(on, roots))
    units = list(units.order_by("path"))
    if not units:
        return []
    posts = row.counted_posts(on, roots) if numerator else conditions.posts(row.shape, roots, on)
    officials = (
        Official.objects.filter(pk__in=posts.values("official_id"))
        .visible_on(viewer, [on])
        .in_name_order()
        .prefetch_related(Prefetch("positions", queryset=_positions_on(roots, on), to_attr="positions_on_date"))
    )
    counted_posts = list(posts.values_list("official_id", "organization__path"))
    result = []
    officials = list(officials)
    for unit in units:
        inside = {official_id for official_id, path in counted_posts if path.startswith(unit.path)}
        persons = [
            CountedPerson(official, [p for p in official.positions_on_date if p.organization.is_within(unit)])
            for official in officials if official.pk in inside
        ]
        result.append(CountedUnit(unit, persons))
    return result
