"""Manual figures: numbers no register holds, typed in by staff for one report document.

Inspections, staff quotas, area and population…: the records do not hold
them, so staff type them on the document's "Số liệu nhập tay" page, each
under a key (`so_cuoc_kiem_tra`). The key is how they are used: in the
staff's own text as `[[so_lieu:so_cuoc_kiem_tra]]`, in a Word template as
`{{ so_lieu.so_cuoc_kiem_tra }}`, and by the built-in party-building report
for the figures of seed 001 it names below (docs/seed-001-blanks.md).

Definitions and pure helpers only: no query, no model. The values are exact
decimals (cadre.vietnamese.parse_number / format_number: "1.234,5").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from cadre.vietnamese import format_number, parse_number
from documents.facts import PARTY_BUILDING, PLAN_REVIEW

KEY_MAX_LENGTH = 50
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
KEY_REGEX = KEY_PATTERN.pattern  # the database check constraint (documents.models.ManualFigure)
# Names a template cannot reach as `so_lieu.<key>`: the methods of its dict, and Jinja's own words.
RESERVED_KEYS = frozenset({
    "items", "keys", "values", "get", "and", "or", "not", "in", "is", "if", "else", "elif", "for", "loop",
    "true", "false", "none", "set", "with", "block", "self",
})
MAX_DIGITS, DECIMAL_PLACES = 15, 4  # documents.models.ManualFigure.value
LABEL_MAX_LENGTH, UNIT_MAX_LENGTH, NOTE_MAX_LENGTH = 200, 30, 500
MAX_FIGURES = 200  # per document


@dataclass(frozen=True)
class ManualFigureRow:
    """One figure as staff typed it, checked: what documents.services.manual_figures_save stores."""

    key: str
    label: str
    value: Decimal
    unit: str = ""
    note: str = ""


def key_problem(key: str) -> str:
    """Why `key` cannot name a figure, in Vietnamese ("" when it can)."""
    if not key:
        return "Hãy ghi mã của số liệu (ví dụ so_cuoc_kiem_tra)."
    if len(key) > KEY_MAX_LENGTH:
        return f"Mã dài quá {KEY_MAX_LENGTH} ký tự."
    if not KEY_PATTERN.match(key):
        return ("Mã chỉ gồm chữ thường không dấu (a-z), chữ số và dấu gạch dưới, bắt đầu bằng một chữ; "
                f"ví dụ so_cuoc_kiem_tra (không dùng “{key}”).")
    if key in RESERVED_KEYS:
        return f"Mã “{key}” trùng với một từ dành riêng của mẫu Word; hãy đặt mã khác (ví dụ so_{key})."
    return ""


def parse_value(text: str) -> Decimal:
    """The value staff typed, the Vietnamese way ("1.234,5"), within what is stored exactly.
    ValueError's message is Vietnamese."""
    if not (text or "").strip():
        raise ValueError("Hãy nhập giá trị (một số, ví dụ 1.234 hoặc 12,5).")
    value = parse_number(text)
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > DECIMAL_PLACES:
        raise ValueError(f"Giá trị chỉ được có tối đa {DECIMAL_PLACES} chữ số sau dấu phẩy.")
    if abs(value) >= Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES):
        raise ValueError("Giá trị quá lớn (tối đa 11 chữ số phần nguyên).")
    return value


def stored_value(value: Decimal) -> Decimal:
    """The value as the database gives it back (four decimals), so that an unchanged value compares equal."""
    return Decimal(value).quantize(Decimal(1).scaleb(-DECIMAL_PLACES))


def row_problem(row: ManualFigureRow) -> str:
    """Why a row (from a form or a script) cannot be stored, in Vietnamese ("" when it can)."""
    problem = key_problem(row.key)
    if problem:
        return problem
    if not row.label.strip():
        return "Hãy ghi tên số liệu (ví dụ Số cuộc kiểm tra)."
    for text, limit, what in ((row.label, LABEL_MAX_LENGTH, "Tên"), (row.unit, UNIT_MAX_LENGTH, "Đơn vị"),
                              (row.note, NOTE_MAX_LENGTH, "Ghi chú")):
        if len(text) > limit:
            return f"{what} dài quá {limit} ký tự."
    if not isinstance(row.value, Decimal) or not row.value.is_finite():
        return "Giá trị phải là một số."
    try:
        parse_value(format_number(row.value))
    except ValueError as error:
        return str(error)
    return ""


