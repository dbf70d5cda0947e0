"""The one service call a report page, a download or the command line makes.

report_build fetches the figures (reports/fetch.py), then computes
percents, comparisons and status (reports/computation.py) into the plain
structure of reports/structure.py. Exporters only render that structure.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cadre.committees import number_suffix, short_name
from cadre.models import Organization
from planning.models import Plan, PlanRow, PlanTable
from reports import computation, conditions
from reports.fetch import (
    Column,
    ColumnTallies,
    CountedPerson,
    CountedUnit,
    RowSpec,
    TableSpec,
    counted_persons,
    counted_ratings,
    comparison_units,
    counted_condition_persons,
    counted_condition_units,
    counted_units,
    fetch_column,
    fetch_column_by_unit,
    fetch_condition_column,
    fetch_condition_column_by_unit,
    condition_catalog_key,
    fetch_tables,
    fetch_tables_by_unit,
    kept_with_conditions,
)
from planning.models import IndicatorKind
from reports.parameters import ReportRequest, plan_target_years, rating_coverage_minimum  # noqa: F401 (re-exported)
from reports.structure import (
    TOTAL_INDICATOR,
    TOTAL_LABEL,
    TOTAL_ROW_KEY,
    Comparison,
    Coverage,
    Report,
    ReportRow,
    ReportTable,
    TargetBounds,
)


def row_target(row: PlanRow, year: int | None) -> TargetBounds | None:
    for target in row.targets.all():
        if target.year == year:
            return TargetBounds(value=target.value, min=target.min_value, max=target.max_value)
    return None


def report_for_target_year(report: Report, plan: Plan, year: int) -> Report:
    """The same figures against the plan's targets of another year (seed 002's "Định hướng đến năm 2030"):
    pure, from the plan's prefetched rows (Plan.objects.for_report()); no query."""
    plan_rows = {str(row.pk): row for table in plan.tables.all() for row in table.rows.all()}
    tables = []
    for table in report.tables:
        rows = []
        for row in table.rows:
            plan_row = plan_rows.get(row.key)
            if plan_row is None:  # the total row has no target
                rows.append(row)
                continue
            target = row_target(plan_row, year)
            rows.append(replace(
                row, target=target, vs_target=computation.vs_target(row.current.percent, target),
                status=computation.status(row.current.percent, target),
            ))
        tables.append(replace(table, rows=tuple(rows)))
    return replace(report, target_year=year, tables=tuple(tables))


def report_build(*, organization: Organization, plan: Plan, as_of: dt.date, rating_years: Sequence[int],
                 baseline: dt.date, baseline_rating_years: Sequence[int], target_year: int | None,
                 keep: bool = True) -> Report:
    """Compute every table of the plan for the organization's subtree, baseline and current columns.

    `plan` must come from Plan.objects.for_report() (reports.fetch.load_plan). With `keep` False the
    figures are neither read from nor kept in the figure cache (cadre/figure_cache.py): the plan editor's
    preview computes a draft plan written in a transaction it then rolls back.
    """
    current_column = Column(as_of, tuple(sorted(rating_years)))
    baseline_column = Column(baseline, tuple(sorted(baseline_rating_years)))
    minimum = rating_coverage_minimum()
    plan_tables = list(plan.tables.all())
    if _uses_conditions(plan_tables):
        # Rows with conditions (reports/conditions.py): the computed tables are kept whole, under the plan's
        # stored values and what its codes resolve to (reports.fetch.kept_with_conditions).
        def count() -> tuple:
            catalog = conditions.ReportCatalog()
            return tuple(
                _build_table(table, organization, baseline_column, current_column, target_year, minimum, catalog)
                for table in plan_tables
            )

        tables = kept_with_conditions(
            "report-conditions", organization, [baseline_column, current_column], [],
            (_computation_key(plan_tables, target_year, minimum), condition_catalog_key()) if keep else (),
            count, keep=keep,
        )
    else:
        # Kept between requests with the figures they are computed from (reports.fetch.fetch_tables).
        tables = fetch_tables(
            [_table_spec(table) for table in plan_tables], organization, [baseline_column, current_column],
            derive=lambda figures: tuple(
                _table_of(table, before, now, target_year, minimum)
                for table, (before, now) in zip(plan_tables, figures)
            ),
            derive_key=_computation_key(plan_tables, target_year, minimum), keep=keep,
        )
    return Report(
        organization=organization.code,
        organization_name=organization.name,
        plan=plan.code,
        plan_title=plan.title,
        as_of=as_of,
        rating_years=current_column.rating_years,
        baseline_as_of=baseline,
        baseline_rating_years=baseline_column.rating_years,
        target_year=target_year,
        tables=tables,
        **_issuer_fields(organization),
    )


