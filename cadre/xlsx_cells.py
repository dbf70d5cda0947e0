"""Cells of every workbook the application writes: text is always stored as text.

openpyxl stores a str that starts with "=" as a formula and one that equals an
error code ("#N/A", "#REF!" …) as an error value. A name, a label or a note
typed by a user such as '=HYPERLINK("http://…"&A1,"Bấm")' would then run in
the Excel of whoever opens the export (formula injection). Every writer puts
values into cells through `set_value`, or appends them through `row_cells` /
`append_value`, which keep the exact text in a string cell: not prefixed, not
altered, so the exchange workbook still imports back the same text. Numbers
and dates keep openpyxl's typing; the application writes no formulas of its
own.
"""
from __future__ import annotations

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES


def set_value(cell: Cell, value) -> Cell:
    """Put `value` into `cell` and return the cell; a str becomes a string cell holding exactly that text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def row_cells(worksheet, values) -> list:
    """`values` ready for `worksheet.append` (normal or write-only mode): see `append_value`."""
    return [append_value(worksheet, value) for value in values]


def append_value(worksheet, value):
    """`value` as `worksheet.append` should get it: no str becomes a formula or an error value.

    Only text that openpyxl would not store as text goes as a cell of its own
    (Cell._bind_value's rules): in write-only mode a cell object per value
    costs about as much as writing it, and the exchange workbook has hundreds
    of thousands of values.
    """
    if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
        return set_value(WriteOnlyCell(worksheet), value)
    return value
