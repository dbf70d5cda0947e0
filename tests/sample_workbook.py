"""The shared Tân Hồng sample workbook, with its two positions whose dates are in the wrong order put right.

The sample (../shared/samples/tan-hong/workbook.xlsx) has two ChucVu rows
(19 and 62) whose "Đến ngày" comes before "Từ ngày". The import refuses
such rows (a typo must not become a longer position), so tests that need
the sample's data import this copy, with the two dates of those rows in
order: the data the provider would send once told of the error.
"""
from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from openpyxl import load_workbook

SAMPLE_FOLDER = Path(settings.BASE_DIR).parent / "shared" / "samples" / "tan-hong"
RAW_SAMPLE = SAMPLE_FOLDER / "workbook.xlsx"
ROWS_IN_WRONG_ORDER = (19, 62)


def corrected_sample() -> io.BytesIO:
    book = load_workbook(RAW_SAMPLE)
    positions = book["ChucVu"]
    for row in ROWS_IN_WRONG_ORDER:
        start, end = positions.cell(row, 4), positions.cell(row, 5)
        assert end.value < start.value, f"ChucVu row {row} of the sample is no longer in the wrong order"
        start.value, end.value = end.value, start.value
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "workbook.xlsx"
    return buffer


def corrected_sample_file(folder: Path) -> Path:
    path = folder / "workbook.xlsx"
    path.write_bytes(corrected_sample().getvalue())
    return path