def _issuer_fields(organization) -> dict:
    """How the organization signs a report ("Đảng ủy xã Mường So", "-BC/ĐU"): its name and kind, no query."""
    return {"issuer_name": short_name(organization), "number_suffix": number_suffix(organization)}


def _values(instance) -> tuple:
    """Every stored value of a row: a definition changed in any way changes the key it is part of."""
    return tuple(field.value_from_object(instance) for field in instance._meta.concrete_fields)


def _computation_key(plan_tables: Sequence[PlanTable], target_year: int | None, minimum) -> tuple:
    """What _table_of reads besides the figures: the tables, their populations, rows, indicators and
    targets (from the prefetched plan, no query), the target year and the coverage minimum."""
    return (target_year, minimum, tuple(
        (_values(table), _values(table.population) if table.population_id is not None else None, tuple(
            (_values(row), _values(row.indicator) if row.indicator_id is not None else None,
             tuple(_values(target) for target in row.targets.all()))
            for row in table.rows.all()
        ))
        for table in plan_tables
    ))


def _table_spec(table: PlanTable) -> TableSpec:
    return TableSpec(table.population, tuple(
        RowSpec(row.pk, row.indicator, row.indicator.parameters(row.params)) for row in table.rows.all()
    ))


def _uses_conditions(plan_tables: Sequence[PlanTable]) -> bool:
    """Whether a row of the plan uses conditions or a multiple, or a table's population is an object
    (data contract, "Conditions in plan rows")."""
    return any(conditions.uses_conditions(row, table) or row.multiple_of is not None
               for table in plan_tables for row in table.rows.all()) or any(
        table.population_id is None for table in plan_tables)


def _row_specs(table: PlanTable) -> list[RowSpec]:
    """The rows counted by the indicators alone (rows with conditions: _condition_rows)."""
    return [RowSpec(row.pk, row.indicator, row.indicator.parameters(row.params))
            for row in table.rows.all() if not conditions.uses_conditions(row, table)]


def _condition_rows(table: PlanTable, catalog) -> list[conditions.ConditionRow]:
    return [conditions.condition_row(row, table, catalog)
            for row in table.rows.all() if conditions.uses_conditions(row, table)]


def _multiple_shapes(table: PlanTable, catalog) -> list[tuple[PlanRow, object, object]]:
    """(row, its population's shape, the other population's shape) for each row with `multiple_of`."""
    return [
        (row, conditions.shape_of(row.population, table, catalog), conditions.shape_of(row.multiple_of, table, catalog))
        for row in table.rows.all() if row.multiple_of is not None
    ]


@dataclass(frozen=True)
class _ConditionPart:
    """What a table's rows with conditions need counted for one column: the rows, the populations whose
    size is needed (multiples; the table's own when it is an object: its "Tổng số"), the table's shape."""

    rows: list
    sizes: list
    own: object  # None: nothing to count (a table over a catalog population without such rows)

    @property
    def empty(self) -> bool:
        return self.own is None


def _condition_part(table: PlanTable, catalog, with_sizes: bool) -> _ConditionPart:
    rows = _condition_rows(table, catalog)
    multiples = _multiple_shapes(table, catalog) if with_sizes else []
    if not rows and not multiples and table.population_id is not None:
        return _ConditionPart([], [], None)
    own = conditions.table_shape(table, catalog)
    sizes = {shape for _, *shapes in multiples for shape in shapes}
    if table.population_id is not None:
        sizes.discard(own)  # the indicator statements count it (ColumnTallies.members)
    else:
        sizes.add(own)
    return _ConditionPart(rows, sorted(sizes, key=repr), own)


def _merged(table: PlanTable, tallies: ColumnTallies, part: _ConditionPart, counted: dict,
            population_sizes: dict) -> ColumnTallies:
    """The indicator rows' tallies with the rows with conditions; a table whose population is an object
    has no indicator statements: its total is its population's size."""
    if part.empty:
        return tallies
    if table.population_id is not None:
        population_sizes[part.own] = tallies.members
    return replace(tallies, members=population_sizes[part.own], rows={**tallies.rows, **counted},
                   sizes=population_sizes)


