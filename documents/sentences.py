"""The data-driven sentences of a report, as pure functions of fetched figures.

Each function takes plain values (documents/facts.py, reports/structure.py)
and returns Vietnamese text in the style of the seed reports. Percentages are
rounded half up to two decimals through reports.presentation, the same
function the Biểu tables and the report JSON use, so the text and the tables
always show the same figure.
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

from cadre.vietnamese import format_count, format_date_short, format_decimal, two_places, vietnamese_two_places
from documents.facts import (
    CareerEvents,
    CommuneLeadership,
    GroupComposition,
    ManualFigureValue,
    OrganizationCounts,
    PartyMembers,
    PartyMovement,
    PlanningGroup,
)
from planning.models import IndicatorKind
from reports.presentation import coverage_remark
from reports.structure import DAT, TOTAL_INDICATOR, ReportRow, ReportTable, TargetBounds

SCOPE_WORDS = {"TINH": "tỉnh", "HUYEN": "huyện", "XA": "xã", "CO_QUAN": "cơ quan", "CHI_BO": "chi bộ"}
UNIT_WORDS = {IndicatorKind.PERSON: "đồng chí", IndicatorKind.RATING: "lượt", IndicatorKind.UNIT: "đơn vị"}

# Career events counted in the text, in the order they are told.
EVENT_WORDS = (
    ("LUAN_CHUYEN", "luân chuyển"),
    ("DIEU_DONG", "điều động"),
    ("BO_NHIEM", "bổ nhiệm"),
    ("BO_NHIEM_LAI", "bổ nhiệm lại"),
    ("CHUAN_Y", "chuẩn y kết quả bầu cử"),
    ("CHI_DINH", "chỉ định"),
    ("GIOI_THIEU_UNG_CU", "giới thiệu ứng cử"),
    ("CU_DI_HOC", "cử đi đào tạo, bồi dưỡng"),
    ("TUYEN_DUNG", "tuyển dụng"),
    ("THOI_VIEC", "cho thôi việc"),
    ("KHEN_THUONG", "khen thưởng"),
    ("KY_LUAT", "kỷ luật"),
)
# Moves between levels; rotations and transfers are broken down by these.
DIRECTIONS = (
    ("huyen_xa", "từ huyện xuống xã"),
    ("xa_xa", "từ xã này sang xã khác"),
    ("xa_huyen", "từ xã về huyện"),
    ("huyen_huyen", "giữa các cơ quan cấp huyện"),
    ("tinh_xuong", "từ tỉnh về huyện, xã"),
    ("len_tinh", "từ huyện, xã lên tỉnh"),
    ("khac", "trường hợp khác"),
)
DIRECTED_EVENTS = ("LUAN_CHUYEN", "DIEU_DONG")


# --- small pieces ------------------------------------------------------------


def percent_text(value: Fraction | None) -> str:
    """Fraction(3000, 190) -> "15,79%" (two decimals, half up); None -> "-"."""
    rounded = two_places(value)
    return "-" if rounded is None else format_decimal(rounded) + "%"


def share(count: int, total: int) -> Fraction | None:
    return Fraction(100 * count, total) if total else None


def join_words(parts: list[str]) -> str:
    """["a", "b", "c"] -> "a, b và c"."""
    parts = [part for part in parts if part]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def lower_first(text: str) -> str:
    """"Cán bộ cấp xã" -> "cán bộ cấp xã"; a proper name keeps its capitals: "Ban Chấp hành Đảng bộ huyện",
    "Ủy ban Kiểm tra", "HĐND xã" (its second word is capitalised, or its first word is an acronym)."""
    words = text.split(" ", 2)
    first = words[0]
    if len(first) > 1 and first.isupper():
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text
    return text[:1].lower() + text[1:]


def scope_word(kind: str) -> str:
    return SCOPE_WORDS.get(kind, "")


def commune_units_word(counts: OrganizationCounts) -> str:
    """The commune-level units of the scope in words: "xã, thị trấn" (seed 000), "xã, phường" (since 2025)…"""
    present = [word for word, count in (("xã", counts.communes), ("phường", counts.wards),
                                        ("thị trấn", counts.townships)) if count]
    return ", ".join(present) or "xã"


def hamlet_words(counts: OrganizationCounts) -> str:
    """The words the scope's hamlet cells are named by: "thôn, bản" (seed 002), "ấp, khu phố"…; "ấp, bản"
    (the form's own name) only when no name says."""
    return ", ".join(counts.hamlet_words) or "ấp, bản"


def since_text(start: dt.date) -> str:
    """"Từ năm 2021" for 1 January, otherwise "Từ ngày 15/3/2021"."""
    if (start.month, start.day) == (1, 1):
        return f"Từ năm {start.year}"
    return f"Từ ngày {format_date_short(start)}"


# --- the organization ----------------------------------------------------------


def organization_sentence(place: str, counts: OrganizationCounts, members: PartyMembers | None) -> str:
    """Seed 000 line 28: "Đảng bộ huyện có 57 tổ chức cơ sở đảng trực thuộc, gồm … với tổng số 4.809 đảng viên".

    `place` is the unit the scope stands for (DocumentFacts.scope_word: "huyện", "phường"…)."""
    subject = f"Đảng bộ {place}".strip()
    communes_word = f"đảng bộ {commune_units_word(counts)}"
    kinds = join_words([
        f"{format_count(counts.agency_committees)} đảng bộ ngành {place}"
        if counts.agency_committees else "",
        f"{format_count(counts.commune_committees)} {communes_word}" if counts.commune_committees else "",
        f"{format_count(counts.grassroots_cells)} chi bộ cơ sở" if counts.grassroots_cells else "",
    ])
    text = f"{subject} có {format_count(counts.grassroots)} tổ chức cơ sở đảng trực thuộc"
    if kinds:
        text += f", gồm {kinds}"
    if counts.cells:
        groups = []
        if counts.communes_with_cells:
            in_communes = join_words([
                f"{format_count(counts.hamlet_cells_in_communes)} chi bộ {hamlet_words(counts)}"
                if counts.hamlet_cells_in_communes else "",
                f"{format_count(counts.other_cells_in_communes)} chi bộ ngành"
                if counts.other_cells_in_communes else "",
            ])
            groups.append(f"{in_communes} trực thuộc {format_count(counts.communes_with_cells)} {communes_word}")
        if counts.agencies_with_cells:
            groups.append(
                f"{format_count(counts.cells_in_agencies)} chi bộ trực thuộc "
                f"{format_count(counts.agencies_with_cells)} đảng bộ ngành {place}"
            )
        text += f"; có {format_count(counts.cells)} chi bộ trực thuộc đảng bộ cơ sở"
        if groups:
            text += f" ({'; '.join(groups)})"
    if members is not None:
        text += f", với tổng số {format_count(members.members)} đảng viên"
        details = join_words([
            f"{format_count(members.probationary)} đảng viên dự bị" if members.probationary else "",
            f"{format_count(members.female)} đảng viên nữ" if members.female else "",
        ])
        if details:
            text += f" ({details})"
    return text + "."


def _communes_clause(counts: OrganizationCounts) -> str:
    """"17 đơn vị hành chính cấp xã trực thuộc (15 xã, 02 thị trấn)"; "" when there is none."""
    total = counts.communes + counts.wards + counts.townships
    if not total:
        return ""
    parts = join_words([
        f"{format_count(counts.communes)} xã" if counts.communes else "",
        f"{format_count(counts.wards)} phường" if counts.wards else "",
        f"{format_count(counts.townships)} thị trấn" if counts.townships else "",
    ])
    return f"{format_count(total)} đơn vị hành chính cấp xã trực thuộc ({parts})"


def communes_sentence(place: str, counts: OrganizationCounts) -> str:
    """"Huyện có 17 đơn vị hành chính cấp xã trực thuộc (15 xã, 02 thị trấn)."."""
    clause = _communes_clause(counts)
    return f"{place.capitalize()} có {clause}." if clause else ""


def committees_sentence(committees: tuple[GroupComposition, ...]) -> str:
    """"Ban Chấp hành Đảng bộ huyện có 41 đồng chí (05 nữ); Ban Thường vụ Huyện ủy có 12 đồng chí (01 nữ)."."""
    parts = []
    for group in committees:
        part = f"{group.name} có {format_count(group.total)} đồng chí"
        if group.female:
            part += f" ({format_count(group.female)} nữ)"
        parts.append(part)
    return "; ".join(parts) + "." if parts else ""


# --- people ------------------------------------------------------------------


def composition_sentence(group: GroupComposition) -> str:
    """"Tổng số cán bộ cấp xã là 190 đồng chí, trong đó: nữ 30 đồng chí, chiếm 15,79%; …"."""
    name = lower_first(group.name)
    if not group.total:
        return f"Tổng số {name}: chưa có người giữ chức danh tại ngày báo cáo."
    parts = []
    for label, count in (
        ("nữ", group.female),
        ("người dân tộc thiểu số", group.minority),
        (f"dưới {group.young_age} tuổi", group.young),
    ):
        if count is not None:
            parts.append(f"{label} {format_count(count)} đồng chí, chiếm {percent_text(share(count, group.total))}")
    text = f"Tổng số {name} là {format_count(group.total)} đồng chí"
    if parts:
        text += ", trong đó: " + "; ".join(parts)
    return text + "."


def target_text(target: TargetBounds) -> str:
    """80 -> "80,00%"; min 30 -> "30,00% trở lên"; max 2 -> "không quá 2,00%"; 20-25 -> "20,00% - 25,00%"."""
    def pct(value):
        return format_decimal(value) + "%"

    if target.value is not None:
        return pct(target.value)
    if target.is_range:
        return f"{pct(target.min)} - {pct(target.max)}"
    if target.min is not None:
        return f"{pct(target.min)} trở lên"
    return f"không quá {pct(target.max)}"


def range_text(row: ReportRow) -> str:
    """A range target said in words, with where the figure stands: below, inside or above it.

    "mục tiêu đề ra từ 35,00% đến 40,00%, thấp hơn mức tối thiểu (bằng 38,10% mức tối thiểu)",
    "… nằm trong khoảng mục tiêu, đạt mục tiêu đề ra", "… cao hơn mức tối đa (bằng 105,00% mức tối đa)"."""
    target = row.target
    low, high = Fraction(target.min), Fraction(target.max)
    text = f"mục tiêu đề ra từ {percent_text(low)} đến {percent_text(high)}"
    current = row.current.percent
    if current is None:
        return f"{text}, chưa có số liệu để so sánh"
    to_min, to_max = (tuple(row.vs_target) + (None, None))[:2] if row.vs_target else (None, None)
    if current < low:
        ratio = f" (bằng {percent_text(to_min)} mức tối thiểu)" if to_min is not None else ""
        return f"{text}, thấp hơn mức tối thiểu{ratio}, chưa đạt mục tiêu đề ra"
    if current > high:
        ratio = f" (bằng {percent_text(to_max)} mức tối đa)" if to_max is not None else ""
        return f"{text}, cao hơn mức tối đa{ratio}, chưa đạt mục tiêu đề ra"
    return f"{text}, nằm trong khoảng mục tiêu, đạt mục tiêu đề ra"


def attainment_text(row: ReportRow) -> str:
    """"đạt 51,02% mục tiêu đề ra", or for an upper bound "bằng 102,04% mức tối đa, chưa đạt mục tiêu đề ra";
    a range target: range_text."""
    if row.target is None or row.vs_target is None:
        return ""
    if row.target.is_range:
        return range_text(row)
    if row.current.percent is None:
        return "chưa có số liệu để so sánh với mục tiêu"
    ratios = " - ".join(percent_text(value) for value in row.vs_target)
    if row.target.max is not None and row.target.min is None:
        verdict = "đạt mục tiêu đề ra" if row.status == DAT else "chưa đạt mục tiêu đề ra"
        return f"bằng {ratios} mức tối đa, {verdict}"
    return f"đạt {ratios} mục tiêu đề ra"


def _counted(row: ReportRow, rating_years: tuple[int, ...]) -> str:
    unit = UNIT_WORDS.get(row.kind, "đồng chí")
    text = f"{format_count(row.current.count)}/{format_count(row.current.total)} {unit}"
    if row.kind == IndicatorKind.RATING and rating_years:
        text += " đánh giá " + (
            f"năm {rating_years[0]}" if len(rating_years) == 1 else f"các năm {rating_years[0]} - {rating_years[-1]}"
        )
    return text


def row_clause(row: ReportRow, rating_years: tuple[int, ...]) -> str:
    """"Lý luận chính trị cao cấp: 22,45%/30,00% trở lên (11/49 đồng chí), đạt 74,83% mục tiêu đề ra".

    A rating figure resting on less than the required share of the population says so:
    "… (1/1 lượt đánh giá năm 2025) (mới có 1/91 người được đánh giá), …"."""
    if row.current.percent is None:
        return f"{row.label}: chưa có số liệu"
    figure = percent_text(row.current.percent)
    if row.target is not None and not row.target.is_range:  # a range is said in words after the count
        figure += "/" + target_text(row.target)
    text = f"{row.label}: {figure} ({_counted(row, rating_years)})"
    remark = coverage_remark(row.current.coverage)
    if remark:
        text += f" {remark}"
    attainment = attainment_text(row)
    return f"{text}, {attainment}" if attainment else text


def target_lines(table: ReportTable, as_of: dt.date, rating_years: tuple[int, ...],
                 opening: bool = True) -> list[str]:
    """Seed 002 §2.2: an opening line, then "+ …" per row, "Trong đó" rows joined to their parent.

    Without `opening` (a later target year, "* Định hướng đến năm 2030:"), only the rows that have a target."""
    total = table.rows[0] if table.rows and table.rows[0].is_total else None
    name = lower_first(table.population_name)
    lines = []
    if not opening:
        table = ReportTable(table.key, table.number, table.title, table.population, table.population_name,
                            tuple(row for row in table.rows if row.target is not None))
    elif total is not None:
        lines.append(
            f"Tính đến ngày {format_date_short(as_of)}, đội ngũ {name} có tổng số "
            f"{format_count(total.current.count)} đồng chí, trong đó:"
        )
    current: list[str] | None = None
    for row in table.rows:
        if row.is_total:
            continue
        clause = condition_row_clause(row, rating_years)
        if row.depth == 0 or current is None:
            if current is not None:
                lines.append("+ " + "; ".join(current) + ".")
            current = [clause]
        else:
            label = row.label
            clause = lower_first(clause) if label.lower().startswith("trong đó") else "trong đó " + lower_first(clause)
            current.append(clause)
    if current is not None:
        lines.append("+ " + "; ".join(current) + ".")
    return lines


def multiple_text(row: ReportRow) -> str:
    """"gấp 1,49 lần" (the row's population over the other's on the report date); "" when not asked or
    not computable."""
    if not row.asks_multiple or row.multiple is None:
        return ""
    return f"gấp {vietnamese_two_places(row.multiple)} lần"


def delta_points_text(row: ReportRow) -> str:
    """"tăng 15,60 điểm phần trăm", "giảm 4,20 điểm phần trăm" or "không thay đổi" (against the baseline,
    rounded half up from the unrounded difference); "" when not asked or not computable."""
    if not row.asks_delta_points or row.delta_points is None:
        return ""
    rounded = two_places(row.delta_points)
    if rounded == 0:
        return "không thay đổi so với năm gốc"
    word = "tăng" if rounded > 0 else "giảm"
    return f"{word} {vietnamese_two_places(abs(rounded))} điểm phần trăm"


def condition_row_clause(row: ReportRow, rating_years: tuple[int, ...]) -> str:
    """row_clause, with a unit row counted by a condition alone (or by "Tổng số") read as "05/15 xã có bí thư
    đồng thời là Chủ tịch HĐND (33,33%)", a "Tổng số" row of its own population as its size ("Khối Nhà nước:
    1.754 đồng chí", seed 000 line 31), and the multiple and the difference in points the row asks for
    appended."""
    counted_alone = row.indicator is None or row.indicator == TOTAL_INDICATOR
    if row.kind == IndicatorKind.UNIT and counted_alone and row.current.total:
        text = (f"{format_count(row.current.count)}/{format_count(row.current.total)} {lower_first(row.label)} "
                f"({percent_text(row.current.percent)})")
        attainment = attainment_text(row)
        text = f"{text}, {attainment}" if attainment else text
    elif row.kind == IndicatorKind.PERSON and row.indicator == TOTAL_INDICATOR and row.current.total:
        text = f"{row.label}: {format_count(row.current.total)} đồng chí"
    else:
        text = row_clause(row, rating_years)
    extras = [part for part in (multiple_text(row), delta_points_text(row)) if part]
    return ", ".join([text, *extras])


# --- career events and party work ----------------------------------------------


def events_sentence(events: CareerEvents) -> str:
    """"Từ năm 2021 đến nay đã thực hiện luân chuyển 05 lượt cán bộ (từ huyện xuống xã 02 lượt, …); …"."""
    by_kind = {tally.kind: tally for tally in events.tallies}
    parts = []
    for kind, word in EVENT_WORDS:
        tally = by_kind.get(kind)
        if tally is None or not tally.total:
            continue
        part = f"{word} {format_count(tally.total)} lượt cán bộ"
        directions = dict(tally.by_direction)
        details = [f"{label} {format_count(directions[key])} lượt" for key, label in DIRECTIONS if directions.get(key)]
        if details and kind in DIRECTED_EVENTS:
            part += f" ({', '.join(details)})"
        parts.append(part)
    since = since_text(events.start)
    if not parts:
        return f"{since} đến nay chưa có trường hợp luân chuyển, điều động, bổ nhiệm cán bộ."
    return f"{since} đến nay đã thực hiện " + "; ".join(parts) + "."


def movement_sentence(movement: PartyMovement) -> str:
    """"Từ năm 2021 đến năm 2023, toàn Đảng bộ kết nạp 320 đảng viên mới; đưa ra khỏi Đảng 17 đồng chí."."""
    period = (
        f"Năm {movement.first_year}" if movement.first_year == movement.last_year
        else f"Từ năm {movement.first_year} đến năm {movement.last_year}"
    )
    return (
        f"{period}, toàn Đảng bộ kết nạp {format_count(movement.admitted)} đảng viên mới; "
        f"đưa ra khỏi Đảng {format_count(movement.removed)} đồng chí."
    )


def members_sentence(members: PartyMembers) -> str:
    """"Tính đến cuối năm 2023, toàn Đảng bộ có 4.809 đảng viên (150 đảng viên dự bị; 1.499 đảng viên nữ,
    chiếm 31,17%)."."""
    details = [f"{format_count(members.probationary)} đảng viên dự bị"]
    if members.members:
        details.append(
            f"{format_count(members.female)} đảng viên nữ, chiếm {percent_text(share(members.female, members.members))}"
        )
    return (
        f"Tính đến cuối năm {members.year}, toàn Đảng bộ có {format_count(members.members)} đảng viên "
        f"({'; '.join(details)})."
    )


def leadership_sentence(leadership: CommuneLeadership, counts: OrganizationCounts) -> str:
    """"Bí thư đảng ủy đồng thời là chủ tịch HĐND cấp xã: 12/15 xã, thị trấn; …" (the units' words from
    `counts`: "xã, phường" in a province since 2025)."""
    if not leadership.communes:
        return ""
    units = commune_units_word(counts)
    of = f"/{format_count(leadership.communes)} {units}"
    return (
        f"Bí thư đảng ủy đồng thời là chủ tịch HĐND cấp xã: {format_count(leadership.secretary_chairs_council)}{of}; "
        f"bí thư đảng ủy đồng thời là chủ tịch UBND cấp xã: {format_count(leadership.secretary_chairs_committee)}{of}; "
        f"bí thư đảng ủy {units} không là người địa phương: "
        f"{format_count(leadership.secretaries_not_local)}{of}."
    )


PLANNING_LEVELS = (("huyen", "cấp huyện"), ("xa", "cấp xã"))


def planning_sentence(groups: tuple[PlanningGroup, ...]) -> str:
    """"Quy hoạch nhiệm kỳ 2025 - 2030: cấp huyện 61 đồng chí (nữ 20 đồng chí, chiếm 32,79%; …); cấp xã …"."""
    by_term: dict[str, list[PlanningGroup]] = {}
    for group in groups:
        by_term.setdefault(group.term, []).append(group)
    parts = []
    for term in sorted(by_term):
        levels = {group.level: group for group in by_term[term]}
        details = []
        for level, word in PLANNING_LEVELS:
            group = levels.get(level)
            if group is None or not group.total:
                continue
            details.append(
                f"{word} {format_count(group.total)} đồng chí (nữ {format_count(group.female)} đồng chí, chiếm "
                f"{percent_text(share(group.female, group.total))}; dưới {group.young_age} tuổi "
                f"{format_count(group.young)} đồng chí, chiếm {percent_text(share(group.young, group.total))})"
            )
        if details:
            parts.append(f"Quy hoạch nhiệm kỳ {term.replace('-', ' - ')}: " + "; ".join(details))
    return ". ".join(parts) + "." if parts else ""


# --- figures staff typed in (documents/manual_figures.py) ----------------------------------------
#
# Each sentence tells only the figures the document has, and nothing when it has none of them (seed 001's
# blanks that no register answers; docs/seed-001-blanks.md). Whole numbers in running text are written like
# the record counts ("06 lớp"); measures keep the unit staff gave ("412,5 km²").

Figures = dict[str, ManualFigureValue]


def _count(figures: Figures, key: str) -> str:
    """"06", "1.234" or "12,5"; "" when the document has no such figure."""
    figure = figures.get(key)
    if figure is None:
        return ""
    value = figure.value
    if value == value.to_integral_value() and value >= 0:
        return format_count(int(value))
    return figure.text


def _measure(figures: Figures, key: str, default_unit: str) -> str:
    """"41.012,5 ha": the figure with its own unit (or the usual one when staff left it blank)."""
    figure = figures.get(key)
    if figure is None:
        return ""
    unit = figure.unit.strip() or default_unit
    return f"{figure.text} {unit}".strip()


def _percent(figures: Figures, key: str) -> str:
    figure = figures.get(key)
    return f"{figure.text}%" if figure is not None else ""


def territory_sentence(place: str, counts: OrganizationCounts, figures: Figures) -> str:
    """Seed 001: "Huyện có diện tích tự nhiên 41.012,5 ha, dân số 120.345 người, với 17 đơn vị hành chính cấp
    xã trực thuộc (15 xã, 02 thị trấn)."; without area and population, communes_sentence."""
    parts = []
    if "dien_tich_tu_nhien" in figures:
        parts.append("diện tích tự nhiên " + _measure(figures, "dien_tich_tu_nhien", "ha"))
    if "dan_so" in figures:
        parts.append("dân số " + _measure(figures, "dan_so", "người"))
    land = ", ".join(parts)
    if not land:
        return communes_sentence(place, counts)
    clause = _communes_clause(counts)
    return f"{place.capitalize()} có {land}" + (f", với {clause}." if clause else ".")


def grassroots_rating_sentence(rating_years: tuple[int, ...], figures: Figures) -> str:
    """Seed 001: "Năm 2023, tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ trở lên chiếm tỷ lệ 92,5%, năm
    2022 chiếm 90%." (the document's rating year and the year before)."""
    this, before = _percent(figures, "ty_le_tccsd_htt"), _percent(figures, "ty_le_tccsd_htt_nam_truoc")
    if not this and not before:
        return ""
    subject = "tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ trở lên chiếm tỷ lệ"
    if not rating_years:
        return f"Tỷ lệ {subject.removesuffix(' chiếm tỷ lệ')}: {join_words([this, before])}."
    year = rating_years[-1]
    if not this:
        return f"Năm {year - 1}, {subject} {before}."
    return f"Năm {year}, {subject} {this}" + (f", năm {year - 1} chiếm {before}." if before else ".")


def apparatus_sentence(figures: Figures) -> str:
    """Seed 001 §4: "Tổng số vị trí việc làm của các cơ quan tham mưu, giúp việc là 68 vị trí, số biên chế được
    bố trí 59 biên chế (trong đó: biên chế công chức 49, viên chức 04, hợp đồng lao động 06). Đã tinh giản 06
    biên chế công chức."."""
    parts = []
    if "vi_tri_viec_lam" in figures:
        parts.append(f"Tổng số vị trí việc làm của các cơ quan tham mưu, giúp việc là "
                     f"{_count(figures, 'vi_tri_viec_lam')} vị trí")
    if "bien_che_duoc_bo_tri" in figures:
        parts.append(f"số biên chế được bố trí {_count(figures, 'bien_che_duoc_bo_tri')} biên chế")
    details = ", ".join(f"{label} {_count(figures, key)}" for key, label in (
        ("bien_che_cong_chuc", "biên chế công chức"), ("bien_che_vien_chuc", "viên chức"),
        ("hop_dong_lao_dong", "hợp đồng lao động")) if key in figures)
    text = ", ".join(parts)
    if details:
        text = f"{text} (trong đó: {details})" if text else f"Biên chế: {details}"
    if text:
        text = text[:1].upper() + text[1:] + "."
    if "bien_che_giam" in figures:
        text = " ".join(part for part in (text, f"Đã tinh giản {_count(figures, 'bien_che_giam')} biên chế "
                                                f"công chức.") if part)
    return text


def grassroots_work_sentences(figures: Figures, counts: OrganizationCounts) -> list[str]:
    """Seed 001 §5: training in party work, cell secretaries who also lead their hamlet, members struck off."""
    lines = []
    classes, attendees = _count(figures, "lop_boi_duong_nghiep_vu"), _count(figures, "luot_boi_duong_nghiep_vu")
    if classes or attendees:
        text = "Mở " + (f"{classes} lớp bồi dưỡng" if classes else "các lớp bồi dưỡng")
        text += " nghiệp vụ công tác xây dựng Đảng"
        lines.append(text + (f", có {attendees} lượt đồng chí tham dự." if attendees else "."))
    heads = [f"bí thư chi bộ đồng thời là trưởng {hamlet_words(counts)} là {_count(figures, 'bi_thu_kiem_truong_ap')} "
             "đồng chí" if "bi_thu_kiem_truong_ap" in figures else "",
             f"bí thư chi bộ kiêm trưởng ban công tác mặt trận là {_count(figures, 'bi_thu_kiem_truong_ban_mat_tran')}"
             " đồng chí" if "bi_thu_kiem_truong_ban_mat_tran" in figures else ""]
    heads = [part for part in heads if part]
    if heads:
        text = "; ".join(heads)
        lines.append(text[:1].upper() + text[1:] + ".")
    struck, expelled = _count(figures, "dang_vien_xoa_ten"), _count(figures, "dang_vien_cho_ra_khoi_dang")
    screened = "; ".join(part for part in (
        f"{struck} đảng viên bỏ sinh hoạt, không đóng đảng phí phải xóa tên" if struck else "",
        f"cho ra khỏi Đảng {expelled} đồng chí" if expelled else "") if part)
    if screened:
        lines.append(f"Qua rà soát, sàng lọc, toàn Đảng bộ có {screened}." if struck
                     else f"Qua rà soát, sàng lọc, {screened}.")
    return lines


def cadre_training_sentence(figures: Figures) -> str:
    """Seed 001 §6: "Cử 25 đồng chí học Cao cấp lý luận chính trị; 320 đồng chí học Trung cấp lý luận chính
    trị; mở 10 lớp Sơ cấp lý luận chính trị có 597 đồng chí tham dự; bồi dưỡng cập nhật kiến thức 150 đồng
    chí; thẩm định lịch sử chính trị và chính trị hiện tại 623 trường hợp."."""
    parts = []
    sent = [f"{_count(figures, key)} đồng chí học {course} lý luận chính trị"
            for key, course in (("cu_hoc_cao_cap_llct", "Cao cấp"), ("cu_hoc_trung_cap_llct", "Trung cấp"))
            if key in figures]
    if sent:
        parts.append("cử " + "; ".join(sent))
    classes, students = _count(figures, "lop_so_cap_llct"), _count(figures, "hoc_vien_so_cap_llct")
    if classes or students:
        text = f"mở {classes} lớp Sơ cấp lý luận chính trị" if classes else "các lớp Sơ cấp lý luận chính trị"
        parts.append(text + (f" có {students} đồng chí tham dự" if students else ""))
    if "boi_duong_cap_nhat_kien_thuc" in figures:
        parts.append(f"bồi dưỡng cập nhật kiến thức {_count(figures, 'boi_duong_cap_nhat_kien_thuc')} đồng chí")
    if "tham_dinh_chinh_tri" in figures:
        parts.append(f"thẩm định lịch sử chính trị và chính trị hiện tại {_count(figures, 'tham_dinh_chinh_tri')} "
                     "trường hợp")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def inspection_sentences(figures: Figures, place: str) -> list[str]:
    """Seed 001 §7: "Tổ chức kiểm tra 300 lượt tổ chức đảng và 131 đảng viên; giám sát 271 lượt tổ chức đảng và
    189 lượt đảng viên." …, the programme's progress, checks on signs of violation, discipline, denunciations."""
    lines = []
    checks = join_words([f"{_count(figures, 'kiem_tra_to_chuc_dang')} lượt tổ chức đảng"
                         if "kiem_tra_to_chuc_dang" in figures else "",
                         f"{_count(figures, 'kiem_tra_dang_vien')} đảng viên" if "kiem_tra_dang_vien" in figures
                         else ""])
    watches = join_words([f"{_count(figures, 'giam_sat_to_chuc_dang')} lượt tổ chức đảng"
                          if "giam_sat_to_chuc_dang" in figures else "",
                          f"{_count(figures, 'giam_sat_dang_vien')} lượt đảng viên"
                          if "giam_sat_dang_vien" in figures else ""])
    done = "; ".join(part for part in (f"kiểm tra {checks}" if checks else "",
                                       f"giám sát {watches}" if watches else "") if part)
    if done:
        lines.append(f"Tổ chức {done}.")
    if "ty_le_chuong_trinh_kiem_tra" in figures:
        subject = f"Đảng bộ {place}".strip()
        lines.append(f"Đến nay, {subject} đã thực hiện đạt {_percent(figures, 'ty_le_chuong_trinh_kiem_tra')} "
                     "Chương trình kiểm tra, giám sát toàn khóa.")
    signs = join_words([f"{_count(figures, 'dau_hieu_vi_pham_to_chuc')} tổ chức đảng"
                        if "dau_hieu_vi_pham_to_chuc" in figures else "",
                        f"{_count(figures, 'dau_hieu_vi_pham_dang_vien')} đảng viên"
                        if "dau_hieu_vi_pham_dang_vien" in figures else ""])
    if signs:
        lines.append(f"Kiểm tra khi có dấu hiệu vi phạm {signs}.")
    punished = join_words([f"{_count(figures, 'ky_luat_dang_vien')} đảng viên" if "ky_luat_dang_vien" in figures
                           else "",
                           f"{_count(figures, 'ky_luat_to_chuc_dang')} tổ chức đảng"
                           if "ky_luat_to_chuc_dang" in figures else ""])
    if punished:
        lines.append(f"Thi hành kỷ luật {punished}.")
    if "don_to_cao" in figures:
        lines.append(f"Nhận {_count(figures, 'don_to_cao')} đơn tố cáo có liên quan đến cán bộ, đảng viên.")
    return lines
