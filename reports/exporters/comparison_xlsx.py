"""The comparison of units as an Excel workbook: one sheet per Biểu, one row per unit.

Each indicator has two columns, the count (over the population's total,
which has its own column) and the percent, as real numbers with the formats
of the Biểu workbook; a percent cell is filled with the colour of its
status against the target. The first row is the whole scope.
"""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cadre.vietnamese import two_places
from cadre.xlsx_cells import set_value
from reports.exporters.naming import report_filename
from reports.exporters.report_xlsx import (
    BORDER,
    CENTER,
    COUNT_FORMAT,
    NO_VALUE,
    PERCENT_FORMAT,
    landscape_a4,
    sheet_title,
    times_font,
)
from reports.parameters import format_years
from reports.presentation import target_text
from reports.structure import CHUA_DAT, DAT, VUOT, Comparison, ReportTable

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_FILLS = {
    VUOT: PatternFill("solid", fgColor="E0ECFB"),
    DAT: PatternFill("solid", fgColor="E3F4E8"),
    CHUA_DAT: PatternFill("solid", fgColor="FDECEA"),
}
HEADER_TOP, HEADER_BOTTOM, FIRST_DATA_ROW = 4, 5, 6


def render_comparison(comparison: Comparison) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of the comparison built by reports.services.comparison_build."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table, units in comparison.tables():
        sheet = workbook.create_sheet(sheet_title(table.number, taken))
        _write_table(sheet, comparison, table, units)
    if not comparison.report.tables:
        workbook.create_sheet("Biểu")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return report_filename(comparison.report, "xlsx").replace("bao-cao-", "so-sanh-", 1), XLSX_CONTENT_TYPE, \
        buffer.getvalue()


def _write_table(sheet: Worksheet, comparison: Comparison, table: ReportTable, units) -> None:
    report = comparison.report
    rows = [row for row in table.rows if not row.is_total]
    last_column = 2 + 2 * len(rows)
    last = get_column_letter(last_column)
    years = f", đánh giá năm {format_years(report.rating_years)}" if report.rating_years else ""
    for number, text, font in (
        (1, f"SO SÁNH CÁC ĐƠN VỊ — {table.title}", times_font(bold=True, size=13)),
        (2, f"{report.organization_name}; {report.plan}; số liệu đến {report.as_of.strftime('%d/%m/%Y')}{years}"
            + (f"; mục tiêu năm {report.target_year}" if report.target_year else ""), times_font(italic=True)),
    ):
        sheet.merge_cells(f"A{number}:{last}{number}")
        cell = set_value(sheet.cell(row=number, column=1), text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    set_value(sheet.cell(row=HEADER_TOP, column=1), "Đơn vị")
    set_value(sheet.cell(row=HEADER_TOP, column=2), f"{table.population_name} (người)")
    sheet.merge_cells(start_row=HEADER_TOP, start_column=1, end_row=HEADER_BOTTOM, end_column=1)
    sheet.merge_cells(start_row=HEADER_TOP, start_column=2, end_row=HEADER_BOTTOM, end_column=2)
    for index, row in enumerate(rows):
        column = 3 + 2 * index
        label = f"- {row.label}" if row.depth else row.label
        if row.target is not None:
            label += f" (mục tiêu {target_text(row.target)}%)"
        set_value(sheet.cell(row=HEADER_TOP, column=column), label)
        sheet.merge_cells(start_row=HEADER_TOP, start_column=column, end_row=HEADER_TOP, end_column=column + 1)
        set_value(sheet.cell(row=HEADER_BOTTOM, column=column), "Số lượng")
        set_value(sheet.cell(row=HEADER_BOTTOM, column=column + 1), "%")
    for row_number in (HEADER_TOP, HEADER_BOTTOM):
        for column in range(1, last_column + 1):
            cell = sheet.cell(row=row_number, column=column)
            cell.font = times_font(bold=True, size=11)
            cell.alignment = CENTER
            cell.border = BORDER

    lines = [(report.organization_name, table, True)] + [(unit.name, unit_table, False) for unit, unit_table in units]
    for offset, (name, unit_table, is_total) in enumerate(lines):
        number = FIRST_DATA_ROW + offset
        figures = [row for row in unit_table.rows if not row.is_total]
        values = [(name, None, None), (unit_table.rows[0].current.total, COUNT_FORMAT, None)]
        for row in figures:
            values.append((row.current.count, COUNT_FORMAT, None))
            percent = two_places(row.current.percent)
            values.append((NO_VALUE if percent is None else float(percent), PERCENT_FORMAT, STATUS_FILLS.get(row.status)))
        for column, (value, number_format, fill) in enumerate(values, start=1):
            cell = set_value(sheet.cell(row=number, column=column), value)
            cell.font = times_font(bold=is_total, size=11)
            cell.border = BORDER
            if column == 1:
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            elif isinstance(value, (int, float)):
                cell.alignment = Alignment(horizontal="right", vertical="center")
                cell.number_format = number_format
            else:
                cell.alignment = Alignment(horizontal="center", vertical="center")
            if fill is not None:
                cell.fill = fill

    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 14
    for column in range(3, last_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 10 if column % 2 else 9
    sheet.row_dimensions[HEADER_TOP].height = 64
    landscape_a4(sheet, title_rows=f"{HEADER_TOP}:{HEADER_BOTTOM}")
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"