def _with_conditions(table: PlanTable, scope: Organization, column: Column, tallies: ColumnTallies, catalog,
                     with_sizes: bool = False) -> ColumnTallies:
    """The column's tallies with the rows that use conditions counted too (reports/fetch.py,
    fetch_condition_column), and, when asked, the population sizes the rows' multiples need."""
    part = _condition_part(table, catalog, with_sizes)
    if part.empty:
        return tallies
    counted, population_sizes = fetch_condition_column(scope, column, part.rows, part.sizes)
    return _merged(table, tallies, part, counted, population_sizes)


def _with_conditions_by_unit(table: PlanTable, scope: Organization, column: Column,
                             tallies: dict[int, ColumnTallies], units: Sequence[Organization], catalog,
                             with_sizes: bool = False) -> dict[int, ColumnTallies]:
    """_with_conditions for each of the comparison's units at once: the rows with conditions counted by
    statements grouped by unit (reports/fetch.py, fetch_condition_column_by_unit)."""
    part = _condition_part(table, catalog, with_sizes)
    if part.empty:
        return tallies
    counted = fetch_condition_column_by_unit(scope, column, part.rows, units, part.sizes)
    return {unit.pk: _merged(table, tallies[unit.pk], part, *counted[unit.pk]) for unit in units}


def _indicator_column(table: PlanTable, scope: Organization, column: Column, specs) -> ColumnTallies:
    """The indicator rows of a table whose population is a catalog code (fetch_column); nothing for a table
    whose population is an object (all its rows are counted as rows with conditions)."""
    if table.population_id is None:
        return ColumnTallies(members=0, rows={})
    return fetch_column(table.population, scope, column, specs)


def _indicator_column_by_unit(table: PlanTable, scope: Organization, column: Column, specs,
                              units: Sequence[Organization]) -> dict[int, ColumnTallies]:
    if table.population_id is None:
        return {unit.pk: ColumnTallies(members=0, rows={}) for unit in units}
    return fetch_column_by_unit(table.population, scope, column, specs, units)


def _build_table(table: PlanTable, scope: Organization, baseline_column: Column, current_column: Column,
                 target_year: int | None, minimum, catalog=None) -> ReportTable:
    catalog = catalog or conditions.ReportCatalog()
    specs = _row_specs(table)
    baseline = _with_conditions(table, scope, baseline_column,
                                _indicator_column(table, scope, baseline_column, specs), catalog)
    current = _with_conditions(table, scope, current_column,
                               _indicator_column(table, scope, current_column, specs), catalog, with_sizes=True)
    return _table_of(table, baseline, current, target_year, minimum, catalog)


def _figure(tally, column: ColumnTallies, kind: str, minimum):
    """A row's figure; a rating figure with its coverage (ratings counted / population of the years)."""
    figure = computation.figure(tally.count, tally.total)
    if kind != IndicatorKind.RATING:
        return figure
    return replace(figure, coverage=Coverage(rated=tally.total, population=column.rating_population, minimum=minimum,
                                             years=column.rating_years))


def _row_kind(row: PlanRow) -> str:
    if row.unit:
        return IndicatorKind.UNIT
    return row.indicator.kind if row.indicator is not None else IndicatorKind.PERSON


