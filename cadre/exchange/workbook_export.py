"""Export the exchange workbook (data contract, section 1) for an organization subtree.

The sheets and headers are the ones import reads (`workbook_format`), so an
export imports back unchanged. Rows come in an order fixed by the data
itself (codes, dates), never by database ids, so export → import into an
empty database → export gives the same sheets.

What is exported for organization X: the organizations of X's subtree (X's
"Mã cấp trên" still names its parent, so re-importing into the same database
changes nothing), the officials who have held a position in the subtree, their
positions and planning inside the subtree, and all their qualifications,
ratings and career events. Seven queries whatever the size.
"""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cadre.exchange.workbook_format import SHEETS, SheetFormat
from cadre.models import (
    CareerEvent,
    Evaluation,
    Official,
    Organization,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
)

DATE_FORMAT = "DD/MM/YYYY"
LATEST = dt.date.max


def export_workbook(organization: Organization | None, destination) -> None:
    """Write the workbook of `organization`'s subtree (None: the whole database).

    `destination` is a path or a binary file object.
    """
    _write(workbook_rows(organization), destination)


def workbook_rows(organization: Organization | None) -> dict[str, list[list]]:
    """Every sheet's rows as plain values, in export order."""
    officials = list(
        Official.objects.within(organization).select_related("ethnic_group", "hometown_organization").order_by("code")
    )
    exported = {official.pk for official in officials}
    return {
        "ToChuc": _organization_rows(organization),
        "CanBo": [_official_row(official) for official in officials],
        "ChucVu": _position_rows(organization, exported),
        "TrinhDo": _qualification_rows(organization),
        "DanhGia": _evaluation_rows(organization),
        "SuKien": _event_rows(organization),
        "QuyHoach": _planning_rows(organization, exported),
    }


# --- fetching -----------------------------------------------------------------


def _organization_rows(organization: Organization | None) -> list[list]:
    organizations = list(Organization.objects.within(organization).select_related("parent"))
    codes = {org.pk: org.code for org in organizations}

    def tree_position(org: Organization) -> tuple:
        """Codes from the top of the export down to the organization: parents first."""
        return tuple(codes[int(pk)] for pk in org.path.strip("/").split("/") if int(pk) in codes)

    return [
        [org.code, org.name, org.kind, org.parent.code if org.parent else None, org.form,
         org.founded_on, org.ceased_on]
        for org in sorted(organizations, key=tree_position)
    ]


def _official_row(official: Official) -> list:
    hometown = official.hometown_organization.code if official.hometown_organization else official.hometown_text
    return [
        official.code, official.full_name, official.get_gender_display(), official.birth_date,
        official.ethnic_group.name, official.citizen_id, hometown, official.party_joined_on,
    ]


def _position_rows(organization, exported: set[int]) -> list[list]:
    positions = [
        position
        for position in PositionRecord.objects.within(organization).select_related("official", "organization", "title")
        if position.official_id in exported
    ]
    positions.sort(key=lambda p: (
        p.official.code, p.start_date, p.title.sort_order, p.title.code, p.organization.code, p.end_date or LATEST,
    ))
    return [
        [p.official.code, p.organization.code, p.title.code, p.start_date, p.end_date]
        for p in positions
    ]


def _qualification_rows(organization) -> list[list]:
    records = list(
        QualificationRecord.objects.within(organization).select_related("official", "qualification_type", "level")
    )
    records.sort(key=lambda q: (
        q.official.code, q.qualification_type.sort_order, q.qualification_type.code, q.obtained_on,
        q.level.rank if q.level else 0, q.level.code if q.level else q.detail, q.major,
    ))
    return [
        [q.official.code, q.qualification_type.code, q.level.code if q.level else q.detail, q.major, q.obtained_on]
        for q in records
    ]


def _evaluation_rows(organization) -> list[list]:
    evaluations = Evaluation.objects.within(organization).select_related("official")
    rows = [[e.official.code, e.year, e.rating] for e in evaluations]
    return sorted(rows, key=lambda row: (row[0], row[1]))


def _event_rows(organization) -> list[list]:
    events = CareerEvent.objects.within(organization).select_related(
        "official", "from_organization", "to_organization"
    )
    rows = [
        [
            e.official.code, e.kind, e.date,
            e.from_organization.code if e.from_organization else e.from_text,
            e.to_organization.code if e.to_organization else e.to_text,
            e.note,
        ]
        for e in events
    ]
    return sorted(rows, key=lambda row: (row[0], row[2], row[1], row[3], row[4], row[5]))


def _planning_rows(organization, exported: set[int]) -> list[list]:
    entries = [
        entry
        for entry in PlanningEntry.objects.within(organization).select_related("official", "title", "organization")
        if entry.official_id in exported
    ]
    entries.sort(key=lambda p: (p.official.code, p.term, p.title.sort_order, p.title.code, p.organization.code))
    return [
        [p.official.code, p.title.code, p.organization.code, p.term, p.approved_on, p.removed_on]
        for p in entries
    ]


# --- rendering ----------------------------------------------------------------


def _write(rows: dict[str, list[list]], destination) -> None:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet.name)
        _lay_out(worksheet, sheet)
        worksheet.append([_header_cell(worksheet, column.header, bold) for column in sheet.columns])
        date_columns = [column.is_date for column in sheet.columns]
        for row in rows[sheet.name]:
            worksheet.append([_cell(worksheet, value, is_date) for value, is_date in zip(row, date_columns)])
    workbook.save(destination)


def _lay_out(worksheet, sheet: SheetFormat) -> None:
    worksheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width


def _header_cell(worksheet, text: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=text)
    cell.font = font
    return cell


def _cell(worksheet, value, is_date: bool):
    if value in (None, ""):
        return None
    if is_date:
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.data_type = "s"  # text that looks like a formula stays text
        return cell
    return value
