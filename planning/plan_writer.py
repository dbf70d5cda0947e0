"""A stored plan as its plan file (docs/data-contract.md section 2): what the plan editor loads and shows.

`plan_as_file(plan)` is the inverse of planning.services.plan_import: importing its result gives the same
plan again. Only what a plan file holds is written, as a file would write it: the optional keys of a row
(`params`, `parent`, `targets`, and the condition keys of "Conditions in plan rows") only when the row uses
them, the condition keys in the canonical JSON they are stored in (planning/conditions.py), percents as JSON
numbers (50, 12.5), dates as YYYY-MM-DD.

No query of its own when the plan comes with its contents (planning.selectors.plans_with_contents or
Plan.objects.for_report()).
"""
from __future__ import annotations

from decimal import Decimal

from planning.models import Plan, PlanRow, PlanTable, Target


def percent_number(value: Decimal) -> int | float:
    """A stored percent (two decimals) as the JSON number a plan file writes: 50, 12.5, 33.33."""
    normalized = value.normalize()
    if normalized == normalized.to_integral_value():
        return int(normalized)
    return float(normalized)


def target_as_file(target: Target) -> dict:
    result: dict = {"year": target.year}
    for key, value in (("value", target.value), ("min", target.min_value), ("max", target.max_value)):
        if value is not None:
            result[key] = percent_number(value)
    return result


def table_population_as_file(table: PlanTable):
    """The table's population as the file gives it: its code, or, where a table may hold a population object
    (PlanTable.population_value, data contract: "A table's `population` may be an object too"), that object."""
    value = getattr(table, "population_value", None)
    return value if value is not None else table.population.code


def row_as_file(row: PlanRow, positions: dict[int, int]) -> dict:
    """One row; `positions` maps the table's row ids to their 1-based places (the file's `parent`)."""
    result: dict = {"label": row.label}
    if row.indicator is not None:
        result["indicator"] = row.indicator.code
    if row.params:
        result["params"] = dict(row.params)
    if row.parent_id is not None:
        result["parent"] = positions[row.parent_id]
    if row.condition is not None:
        result["where"] = row.condition
    if row.population is not None:
        result["population"] = row.population
    if row.unit:
        result["unit"] = True
    if row.multiple_of is not None:
        result["multiple_of"] = row.multiple_of
    if row.compare:
        result["compare"] = list(row.compare)
    targets = [target_as_file(target) for target in row.targets.all()]
    if targets:
        result["targets"] = sorted(targets, key=lambda target: target["year"])
    return result


def table_as_file(table: PlanTable) -> dict:
    rows = sorted(table.rows.all(), key=lambda row: (row.order, row.pk))
    positions = {row.pk: place for place, row in enumerate(rows, start=1)}
    return {
        "number": table.number,
        "title": table.title,
        "population": table_population_as_file(table),
        "rows": [row_as_file(row, positions) for row in rows],
    }


def plan_as_file(plan: Plan) -> dict:
    """The plan file of a stored plan: code, title, issuing organization's code, issue date, tables."""
    tables = sorted(plan.tables.all(), key=lambda table: (table.order, table.pk))
    return {
        "code": plan.code,
        "title": plan.title,
        "organization": plan.organization.code,
        "issued_on": plan.issued_on.isoformat(),
        "tables": [table_as_file(table) for table in tables],
    }