def _table_of(table: PlanTable, baseline: ColumnTallies, current: ColumnTallies,
              target_year: int | None, minimum, catalog=None) -> ReportTable:
    """The table's rows computed from its fetched tallies (no query)."""
    plan_rows = list(table.rows.all())
    total_baseline = computation.figure(baseline.members, baseline.members)
    total_current = computation.figure(current.members, current.members)
    rows = [ReportRow(
        key=TOTAL_ROW_KEY, number="", label=TOTAL_LABEL, indicator=TOTAL_INDICATOR, kind=IndicatorKind.PERSON,
        depth=0, baseline=total_baseline, current=total_current,
        target=None, vs_target=None, vs_baseline=None, status=None,
    )]
    depths = _depths(plan_rows)
    number = 0
    for row in plan_rows:
        depth = depths[row.pk]
        if depth == 0:
            number += 1
        before = baseline.rows[row.pk]
        now = current.rows[row.pk]
        kind = _row_kind(row)
        baseline_figure = _figure(before, baseline, kind, minimum)
        current_figure = _figure(now, current, kind, minimum)
        target = row_target(row, target_year)
        multiple = None
        if row.multiple_of is not None:
            catalog = catalog or conditions.ReportCatalog()
            own = conditions.shape_of(row.population, table, catalog)
            other = conditions.shape_of(row.multiple_of, table, catalog)
            multiple = computation.multiple(current.sizes.get(own, 0), current.sizes.get(other, 0))
        rows.append(ReportRow(
            key=str(row.pk),
            number=str(number) if depth == 0 else "",
            label=row.label,
            indicator=row.indicator.code if row.indicator is not None else None,
            kind=kind,
            depth=depth,
            baseline=baseline_figure,
            current=current_figure,
            target=target,
            vs_target=computation.vs_target(current_figure.percent, target),
            vs_baseline=computation.ratio(current_figure.percent, baseline_figure.percent),
            status=computation.status(current_figure.percent, target),
            multiple=multiple,
            delta_points=computation.delta_points(current_figure.percent, baseline_figure.percent),
            asks_multiple=row.multiple_of is not None,
            asks_delta_points="delta_points" in (row.compare or []),
        ))
    if table.population_id is None:
        catalog = catalog or conditions.ReportCatalog()
    return ReportTable(
        key=table.pk,
        number=table.number,
        title=table.title,
        population=table.population_value,
        population_name=conditions.table_population_name(table, catalog),
        rows=tuple(rows),
    )


def comparison_build(*, organization: Organization, plan: Plan, as_of: dt.date, rating_years: Sequence[int],
                     baseline: dt.date, baseline_rating_years: Sequence[int],
                     target_year: int | None) -> Comparison:
    """The report of the organization and the same report for each organization directly below it
    (comparison_units), side by side; the units' figures come from grouped queries, so the number
    of queries is twice a report's (and one more per column of a table with rating rows: the units'
    populations the ratings are measured against) whatever the number of units. Rows with conditions
    too: their statements are grouped by unit (reports/fetch.py, fetch_condition_column_by_unit)."""
    report = report_build(organization=organization, plan=plan, as_of=as_of, rating_years=rating_years,
                          baseline=baseline, baseline_rating_years=baseline_rating_years, target_year=target_year)
    units = comparison_units(organization, as_of)
    minimum = rating_coverage_minimum()
    current_column = Column(as_of, tuple(sorted(rating_years)))
    baseline_column = Column(baseline, tuple(sorted(baseline_rating_years)))
    tables_by_unit: dict[int, list[ReportTable]] = {unit.pk: [] for unit in units}
    plan_tables = list(plan.tables.all())

    def computed(figures) -> dict[int, list[ReportTable]]:
        by_unit: dict[int, list[ReportTable]] = {unit.pk: [] for unit in units}
        for table, (before, now) in zip(plan_tables, figures):
            for unit in units:
                by_unit[unit.pk].append(_table_of(table, before[unit.pk], now[unit.pk], target_year, minimum))
        return by_unit

    if _uses_conditions(plan_tables) and units:
        # Rows with conditions: grouped by unit, kept whole like the report's (reports.fetch.kept_with_conditions).
        def count() -> dict[int, list[ReportTable]]:
            catalog = conditions.ReportCatalog()
            by_unit: dict[int, list[ReportTable]] = {unit.pk: [] for unit in units}
            for table in plan_tables:
                specs = _row_specs(table)
                before = _with_conditions_by_unit(
                    table, organization, baseline_column,
                    _indicator_column_by_unit(table, organization, baseline_column, specs, units), units, catalog)
                now = _with_conditions_by_unit(
                    table, organization, current_column,
                    _indicator_column_by_unit(table, organization, current_column, specs, units), units, catalog,
                    with_sizes=True)
                for unit in units:
                    by_unit[unit.pk].append(_table_of(table, before[unit.pk], now[unit.pk], target_year, minimum,
                                                      catalog))
            return by_unit

        tables_by_unit = kept_with_conditions(
            "comparison-conditions", organization, [baseline_column, current_column], units,
            (_computation_key(plan_tables, target_year, minimum), condition_catalog_key()), count,
        )
    elif units and not _uses_conditions(plan_tables):  # kept with the figures (reports.fetch.fetch_tables_by_unit)
        tables_by_unit = fetch_tables_by_unit(
            [_table_spec(table) for table in plan_tables], organization, [baseline_column, current_column], units,
            derive=computed, derive_key=_computation_key(plan_tables, target_year, minimum),
        )
    return Comparison(report=report, units=tuple(
        (unit, replace(report, organization=unit.code, organization_name=unit.name,
                       tables=tuple(tables_by_unit[unit.pk]), **_issuer_fields(unit)))
        for unit in units
    ))


