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


def communes_sentence(place: str, counts: OrganizationCounts) -> str:
    """"Huyện có 17 đơn vị hành chính cấp xã trực thuộc (15 xã, 02 thị trấn)."."""
    total = counts.communes + counts.wards + counts.townships
    if not total:
        return ""
    parts = join_words([
        f"{format_count(counts.communes)} xã" if counts.communes else "",
        f"{format_count(counts.wards)} phường" if counts.wards else "",
        f"{format_count(counts.townships)} thị trấn" if counts.townships else "",
    ])
    place = place.capitalize()
    return f"{place} có {format_count(total)} đơn vị hành chính cấp xã trực thuộc ({parts})."


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
