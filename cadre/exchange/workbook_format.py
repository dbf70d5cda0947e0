"""The exchange workbook layout (data contract, section 1), shared by import and export.

Each sheet lists its columns in the contract's order. `header` is what the
export writes; when reading, a header matches if it equals the header or one
of its `aliases` ignoring case, diacritics and spaces (see `header_key`).
`required` columns must be present and filled on every row; a missing
optional column leaves the stored values of that field untouched.
"""
from __future__ import annotations

from dataclasses import dataclass

from cadre.vietnamese import search_key


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    max_length: int | None = None
    is_date: bool = False
    width: int = 14


@dataclass(frozen=True)
class SheetFormat:
    name: str
    title: str  # Vietnamese description used in summaries
    columns: tuple[Column, ...]
    required: bool = False

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {column.key: column for column in self.columns})

    def column(self, key: str) -> Column:
        return self._by_key[key]


def header_key(text) -> str:
    """Match key for sheet names and headers: "Ngày  sinh " == "NGAY SINH" == "ngaysinh"."""
    return "".join(search_key(str(text) if text is not None else "").split())


def _official_column() -> Column:
    return Column("official", "Mã cán bộ", required=True, aliases=("Mã CB",), max_length=40, width=14)


ORGANIZATIONS = SheetFormat(
    name="ToChuc",
    title="Tổ chức",
    required=True,
    columns=(
        Column("code", "Mã", required=True, aliases=("Mã tổ chức",), max_length=60, width=24),
        Column("name", "Tên", required=True, aliases=("Tên tổ chức",), max_length=200, width=40),
        Column("kind", "Loại", required=True, aliases=("Loại tổ chức",), width=10),
        Column("parent", "Mã cấp trên", aliases=("Cấp trên", "Mã tổ chức cấp trên"), width=24),
        Column("form", "Hình thức", width=14),
        Column("founded_on", "Ngày thành lập", is_date=True),
        Column("ceased_on", "Ngày giải thể", is_date=True),
        Column("predecessors", "Kế thừa từ", width=28),
        Column("category", "Nhóm", width=16),
    ),
)

OFFICIALS = SheetFormat(
    name="CanBo",
    title="Cán bộ",
    required=True,
    columns=(
        Column("code", "Mã cán bộ", required=True, aliases=("Mã CB",), max_length=40),
        Column("full_name", "Họ và tên", required=True, aliases=("Họ tên",), max_length=100, width=28),
        Column("gender", "Giới tính", required=True, width=10),
        Column("birth_date", "Ngày sinh", required=True, is_date=True),
        Column("ethnic_group", "Dân tộc", required=True, width=12),
        Column("citizen_id", "Số CCCD", aliases=("CCCD", "Số căn cước", "Số căn cước công dân"), width=16),
        Column("hometown", "Quê quán", max_length=200, width=24),
        Column("party_joined_on", "Ngày vào Đảng", aliases=("Ngày kết nạp Đảng",), is_date=True),
    ),
)

POSITIONS = SheetFormat(
    name="ChucVu",
    title="Chức vụ",
    columns=(
        _official_column(),
        Column("organization", "Mã tổ chức", required=True, width=24),
        Column("title", "Chức vụ", required=True, aliases=("Mã chức vụ",), width=18),
        Column("start_date", "Từ ngày", required=True, is_date=True),
        Column("end_date", "Đến ngày", is_date=True),
    ),
)

QUALIFICATIONS = SheetFormat(
    name="TrinhDo",
    title="Trình độ",
    columns=(
        _official_column(),
        Column("qualification_type", "Loại", required=True, aliases=("Loại trình độ",), width=18),
        Column("level", "Trình độ", required=True, max_length=200, width=22),
        Column("major", "Chuyên ngành", max_length=200, width=24),
        Column("obtained_on", "Ngày cấp", required=True, is_date=True),
    ),
)

EVALUATIONS = SheetFormat(
    name="DanhGia",
    title="Đánh giá, xếp loại",
    columns=(
        _official_column(),
        Column("year", "Năm", required=True, width=8),
        Column("rating", "Xếp loại", required=True, width=12),
    ),
)

EVENTS = SheetFormat(
    name="SuKien",
    title="Sự kiện công tác",
    columns=(
        _official_column(),
        Column("kind", "Loại", required=True, aliases=("Loại sự kiện",), width=16),
        Column("date", "Ngày", required=True, is_date=True),
        Column("from_organization", "Từ tổ chức", max_length=200, width=24),
        Column("to_organization", "Đến tổ chức", max_length=200, width=24),
        Column("note", "Ghi chú", max_length=500, width=40),
        Column("programme", "Chương trình", width=16),
    ),
)

PLANNING = SheetFormat(
    name="QuyHoach",
    title="Quy hoạch",
    columns=(
        _official_column(),
        Column("title", "Chức vụ", required=True, aliases=("Mã chức vụ",), width=18),
        Column("organization", "Mã tổ chức", required=True, width=24),
        Column("term", "Nhiệm kỳ", required=True, width=12),
        Column("approved_on", "Ngày phê duyệt", is_date=True),
        Column("removed_on", "Ngày đưa ra khỏi", aliases=("Ngày đưa ra khỏi quy hoạch",), is_date=True, width=16),
    ),
)

# An extension of the contract (docs/data-model.md, "Sheet DangVien (extension)"): party-member
# statistics of an organization for a year, keyed by organization and year. Counts are whole numbers
# from 0; an empty cell of an optional column counts 0.
PARTY_STATISTICS = SheetFormat(
    name="DangVien",
    title="Thống kê đảng viên",
    columns=(
        Column("organization", "Mã tổ chức", required=True, aliases=("Mã",), width=24),
        Column("year", "Năm", required=True, width=8),
        Column("members", "Số đảng viên", required=True, aliases=("Tổng số đảng viên", "Đảng viên"), width=14),
        Column("probationary", "Dự bị", aliases=("Đảng viên dự bị", "Số đảng viên dự bị"), width=10),
        Column("female", "Nữ", aliases=("Đảng viên nữ", "Số đảng viên nữ"), width=10),
        Column("admitted", "Kết nạp", aliases=("Kết nạp trong năm", "Kết nạp mới"), width=10),
        Column("removed", "Đưa ra khỏi", aliases=("Đưa ra khỏi Đảng", "Đưa ra khỏi Đảng trong năm"), width=12),
    ),
)

SHEETS: tuple[SheetFormat, ...] = (
    ORGANIZATIONS, OFFICIALS, POSITIONS, QUALIFICATIONS, EVALUATIONS, EVENTS, PLANNING, PARTY_STATISTICS,
)
# The sheets of an official's records (an official's profile, history and deletion follow them).
RECORD_SHEETS: tuple[SheetFormat, ...] = (POSITIONS, QUALIFICATIONS, EVALUATIONS, EVENTS, PLANNING)

SHEETS_BY_KEY: dict[str, SheetFormat] = {header_key(sheet.name): sheet for sheet in SHEETS}


def sheet_for(title: str) -> SheetFormat | None:
    """The sheet format a worksheet title stands for, if any."""
    return SHEETS_BY_KEY.get(header_key(title))


def sheet_title(name: str) -> str:
    """A sheet's name in words ("ChucVu" → "Chức vụ"): the `entity` of change records and import summaries."""
    sheet = SHEETS_BY_KEY.get(header_key(name))
    return sheet.title if sheet is not None else name


def sheet_names() -> str:
    """The accepted sheet names, for messages: "ToChuc, CanBo, …"."""
    return ", ".join(sheet.name for sheet in SHEETS)