def _depths(rows: Sequence[PlanRow]) -> dict[int, int]:
    parents = {row.pk: row.parent_id for row in rows}
    depths: dict[int, int] = {}
    for pk in parents:
        depth, parent, seen = 0, parents[pk], {pk}
        while parent is not None and parent in parents and parent not in seen:
            seen.add(parent)
            depth, parent = depth + 1, parents[parent]
        depths[pk] = depth
    return depths



# --- drill-down: the persons (or units, or ratings) behind one figure ---------

NUMERATOR, DENOMINATOR = "tu-so", "mau-so"
BASELINE, CURRENT = "nam-goc", "thuc-hien"


@dataclass(frozen=True)
class CountedList:
    """What one figure of a report counted, with what the page says about it."""

    table: PlanTable
    row_label: str
    indicator: str
    kind: str
    column: str
    part: str
    as_of: dt.date
    rating_years: tuple[int, ...]
    persons: list[CountedPerson]
    units: list[CountedUnit]
    # The table's population as pages name it (reports.conditions.table_population_name).
    population_name: str = ""

    @property
    def is_rating(self) -> bool:
        return self.kind == IndicatorKind.RATING

    @property
    def is_unit(self) -> bool:
        return self.kind == IndicatorKind.UNIT

    @property
    def size(self) -> int:
        return len(self.units) if self.is_unit else len(self.persons)


def counted_build(*, viewer, request: ReportRequest, table_id: int, row_key: str, column: str,
                  part: str) -> CountedList:
    """The list behind one figure: numerator or denominator of a row, in the baseline or current column.

    Raises LookupError when the table, row, column or part is not one of the report's.
    """
    table = next((t for t in request.plan.tables.all() if t.pk == table_id), None)
    if table is None or column not in (BASELINE, CURRENT) or part not in (NUMERATOR, DENOMINATOR):
        raise LookupError
    condition_row = None
    catalog = conditions.ReportCatalog()
    if row_key == TOTAL_ROW_KEY:
        row_label, indicator, params, kind = TOTAL_LABEL, None, {}, IndicatorKind.PERSON
        if table.population_id is None:  # an object population: counted as rows with conditions are
            condition_row = conditions.total_row(table, catalog, TOTAL_ROW_KEY)
    else:
        row = next((r for r in table.rows.all() if str(r.pk) == row_key), None)
        if row is None:
            raise LookupError
        row_label, indicator, kind = row.label, row.indicator, _row_kind(row)
        params = indicator.parameters(row.params) if indicator is not None else {}
        if conditions.uses_conditions(row, table):
            condition_row = conditions.condition_row(row, table, catalog)
    if column == BASELINE:
        on, years = request.baseline, request.baseline_rating_years
    else:
        on, years = request.as_of, request.rating_years
    counted_indicator = indicator if part == NUMERATOR else None
    persons, units = [], []
    common = {"viewer": viewer, "population": table.population, "scope": request.organization}
    if condition_row is not None:
        # The same expressions as the row's figure (reports/conditions.py).
        arguments = {"viewer": viewer, "row": condition_row, "scope": request.organization, "on": on,
                     "numerator": part == NUMERATOR}
        if condition_row.unit:
            units = counted_condition_units(**arguments)
        else:
            persons = counted_condition_persons(**arguments)
    elif kind == IndicatorKind.RATING:
        persons = counted_ratings(**common, years=years, indicator=counted_indicator)
    elif kind == IndicatorKind.UNIT:
        units = counted_units(**common, on=on, indicator=counted_indicator, params=params)
    else:
        persons = counted_persons(**common, on=on, indicator=counted_indicator, params=params)
    return CountedList(
        table=table, row_label=row_label,
        indicator=indicator.code if indicator else (TOTAL_INDICATOR if row_key == TOTAL_ROW_KEY else ""), kind=kind,
        column=column, part=part, as_of=on, rating_years=years, persons=persons, units=units,
        population_name=conditions.table_population_name(table, catalog),
    )