def plain_value(value: Decimal) -> int | Decimal:
    """The raw value a template computes with: an int when it is whole, else the exact decimal."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value.normalize()


def value_text(value: Decimal | None) -> str:
    """"1.234,5": how a figure is printed everywhere (no rounding, trailing zeros dropped)."""
    return format_number(value)


# --- the staff's text: [[so_lieu:key]] ----------------------------------------------------------

PLACEHOLDER = re.compile(r"\[\[\s*so_lieu\s*:\s*([^\]\[]*?)\s*\]\]")


def placeholder(key: str) -> str:
    return f"[[so_lieu:{key}]]"


def placeholder_keys(text: str | None) -> list[str]:
    """The keys the text refers to, each once, in order."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text or "")))


def fill_placeholders(text: str, texts: dict[str, str]) -> str:
    """Each [[so_lieu:key]] replaced by the figure's text; an unknown key stays as written (it is refused when
    the text is saved, so it only appears if the figure was removed by other means)."""
    return PLACEHOLDER.sub(lambda match: texts.get(match.group(1), match.group(0)), text)


def unknown_placeholders(text: str | None, keys: set[str] | frozenset[str]) -> list[str]:
    return [key for key in placeholder_keys(text) if key not in keys]


def unknown_placeholder_message(unknown: list[str]) -> str:
    names = ", ".join(f"“{placeholder(key)}”" for key in unknown)
    return (f"Văn bản chưa có số liệu nhập tay {names}: hãy thêm số liệu có mã này ở trang “Số liệu nhập tay” "
            "của văn bản (văn bản mới: lưu trước rồi thêm), hoặc sửa lại mã.")


# --- figures suggested per report kind ----------------------------------------------------------

# Where the built-in party-building report tells a suggested figure (documents/compose.py).
SITUATION, APPARATUS, GRASSROOTS, CADRES, INSPECTION = "tinh_hinh", "bo_may", "co_so", "can_bo", "kiem_tra"
PART_TITLES = {
    SITUATION: "Đặc điểm, tình hình chung",
    APPARATUS: "Tổ chức bộ máy, biên chế",
    GRASSROOTS: "Tổ chức cơ sở đảng, đảng viên",
    CADRES: "Đào tạo, bồi dưỡng cán bộ",
    INSPECTION: "Kiểm tra, giám sát, kỷ luật đảng",
}


@dataclass(frozen=True)
class Suggestion:
    key: str
    label: str
    unit: str
    part: str  # PART_TITLES

    @property
    def part_title(self) -> str:
        return PART_TITLES[self.part]


