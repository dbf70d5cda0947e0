"""The help page (/huong-dan/): how to import, what each indicator counts, how reports are sent, manual figures.

Nothing here is a copy: the workbook's sheets and columns come from cadre.exchange.workbook_format,
the indicators and populations from their definitions in the database, the states of a sent report
from documents.models, the suggested manual figures from documents.manual_figures. `guide_content` fetches
(three queries) and returns plain structures.
"""
from __future__ import annotations

from dataclasses import dataclass

from cadre.exchange.workbook_format import SHEETS
from cadre.models import Population, Rating
from cadre.vietnamese import format_int
from documents.manual_figures import PARTY_BUILDING_SUGGESTIONS
from documents.models import SubmissionState
from planning.models import Indicator
from planning.models.definitions import CONDITION_PARAMETERS, IndicatorCondition, IndicatorKind


@dataclass(frozen=True)
class SheetHelp:
    name: str
    title: str
    required: bool
    columns: list[tuple[str, str]]  # (header, what to write: "bắt buộc", "ngày dd/mm/yyyy", "tối đa 40 ký tự"…)


@dataclass(frozen=True)
class IndicatorHelp:
    code: str
    name: str
    counts: str  # the definition in words


@dataclass(frozen=True)
class PopulationHelp:
    code: str
    name: str
    titles: list[str]
    unit_kind: str


def column_note(column) -> str:
    notes = ["bắt buộc" if column.required else "không bắt buộc"]
    if column.is_date:
        notes.append("ngày dd/mm/yyyy")
    if column.max_length:
        notes.append(f"tối đa {format_int(column.max_length)} ký tự")
    if column.aliases:
        notes.append("cũng nhận tiêu đề " + ", ".join(f"“{alias}”" for alias in column.aliases))
    return "; ".join(notes)


def indicator_text(indicator: Indicator) -> str:
    """What the indicator counts, from its definition: "Tính theo người: có trình độ Lý luận chính trị từ bậc
    Trung cấp trở lên, trên tổng số người của đối tượng"."""
    condition = indicator.condition
    if condition == IndicatorCondition.QUALIFICATION_AT_LEAST:
        what = (f"có trình độ {indicator.qualification_type.name.lower()} từ bậc "
                f"{indicator.min_level.name} trở lên")
    elif condition == IndicatorCondition.HAS_QUALIFICATION:
        what = f"có trình độ {indicator.qualification_type.name.lower()}"
    elif condition == IndicatorCondition.RATING_IN:
        labels = dict(Rating.choices)
        what = "xếp loại " + ", ".join(f"“{labels.get(code, code)}”" for code in indicator.rating_codes())
    elif condition == IndicatorCondition.AGE_UNDER:
        what = f"dưới {CONDITION_PARAMETERS[condition]['age_under']} tuổi (mặc định; kế hoạch có thể đặt tuổi khác)"
    else:
        what = IndicatorCondition(condition).label[:1].lower() + IndicatorCondition(condition).label[1:]
    if indicator.kind == IndicatorKind.UNIT:
        return f"Số đơn vị có ít nhất một người {what}, trên tổng số đơn vị"
    if indicator.kind == IndicatorKind.RATING:
        return (f"Số lượt đánh giá {what}, cộng các năm đánh giá, trên tổng số lượt (người của đối tượng tại "
                "ngày 31/12 mỗi năm)")
    if condition == IndicatorCondition.ALL:
        return "Tổng số người của đối tượng (không điều kiện)"
    return f"Số người {what}, trên tổng số người của đối tượng"


def guide_content() -> dict:
    sheets = [
        SheetHelp(sheet.name, sheet.title, sheet.required,
                  [(column.header, column_note(column)) for column in sheet.columns])
        for sheet in SHEETS
    ]
    indicators = [IndicatorHelp(i.code, i.name, indicator_text(i))
                  for i in Indicator.objects.with_definitions().order_by("sort_order", "code")]
    populations = [
        PopulationHelp(p.code, p.name, [title.name for title in p.titles.all()], p.get_unit_kind_display())
        for p in Population.objects.prefetch_related("titles")
    ]
    return {"sheets": sheets, "indicators": indicators, "populations": populations,
            "states": SubmissionState.choices, "figure_suggestions": PARTY_BUILDING_SUGGESTIONS}
