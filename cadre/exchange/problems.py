"""A problem found in an imported workbook, located by sheet, row and column."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason a workbook cannot be imported; the message is Vietnamese.

    `sheet` is empty for problems with the file itself, `row` is the 1-based
    Excel row number (None for a whole sheet or column), `column` the header
    as written in the file (or in the contract when the column is missing).
    """

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = []
        if self.sheet:
            place.append(self.sheet)
        if self.row is not None:
            place.append(f"dòng {self.row}")
        if self.column:
            place.append(f"cột “{self.column}”")
        if not place:
            return self.message
        return f"{', '.join(place)}: {self.message}"
