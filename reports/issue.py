"""How a report is issued: its number, date and signer, and the one rule for writing a draft's blanks.

The DOCX, the PDF, the XLSX Biểu and the report page all write the number and the issue date through
these functions, so a draft looks the same everywhere (seeds 000-002): "Số       -BC/HU", "ngày       tháng
12 năm 2026", "(Kèm theo Báo cáo số       -BC/HU, ngày       /12/2026 của …)". A report without a number is a
draft: its day is left blank, its month and year are those of the issue date (today when none is given).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cadre.vietnamese import format_date_long, format_date_short

DRAFT_GAP = " " * 7  # what a draft leaves blank for the number and the day


@dataclass(frozen=True)
class Issue:
    """What the issuing committee fills in; empty values take their defaults from the organization."""

    number: str = ""  # "408-BC/HU"; empty for a draft
    issued_on: dt.date | None = None  # None: today
    signer_name: str = ""
    signer_title: str = ""  # "PHÓ BÍ THƯ"
    authority: str = ""  # "T/M BAN THƯỜNG VỤ"

    @property
    def is_draft(self) -> bool:
        return not self.number.strip()

    def dated(self, today: dt.date | None = None) -> "Issue":
        """The same issue with its date: the one given, else today."""
        if self.issued_on is not None:
            return self
        return Issue(self.number, today or dt.date.today(), self.signer_name, self.signer_title, self.authority)


def number_is_valid(number: str) -> bool:
    """"408-BC/HU": digits, a dash, a kind and an issuer."""
    return bool(re.fullmatch(r"\d+-[A-ZĐ]+/[A-ZĐ0-9]+", number.strip().upper()))


def number_line(number: str, suffix: str) -> str:
    """"Số 408-BC/HU" (no colon after "Số"); a draft: "Số       -BC/HU"."""
    if not number.strip():
        return f"Số{DRAFT_GAP}{suffix}"
    return f"Số {number.strip()}"


def long_date(issued_on: dt.date | None, is_draft: bool) -> str:
    """"ngày 12 tháng 7 năm 2023"; a draft leaves the day blank: "ngày       tháng 8 năm 2023"."""
    if issued_on is None:
        return f"ngày{DRAFT_GAP}tháng{DRAFT_GAP}năm{DRAFT_GAP}"
    text = format_date_long(issued_on)
    return re.sub(r"^ngày \d+ ", f"ngày{DRAFT_GAP}", text) if is_draft else text


def short_date(issued_on: dt.date | None, is_draft: bool) -> str:
    """"12/7/2023"; a draft: "       /7/2023"."""
    if issued_on is None:
        return f"{DRAFT_GAP}/{DRAFT_GAP}/{DRAFT_GAP}"
    text = format_date_short(issued_on)
    return re.sub(r"^\d+/", f"{DRAFT_GAP}/", text) if is_draft else text


def attachment_line(number: str, suffix: str, issued_on: dt.date | None, issuer_name: str) -> str:
    """"(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy Phong Thổ)" under each Biểu's title."""
    is_draft = not number.strip()
    shown = f"{DRAFT_GAP}{suffix}" if is_draft else number.strip()
    return f"(Kèm theo Báo cáo số {shown}, ngày {short_date(issued_on, is_draft)} của {issuer_name})"
