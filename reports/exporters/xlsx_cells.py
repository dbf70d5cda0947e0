"""Cells of every workbook the application writes: text is always stored as text.

openpyxl stores a str that starts with "=" as a formula and one that equals an
error code ("#N/A", "#REF!" …) as an error value. A name, a label or a note
typed by a user such as '=HYPERLINK("http://…"&A1,"Bấm")' would then run in
the Excel of whoever opens the export (formula injection). Every writer puts
values into cells through `set_value` (or appends rows through `row_cells`),
which keeps the exact text in a string cell: not prefixed, not altered, so the
exchange workbook still imports back the same text. Numbers and dates keep
openpyxl's typing; the application writes no formulas of its own.
"""
from __future__ import annotations

from openpyxl.cell import Cell, WriteOnlyCell


def set_value(cell: Cell, value) -> Cell:
    """Put `value` into `cell` and return the cell; a str becomes a string cell holding exactly that text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def row_cells(worksheet, values) -> list:
    """`values` ready for `worksheet.append` (normal or write-only mode), each str as a string cell."""
    return [set_value(WriteOnlyCell(worksheet), value) if isinstance(value, str) else value for value in values]
