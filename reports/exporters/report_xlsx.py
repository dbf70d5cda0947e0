"""The Biểu tables as an Excel workbook, one sheet per table, in the layout of seed 002.

Figures are real numbers (counts with '#,##0', percents rounded half up to
two decimals with '#,##0.00'), so Excel shows them with the reader's locale
separators (4.809 and 15,79 on a Vietnamese system). A range target and its
two comparisons cannot be one number and are written as text ("20,00 - 25,00").
"""
from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cadre.vietnamese import two_places
from cadre.xlsx_cells import set_value
from planning.plan_kinds import plan_about, plan_word
from reports.exporters.naming import report_filename
from reports.presentation import comparisons_text, target_text
from reports.structure import Report, ReportRow, ReportTable

FONT_NAME = "Times New Roman"
LANGUAGE = "vi-VN"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "#,##0.00"
AT_LEAST_FORMAT = '"≥ "#,##0.00'
AT_MOST_FORMAT = '"≤ "#,##0.00'
NO_VALUE = "-"

COLUMNS = 10
# Widths of TT, Chất lượng, Số lượng, %, Mục tiêu, Số lượng, %, So sánh Đề án, So sánh năm, Ghi chú.
WIDTHS = [6, 48, 10, 9, 14, 10, 9, 15, 15, 11]
HEADER_TOP, HEADER_BOTTOM, NUMBERS_ROW = 5, 6, 7
FIRST_DATA_ROW = 8

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def times_font(**style) -> Font:
    return Font(name=FONT_NAME, size=style.pop("size", 12), **style)


def landscape_a4(sheet: Worksheet, *, title_rows: str) -> None:
    """Print on A4 landscape, one page wide, repeating the header rows on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows


def header_texts(report: Report) -> dict[str, str]:
    """The two header rows, by cell, for the report's years."""
    base, current = report.baseline_as_of.year, report.as_of.year
    target = f"Mục tiêu Đề án đến năm {report.target_year} (%)" if report.target_year else "Mục tiêu Đề án (%)"
    return {
        "A5": "TT",
        "B5": "Chất lượng",
        "C5": f"Thực hiện năm {base}",
        "E5": target,
        "F5": f"Thực hiện năm {current}",
        "H5": f"So sánh năm {current}/Đề án (%)",
        "I5": f"So sánh năm {current}/năm {base} (%)",
        "J5": "Ghi chú",
        "C6": "Số lượng",
        "D6": "%",
        "F6": "Số lượng",
        "G6": "%",
    }


MERGED_HEADER = ["A5:A6", "B5:B6", "C5:D5", "E5:E6", "F5:G5", "H5:H6", "I5:I6", "J5:J6"]


def sheet_title(number: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "-", number).strip()[:31] or "Biểu"
    candidate, suffix = title, 2
    while candidate in taken:
        candidate = f"{title[:28]} ({suffix})"
        suffix += 1
    taken.add(candidate)
    return candidate


def set_properties(workbook: Workbook, report: Report) -> None:
    """Title = the report's subject, creator = the issuing committee, today's dates, Vietnamese: the same
    properties the DOCX and the PDF carry."""
    now = dt.datetime.now().replace(microsecond=0)
    about = plan_about(report.plan, report.plan_title)
    properties = workbook.properties
    properties.title = " ".join(part for part in (
        f"Sơ kết thực hiện {plan_word(report.plan)} số {report.plan}", about) if part)
    properties.creator = report.issuer_name or report.organization_name
    properties.lastModifiedBy = properties.creator
    properties.created = now
    properties.modified = now
    properties.language = LANGUAGE


