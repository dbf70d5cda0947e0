"""The plan editor's preview: the figures of a draft plan, and who they count, with nothing kept.

The draft is checked whole by planning.plan_file.read_plan (every problem, in Vietnamese), then written
through planning.services.plan_import under a temporary code inside a transaction that is always rolled
back. Inside it the report is computed by reports.services.report_build with the figure cache off
(`keep=False`: no figure of a plan that never existed is read or kept) and a figure's list by counted_build,
exactly as for a stored plan. When the call returns, nothing of the draft is left: no plan, table, row or
target, no audit entry, no kept figure.

The preview shows the current column (the as-of date) only: its baseline is the same date.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from cadre.models import Organization
from cadre.vietnamese import format_date_input, format_int, vietnamese_two_places
from planning.models import Plan
from planning.plan_file import read_plan
from planning.services import plan_import
from reports.fetch import CountedPerson
from reports.parameters import ReportParameterErrors, ReportRequest, check_request
from reports.presentation import target_text
from reports.services import CURRENT, DENOMINATOR, NUMERATOR, CountedList, counted_build, report_build
from reports.structure import STATUS_LABELS, TOTAL_ROW_KEY, Report

# The draft is written under a random code of its own, so that it never meets the plan it may be a new
# version of (that plan may be in use by report documents, and is not replaced even for a moment).
DRAFT_CODE_PREFIX = "~xem-truoc-"
# The persons (or units) a preview list shows; the page says how many there are in all.
COUNTED_SHOWN = 50
PARTS = (NUMERATOR, DENOMINATOR)


class PreviewRefused(ValueError):
    """The preview's own parameters (organization, date, rating years) do not fit; `problems` in Vietnamese."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class PreviewRequest:
    """What a preview is asked for: the draft plan file, and the scope and date to count it on."""

    data: object
    organization: Organization
    as_of: dt.date
    rating_years: tuple[int, ...] | None = None


@contextmanager
def _draft_plan(data, user) -> Iterator[Plan]:
    """The draft, checked as given, then written (plan_import: the issuer must be in the user's subtree) and
    read back as a report reads a plan; everything written is rolled back when the block ends.

    Raises planning.plan_file.PlanFileError with every problem of the draft.
    """
    read_plan(data)  # the draft's problems as the user wrote it, its code included
    with transaction.atomic():
        try:
            result = plan_import(data={**data, "code": DRAFT_CODE_PREFIX + secrets.token_hex(8)}, replace=False,
                                 user=user)
            yield Plan.objects.for_report().get(pk=result.plan.pk)
        finally:
            transaction.set_rollback(True)


def _report_request(plan: Plan, request: PreviewRequest) -> ReportRequest:
    try:
        return check_request(organization=request.organization, plan=plan, as_of=request.as_of,
                             rating_years=request.rating_years, baseline=request.as_of, baseline_rating_years=None,
                             target_year=None)
    except ReportParameterErrors as error:
        raise PreviewRefused([message for _, message in error.errors]) from None


def preview_build(*, user, request: PreviewRequest) -> dict:
    """The draft's tables with each row's figure on the as-of date, as the editor shows them.

    Raises PlanFileError (the draft) or PreviewRefused (the date, the rating years).
    """
    with _draft_plan(request.data, user) as plan:
        report_request = _report_request(plan, request)
        report = report_build(**report_request.as_service_arguments(), keep=False)
        places = {str(row.pk): place for table in plan.tables.all()
                  for place, row in enumerate(table.rows.all(), start=1)}
        return preview_as_dict(report, places, code=request.data.get("code", "").strip())


def preview_as_dict(report: Report, places: dict[str, int], *, code: str) -> dict:
    """The preview's JSON: the figures formatted as the report page shows them (Vietnamese), and for each row
    its place in the table (1-based, as the plan file's `parent`; "tong-so" for the total) to ask its list."""
    return {
        "plan": code,
        "organization": report.organization,
        "organization_name": report.organization_name,
        "as_of": format_date_input(report.as_of),
        "rating_years": list(report.rating_years),
        "target_year": report.target_year,
        "tables": [
            {
                "table": index,
                "number": table.number,
                "title": table.title,
                "population": table.population,
                "population_name": table.population_name,
                "rows": [_row_as_dict(row, places) for row in table.rows],
            }
            for index, table in enumerate(report.tables, start=1)
        ],
    }


def _row_as_dict(row, places: dict[str, int]) -> dict:
    result = {
        "row": TOTAL_ROW_KEY if row.is_total else places[row.key],
        "number": row.number,
        "label": row.label,
        "indicator": row.indicator,
        "kind": row.kind,
        "depth": row.depth,
        "count": format_int(row.current.count),
        "total": format_int(row.current.total),
        "percent": vietnamese_two_places(row.current.percent),
        "target": target_text(row.target),
        "status": row.status,
        "status_label": STATUS_LABELS.get(row.status, ""),
    }
    if row.asks_multiple:
        result["multiple"] = vietnamese_two_places(row.multiple)
    return result


def preview_counted(*, user, request: PreviewRequest, table: int, row: str, part: str) -> dict:
    """Who one figure of the draft counts on the as-of date (the numerator or the denominator of a row),
    the first COUNTED_SHOWN of them with how many there are.

    `table` is the table's place (1-based), `row` the row's place or "tong-so". Raises LookupError when the
    draft has no such figure, PlanFileError or PreviewRefused as preview_build.
    """
    if part not in PARTS:
        raise LookupError(part)
    with _draft_plan(request.data, user) as plan:
        report_request = _report_request(plan, request)
        tables = list(plan.tables.all())
        if not 1 <= table <= len(tables):
            raise LookupError(table)
        plan_table = tables[table - 1]
        if row == TOTAL_ROW_KEY:
            row_key = TOTAL_ROW_KEY
        else:
            rows = list(plan_table.rows.all())
            place = int(row) if str(row).isdigit() else 0
            if not 1 <= place <= len(rows):
                raise LookupError(row)
            row_key = str(rows[place - 1].pk)
        counted = counted_build(viewer=user, request=report_request, table_id=plan_table.pk, row_key=row_key,
                                column=CURRENT, part=part)
        return counted_as_dict(counted, table=table, row=row)


def _person_as_dict(person: CountedPerson) -> dict:
    official = person.official
    result = {
        "name": official.full_name,
        "code": official.code,
        "birth_date": format_date_input(official.birth_date),
        "positions": [f"{position.title.name} — {position.organization.name}" for position in person.positions],
        "url": reverse("cadre:official_detail", args=[official.pk]),
    }
    if person.year is not None:
        result["year"] = person.year
        result["rating"] = person.rating_label
    return result


def counted_as_dict(counted: CountedList, *, table: int, row: str) -> dict:
    """A preview list's JSON: the figure it explains, how many it counts, the first COUNTED_SHOWN."""
    return {
        "table": table,
        "row": row,
        "label": counted.row_label,
        "part": counted.part,
        "kind": counted.kind,
        "as_of": format_date_input(counted.as_of),
        "rating_years": list(counted.rating_years) if counted.is_rating else [],
        "size": counted.size,
        "shown": min(counted.size, COUNTED_SHOWN),
        "persons": [_person_as_dict(person) for person in counted.persons[:COUNTED_SHOWN]],
        "units": [
            {"name": unit.organization.name, "code": unit.organization.code,
             "persons": [_person_as_dict(person) for person in unit.persons]}
            for unit in counted.units[:COUNTED_SHOWN]
        ],
    }
