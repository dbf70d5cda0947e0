"""Turn raw cell values into typed values; ValueError carries a Vietnamese message."""
from __future__ import annotations

import datetime as dt
import re

from cadre.vietnamese import format_date_input, parse_date

_CITIZEN_ID = re.compile(r"^[0-9]{12}$")
_TERM = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")


def to_text(value) -> str:
    """Cell as text: numbers without a trailing ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return format_date_input(value.date())
    if isinstance(value, dt.date):
        return format_date_input(value)
    return str(value).strip()


def to_date(value) -> dt.date:
    """An Excel date cell, or text dd/mm/yyyy or yyyy-mm-dd."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError(f"Không phải là ngày (cần ô ngày hoặc dd/mm/yyyy): “{to_text(value)}”.")


def to_year(value) -> int:
    """A whole number of four digits, from a number cell or text."""
    if isinstance(value, bool):
        raise ValueError(f"Năm không phải là số nguyên: “{value}”.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = to_text(value)
    if re.fullmatch(r"\d{1,4}", text):
        return int(text)
    raise ValueError(f"Năm không phải là số nguyên: “{text}”.")


MAX_COUNT = 999_999_999
_COUNT = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$")  # "4809" or with Vietnamese thousands dots, "4.809"


def to_count(value) -> int:
    """A whole number of people from 0, from a number cell or text ("4.809" too); an empty cell is 0."""
    if value is None:
        return 0
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _COUNT.match(value.strip()):
        number = int(value.strip().replace(".", ""))
    elif isinstance(value, str) and not value.strip():
        return 0
    if number is None or number < 0:
        raise ValueError(f"Phải là số nguyên không âm: “{to_text(value)}”.")
    if number > MAX_COUNT:
        raise ValueError(f"Số quá lớn: “{to_text(value)}”.")
    return number


def to_citizen_id(value) -> str:
    """Exactly 12 digits; a number cell that lost its leading zeros is refused."""
    text = to_text(value)
    if _CITIZEN_ID.match(text):
        return text
    hint = " (nên nhập dạng văn bản để giữ số 0 ở đầu)" if text.isdigit() and len(text) < 12 else ""
    raise ValueError(f"Số CCCD phải gồm đúng 12 chữ số: “{text}”{hint}.")


def to_term(value) -> str:
    """A term such as "2025-2030": two years, the second after the first."""
    text = to_text(value)
    match = _TERM.match(text)
    if not match or int(match[2]) <= int(match[1]):
        raise ValueError(f"Nhiệm kỳ phải có dạng năm bắt đầu-năm kết thúc, ví dụ 2025-2030: “{text}”.")
    return f"{match[1]}-{match[2]}"
