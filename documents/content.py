"""The laid-out document as plain data: what every renderer draws.

documents/compose.py builds a `Document` from the staff's choices and the
fetched figures; the DOCX, PDF and HTML renderers only draw it, so the three
outputs carry the same words and numbers. Nothing here queries or computes.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


BODY = "body"  # justified, first-line indent
HEADING = "heading"  # bold, first-line indent, like "I. ĐẶC ĐIỂM, TÌNH HÌNH"
CENTERED = "centered"  # centred, no indent


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    role: str = BODY

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def plain(text: str, role: str = BODY, bold: bool = False, italic: bool = False) -> Paragraph:
    return Paragraph((Run(text, bold=bold, italic=italic),), role)


@dataclass(frozen=True)
class Header:
    """The two-column block at the top of the first page."""

    superior_body: str  # ĐẢNG BỘ TỈNH LAI CHÂU
    issuing_body: str  # HUYỆN ỦY PHONG THỔ
    number_line: str  # Số 408-BC/HU
    party_name: str  # ĐẢNG CỘNG SẢN VIỆT NAM
    place_date: str  # Phong Thổ, ngày 12 tháng 7 năm 2023


@dataclass(frozen=True)
class Signature:
    authority: str  # T/M BAN THƯỜNG VỤ (may be empty)
    title: str  # PHÓ BÍ THƯ
    name: str  # may be empty in a draft


@dataclass(frozen=True)
class TableRow:
    """One row of a Biểu: the TT column, the label and the eight figure cells."""

    number: str
    label: str
    cells: tuple[str, ...]
    is_total: bool = False
    depth: int = 0  # 1 for "- Trong đó …" rows, drawn indented


@dataclass(frozen=True)
class AppendixTable:
    """A Biểu on its own landscape page."""

    number: str  # Biểu 01
    title: str  # TỔNG HỢP CHẤT LƯỢNG CÁN BỘ
    attachment: str  # (Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy Phong Thổ)
    baseline_label: str  # Thực hiện năm 2020
    target_label: str  # Mục tiêu Đề án đến năm 2025
    current_label: str  # Thực hiện năm 2023
    vs_target_label: str  # So sánh năm 2023/Đề án
    vs_baseline_label: str  # So sánh năm 2023/năm 2020
    rows: tuple[TableRow, ...]

    COUNT_LABEL = "Số lượng"
    PERCENT_LABEL = "%"
    NUMBER_LABEL = "TT"
    QUALITY_LABEL = "Chất lượng"
    NOTE_LABEL = "Ghi chú"
    COLUMN_COUNT = 10


@dataclass(frozen=True)
class Document:
    header: Header
    title: str  # BÁO CÁO
    subject_lines: tuple[str, ...]
    body: tuple[Paragraph, ...]
    recipients_heading: str  # Nơi nhận:
    recipients: tuple[str, ...]  # "- Ban Tổ chức Tỉnh ủy,", …, "- Lưu Văn phòng Huyện ủy."
    signature: Signature
    appendix: tuple[AppendixTable, ...] = field(default_factory=tuple)
    file_stem: str = "bao-cao"
    author: str = ""  # the issuing committee as named in prose: "Huyện ủy Phong Thổ" (the file's author)

    @property
    def subject(self) -> str:
        """The subject on one line: the file's title."""
        return " ".join(self.subject_lines)

    def all_text(self) -> str:
        """Every word of the document, for tests and search."""
        parts = [
            self.header.superior_body, self.header.issuing_body, self.header.number_line,
            self.header.party_name, self.header.place_date, self.title, *self.subject_lines,
            *(paragraph.text for paragraph in self.body), self.recipients_heading, *self.recipients,
            self.signature.authority, self.signature.title, self.signature.name,
        ]
        for table in self.appendix:
            parts += [table.number, table.title, table.attachment]
            for row in table.rows:
                parts += [row.number, row.label, *row.cells]
        return "\n".join(part for part in parts if part)
