"""Read the cells of one workbook row, recording a located problem for each bad cell."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from cadre.exchange.cell_values import to_date, to_text
from cadre.exchange.problems import Problem
from cadre.exchange.workbook_reader import RawRow, SheetData
from cadre.vietnamese import format_date_input


class RowCheck:
    """One row of a sheet; each reader returns None (and records a problem) on a bad cell."""

    def __init__(self, sheet: SheetData, row: RawRow, problems: list[Problem], today: dt.date):
        self.sheet = sheet
        self.row = row
        self.problems = problems
        self.today = today
        self.ok = True

    @property
    def number(self) -> int:
        return self.row.number

    def fail(self, key: str, message: str) -> None:
        self.ok = False
        self.problems.append(Problem(self.sheet.title, self.row.number, self.sheet.header(key), message))

    def raw(self, key: str):
        return self.row.values.get(key)

    def _missing(self, key: str) -> bool:
        """True (and a problem) when a required cell is empty."""
        if self.raw(key) is None:
            if self.sheet.format.column(key).required:
                self.fail(key, "Ô bắt buộc, không được để trống.")
            return True
        return False

    def text(self, key: str) -> str:
        """The cell as text ("" when empty), within the column's length limit."""
        if self._missing(key):
            return ""
        value = to_text(self.raw(key))
        limit = self.sheet.format.column(key).max_length
        if limit and len(value) > limit:
            self.fail(key, f"Dài quá {limit} ký tự.")
        return value

    def convert(self, key: str, converter: Callable):
        """The cell through a converter whose ValueError message becomes the problem."""
        if self._missing(key):
            return None
        try:
            return converter(self.raw(key))
        except ValueError as error:
            self.fail(key, str(error))
            return None

    def date(self, key: str) -> dt.date | None:
        """A date that exists and is not after today."""
        value = self.convert(key, to_date)
        if value is not None and value > self.today:
            self.fail(key, f"Ngày ở tương lai (sau hôm nay): “{format_date_input(value)}”.")
            return None
        return value

    def lookup(self, key: str, find: Callable[[str], object], unknown: str):
        """A catalog entry found from the cell's text; `unknown` is the message (with {value})."""
        text = self.text(key)
        if not text:
            return None
        found = find(text)
        if found is None:
            self.fail(key, unknown.format(value=text))
        return found

    def ordered(self, start, end_key: str, end, message: str) -> None:
        """An end date must not come before its start date; `message` has {start} and {end}."""
        if start and end and end < start:
            self.fail(end_key, message.format(start=format_date_input(start), end=format_date_input(end)))
