"""The report JSON of docs/data-contract.md section 3."""
from __future__ import annotations

import json

from reports.exporters.naming import report_filename
from reports.presentation import two_places_text
from reports.structure import Figure, Report, ReportRow, TargetBounds


def figure_as_dict(figure: Figure) -> dict:
    return {"count": figure.count, "total": figure.total, "percent": two_places_text(figure.percent)}


def target_as_dict(target: TargetBounds | None) -> dict | None:
    if target is None:
        return None
    return {name: two_places_text(bound) for name, bound in target.bounds()}


def row_as_dict(row: ReportRow) -> dict:
    result = {
        "label": row.label,
        "indicator": row.indicator,
        "baseline": figure_as_dict(row.baseline),
        "current": figure_as_dict(row.current),
        "target": target_as_dict(row.target),
        "vs_target": None if row.vs_target is None else [two_places_text(value) for value in row.vs_target],
        "vs_baseline": two_places_text(row.vs_baseline),
        "status": row.status,
    }
    # Only when the plan row asks for them, so that other plans' JSON stays as it was.
    if row.asks_multiple:
        result["multiple"] = signed_two_places_text(row.multiple)
    if row.asks_delta_points:
        result["delta_points"] = signed_two_places_text(row.delta_points)
    return result


def signed_two_places_text(value) -> str | None:
    """two_places_text that never writes "-0.00" (a difference that rounds to zero is "0.00")."""
    text = two_places_text(value)
    return "0.00" if text == "-0.00" else text


def report_as_dict(report: Report) -> dict:
    return {
        "organization": report.organization,
        "plan": report.plan,
        "as_of": report.as_of.isoformat(),
        "rating_years": list(report.rating_years),
        "baseline": {
            "as_of": report.baseline_as_of.isoformat(),
            "rating_years": list(report.baseline_rating_years),
        },
        "target_year": report.target_year,
        "tables": [
            {
                "number": table.number,
                "population": table.population,
                "rows": [row_as_dict(row) for row in table.rows],
            }
            for table in report.tables
        ],
    }


class JsonExporter:
    identifier = "json"
    verbose_name = "JSON"

    def render(self, report: Report) -> tuple[str, str, bytes]:
        content = json.dumps(report_as_dict(report), ensure_ascii=False, indent=1) + "\n"
        return report_filename(report, "json"), "application/json", content.encode("utf-8")
