"""Read an uploaded workbook into raw rows, keyed by the contract's column keys.

Only the file's shape is checked here: that it is an .xlsx workbook, which
sheets and headers it has, and that it holds data. Values are checked later.

- A sheet whose name is not one of `SHEETS` is an error (unless it is
  completely empty, as the blank "Sheet2" Excel adds), and so is a sheet
  given twice under two spellings.
- An unknown column is ignored, as the contract says ("Extra columns are
  ignored"; validation gives a notice for each); a missing required column
  and a column given twice are errors.
- The header is row 1; rows with no value in any known column are skipped;
  row numbers are Excel's.
- A formula cell is read as the result Excel stored with it; the formula
  text is never imported. A formula with no stored result or with an error
  result (`Formula`), in the header or in a known column, is an error.
  Formulas in ignored columns are left alone.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from openpyxl.utils import get_column_letter

from cadre.exchange.problems import Problem
from cadre.exchange.progress import Progress
from cadre.exchange.workbook_format import SHEETS, SheetFormat, header_key, sheet_for, sheet_names
from cadre.exchange.xlsx_rows import Formula, XlsxError, XlsxFile, unpacked_size
from cadre.vietnamese import format_int

XLS_SIGNATURE = b"\xd0\xcf\x11\xe0"
# The stream name of an encrypted (password-protected) Office file, in its OLE directory (UTF-16).
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
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
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    try:
        if unpacked_size(data) > limit:  # checked before any part is unpacked
            return None, [_file_problem(
                f"Tệp khi giải nén lớn hơn {_megabytes(limit)}, vượt giới hạn cho phép; "
                "hãy chia thành nhiều tệp nhỏ hơn."
            )]
        workbook = XlsxFile(data)
    except XlsxError:
        return None, [_file_problem("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")]
    try:
        return _read_sheets(workbook, progress or Progress(), step)
    finally:
        workbook.close()


def _file_problem(message: str) -> Problem:
    return Problem("", None, None, message)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} byte"


def too_large_message(limit: int) -> str:
    return f"Tệp lớn hơn {_megabytes(limit)}, vượt giới hạn tải lên; hãy chia thành nhiều tệp nhỏ hơn."


def _read_bytes(source) -> tuple[bytes, Problem | None]:
    limit = settings.IMPORT_MAX_BYTES
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError:
            return b"", _file_problem(f"Không mở được tệp “{os.fspath(source)}”.")
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limit + 1)
    if len(data) > limit:
        return b"", _file_problem(too_large_message(limit))
    if not data:
        return b"", _file_problem("Tệp rỗng (0 byte), không phải bảng tính Excel (.xlsx).")
    if data.startswith(XLS_SIGNATURE) and ENCRYPTED_PACKAGE in data:
        return b"", _file_problem(
            "Tệp Excel được đặt mật khẩu nên không đọc được; hãy bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) "
            "rồi tải lên lại."
        )
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
            _read_sheet(title, _at_most(rows, settings.IMPORT_MAX_ROWS), sheets, problems)
        except XlsxError:  # a damaged sheet inside a valid archive
            problems.append(Problem(title, None, None, "Không đọc được nội dung sheet này."))
        except TooManyRows as error:
            problems.append(Problem(title, None, None, (
                f"Sheet có hơn {format_int(error.limit)} dòng, vượt giới hạn cho phép; "
                "hãy chia thành nhiều tệp nhỏ hơn."
            )))
            return None, problems
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


class TooManyRows(Exception):
    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(limit)


def _at_most(rows, limit: int):
    """The same rows; TooManyRows when a sheet stores more than `limit` rows besides its header,
    or when a row number says so (refused as soon as it is read, not after the whole sheet)."""
    for count, (number, row) in enumerate(rows):
        if count > limit or number > limit + 1:
            raise TooManyRows(limit)
        yield number, row


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
    for index, value in enumerate(header_row):
        if isinstance(value, Formula):
            problems.append(Problem(title, 1, None, _formula_message(index, 1, value)))
    header_row = tuple(None if isinstance(value, Formula) else value for value in header_row)
    positions, headers, ignored = _map_headers(sheet, title, header_row, problems)
    data = SheetData(sheet, title, headers, ignored=ignored)
    sheets[sheet.name] = data
    for number, row in rows:
        values = {key: _clean(row[index]) if index < len(row) else None for index, key in positions.items()}
        for index, key in positions.items():
            if isinstance(values[key], Formula):
                problems.append(Problem(title, number, data.header(key), _formula_message(index, number, values[key])))
                values[key] = None
        if any(value is not None for value in values.values()):
            data.rows.append(RawRow(number, values))


def _formula_message(index: int, number: int, formula: Formula) -> str:
    shown = formula.text if len(formula.text) <= 60 else formula.text[:57] + "…"
    cell = f"Ô {get_column_letter(index + 1)}{number} chứa công thức" + (f" “={shown}”" if shown else "")
    if formula.error:
        return f"{cell} cho kết quả lỗi {formula.error}; hãy sửa công thức hoặc nhập giá trị rồi tải lên lại."
    return (
        f"{cell} nhưng tệp không lưu kết quả của công thức (thường gặp ở tệp do chương trình khác tạo ra). "
        "Hãy mở tệp bằng Excel rồi lưu lại, hoặc sao chép các ô này và dán dưới dạng giá trị "
        "(Dán đặc biệt → Giá trị), rồi tải lên lại."
    )


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
