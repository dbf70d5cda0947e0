"""Vietnamese conventions in one place: numbers, dates, name order, search.

Every output (HTML, XLSX, DOCX, PDF, admin) formats through these functions,
so that "4.809", "15,79%" and "ngày 12 tháng 7 năm 2023" look the same
everywhere.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

# --- numbers -------------------------------------------------------------

TWO_PLACES = Decimal("0.01")


def round_half_up(value: Decimal | int | float, places: int = 2) -> Decimal:
    """Round half up (not banker's rounding) to `places` decimals."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_int(value: int | None) -> str:
    """4809 -> "4.809"; None -> "-"."""
    if value is None:
        return "-"
    sign = "-" if value < 0 else ""
    return sign + _group_thousands(str(abs(int(value))))


def format_decimal(value: Decimal | int | float | None, places: int = 2) -> str:
    """Decimal("15.789") -> "15,79"; 1234.5 -> "1.234,50"; None -> "-"."""
    if value is None:
        return "-"
    rounded = round_half_up(value, places)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{places}f}"
    whole, _, fraction = text.partition(".")
    result = _group_thousands(whole)
    if places:
        result += "," + fraction
    return sign + result


def two_places(value: Fraction | Decimal | int | None) -> Decimal | None:
    """The value rounded half up to two decimals; None stays None."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        # Enough digits that the division is exact wherever rounding could depend on it.
        with localcontext() as context:
            context.prec = 60
            value = Decimal(value.numerator) / Decimal(value.denominator)
    return round_half_up(value, 2)


def vietnamese_two_places(value: Fraction | Decimal | int | None) -> str:
    """"37,14" or "-": the style of the Biểu tables."""
    return format_decimal(two_places(value))


def format_percent(value: Decimal | int | float | None, places: int = 2) -> str:
    """Decimal("15.789") -> "15,79%"; None -> "-"."""
    if value is None:
        return "-"
    return format_decimal(value, places) + "%"


def format_number(value: Decimal | int | None) -> str:
    """An exact number as typed, the Vietnamese way: Decimal("1234.50") -> "1.234,5"; 1234 -> "1.234";
    trailing zeros of the decimals are dropped, nothing is rounded; None -> "-"."""
    if value is None:
        return "-"
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value).normalize(), "f").partition(".")
    return sign + _group_thousands(whole) + ("," + fraction if fraction else "")


_VIETNAMESE_NUMBER = re.compile(r"^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
_DOTTED_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def parse_number(text: str) -> Decimal:
    """A number written the Vietnamese way: dots group the thousands, a comma starts the decimals.

    "1.234,5" -> Decimal("1234.5"); "1234,5", "4.809", "4809", "-2,5" too. "1.5" is refused as ambiguous
    (1,5 or 1.500?); anything else that is not a number too. ValueError's message is Vietnamese."""
    cleaned = (text or "").strip()
    match = _VIETNAMESE_NUMBER.match(cleaned)
    if match:
        sign, whole, fraction = match.groups()
        return Decimal(f"{sign or ''}{whole.replace('.', '')}" + (f".{fraction}" if fraction else ""))
    if _DOTTED_DECIMAL.match(cleaned):
        raise ValueError(f"“{cleaned}” không rõ là số nào: phần thập phân viết sau dấu phẩy (ví dụ 1,5); "
                         "dấu chấm chỉ dùng để ngăn hàng nghìn (ví dụ 1.500).")
    raise ValueError(f"“{cleaned}” không phải là một số (viết như 1.234 hoặc 1.234,5).")


def format_count(value: int, width: int = 2) -> str:
    """Counts in running text are written with two digits: 5 -> "05", 12 -> "12"; zero is "0", never "00"."""
    if value == 0:
        return "0"
    return format_int(value).rjust(width, "0")


# --- dates ---------------------------------------------------------------


def _day_month(day: int, month: int) -> tuple[str, str]:
    """Party document rule: days below 10 and months 1-2 are zero-padded."""
    day_text = f"{day:02d}" if day < 10 else str(day)
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return day_text, month_text


