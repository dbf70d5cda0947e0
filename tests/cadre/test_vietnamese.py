import datetime as dt
from decimal import Decimal

import pytest

from cadre.vietnamese import (
    age_on,
    format_count,
    format_date_input,
    format_date_long,
    format_date_short,
    format_decimal,
    format_int,
    format_percent,
    name_sort_key,
    parse_date,
    round_half_up,
    search_key,
)


def test_integers_use_a_dot_between_thousands():
    assert format_int(4809) == "4.809"
    assert format_int(1234567) == "1.234.567"
    assert format_int(190) == "190"
    assert format_int(0) == "0"
    assert format_int(-4809) == "-4.809"
    assert format_int(None) == "-"


def test_decimals_use_a_comma_and_round_half_up():
    assert format_decimal(Decimal("15.789")) == "15,79"
    assert format_decimal(Decimal("15.785")) == "15,79"  # half up, not half even
    assert format_decimal(Decimal("0.125")) == "0,13"
    assert format_decimal(Decimal("1234.5")) == "1.234,50"
    assert format_decimal(100) == "100,00"
    assert format_decimal(None) == "-"


def test_percentages_carry_the_sign():
    assert format_percent(Decimal("15.7894")) == "15,79%"
    assert format_percent(None) == "-"


def test_round_half_up_is_not_bankers_rounding():
    assert round_half_up(Decimal("2.675")) == Decimal("2.68")
    assert round_half_up(Decimal("2.665")) == Decimal("2.67")
    assert str(round_half_up(Decimal("127.365"))) == "127.37"


def test_counts_in_text_have_two_digits():
    assert format_count(5) == "05"
    assert format_count(12) == "12"
    assert format_count(4809) == "4.809"


def test_long_dates_follow_the_party_document_rule():
    assert format_date_long(dt.date(2023, 7, 12)) == "ngày 12 tháng 7 năm 2023"
    assert format_date_long(dt.date(2018, 2, 5)) == "ngày 05 tháng 02 năm 2018"
    assert format_date_long(dt.date(2023, 1, 15)) == "ngày 15 tháng 01 năm 2023"
    assert format_date_long(None) == ""


def test_short_dates():
    assert format_date_short(dt.date(2023, 7, 12)) == "12/7/2023"
    assert format_date_short(dt.date(2018, 2, 5)) == "05/02/2018"
    assert format_date_input(dt.date(2023, 7, 2)) == "02/07/2023"


def test_parse_date_accepts_both_contract_formats():
    assert parse_date("12/07/2023") == dt.date(2023, 7, 12)
    assert parse_date(" 2/7/2023 ") == dt.date(2023, 7, 2)
    assert parse_date("2023-07-12") == dt.date(2023, 7, 12)


@pytest.mark.parametrize(
    "text, message",
    [
        ("31/02/2023", "Ngày không tồn tại: “31/02/2023”."),
        ("2023/07/12", "Ngày không đúng định dạng dd/mm/yyyy hoặc yyyy-mm-dd: “2023/07/12”."),
        ("hôm qua", "Ngày không đúng định dạng dd/mm/yyyy hoặc yyyy-mm-dd: “hôm qua”."),
    ],
)
def test_parse_date_explains_bad_dates_in_vietnamese(text, message):
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert str(error.value) == message


def test_age_is_counted_in_completed_years():
    born = dt.date(1988, 6, 30)
    assert age_on(born, dt.date(2023, 6, 29)) == 34
    assert age_on(born, dt.date(2023, 6, 30)) == 35  # the birthday itself
    assert age_on(dt.date(2000, 2, 29), dt.date(2021, 2, 28)) == 20
    assert age_on(dt.date(2000, 2, 29), dt.date(2021, 3, 1)) == 21


def test_search_key_ignores_diacritics_and_maps_d_stroke():
    assert search_key("Nguyễn Văn A") == "nguyen van a"
    assert search_key("  Đặng   Thị ĐÀO ") == "dang thi dao"
    assert search_key("Lò Văn Ơn") == "lo van on"
    assert search_key(None) == ""


def _sorted(names):
    return sorted(names, key=name_sort_key)


def test_names_sort_by_given_name_first():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Cường"]
    assert _sorted(names) == ["Trần Thị An", "Nguyễn Văn Bình", "Lê Văn Cường"]


def test_names_with_the_same_given_name_sort_by_family_name():
    names = ["Trần Văn An", "Bùi Thị An", "Lê An"]
    assert _sorted(names) == ["Bùi Thị An", "Lê An", "Trần Văn An"]


def test_vietnamese_letters_follow_the_vietnamese_alphabet():
    # a < ă < â < b ; d < đ < e ; o < ô < ơ ; u < ư
    names = ["X Bình", "X Ân", "X Ăn", "X An", "X Đông", "X Dung", "X Em", "X Ơn", "X Ôn", "X On", "X Ưu", "X Uy"]
    assert _sorted(names) == ["X An", "X Ăn", "X Ân", "X Bình", "X Dung", "X Đông", "X Em", "X On", "X Ôn", "X Ơn", "X Uy", "X Ưu"]


def test_a_shorter_given_name_sorts_before_a_longer_one():
    assert _sorted(["Lê Anh", "Lê An"]) == ["Lê An", "Lê Anh"]


def test_tones_only_break_ties():
    # Letters first: "Hà" < "Hải" < "Hạnh"; tones only between equal letters.
    assert _sorted(["X Hạnh", "X Hải", "X Hà"]) == ["X Hà", "X Hải", "X Hạnh"]
    assert _sorted(["X Mạ", "X Má", "X Mã", "X Mả", "X Mà", "X Ma"]) == ["X Ma", "X Mà", "X Mả", "X Mã", "X Má", "X Mạ"]


def test_sort_keys_are_digits_so_every_collation_agrees():
    key = name_sort_key("Hoàng Thị Thu Hằng")
    assert key.isdigit()


def test_the_quick_search_key_folds_every_precomposed_letter_as_search_key_does():
    from cadre.vietnamese import quick_search_key

    for code in range(0xC0, 0x1F00):
        text = f"Ab {chr(code)}c  Đ"
        assert quick_search_key(text) == search_key(text), hex(code)
    assert quick_search_key("Phường  Phong Thổ") == "phuong phong tho"
    assert quick_search_key("") == "" and quick_search_key(None) == ""


@pytest.mark.parametrize("text, expected", [
    ("31/02/2023", True), ("29/02/2023", True), ("2023-04-31", True),
    ("29/02/2024", False), ("31/13/2023", False), ("32/01/2023", False), ("hôm qua", False),
])
def test_not_a_real_date_tells_a_day_missing_from_its_month(text, expected):
    from cadre.vietnamese import not_a_real_date

    assert not_a_real_date(text) is expected
