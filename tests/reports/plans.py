"""Build plans and reports for tests, through the same services the commands use."""
from __future__ import annotations

import datetime as dt

from planning.services import plan_import
from reports.exporters.report_json import report_as_dict
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from reports.services import report_build


def make_plan(rows: list[dict] | None = None, population: str = "CB_XA", organization: str = "LC", code: str = "T-01/HU",
              tables: list[dict] | None = None):
    """Import a plan with one table of `rows` (or the given tables)."""
    data = {
        "code": code,
        "title": "Đề án thử",
        "organization": organization,
        "issued_on": "2021-01-15",
        "tables": tables or [
            {"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": population, "rows": rows or []}
        ],
    }
    return plan_import(data=data).plan


def build(org: str, as_of: dt.date, plan: str = "T-01/HU", rating_years=None, baseline: dt.date | None = None,
          baseline_rating_years=None, target_year=None):
    """The report structure, as build_report computes it."""
    request = check_request(
        organization=load_organization(org),
        plan=load_plan(plan),
        as_of=as_of,
        rating_years=rating_years,
        baseline=baseline or as_of,
        baseline_rating_years=baseline_rating_years,
        target_year=target_year,
        today=dt.date(2030, 1, 1),
    )
    return report_build(**request.as_service_arguments())


def build_json(*args, **kwargs) -> dict:
    return report_as_dict(build(*args, **kwargs))


def current(report: dict, table: int = 0) -> dict[str, tuple[int, int]]:
    """{label: (count, total)} of the current column of a table."""
    return {row["label"]: (row["current"]["count"], row["current"]["total"]) for row in report["tables"][table]["rows"]}