PARTY_BUILDING_SUGGESTIONS = (
    Suggestion("dien_tich_tu_nhien", "Diện tích tự nhiên", "ha", SITUATION),
    Suggestion("dan_so", "Dân số", "người", SITUATION),
    Suggestion("ty_le_tccsd_htt", "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (năm đánh giá)",
               "%", SITUATION),
    Suggestion("ty_le_tccsd_htt_nam_truoc",
               "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (năm trước năm đánh giá)", "%", SITUATION),
    Suggestion("vi_tri_viec_lam", "Tổng số vị trí việc làm của các cơ quan tham mưu, giúp việc", "vị trí",
               APPARATUS),
    Suggestion("bien_che_duoc_bo_tri", "Số biên chế được bố trí", "biên chế", APPARATUS),
    Suggestion("bien_che_cong_chuc", "Biên chế công chức", "biên chế", APPARATUS),
    Suggestion("bien_che_vien_chuc", "Biên chế viên chức", "biên chế", APPARATUS),
    Suggestion("hop_dong_lao_dong", "Hợp đồng lao động", "người", APPARATUS),
    Suggestion("bien_che_giam", "Biên chế công chức giảm (tinh giản) trong kỳ", "biên chế", APPARATUS),
    Suggestion("lop_boi_duong_nghiep_vu", "Lớp bồi dưỡng nghiệp vụ công tác xây dựng Đảng", "lớp", GRASSROOTS),
    Suggestion("luot_boi_duong_nghiep_vu", "Lượt đồng chí dự bồi dưỡng nghiệp vụ công tác xây dựng Đảng",
               "đồng chí", GRASSROOTS),
    Suggestion("bi_thu_kiem_truong_ap", "Bí thư chi bộ đồng thời là trưởng ấp (thôn, bản, khu phố)", "đồng chí",
               GRASSROOTS),
    Suggestion("bi_thu_kiem_truong_ban_mat_tran", "Bí thư chi bộ kiêm trưởng ban công tác mặt trận", "đồng chí",
               GRASSROOTS),
    Suggestion("dang_vien_xoa_ten", "Đảng viên bỏ sinh hoạt, không đóng đảng phí phải xóa tên", "đồng chí",
               GRASSROOTS),
    Suggestion("dang_vien_cho_ra_khoi_dang", "Đảng viên cho ra khỏi Đảng", "đồng chí", GRASSROOTS),
    Suggestion("cu_hoc_cao_cap_llct", "Cán bộ được cử học Cao cấp lý luận chính trị", "đồng chí", CADRES),
    Suggestion("cu_hoc_trung_cap_llct", "Cán bộ được cử học Trung cấp lý luận chính trị", "đồng chí", CADRES),
    Suggestion("lop_so_cap_llct", "Lớp Sơ cấp lý luận chính trị", "lớp", CADRES),
    Suggestion("hoc_vien_so_cap_llct", "Học viên các lớp Sơ cấp lý luận chính trị", "đồng chí", CADRES),
    Suggestion("boi_duong_cap_nhat_kien_thuc", "Cán bộ được bồi dưỡng cập nhật kiến thức", "đồng chí", CADRES),
    Suggestion("tham_dinh_chinh_tri", "Trường hợp thẩm định lịch sử chính trị và chính trị hiện tại",
               "trường hợp", CADRES),
    Suggestion("kiem_tra_to_chuc_dang", "Lượt tổ chức đảng được kiểm tra", "lượt", INSPECTION),
    Suggestion("kiem_tra_dang_vien", "Đảng viên được kiểm tra", "đảng viên", INSPECTION),
    Suggestion("giam_sat_to_chuc_dang", "Lượt tổ chức đảng được giám sát", "lượt", INSPECTION),
    Suggestion("giam_sat_dang_vien", "Lượt đảng viên được giám sát", "lượt", INSPECTION),
    Suggestion("ty_le_chuong_trinh_kiem_tra", "Tỷ lệ thực hiện Chương trình kiểm tra, giám sát toàn khóa", "%",
               INSPECTION),
    Suggestion("dau_hieu_vi_pham_to_chuc", "Tổ chức đảng được kiểm tra khi có dấu hiệu vi phạm", "tổ chức",
               INSPECTION),
    Suggestion("dau_hieu_vi_pham_dang_vien", "Đảng viên được kiểm tra khi có dấu hiệu vi phạm", "đảng viên",
               INSPECTION),
    Suggestion("ky_luat_dang_vien", "Đảng viên bị thi hành kỷ luật", "đảng viên", INSPECTION),
    Suggestion("ky_luat_to_chuc_dang", "Tổ chức đảng bị thi hành kỷ luật", "tổ chức", INSPECTION),
    Suggestion("don_to_cao", "Đơn tố cáo liên quan đến cán bộ, đảng viên", "đơn", INSPECTION),
)
_GENERAL = ("dien_tich_tu_nhien", "dan_so", "vi_tri_viec_lam", "bien_che_duoc_bo_tri", "bien_che_cong_chuc",
            "bien_che_vien_chuc")
SUGGESTIONS = {
    PARTY_BUILDING: PARTY_BUILDING_SUGGESTIONS,
    PLAN_REVIEW: tuple(item for item in PARTY_BUILDING_SUGGESTIONS if item.key in _GENERAL),
}
SUGGESTIONS_BY_KEY = {item.key: item for item in PARTY_BUILDING_SUGGESTIONS}


def suggestions_for(kind: str) -> tuple[Suggestion, ...]:
    return SUGGESTIONS.get(kind, ())


def sample_value(key: str) -> Decimal:
    """A plausible value for an example (documents/specimen.py): a percentage below 100, else a count."""
    suggestion = SUGGESTIONS_BY_KEY.get(key)
    if suggestion is not None and suggestion.unit == "%":
        return Decimal("87.5")
    return Decimal(1234)