def format_date_long(value: dt.date | None) -> str:
    """date(2023, 7, 12) -> "ngày 12 tháng 7 năm 2023"."""
    if value is None:
        return ""
    day, month = _day_month(value.day, value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def format_date_short(value: dt.date | None) -> str:
    """date(2023, 7, 12) -> "12/7/2023"; date(2018, 2, 5) -> "05/02/2018"."""
    if value is None:
        return ""
    day, month = _day_month(value.day, value.month)
    return f"{day}/{month}/{value.year}"


def format_date_input(value: dt.date | None) -> str:
    """The form and spreadsheet style: date(2023, 7, 2) -> "02/07/2023"."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


# Every date typed by a user (pages, API, command line, plan files) lies in this range;
# outside it the date arithmetic of the reports (year - 1, a day later) could fail.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
DATE_RANGE_MESSAGE = "Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2100."
YEAR_RANGE_TEXT = f"{DATE_MIN.year} – {DATE_MAX.year}"


def check_date_range(value: dt.date) -> dt.date:
    """The date itself, or ValueError(DATE_RANGE_MESSAGE) when it lies outside DATE_MIN .. DATE_MAX."""
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValueError(DATE_RANGE_MESSAGE)
    return value


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)


def parse_date(text: str) -> dt.date:
    """Parse "dd/mm/yyyy" or "yyyy-mm-dd" (1900 .. 2100); raise ValueError with a Vietnamese message."""
    value = text.strip()
    if len(value) > 10:
        raise ValueError("Ngày không đúng định dạng dd/mm/yyyy hoặc yyyy-mm-dd.")
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            try:
                parsed = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise ValueError(f"Ngày không tồn tại: “{value}”.") from None
            return check_date_range(parsed)
    raise ValueError(f"Ngày không đúng định dạng dd/mm/yyyy hoặc yyyy-mm-dd: “{value}”.")


def not_a_real_date(text: str) -> bool:
    """True for text shaped like a date whose day does not exist in its month: "31/02/2023", "2023-02-30"
    (a month 13 or a day 32 is a typing slip, answered as a wrong format)."""
    value = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            if not (1 <= int(match["m"]) <= 12 and 1 <= int(match["d"]) <= 31):
                return False
            try:
                dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return True
            return False
    return False


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in completed years on a date (the birthday itself counts)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (1 if before_birthday else 0)


# --- names: sort and search ---------------------------------------------

# Vietnamese alphabetical order; f, j, w, z appear in foreign names.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tone order of Vietnamese dictionaries: level, grave, hook, tilde, acute, dot.
_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Letter ranks: digits 10-19, letters from 20 on, so every rank has two digits
# and the separator "00" sorts before any letter.
_RANK = {str(d): f"{10 + d}" for d in range(10)}
_RANK.update({letter: f"{20 + i}" for i, letter in enumerate(_ALPHABET)})
_WORD_END = "00"


def _split_letter(char: str) -> tuple[str, int]:
    """"ễ" -> ("ê", 3): the letter with its vowel marks, and its tone."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES and part:
            tone = _TONES[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def name_sort_key(full_name: str) -> str:
    """A key that sorts names the Vietnamese way: given name, then the rest.

    The key holds only digits, so byte order, the C collation and any
    locale's order agree. Letters compare first (a < ă < â < b … đ …), then
    tones as a tie-break.
    """
    words = full_name.split()
    if not words:
        return ""
    return _alphabet_key([words[-1], *words[:-1]])


def text_sort_key(text: str) -> str:
    """A key that sorts any text (a place, an organization) in Vietnamese alphabetical order, word by word
    as written: "Bản Lang" < "Bum Nưa" < "Dào San" < "Đào San" < "Mường So" (same digits-only key as
    name_sort_key, without moving the last word first)."""
    words = (text or "").split()
    return _alphabet_key(words) if words else ""


def _alphabet_key(words: list[str]) -> str:
    letters, tones = [], []
    for word in words:
        for char in word:
            letter, tone = _split_letter(char)
            rank = _RANK.get(letter)
            if rank is None:
                continue  # punctuation such as hyphens does not sort
            letters.append(rank)
            tones.append(str(tone))
        letters.append(_WORD_END)
    return "".join(letters) + _WORD_END + "".join(tones)


def search_key(text: str | None) -> str:
    """Lower case without diacritics, "đ" -> "d", single spaces.

    "Nguyễn Văn Đức" -> "nguyen van duc".
    """
    if not text:
        return ""
    lowered = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.split())


def _folding_table() -> dict[int, str]:
    """search_key's folding of each precomposed letter (Latin-1 to Latin Extended Additional), as a
    str.translate table."""
    table = {}
    for code in range(0xC0, 0x1F00):
        char = chr(code).lower()
        folded = "".join(c for c in unicodedata.normalize("NFD", char.replace("đ", "d"))
                         if unicodedata.category(c) != "Mn")
        if folded != char:
            table[code] = folded
    return table


_FOLDING = _folding_table()


def quick_search_key(text: str | None) -> str:
    """search_key, about fifty times faster for names (a translation table; search_key itself for any
    text that still holds a letter the table does not know): for matching thousands of names per request."""
    if not text:
        return ""
    folded = text.lower().translate(_FOLDING)
    if not folded.isascii():
        return search_key(text)
    return " ".join(folded.split())


def same_text(a: str | None, b: str | None) -> bool:
    """Equal ignoring case, surrounding spaces and diacritics."""
    return search_key(a) == search_key(b)
