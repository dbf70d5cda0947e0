"""What a document is composed from, as plain data.

`DocumentSpec` is what the staff chose (kind, dates, number, signer, their
own sections); `DocumentFacts` is every figure, fetched once by
documents/fetch.py before any layout. Both are plain values, so the
composition (documents/sentences.py, documents/compose.py) is pure and tests
can build them by hand.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from cadre.vietnamese import format_number
from reports.structure import Report

PLAN_REVIEW = "SO_KET"
PARTY_BUILDING = "XAY_DUNG_DANG"

# The sections staff write themselves, in document order, with their headings.
STAFF_SECTIONS = (
    ("opening", "Mở đầu (căn cứ, yêu cầu báo cáo)"),
    ("situation", "Đặc điểm, tình hình; thuận lợi, khó khăn"),
    ("implementation", "Công tác quán triệt, lãnh đạo, chỉ đạo"),
    ("strengths", "Ưu điểm"),
    ("weaknesses", "Hạn chế, khuyết điểm"),
    ("causes", "Nguyên nhân"),
    ("lessons", "Bài học kinh nghiệm"),
    ("tasks", "Nhiệm vụ, giải pháp"),
    ("proposals", "Kiến nghị, đề xuất"),
)


@dataclass(frozen=True)
class ManualFigureValue:
    """A figure no register holds, as staff typed it for this document (documents.models.ManualFigure)."""

    key: str  # so_cuoc_kiem_tra
    label: str  # Số cuộc kiểm tra
    value: Decimal  # exact
    unit: str = ""  # cuộc, km², người
    note: str = ""

    @property
    def text(self) -> str:
        """"1.234,5": the value the Vietnamese way, as typed (no rounding)."""
        return format_number(self.value)


@dataclass(frozen=True)
class DocumentSpec:
    kind: str  # PLAN_REVIEW or PARTY_BUILDING
    organization_code: str
    organization_name: str  # the issuing committee: Huyện ủy Phong Thổ, Đảng ủy xã Mường So
    organization_kind: str  # cadre.models.OrganizationKind
    superior_body: str  # ĐẢNG BỘ TỈNH LAI CHÂU (as it is printed)
    issuing_body: str  # HUYỆN ỦY PHONG THỔ
    place: str  # Phong Thổ
    number: str  # "408-BC/HU"; empty for a draft
    issued_on: dt.date | None
    subject: str
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    as_of: dt.date
    plan_code: str = ""
    plan_title: str = ""
    plan_issued_on: dt.date | None = None
    baseline_as_of: dt.date | None = None
    rating_years: tuple[int, ...] = ()
    baseline_rating_years: tuple[int, ...] = ()
    target_year: int | None = None
    events_from: dt.date | None = None  # career events are counted from this date to as_of
    term: str = ""  # nhiệm kỳ, "2020 - 2025"
    sections: dict[str, str] = field(default_factory=dict)  # staff-written text by STAFF_SECTIONS key
    # The issuing committee's forms (cadre/committees.py); empty: taken from organization_kind.
    number_suffix: str = ""  # -BC/HU, -BC/TU, -BC/ĐU
    filing_recipient: str = ""  # Lưu Văn phòng Huyện ủy
    # Figures no register holds, typed in for this document, in the staff's order (documents/manual_figures.py).
    manual_figures: tuple[ManualFigureValue, ...] = ()

    @property
    def is_draft(self) -> bool:
        return not self.number.strip()

    def manual_figure(self, key: str) -> ManualFigureValue | None:
        return next((figure for figure in self.manual_figures if figure.key == key), None)

    @property
    def manual_figure_texts(self) -> dict[str, str]:
        """key -> "1.234,5": what [[so_lieu:key]] and {{ so_lieu.key }} print."""
        return {figure.key: figure.text for figure in self.manual_figures}


@dataclass(frozen=True)
class OrganizationCounts:
    """The party organizations inside the scope that exist on the as-of date."""

    grassroots: int  # tổ chức cơ sở đảng
    agency_committees: int  # đảng bộ ngành huyện (cơ quan, DANG_BO)
    commune_committees: int  # đảng bộ xã, thị trấn (XA, DANG_BO)
    grassroots_cells: int  # chi bộ cơ sở (CHI_BO_CO_SO)
    cells: int  # chi bộ trực thuộc đảng bộ cơ sở
    hamlet_cells_in_communes: int  # chi bộ ấp, bản under commune committees
    other_cells_in_communes: int  # chi bộ ngành under commune committees
    communes_with_cells: int
    cells_in_agencies: int
    agencies_with_cells: int
    communes: int  # xã (administrative units of kind XA named neither "thị trấn" nor "phường")
    townships: int  # thị trấn
    wards: int = 0  # phường
    # The words the hamlet cells' names use, in HAMLET_WORDS order: ("thôn", "bản"), ("ấp", "khu phố")…
    hamlet_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartyMembers:
    """Party-member statistics of the scope for one year (no organization counted twice)."""

    year: int
    members: int
    probationary: int
    female: int


@dataclass(frozen=True)
class PartyMovement:
    """Admissions and removals summed over a run of years."""

    first_year: int
    last_year: int
    admitted: int
    removed: int


@dataclass(frozen=True)
class GroupComposition:
    """A population on the as-of date: how many, how many women, minorities, young people."""

    code: str
    name: str  # Cán bộ cấp xã
    total: int
    female: int | None
    minority: int | None
    young: int | None
    young_age: int = 35


@dataclass(frozen=True)
class EventTally:
    kind: str  # cadre.models.CareerEventKind
    total: int
    by_direction: tuple[tuple[str, int], ...] = ()  # (direction, count), in DIRECTIONS order


@dataclass(frozen=True)
class CareerEvents:
    start: dt.date
    end: dt.date
    tallies: tuple[EventTally, ...]


@dataclass(frozen=True)
class CommuneLeadership:
    """Who leads the communes on the as-of date."""

    communes: int  # communes existing on the date
    secretary_chairs_council: int  # bí thư đồng thời là chủ tịch HĐND
    secretary_chairs_committee: int  # bí thư đồng thời là chủ tịch UBND
    secretaries: int  # communes with a party secretary
    secretaries_not_local: int  # … whose recorded hometown is another commune


@dataclass(frozen=True)
class PlanningGroup:
    """People in planning (quy hoạch) for one term at one level, on the as-of date."""

    term: str  # "2025-2030"
    level: str  # "huyen" or "xa"
    total: int
    female: int
    young: int
    young_age: int = 35


@dataclass(frozen=True)
class DocumentFacts:
    scope_kind: str
    organizations: OrganizationCounts
    members: PartyMembers | None
    movement: PartyMovement | None
    compositions: tuple[GroupComposition, ...]  # one per population of the plan's tables
    committees: tuple[GroupComposition, ...]  # Ban Chấp hành, Ban Thường vụ
    events: CareerEvents | None
    leadership: CommuneLeadership
    report: Report | None
    planning: tuple[PlanningGroup, ...] = ()
    # The same figures against the plan's later target years (seed 002: "Định hướng đến năm 2030").
    later_reports: tuple[Report, ...] = ()
    # The unit the scope stands for, from its kind and name: "huyện", "xã", "phường", "tỉnh", "cơ quan"…
    scope_word: str = ""