class XlsxExporter:
    identifier = "xlsx"
    verbose_name = "Excel (.xlsx)"

    def render(self, report: Report) -> tuple[str, str, bytes]:
        workbook = Workbook()
        workbook.remove(workbook.active)
        taken: set[str] = set()
        for table in report.tables:
            sheet = workbook.create_sheet(sheet_title(table.number, taken))
            self._write_table(sheet, report, table)
        if not report.tables:
            workbook.create_sheet("Biểu")
        set_properties(workbook, report)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return (
            report_filename(report, "xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            buffer.getvalue(),
        )

    def _write_table(self, sheet: Worksheet, report: Report, table: ReportTable) -> None:
        last = get_column_letter(COLUMNS)
        for row, text, font in (
            (1, table.title, times_font(bold=True, size=13)),
            (2, report.attachment_line, times_font(italic=True)),
            (3, table.number, times_font(bold=True)),
        ):
            sheet.merge_cells(f"A{row}:{last}{row}")
            cell = set_value(sheet.cell(row=row, column=1), text)
            cell.font = font
            cell.alignment = Alignment(horizontal="center", vertical="center")

        for coordinate, text in header_texts(report).items():
            set_value(sheet[coordinate], text)
        for cell_range in MERGED_HEADER:
            sheet.merge_cells(cell_range)
        for column in range(1, COLUMNS + 1):
            sheet.cell(row=NUMBERS_ROW, column=column, value=column)
            for row in (HEADER_TOP, HEADER_BOTTOM, NUMBERS_ROW):
                cell = sheet.cell(row=row, column=column)
                cell.font = times_font(bold=row != NUMBERS_ROW, italic=row == NUMBERS_ROW)
                cell.alignment = CENTER
                cell.border = BORDER

        for offset, row in enumerate(table.rows):
            self._write_row(sheet, FIRST_DATA_ROW + offset, row)

        last_row = FIRST_DATA_ROW + len(table.rows) - 1
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.row_dimensions[HEADER_TOP].height = 48
        self._page_setup(sheet, last_row)

    def _write_row(self, sheet: Worksheet, number: int, row: ReportRow) -> None:
        label = f"- {row.label}" if row.depth else row.label
        target_value, target_format = self._target_cell(row)
        cells = [
            (row.number or None, None),
            (label, None),
            (row.baseline.count, COUNT_FORMAT),
            (self._number(row.baseline.percent), PERCENT_FORMAT),
            (target_value, target_format),
            (row.current.count, COUNT_FORMAT),
            (self._number(row.current.percent), PERCENT_FORMAT),
            (self._vs_target(row), PERCENT_FORMAT),
            (None if row.is_total else self._number(row.vs_baseline), PERCENT_FORMAT),
            (row.status_label or None, None),
        ]
        for column, (value, number_format) in enumerate(cells, start=1):
            cell = set_value(sheet.cell(row=number, column=column), value)
            cell.font = times_font(bold=row.is_total, italic=row.depth > 0)
            cell.border = BORDER
            if column == 2:
                cell.alignment = Alignment(vertical="center", wrap_text=True, indent=2 * row.depth)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.alignment = Alignment(horizontal="right", vertical="center")
                cell.number_format = number_format
            else:
                cell.alignment = Alignment(horizontal="center", vertical="center")

    @staticmethod
    def _number(value):
        rounded = two_places(value)
        return NO_VALUE if rounded is None else float(rounded)

    @staticmethod
    def _target_cell(row: ReportRow):
        target = row.target
        if target is None:
            return None, None
        if target.is_range:
            return target_text(target), None
        if target.value is not None:
            return float(two_places(target.value)), PERCENT_FORMAT
        if target.min is not None:
            return float(two_places(target.min)), AT_LEAST_FORMAT
        return float(two_places(target.max)), AT_MOST_FORMAT

    def _vs_target(self, row: ReportRow):
        if row.vs_target is None:
            return None
        if len(row.vs_target) == 1:
            return self._number(row.vs_target[0])
        return comparisons_text(row.vs_target)

    @staticmethod
    def _page_setup(sheet: Worksheet, last_row: int) -> None:
        landscape_a4(sheet, title_rows=f"{HEADER_TOP}:{NUMBERS_ROW}")
        sheet.print_area = f"A1:{get_column_letter(COLUMNS)}{max(last_row, NUMBERS_ROW)}"
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.5
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
