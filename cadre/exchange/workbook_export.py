"""Export the exchange workbook (data contract, section 1) for an organization subtree.

The sheets and headers are the ones import reads (`workbook_format`), so an
export imports back unchanged. Rows come in an order fixed by the data
itself (codes, dates), never by database ids, so export → import into an
empty database → export gives the same sheets.

What is exported for organization X: the organizations of X's subtree (X's
"Mã cấp trên" still names its parent, so re-importing into the same database
changes nothing), the officials who have held a position in the subtree, their
positions and planning inside the subtree, and all their qualifications,
ratings and career events, and the party-member statistics of the subtree
(DangVien, an extension of the contract). Nine queries whatever the size (the
organizations' succession edges are the eighth, the statistics the ninth).
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
    Gender,
    Official,
    Organization,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
    Succession,
)
from cadre.xlsx_cells import append_value, set_value

DATE_FORMAT = "DD/MM/YYYY"
LATEST = dt.date.max


def export_workbook(organization: Organization | None, destination) -> None:
    """Write the workbook of `organization`'s subtree (None: the whole database).

    `destination` is a path or a binary file object.
    """
    _write(workbook_rows(organization), destination)


def workbook_rows(organization: Organization | None) -> dict[str, list[list]]:
    """Every sheet's rows as plain values, in export order."""
    officials = _official_rows(organization)
    exported = {pk for pk, _ in officials}  # positions and planning are kept for these only
    return {
        "ToChuc": _organization_rows(organization),
        "CanBo": [row for _, row in officials],
        "ChucVu": _position_rows(organization, exported),
        "TrinhDo": _qualification_rows(organization),
        "DanhGia": _evaluation_rows(organization),
        "SuKien": _event_rows(organization),
        "QuyHoach": _planning_rows(organization, exported),
        "DangVien": _party_statistics_rows(organization),
    }


# --- fetching: one query per sheet, plain values ----------------------------------


def _organization_rows(organization: Organization | None) -> list[list]:
    within = Organization.objects.within(organization)
    organizations = list(within.values_list(
        "pk", "path", "code", "name", "kind", "parent__code", "form", "founded_on", "ceased_on", "category",
    ))
    codes = {pk: code for pk, _, code, *_ in organizations}
    predecessors: dict[int, list[str]] = {}
    for successor, code in Succession.objects.filter(successor__in=within.values("pk")).values_list(
        "successor_id", "predecessor__code"
    ):
        predecessors.setdefault(successor, []).append(code)

    def tree_position(row) -> tuple:
        """Codes from the top of the export down to the organization: parents first."""
        return tuple(codes[int(pk)] for pk in row[1].strip("/").split("/") if int(pk) in codes)

    return [
        [*row[2:9], ", ".join(sorted(predecessors.get(row[0], ()))), row[9]]
        for row in sorted(organizations, key=tree_position)
    ]


def _official_rows(organization) -> list[tuple[int, list]]:
    """(official id, CanBo row) pairs."""
    genders = dict(Gender.choices)
    rows = Official.objects.within(organization).order_by("code").values_list(
        "pk", "code", "full_name", "gender", "birth_date", "ethnic_group__name", "citizen_id",
        "hometown_organization__code", "hometown_text", "party_joined_on",
    )
    return [
        (pk, [code, name, genders[gender], born, ethnic, citizen_id, hometown or hometown_text, joined])
        for pk, code, name, gender, born, ethnic, citizen_id, hometown, hometown_text, joined in rows
    ]


def _position_rows(organization, exported: set[int]) -> list[list]:
    rows = PositionRecord.objects.within(organization).values_list(
        "official_id", "official__code", "organization__code", "title__code", "title__sort_order",
        "start_date", "end_date",
    )
    kept = [row for row in rows if row[0] in exported]
    kept.sort(key=lambda row: (row[1], row[5], row[4], row[3], row[2], row[6] or LATEST))
    return [[official, org, title, start, end] for _, official, org, title, _, start, end in kept]


def _qualification_rows(organization) -> list[list]:
    rows = list(QualificationRecord.objects.within(organization).values_list(
        "official__code", "qualification_type__sort_order", "qualification_type__code", "obtained_on",
        "level__rank", "level__code", "detail", "major",
    ))
    rows.sort(key=lambda row: (row[0], row[1], row[2], row[3], row[4] or 0, row[5] or row[6], row[7]))
    return [
        [official, type_code, level or detail, major, obtained_on]
        for official, _, type_code, obtained_on, _, level, detail, major in rows
    ]


def _evaluation_rows(organization) -> list[list]:
    rows = Evaluation.objects.within(organization).values_list("official__code", "year", "rating")
    return sorted((list(row) for row in rows), key=lambda row: (row[0], row[1]))


def _event_rows(organization) -> list[list]:
    rows = CareerEvent.objects.within(organization).values_list(
        "official__code", "kind", "date", "from_organization__code", "from_text",
        "to_organization__code", "to_text", "note", "programme",
    )
    events = [
        [official, kind, date, from_code or from_text, to_code or to_text, note, programme]
        for official, kind, date, from_code, from_text, to_code, to_text, note, programme in rows
    ]
    return sorted(events, key=lambda row: (row[0], row[2], row[1], row[3], row[4], row[5]))


def _planning_rows(organization, exported: set[int]) -> list[list]:
    rows = PlanningEntry.objects.within(organization).values_list(
        "official_id", "official__code", "term", "title__sort_order", "title__code", "organization__code",
        "approved_on", "removed_on",
    )
    kept = sorted((row for row in rows if row[0] in exported), key=lambda row: row[1:6])
    return [
        [official, title, org, term, approved_on, removed_on]
        for _, official, term, _, title, org, approved_on, removed_on in kept
    ]


def _party_statistics_rows(organization) -> list[list]:
    rows = PartyStatistics.objects.within(organization).values_list(
        "organization__code", "year", "members", "probationary", "female", "admitted", "removed",
    )
    return sorted((list(row) for row in rows), key=lambda row: (row[0], row[1]))


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
    cell = set_value(WriteOnlyCell(worksheet), text)
    cell.font = font
    return cell


def _cell(worksheet, value, is_date: bool):
    if value in (None, ""):
        return None
    if is_date:
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return append_value(worksheet, value)  # text stays text, whatever it starts with
