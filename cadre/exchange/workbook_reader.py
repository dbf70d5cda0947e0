"""Read an uploaded workbook into raw rows, keyed by the contract's column keys.

Only the file's shape is checked here: that it is an .xlsx workbook, which
sheets and headers it has, and that it holds data. Values are checked later.

- A sheet whose name is not one of the seven is an error (unless it is
  completely empty, as the blank "Sheet2" Excel adds), and so is a sheet
  given twice under two spellings.
- An unknown column is ignored, as the contract says ("Extra columns are
  ignored"; validation gives a notice for each); a missing required column
  and a column given twice are errors.
- The header is row 1; rows with no value in any known column are skipped;
  row numbers are Excel's.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from typing import Any

from cadre.exchange.problems import Problem
from cadre.exchange.progress import Progress
from cadre.exchange.workbook_format import SHEETS, SheetFormat, header_key, sheet_for, sheet_names
from cadre.exchange.xlsx_rows import XlsxError, XlsxFile

XLS_SIGNATURE = b"\xd0\xcf\x11\xe0"
ZIP_SIGNATURE = b"PK"


@dataclass
class RawRow:
    number: int
    values: dict[str, Any]


@dataclass
class SheetData:
    format: SheetFormat
    title: str  # the sheet name as written in the file
    headers: dict[str, str]  # column key -> header as written in the file
    rows: list[RawRow] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # headers not in the contract, as written

    def has(self, key: str) -> bool:
        return key in self.headers

    def header(self, key: str) -> str:
        return self.headers.get(key) or self.format.column(key).header


@dataclass
class WorkbookData:
    sheets: dict[str, SheetData]  # by the contract's sheet name

    def get(self, name: str) -> SheetData | None:
        return self.sheets.get(name)


ROWS_PER_REPORT = 500


def read_workbook(
    source, progress: Progress | None = None, step: str = "Đọc tệp"
) -> tuple[WorkbookData | None, list[Problem]]:
    """Raw rows of every known sheet, or None and the problems that prevent reading.

    `progress`, when given, gets a phase named `step` that counts the bytes of
    the sheets' XML read so far.
    """
    data, problem = _read_bytes(source)
    if problem:
        return None, [problem]
    try:
        workbook = XlsxFile(data)
    except XlsxError:
        return None, [_file_problem("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")]
    try:
        return _read_sheets(workbook, progress or Progress(), step)
    finally:
        workbook.close()


def _file_problem(message: str) -> Problem:
    return Problem("", None, None, message)


def _read_bytes(source) -> tuple[bytes, Problem | None]:
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as handle:
                data = handle.read()
        except OSError:
            return b"", _file_problem(f"Không mở được tệp “{os.fspath(source)}”.")
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read()
    if not data:
        return b"", _file_problem("Tệp rỗng (0 byte), không phải bảng tính Excel (.xlsx).")
    if data.startswith(XLS_SIGNATURE):
        return b"", _file_problem(
            "Tệp Excel 97-2003 (.xls) không được hỗ trợ; hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
        )
    if not data.startswith(ZIP_SIGNATURE):
        return b"", _file_problem("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")
    return data, None


def _read_sheets(workbook: XlsxFile, progress: Progress, step: str) -> tuple[WorkbookData | None, list[Problem]]:
    sheets: dict[str, SheetData] = {}
    problems: list[Problem] = []
    sizes = {title: workbook.sheet_size(title) for title in workbook.sheet_names()}
    progress.phase(step, sum(sizes.values()))
    before = 0  # bytes of the sheets already read
    for title in workbook.sheet_names():
        try:
            rows = _reporting(workbook.rows(title), lambda: progress.update(before + workbook.bytes_read))
            _read_sheet(title, rows, sheets, problems)
        except XlsxError:  # a damaged sheet inside a valid archive
            problems.append(Problem(title, None, None, "Không đọc được nội dung sheet này."))
        before += sizes[title]
        progress.update(before)
    for sheet in SHEETS:
        if sheet.required and sheet.name not in sheets:
            problems.append(Problem(sheet.name, None, None, "Thiếu sheet bắt buộc."))
    if not problems and not any(data.rows for data in sheets.values()):
        problems.append(_file_problem("Tệp không có dòng dữ liệu nào."))
    if problems:
        return None, problems
    return WorkbookData(sheets), []


def _reporting(rows, report):
    """The same rows, calling `report` every ROWS_PER_REPORT rows."""
    for count, row in enumerate(rows, start=1):
        if count % ROWS_PER_REPORT == 0:
            report()
        yield row


def _read_sheet(title: str, rows, sheets: dict[str, SheetData], problems: list[Problem]) -> None:
    number, header_row = next(rows, (1, ()))
    if number != 1:  # no header row: keep the row, the header is empty
        rows = itertools.chain([(number, header_row)], rows)
        header_row = ()
    sheet = sheet_for(title)
    if sheet is None:
        if any(_clean(value) is not None for value in header_row) or _has_values(rows):
            problems.append(Problem(
                title, None, None,
                f"Tên sheet không thuộc mẫu trao đổi; chỉ chấp nhận các sheet: {sheet_names()}.",
            ))
        return
    if sheet.name in sheets:
        problems.append(Problem(title, None, None, f"Sheet bị lặp: đã có sheet “{sheets[sheet.name].title}”."))
        return
    positions, headers, ignored = _map_headers(sheet, title, header_row, problems)
    data = SheetData(sheet, title, headers, ignored=ignored)
    sheets[sheet.name] = data
    for number, row in rows:
        values = {key: _clean(row[index]) if index < len(row) else None for index, key in positions.items()}
        if any(value is not None for value in values.values()):
            data.rows.append(RawRow(number, values))


def _map_headers(
    sheet: SheetFormat, title: str, header_row, problems
) -> tuple[dict[int, str], dict[str, str], list[str]]:
    """Column positions of the known headers, and the unknown headers (ignored)."""
    by_key = {}
    for column in sheet.columns:
        for spelling in (column.header, *column.aliases):
            by_key[header_key(spelling)] = column
    positions: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for index, value in enumerate(header_row):
        column = by_key.get(header_key(value))
        if column is None:
            if _clean(value) is not None:
                ignored.append(str(value).strip())
            continue
        text = str(value).strip()
        if column.key in headers:
            problems.append(Problem(title, 1, text, f"Cột bị lặp: trùng với cột “{headers[column.key]}”."))
            continue
        positions[index] = column.key
        headers[column.key] = text
    for column in sheet.columns:
        if column.required and column.key not in headers:
            problems.append(Problem(title, None, column.header, "Thiếu cột bắt buộc."))
    return positions, headers, ignored


def _has_values(rows) -> bool:
    return any(_clean(value) is not None for _, row in rows for value in row)


def _clean(value):
    """Strip text; empty text counts as an empty cell."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value
