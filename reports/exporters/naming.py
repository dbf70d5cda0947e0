"""File names of exported reports: ASCII, from the organization, plan and date."""
import re

from cadre.vietnamese import search_key
from reports.structure import Report


def report_filename(report: Report, extension: str) -> str:
    """"bao-cao-DT.TH-02-NQ-HU-2023-06-30.xlsx"."""
    def slug(text: str) -> str:
        return re.sub(r"[^A-Za-z0-9.]+", "-", search_key(text).upper()).strip("-")

    return f"bao-cao-{slug(report.organization)}-{slug(report.plan)}-{report.as_of.isoformat()}.{extension}"
