"""Sentences of condition rows (data-contract section 2): units counted by a condition, multiples and
differences in percentage points read naturally."""
import datetime as dt
from fractions import Fraction

from documents import sentences
from documents.facts import CareerEvents, EventTally
from planning.models import IndicatorKind
from reports import computation
from reports.structure import TOTAL_INDICATOR, TOTAL_LABEL, TOTAL_ROW_KEY, ReportRow, ReportTable


def report_row(label, count, total, *, baseline=(0, 0), kind=IndicatorKind.PERSON, indicator=None, key="1",
               multiple=None, asks_multiple=False, asks_delta_points=False):
    current, before = computation.figure(count, total), computation.figure(*baseline)
    return ReportRow(
        key=key, number="1", label=label, indicator=indicator, kind=kind, depth=0, baseline=before, current=current,
        target=None, vs_target=None, vs_baseline=computation.ratio(current.percent, before.percent), status=None,
        multiple=multiple, delta_points=computation.delta_points(current.percent, before.percent),
        asks_multiple=asks_multiple, asks_delta_points=asks_delta_points,
    )


def table(*rows):
    total = report_row(TOTAL_LABEL, 15, 15, indicator=TOTAL_INDICATOR, key=TOTAL_ROW_KEY)
    return ReportTable(key=1, number="Biểu 01", title="", population="CB_CHU_CHOT_XA",
                       population_name="Cán bộ chủ chốt cấp xã", rows=(total, *rows))


def test_a_unit_row_counted_by_a_condition_reads_as_units_of_units():
    row = report_row("Xã có bí thư đồng thời là Chủ tịch HĐND", 5, 15, kind=IndicatorKind.UNIT)
    assert sentences.target_lines(table(row), dt.date(2023, 5, 15), ())[1] == (
        "+ 05/15 xã có bí thư đồng thời là Chủ tịch HĐND (33,33%)."
    )


def test_a_multiple_reads_gap_so_many_times():
    row = report_row("Quy hoạch Ban Chấp hành Đảng bộ huyện", 61, 61, indicator=TOTAL_INDICATOR,
                     multiple=computation.multiple(61, 41), asks_multiple=True)
    assert sentences.condition_row_clause(row, ()) == (
        "Quy hoạch Ban Chấp hành Đảng bộ huyện: 61 đồng chí, gấp 1,49 lần"
    )


def test_a_difference_in_points_reads_up_or_down_from_unrounded_values():
    up = report_row("Nữ", 346, 1000, baseline=(19, 100), asks_delta_points=True)
    down = report_row("Nữ", 19, 100, baseline=(346, 1000), asks_delta_points=True)
    same = report_row("Nữ", 1, 5, baseline=(2, 10), asks_delta_points=True)
    assert sentences.delta_points_text(up) == "tăng 15,60 điểm phần trăm"
    assert sentences.delta_points_text(down) == "giảm 15,60 điểm phần trăm"
    assert sentences.delta_points_text(same) == "không thay đổi so với năm gốc"
    assert sentences.condition_row_clause(up, ()) == "Nữ: 34,60% (346/1.000 đồng chí), tăng 15,60 điểm phần trăm"


def test_rows_that_ask_for_nothing_read_as_before():
    row = report_row("Nữ", 1, 4, baseline=(1, 5), indicator="NU")
    assert sentences.condition_row_clause(row, ()) == sentences.row_clause(row, ())
    assert sentences.multiple_text(row) == "" and sentences.delta_points_text(row) == ""
    missing = report_row("Nữ", 1, 4, asks_delta_points=True, multiple=None, asks_multiple=True)
    assert sentences.condition_row_clause(missing, ()) == "Nữ: 25,00% (01/04 đồng chí)"
    assert Fraction(1, 4) == missing.current.percent / 100


def test_a_total_row_of_its_own_population_reads_as_its_size():
    row = report_row("Khối Nhà nước", 1754, 1754, indicator=TOTAL_INDICATOR)
    assert sentences.condition_row_clause(row, ()) == "Khối Nhà nước: 1.754 đồng chí"
    empty = report_row("Khối Nhà nước", 0, 0, indicator=TOTAL_INDICATOR)
    assert sentences.condition_row_clause(empty, ()) == "Khối Nhà nước: chưa có số liệu"


def test_a_unit_row_counted_by_the_total_reads_as_units_of_units():
    row = report_row("Đơn vị sự nghiệp khác trực thuộc UBND huyện", 4, 29, kind=IndicatorKind.UNIT,
                     indicator=TOTAL_INDICATOR)
    assert sentences.condition_row_clause(row, ()) == (
        "04/29 đơn vị sự nghiệp khác trực thuộc UBND huyện (13,79%)"
    )


def test_the_new_event_kinds_are_told_in_the_events_sentence():
    events = CareerEvents(start=dt.date(2021, 1, 1), end=dt.date(2023, 8, 31), tallies=(
        EventTally("CHI_DINH", 2), EventTally("GIOI_THIEU_UNG_CU", 57), EventTally("TUYEN_DUNG", 4),
        EventTally("THOI_VIEC", 1),
    ))
    assert sentences.events_sentence(events) == (
        "Từ năm 2021 đến nay đã thực hiện chỉ định 02 lượt cán bộ; giới thiệu ứng cử 57 lượt cán bộ; "
        "tuyển dụng 04 lượt cán bộ; cho thôi việc 01 lượt cán bộ."
    )
