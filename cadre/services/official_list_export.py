"""The filtered officials list as a simple XLSX: one row per official, Vietnamese headers."""
from __future__ import annotations

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from cadre.selectors.official_list import OfficialRow
from cadre.vietnamese import format_date_input, format_int
from cadre.xlsx_cells import row_cells

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# (header, width)
COLUMNS = [
    ("STT", 6),
    ("Họ và tên", 28),
    ("Mã", 12),
    ("Giới tính", 10),
    ("Ngày sinh", 12),
    ("Dân tộc", 12),
    ("Chức vụ hiện tại", 40),
    ("Đơn vị", 34),
    ("Trình độ CM", 22),
    ("LLCT", 14),
    ("Đảng viên", 11),
]


def render_official_list(
    rows: list[OfficialRow], *, title: str, on: dt.date, truncated: bool = False
) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of the list; rows come from cadre.selectors.official_list.list_rows.

    `truncated` says the list stops at a limit: the second line says so.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "DanhSach"
    sheet.append(row_cells(sheet, [title]))
    sheet["A1"].font = Font(bold=True, size=13)
    note = f"Tính đến ngày {format_date_input(on)} — {format_int(len(rows))} đồng chí"
    if truncated:
        note += f" (chỉ {format_int(len(rows))} người đầu tiên theo thứ tự tên; hãy lọc hẹp hơn để xuất đủ)"
    sheet.append(row_cells(sheet, [note]))
    sheet["A2"].font = Font(italic=True)
    sheet.append([])
    sheet.append(row_cells(sheet, [header for header, _ in COLUMNS]))
    thin = Side(style="thin", color="999999")
    for index, (_, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=4, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2DCDB")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, row in enumerate(rows, start=1):
        official = row.official
        sheet.append(row_cells(sheet, [
            number,
            official.full_name,
            official.code,
            official.get_gender_display(),
            format_date_input(official.birth_date),
            official.ethnic_group.name,
            "; ".join(row.positions),
            "; ".join(row.units),
            row.professional,
            row.theory,
            "Có" if row.is_party_member else "",
        ]))
    sheet.freeze_panes = "C5"
    sheet.auto_filter.ref = f"A4:{get_column_letter(len(COLUMNS))}{4 + len(rows)}"
    buffer = BytesIO()
    workbook.save(buffer)
    return f"danh-sach-can-bo-{on:%Y%m%d}.xlsx", XLSX_CONTENT_TYPE, buffer.getvalue()
