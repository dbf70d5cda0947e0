"""Conditions in plan rows (data-contract section 2): each condition kind counted by hand on small data.

District LC.A has communes X1 (with hamlet cell AP1), X2, X3 (dissolved on 2022-01-01) and the agency
PNV; LC.B.X1 is a commune of the other district. D = 2023-05-15, the baseline 2021-06-01.

| person | posts on D (CB_XA) | other facts |
|---|---|---|
| p1 | BT_DU X1, CT_HDND_XA X1 | female, born 1990, LY_LUAN SO_CAP, hometown AP1 (a hamlet of X1), training LLCT_CAO_CAP 2022 |
| p2 | BT_DU X2, CT_HDND_XA X1 | party member, LY_LUAN TRUNG_CAP (CAO_CAP only in 2024), hometown LC.B.X1 (another district) |
| p3 | CT_UBND_XA X1 | Thái, LY_LUAN CU_NHAN, hometown free text, training QLNN 2022 |
| p4 | CT_UBND_XA X2 | born 1983-05-16 (39 on D), no LY_LUAN, no hometown, appointment in 2024 |
| p5 | PCT_UBND_XA LC.B.X1 | outside LC.A |
| p6 | CT_MTTQ_XA X2 until 2022-12-31 | not in the population on D |
| p7 | BT_DU and CT_HDND_XA X3 until 2021-12-31 | counted at the baseline only |
"""
import datetime as dt
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.models import CareerEvent, Official, Organization, PlanningEntry, PositionRecord, PositionTitle, Succession
from planning.models import PlanRow
from planning.plan_file import PlanFileError
from reports import computation, conditions
from reports.exporters.report_json import signed_two_places_text
from reports.fetch import load_plan
from tests.factories import add_position, add_qualification, make_district_tree, make_official, make_organization
from tests.reports.plans import build_json, make_plan

pytestmark = pytest.mark.django_db

D = dt.date(2023, 5, 15)
BASELINE = dt.date(2021, 6, 1)
START = dt.date(2020, 1, 1)
SECRETARIES = {"positions": ["BT_DU"], "unit_kind": "XA"}


@pytest.fixture
def world():
    orgs = make_district_tree("LC")
    x1, x2 = orgs["LC.A.X1"], orgs["LC.A.X2"]
    ap1 = make_organization("LC.A.X1.AP1", "CHI_BO", x1, form="AP", name="Chi bộ ấp 1")
    x3 = make_organization("LC.A.X3", "XA", orgs["LC.A"], form="DANG_BO", name="Xã X3", ceased_on=dt.date(2022, 1, 1))
    other = orgs["LC.B.X1"]
    p1 = make_official("P1", full_name="An Thị Một", gender="NU", birth_date=dt.date(1990, 1, 1),
                       hometown_organization=ap1)
    add_position(p1, x1, "BT_DU", START)
    add_position(p1, x1, "CT_HDND_XA", START)
    add_qualification(p1, "LY_LUAN", "SO_CAP", dt.date(2015, 1, 1))
    CareerEvent.objects.create(official=p1, kind="CU_DI_HOC", programme="LLCT_CAO_CAP", date=dt.date(2022, 3, 1))
    p2 = make_official("P2", full_name="Bùi Văn Hai", party_joined_on=dt.date(2000, 1, 1), hometown_organization=other)
    add_position(p2, x2, "BT_DU", START)
    add_position(p2, x1, "CT_HDND_XA", START)
    add_qualification(p2, "LY_LUAN", "TRUNG_CAP", dt.date(2010, 1, 1))
    add_qualification(p2, "LY_LUAN", "CAO_CAP", dt.date(2024, 1, 1))
    p3 = make_official("P3", full_name="Cao Văn Ba", ethnicity="Thái", hometown_text="Hà Nội")
    add_position(p3, x1, "CT_UBND_XA", START)
    add_qualification(p3, "LY_LUAN", "CU_NHAN", dt.date(2012, 1, 1))
    CareerEvent.objects.create(official=p3, kind="CU_DI_HOC", programme="QLNN", date=dt.date(2022, 6, 1))
    p4 = make_official("P4", full_name="Đỗ Văn Bốn", birth_date=dt.date(1983, 5, 16))
    add_position(p4, x2, "CT_UBND_XA", START)
    CareerEvent.objects.create(official=p4, kind="BO_NHIEM", date=dt.date(2024, 1, 1))
    p5 = make_official("P5", full_name="Lê Văn Năm")
    add_position(p5, other, "PCT_UBND_XA", START)
    p6 = make_official("P6", full_name="Mai Văn Sáu")
    add_position(p6, x2, "CT_MTTQ_XA", START, dt.date(2022, 12, 31))
    p7 = make_official("P7", full_name="Ngô Văn Bảy")
    add_position(p7, x3, "BT_DU", START, dt.date(2021, 12, 31))
    add_position(p7, x3, "CT_HDND_XA", START, dt.date(2021, 12, 31))
    return {**orgs, "AP1": ap1, "X3": x3, "p1": p1, "p2": p2, "p3": p3, "p4": p4, "p5": p5, "p6": p6, "p7": p7}


def rows_of(report, table=0):
    return {row["label"]: row for row in report["tables"][table]["rows"]}


def figures(rows, plan_code="C-01/HU", org="LC.A", on=D, baseline=D):
    """{label: (count, total)} of the current column."""
    make_plan(rows, code=plan_code)
    report = build_json(org, on, plan=plan_code, baseline=baseline)
    return {label: (row["current"]["count"], row["current"]["total"]) for label, row in rows_of(report).items()}


def row(label, where=None, **keys):
    result = {"label": label, **keys}
    if where is not None:
        result["where"] = where
    return result


def test_qualification_levels_exact_banded_below_and_none(world):
    counted = figures([
        row("eq SO_CAP", {"qual": {"type": "LY_LUAN", "eq": "SO_CAP"}}),
        row("eq TRUNG_CAP", {"qual": {"type": "LY_LUAN", "eq": "TRUNG_CAP"}}),
        row("eq CAO_CAP (CU_NHAN ranks as CAO_CAP)", {"qual": {"type": "LY_LUAN", "eq": "CAO_CAP"}}),
        row("none", {"qual": {"type": "LY_LUAN", "none": True}}),
        row("lt CAO_CAP", {"qual": {"type": "LY_LUAN", "lt": "CAO_CAP"}}),
        row("in SO_CAP, TRUNG_CAP", {"qual": {"type": "LY_LUAN", "in": ["SO_CAP", "TRUNG_CAP"]}}),
        row("gte TRUNG_CAP", {"qual": {"type": "LY_LUAN", "gte": "TRUNG_CAP"}}),
    ])
    assert counted == {
        "Tổng số": (4, 4),
        "eq SO_CAP": (1, 4),  # p1
        "eq TRUNG_CAP": (1, 4),  # p2 (CAO_CAP obtained after D)
        "eq CAO_CAP (CU_NHAN ranks as CAO_CAP)": (1, 4),  # p3
        "none": (1, 4),  # p4
        "lt CAO_CAP": (2, 4),  # p1, p2; p4 has no level at all
        "in SO_CAP, TRUNG_CAP": (2, 4),  # p1, p2
        "gte TRUNG_CAP": (2, 4),  # p2, p3
    }


def test_person_conditions_gender_age_ethnicity_party_events_and_indicator(world):
    counted = figures([
        row("nữ", {"gender": "NU"}),
        row("30 đến dưới 40", {"age": {"gte": 30, "lt": 40}}),
        row("từ 40", {"age": {"gte": 40}}),
        row("không phải Kinh", {"ethnicity": {"ne": "Kinh"}}),
        row("Thái (tên viết thường)", {"ethnicity": {"in": ["thái"]}}),
        row("đảng viên", {"party_member": True}),
        row("chưa là đảng viên", {"party_member": False}),
        row("cử đi học cao cấp", {"event": {"kind": ["CU_DI_HOC"], "program": ["LLCT_CAO_CAP"]}}),
        row("cử đi học từ 2022", {"event": {"kind": ["CU_DI_HOC"], "from": "2022-01-01"}}),
        row("cử đi học từ 2022-04", {"event": {"kind": ["CU_DI_HOC"], "from": "2022-04-01"}}),
        row("bổ nhiệm (sau ngày báo cáo)", {"event": {"kind": ["BO_NHIEM"]}}),
        row("nữ chưa là đảng viên", {"party_member": False}, indicator="NU"),
        row("tổng số", indicator="TONG_SO"),
        row("nữ hoặc Thái", {"any": [{"gender": "NU"}, {"ethnicity": {"eq": "Thái"}}]}),
        row("trẻ dưới 40 (chỉ tiêu)", {"all": [{"indicator": "TRE", "params": {"age_under": 40}},
                                               {"not": {"gender": "NU"}}]}),
    ])
    assert counted == {
        "Tổng số": (4, 4),
        "nữ": (1, 4),  # p1
        "30 đến dưới 40": (2, 4),  # p1 (33), p4 (39: 40 on the day after D)
        "từ 40": (2, 4),  # p2, p3 (43)
        "không phải Kinh": (1, 4),  # p3
        "Thái (tên viết thường)": (1, 4),
        "đảng viên": (1, 4),  # p2
        "chưa là đảng viên": (3, 4),
        "cử đi học cao cấp": (1, 4),  # p1
        "cử đi học từ 2022": (2, 4),  # p1, p3
        "cử đi học từ 2022-04": (1, 4),  # p3
        "bổ nhiệm (sau ngày báo cáo)": (0, 4),
        "nữ chưa là đảng viên": (1, 4),
        "tổng số": (4, 4),
        "nữ hoặc Thái": (2, 4),
        "trẻ dưới 40 (chỉ tiêu)": (1, 4),  # p4 (p1 is a woman)
    }


def test_holds_at_same_unit_versus_anywhere_in_scope(world):
    """p2 is secretary of X2 and chairs the council of X1: concurrent in scope, not in the same unit."""
    counted = figures([
        row("BT kiêm CT HĐND (phạm vi)", {"holds": {"positions": ["CT_HDND_XA"], "at": "scope"}},
            population=SECRETARIES),
        row("BT kiêm CT HĐND (cùng đơn vị)", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population=SECRETARIES),
        row("không giữ CT HĐND", {"not": {"holds": {"positions": ["CT_HDND_XA"], "at": "scope"}}}),
        row("không kiêm CT HĐND cùng đơn vị", {"not": {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}},
            population=SECRETARIES),
    ])
    assert counted == {
        "Tổng số": (4, 4),
        "BT kiêm CT HĐND (phạm vi)": (2, 2),  # p1, p2
        "BT kiêm CT HĐND (cùng đơn vị)": (1, 2),  # p1
        "không giữ CT HĐND": (2, 4),  # p3, p4
        "không kiêm CT HĐND cùng đơn vị": (1, 2),  # p2
    }


def test_hometown_inside_and_outside_the_unit(world):
    population = {"positions": ["BT_DU", "CT_UBND_XA"], "unit_kind": "XA"}
    counted = figures([
        row("người địa phương", {"hometown": {"inside": "same_unit"}}, population=population),
        row("không là người địa phương", {"hometown": {"outside": "same_unit"}}, population=population),
    ])
    assert counted == {
        "Tổng số": (4, 4),
        "người địa phương": (1, 4),  # p1: a hamlet of X1, where p1 holds the post
        "không là người địa phương": (1, 4),  # p2: another district; p3 free text and p4 none are neither
    }


def test_hometown_of_a_person_with_posts_in_two_units_counts_when_one_post_satisfies(world):
    """p2's hometown is outside X2 and outside X1: with CT_HDND_XA (at X1) in the population too he is
    still counted once."""
    counted = figures([row("ngoài đơn vị", {"hometown": {"outside": "same_unit"}},
                           population={"positions": ["BT_DU", "CT_HDND_XA"], "unit_kind": "XA"})])
    assert counted["ngoài đơn vị"] == (1, 2)


def test_unit_rows_count_a_dissolved_unit_only_while_it_exists(world):
    make_plan([
        row("Xã có bí thư đồng thời là Chủ tịch HĐND", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population=SECRETARIES, unit=True, compare=["delta_points"]),
        row("Xã có cán bộ nữ", {"gender": "NU"}, unit=True),
    ], code="C-02/HU")
    report = build_json("LC.A", D, plan="C-02/HU", baseline=BASELINE)
    rows = rows_of(report)
    concurrent = rows["Xã có bí thư đồng thời là Chủ tịch HĐND"]
    assert concurrent == {
        "label": "Xã có bí thư đồng thời là Chủ tịch HĐND",
        "indicator": None,
        # X1 (p1), X3 (p7, dissolved later) of X1, X2, X3
        "baseline": {"count": 2, "total": 3, "percent": "66.67"},
        # X1 of X1, X2
        "current": {"count": 1, "total": 2, "percent": "50.00"},
        "target": None, "vs_target": None, "vs_baseline": "75.00", "status": None,
        "delta_points": "-16.67",  # 50 − 66,666…
    }
    assert (rows["Xã có cán bộ nữ"]["current"]["count"], rows["Xã có cán bộ nữ"]["current"]["total"]) == (1, 2)


def test_planned_populations_and_multiples(world):
    x1, x2, other = world["LC.A.X1"], world["LC.A.X2"], world["LC.B.X1"]
    secretary = PositionTitle.objects.get(code="BT_DU")

    def plan_for(person, organization, term="2025-2030", approved=dt.date(2022, 1, 1), removed=None):
        PlanningEntry.objects.create(official=person, title=secretary, organization=organization, term=term,
                                     approved_on=approved, removed_on=removed)

    plan_for(world["p3"], x1)  # counted
    plan_for(world["p3"], x2)  # planned twice: once
    plan_for(world["p4"], x2, approved=dt.date(2023, 6, 1))  # approved after D
    plan_for(world["p1"], x1, removed=dt.date(2023, 1, 1))  # taken out before D
    plan_for(world["p2"], x2, removed=dt.date(2023, 12, 1))  # taken out after D: counted
    plan_for(world["p5"], other)  # outside the scope
    plan_for(world["p4"], x1, term="2020-2025", approved=dt.date(2020, 1, 1))  # another term
    planned = {"planned_for": ["BT_DU"], "terms": ["2025-2030"]}
    make_plan([
        row("Quy hoạch bí thư", indicator="TONG_SO", population=planned, multiple_of="CB_XA"),
        row("Quy hoạch bí thư là nữ", {"gender": "NU"}, population=planned),
        row("Cán bộ xã gấp số bí thư", indicator="TONG_SO", multiple_of={"positions": ["BT_DU"]}),
        row("Gấp số chủ tịch Hội CCB", indicator="TONG_SO", multiple_of={"positions": ["CT_HCCB_XA"]}),
        row("Quy hoạch gấp số chủ tịch UBND", indicator="TONG_SO", population=planned,
            multiple_of={"positions": ["CT_UBND_XA", "PCT_UBND_XA"]}),
    ], code="C-03/HU")
    rows = rows_of(build_json("LC.A", D, plan="C-03/HU", baseline=BASELINE))
    assert rows["Quy hoạch bí thư"]["current"] == {"count": 2, "total": 2, "percent": "100.00"}  # p2, p3
    assert rows["Quy hoạch bí thư"]["multiple"] == "0.50"  # 2 / 4
    # At the baseline p1 (approved 2022) is not planned yet: nobody is.
    assert rows["Quy hoạch bí thư"]["baseline"] == {"count": 0, "total": 0, "percent": None}
    assert rows["Quy hoạch bí thư là nữ"]["current"] == {"count": 0, "total": 2, "percent": "0.00"}
    assert "multiple" not in rows["Quy hoạch bí thư là nữ"]
    assert rows["Cán bộ xã gấp số bí thư"]["multiple"] == "2.00"  # 4 / 2 (p1, p2)
    assert rows["Gấp số chủ tịch Hội CCB"]["multiple"] is None  # nobody holds it
    assert rows["Quy hoạch gấp số chủ tịch UBND"]["multiple"] == "1.00"  # 2 / 2 (p3, p4; p5 is outside)


def test_a_population_object_with_an_organization_selector(world):
    agency = world["LC.A.PNV"]
    head = make_official("H1", full_name="Phạm Văn Trưởng")
    add_position(head, agency, "TRUONG_PHONG", START)
    committee = make_official("H2", full_name="Quách Văn Ủy")
    add_position(committee, agency, "TRUONG_PHONG", START)
    add_position(committee, world["LC.A"], "UV_BCH_HU", START)
    Organization.objects.filter(pk=agency.pk).update(category="NHA_NUOC")
    heads = {"positions": ["TRUONG_PHONG"], "at": {"kind": ["CO_QUAN"], "group": ["NHA_NUOC"]}}
    counted = figures([
        row("Trưởng phòng không là Ủy viên BCH Đảng bộ huyện",
            {"not": {"holds": {"positions": ["UV_BCH_HU"], "at": "scope"}}}, population=heads),
        row("Trưởng phòng ở đơn vị sự nghiệp", indicator="TONG_SO",
            population={"positions": ["TRUONG_PHONG"], "at": {"group": ["SU_NGHIEP_GD"]}}),
    ])
    assert counted["Trưởng phòng không là Ủy viên BCH Đảng bộ huyện"] == (1, 2)
    assert counted["Trưởng phòng ở đơn vị sự nghiệp"] == (0, 0)


def test_scope_over_time_for_condition_rows(world):
    """A commune M formed on 2023-01-01 from X1 and X2: its baseline counts X1 and X2 (predecessors)."""
    merged = make_organization("LC.A.M", "XA", world["LC.A"], form="DANG_BO", founded_on=dt.date(2023, 1, 1))
    for predecessor in (world["LC.A.X1"], world["LC.A.X2"]):
        Succession.objects.create(successor=merged, predecessor=predecessor)
    make_plan([
        row("BT kiêm CT HĐND cùng đơn vị", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population=SECRETARIES),
        row("Xã có BT kiêm CT HĐND", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population=SECRETARIES, unit=True),
        row("Cử đi học", {"event": {"kind": ["CU_DI_HOC"]}}),
    ], code="C-04/HU")
    rows = rows_of(build_json("LC.A.M", D, plan="C-04/HU", baseline=BASELINE))
    assert rows["BT kiêm CT HĐND cùng đơn vị"]["baseline"] == {"count": 1, "total": 2, "percent": "50.00"}
    assert rows["BT kiêm CT HĐND cùng đơn vị"]["current"] == {"count": 0, "total": 0, "percent": None}
    assert rows["Xã có BT kiêm CT HĐND"]["baseline"] == {"count": 1, "total": 2, "percent": "50.00"}
    # p1..p4 and p6 (CT_MTTQ_XA until 2022); the trainings were in 2022.
    assert rows["Cử đi học"]["baseline"] == {"count": 0, "total": 5, "percent": "0.00"}


def test_delta_points_round_half_up_from_unrounded_values(world):
    make_plan([row("Nữ", {"gender": "NU"}, compare=["delta_points"])], code="C-05/HU")
    rows = rows_of(build_json("LC.A", D, plan="C-05/HU", baseline=BASELINE))
    # Baseline: p1..p4, p6 (CT_MTTQ_XA until 2022) and p7 (X3) → 1/6 = 16,666… %; now 1/4 = 25 %.
    assert rows["Nữ"]["delta_points"] == "8.33"
    assert list(rows["Nữ"]) == ["label", "indicator", "baseline", "current", "target", "vs_target",
                                "vs_baseline", "status", "delta_points"]


@pytest.mark.parametrize("current, baseline, expected", [
    (Fraction(-1005, 1000), Fraction(0), "-1.01"),  # ties away from zero
    (Fraction(1005, 1000), Fraction(0), "1.01"),
    (Fraction(1, 1000), Fraction(2, 1000), "0.00"),  # never "-0.00"
    (None, Fraction(10), None),
    (Fraction(10), None, None),
])
def test_delta_points_in_the_json(current, baseline, expected):
    assert signed_two_places_text(computation.delta_points(current, baseline)) == expected


def test_multiple_is_none_when_the_other_population_is_empty():
    assert computation.multiple(3, 0) is None
    assert signed_two_places_text(computation.multiple(61, 41)) == "1.49"


def test_rows_are_stored_as_canonical_json(world):
    make_plan([row("Lý luận", {"all": [{"qual": {"type": "ly_luan", "in": ["trung_cap", "SO_CAP", "SO_CAP"]}},
                                      {"holds": {"positions": ["ct_hdnd_xa", "BT_DU"], "at": "scope"}}]},
                   population={"unit_kind": "xa", "positions": ["bt_du"]}, compare=["delta_points"])],
              code="C-06/HU")
    stored = PlanRow.objects.get(table__plan__code="C-06/HU")
    assert stored.indicator is None
    assert stored.condition == {"all": [{"qual": {"type": "LY_LUAN", "in": ["SO_CAP", "TRUNG_CAP"]}},
                                        {"holds": {"positions": ["BT_DU", "CT_HDND_XA"], "at": "scope"}}]}
    assert stored.population == {"positions": ["BT_DU"], "unit_kind": "XA"}
    assert stored.compare == ["delta_points"]
    assert stored.unit is False and stored.multiple_of is None


@pytest.mark.parametrize("bad_row, message", [
    (row("x", {"qual": {"type": "LY_LUAN", "eq": "DAI_HOC"}}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where” › qual: “DAI_HOC” không phải trình độ của thang LY_LUAN "
     "(có: SO_CAP, TRUNG_CAP, CAO_CAP, CU_NHAN)."),
    (row("x", {"holds": {"positions": ["KHONG_CO"], "at": "scope"}}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where” › holds: không có chức vụ mã “KHONG_CO”."),
    (row("x", {"holds": {"positions": ["BT_DU"], "at": "same_unit"}}, population={"positions": ["BT_DU"]}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1: điều kiện dùng “same_unit” (cùng đơn vị) nhưng đối tượng của dòng không có "
     "đơn vị: hãy ghi “unit_kind” (XA hoặc CO_QUAN) cho đối tượng."),
    (row("x", {"gender": "NU"}, indicator="DG_TOT"),
     "Biểu thứ 1 (“Biểu 01”), dòng 1: chỉ tiêu DG_TOT tính theo lượt đánh giá, không dùng “where”."),
    (row("x", {"gender": "NU", "age": {"lt": 30}}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where”: mỗi điều kiện có đúng một khóa, một trong: all, any, not, "
     "indicator, qual, gender, age, ethnicity, party_member, holds, event, hometown (ở đây có 2: age, gender)."),
    (row("x", {"any": [{"gender": "NU"}, {"ethnicity": {"eq": "Kinhh"}}]}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where” › any[2] › ethnicity: không có dân tộc “Kinhh” trong danh mục."),
    (row("x", {"qual": {"type": "TIN_HOC", "gte": "A"}}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where” › qual: loại trình độ TIN_HOC không có thang bậc; chỉ dùng "
     "“none” (hoặc chỉ tiêu TIN_HOC cho “có trình độ”)."),
    (row("x", {"event": {"kind": ["BO_NHIEM"], "program": ["LLCT_CAO_CAP"]}}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where” › event: “program” chỉ dùng với sự kiện CU_DI_HOC (cử đi học)."),
    (row("x", {"indicator": "DV_CO_NU"}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where” › indicator: chỉ tiêu DV_CO_NU là chỉ tiêu tính theo đơn vị; "
     "trong điều kiện chỉ dùng chỉ tiêu tính theo người."),
    (row("x", indicator="TONG_SO", population={"planned_for": ["BT_DU"], "terms": ["2030-2025"]}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, “population”: nhiệm kỳ “2030-2025” không hợp lệ (dạng YYYY-YYYY, ví dụ 2025-2030)."),
    (row("x", {"gender": "NU"}, unit=True, population={"positions": ["BT_DU"]}),
     "Biểu thứ 1 (“Biểu 01”), dòng 1: dòng tính theo đơn vị (“unit”: true) cần đối tượng có loại đơn vị "
     "(“unit_kind”: XA hoặc CO_QUAN)."),
    (row("x", indicator="TONG_SO", compare=["delta"]),
     "Biểu thứ 1 (“Biểu 01”), dòng 1: “compare” phải là một danh sách trong: delta_points, không phải “['delta']”."),
    (row("x"), "Biểu thứ 1 (“Biểu 01”), dòng 1: thiếu mã chỉ tiêu (“indicator”)."),
    (row("x", {"hometown": {"outside": "scope"}}, population=SECRETARIES),
     "Biểu thứ 1 (“Biểu 01”), dòng 1, điều kiện “where” › hometown: quê quán chỉ so với đơn vị của chức vụ: "
     "“outside”: “same_unit”."),
])
def test_every_problem_is_said_in_vietnamese_with_where_it_is(world, bad_row, message):
    with pytest.raises(PlanFileError) as error:
        make_plan([bad_row], code="C-BAD/HU")
    assert error.value.problems == [message]


def test_a_condition_too_large_for_one_statement_is_refused(world):
    with pytest.raises(PlanFileError) as error:
        make_plan([row("x", {"any": [{"gender": "NU"}] * 120})], code="C-BAD/HU")
    assert error.value.problems == [
        "Biểu thứ 1 (“Biểu 01”), dòng 1: điều kiện “where” có 121 điều kiện con, quá 100; hãy tách thành nhiều dòng."
    ]


def test_several_problems_are_all_listed(world):
    with pytest.raises(PlanFileError) as error:
        make_plan([
            row("a", {"qual": {"type": "CHUYEN_MON", "eq": "CAO_CAP"}}),
            row("b", {"holds": {"positions": ["BT_DU"], "at": "everywhere"}}),
        ], code="C-BAD/HU")
    assert len(error.value.problems) == 2


# --- the number of queries depends on the plan's shape only -------------------------------------

EVERY_KIND = [
    row("qual eq", {"qual": {"type": "LY_LUAN", "eq": "SO_CAP"}}),
    row("qual in", {"qual": {"type": "LY_LUAN", "in": ["SO_CAP", "TRUNG_CAP"]}}),
    row("qual gte", {"qual": {"type": "LY_LUAN", "gte": "TRUNG_CAP"}}),
    row("qual lt", {"qual": {"type": "LY_LUAN", "lt": "CAO_CAP"}}),
    row("qual none", {"qual": {"type": "LY_LUAN", "none": True}}),
    row("indicator", {"indicator": "TRE", "params": {"age_under": 40}}),
    row("gender, age, ethnicity, party", {"all": [{"gender": "NAM"}, {"age": {"gte": 30, "lt": 60}},
                                                  {"ethnicity": {"ne": "Thái"}}, {"not": {"party_member": True}}]}),
    row("holds scope", {"holds": {"positions": ["CT_HDND_XA"], "at": "scope"}}),
    row("holds same unit", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}, population=SECRETARIES),
    row("hometown", {"any": [{"hometown": {"inside": "same_unit"}}, {"hometown": {"outside": "same_unit"}}]},
        population=SECRETARIES),
    row("event", {"event": {"kind": ["CU_DI_HOC"], "program": ["LLCT_CAO_CAP"], "from": "2020-01-01"}}),
    row("unit", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}, population=SECRETARIES, unit=True,
        compare=["delta_points"]),
    row("planned", {"gender": "NU"}, population={"planned_for": ["BT_DU"], "terms": ["2025-2030"]},
        multiple_of="CB_XA"),
]


def add_officials(world, count: int, start: int):
    """`count` more commune cadres in X1 and X2, each a secretary or chair with a qualification."""
    communes = [world["LC.A.X1"], world["LC.A.X2"]]
    titles = {code: PositionTitle.objects.get(code=code) for code in ("BT_DU", "CT_HDND_XA", "CT_UBND_XA")}
    officials = Official.objects.bulk_create([
        Official(code=f"Q{start + index:06d}", full_name=f"Người Thứ {start + index}", gender="NU" if index % 2 else "NAM",
                 birth_date=dt.date(1970 + index % 30, 1, 1), ethnic_group=world["p1"].ethnic_group,
                 hometown_organization=communes[index % 2] if index % 3 else None)
        for index in range(count)
    ])
    PositionRecord.objects.bulk_create([
        PositionRecord(official=official, organization=communes[index % 2],
                       title=titles[("BT_DU", "CT_HDND_XA", "CT_UBND_XA")[index % 3]], start_date=START)
        for index, official in enumerate(officials)
    ])


def report_queries(code: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        build_json("LC.A", D, plan=code, baseline=BASELINE)
    return len(queries)


def test_the_query_count_does_not_depend_on_the_number_of_officials(world):
    make_plan(EVERY_KIND, code="C-ALL/HU")
    add_officials(world, 100, 0)
    small = report_queries("C-ALL/HU")
    add_officials(world, 9900, 100)
    large = report_queries("C-ALL/HU")
    assert small == large
    rows = rows_of(build_json("LC.A", D, plan="C-ALL/HU", baseline=BASELINE))
    # 10,004 commune cadres now; secretaries: 34 of the first 100 new ones, 3,300 of the next 9,900, p1 and p2.
    assert rows["Tổng số"]["current"]["total"] == 10004
    assert rows["holds same unit"]["current"] == {"count": 1, "total": 3336, "percent": "0.03"}


def test_a_plan_without_conditions_loads_no_condition_catalog(world, monkeypatch):
    make_plan([row("Nữ", indicator="NU")], code="C-OLD/HU")

    def refuse(self):
        raise AssertionError("a plan without conditions loaded a catalog")

    for name in ("title_ids", "populations", "qualification_types", "ethnic_ids", "indicators"):
        monkeypatch.setattr(conditions.ReportCatalog, name, property(refuse))
    assert rows_of(build_json("LC.A", D, plan="C-OLD/HU"))["Nữ"]["current"]["count"] == 1


# --- the list behind every figure of a condition row -------------------------------------------


def test_every_list_behind_a_condition_figure_lists_exactly_who_is_counted(world, client):
    import json
    import re
    from html import unescape
    from urllib.parse import parse_qs, urlparse

    from tests.factories import make_user

    make_plan([
        row("BT kiêm CT HĐND cùng đơn vị", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population=SECRETARIES),
        row("Xã có BT kiêm CT HĐND", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population=SECRETARIES, unit=True),
        row("Lý luận trung cấp trở xuống", {"qual": {"type": "LY_LUAN", "lt": "CAO_CAP"}}),
        row("Không là người địa phương", {"hometown": {"outside": "same_unit"}},
            population={"positions": ["BT_DU", "CT_UBND_XA"], "unit_kind": "XA"}),
    ], code="C-07/HU")
    client.force_login(make_user("huyen-a-dk", world["LC.A"]))
    params = {"org": "LC.A", "plan": "C-07/HU", "as_of": "15/05/2023", "rating_years": "2022",
              "baseline": "01/06/2021"}
    report = json.loads(client.get("/bao-cao/tai-ve/json/", params).content)
    figures = {(row["label"], column): (row[column]["count"], row[column]["total"])
               for row in report["tables"][0]["rows"] for column in ("baseline", "current")}
    html = unescape(client.get("/bao-cao/", params).content.decode())
    labels = {str(stored.pk): stored.label for stored in PlanRow.objects.filter(table__plan__code="C-07/HU")}
    labels["tong-so"] = "Tổng số"
    listed, names = {}, {}
    for link in re.findall(r'href="([^"]*/bao-cao/danh-sach[^"]*)"', html):
        query = {key: values[0] for key, values in parse_qs(urlparse(unescape(link)).query).items()}
        page = unescape(client.get("/bao-cao/danh-sach/", query).content.decode())
        size = int(re.search(r"<strong>([\d.]+)</strong>", page).group(1).replace(".", ""))
        assert len(re.findall(r'<tr>\s*<td class="num">\d+</td>', page)) == size
        key = (labels[query["row"]], "baseline" if query["column"] == "nam-goc" else "current")
        listed.setdefault(key, {})[query["part"]] = size
        names[(*key, query["part"])] = page
    for key, (count, total) in figures.items():
        assert listed[key]["tu-so"] == count
        assert listed[key].get("mau-so", count) == total
    concurrent = names[("BT kiêm CT HĐND cùng đơn vị", "current", "tu-so")]
    assert "An Thị Một" in concurrent and "Bùi Văn Hai" not in concurrent
    units = names[("Xã có BT kiêm CT HĐND", "baseline", "tu-so")]
    assert sorted(re.findall(r"<td>(Xã [^<]+)</td>", units)) == ["Xã X1 A", "Xã X3"]  # in tree order
    outside = names[("Không là người địa phương", "current", "tu-so")]
    assert "Bùi Văn Hai" in outside and "Cao Văn Ba" not in outside
    for identifier in ("xlsx", "docx"):
        assert client.get(f"/bao-cao/tai-ve/{identifier}/", params).status_code == 200
    comparison = unescape(client.get("/bao-cao/so-sanh/", params).content.decode())
    assert "Xã có BT kiêm CT HĐND" in comparison


def test_the_comparison_counts_condition_rows_for_each_unit_below(world):
    from reports.fetch import load_organization
    from reports.parameters import check_request
    from reports.services import comparison_build

    make_plan([row("BT kiêm CT HĐND cùng đơn vị", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
                   population=SECRETARIES, multiple_of="CB_XA")], code="C-10/HU")
    request = check_request(organization=load_organization("LC.A"), plan=load_plan("C-10/HU"), as_of=D,
                            rating_years=None, baseline=BASELINE, baseline_rating_years=None, target_year=None,
                            today=dt.date(2030, 1, 1))
    comparison = comparison_build(**request.as_service_arguments())
    by_unit = {unit.code: report.tables[0].rows[1] for unit, report in comparison.units}
    assert {code: (row.current.count, row.current.total, row.multiple) for code, row in by_unit.items()} == {
        "LC.A.X1": (1, 1, Fraction(1, 3)),  # p1 of p1; CB_XA at X1: p1, p2 (CT_HDND_XA), p3
        "LC.A.X2": (0, 1, Fraction(1, 2)),  # p2 of p2; CB_XA at X2: p2, p4
        "LC.A.PNV": (0, 0, None),
    }


def test_the_admin_cannot_give_a_condition_row_a_rating_indicator_or_take_away_both(world):
    from django.core.exceptions import ValidationError

    from planning.models import Indicator

    make_plan([row("Nữ", {"gender": "NU"})], code="C-08/HU")
    stored = PlanRow.objects.get(table__plan__code="C-08/HU")
    stored.indicator = Indicator.objects.get(code="DG_TOT")
    with pytest.raises(ValidationError) as error:
        stored.clean()
    assert error.value.message_dict == {"indicator": [
        "Chỉ tiêu tính theo lượt đánh giá không dùng cùng điều kiện, đối tượng riêng hay cách tính theo đơn vị."]}
    stored.indicator, stored.condition = None, None
    with pytest.raises(ValidationError):
        stored.clean()


def test_the_unit_of_a_post_two_cells_below_its_commune_and_the_group_of_a_cell(world):
    """A post at a cell inside the hamlet cell AP1 of X1: its unit is X1 (found through the path, not the
    parent), so holding CT_HDND_XA at X1 is at the same unit; the cell's group is X1's (`Xã`)."""
    inner = make_organization("LC.A.X1.AP1.T1", "CHI_BO", world["AP1"], name="Tổ đảng 1")
    Organization.objects.filter(pk=world["LC.A.X1"].pk).update(category="XA")
    person = make_official("P8", full_name="Vũ Văn Tám", hometown_organization=world["AP1"])
    add_position(person, inner, "CT_MTTQ_XA", START)
    add_position(person, world["LC.A.X1"], "CT_HDND_XA", START)
    front = {"positions": ["CT_MTTQ_XA"], "unit_kind": "XA"}
    counted = figures([
        row("MTTQ kiêm CT HĐND cùng xã", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population=front),
        row("MTTQ là người địa phương", {"hometown": {"inside": "same_unit"}}, population=front),
        row("MTTQ ở xã (nhóm Xã)", indicator="TONG_SO",
            population={"positions": ["CT_MTTQ_XA"], "at": {"group": ["XA"]}}),
        row("MTTQ ở phường", indicator="TONG_SO",
            population={"positions": ["CT_MTTQ_XA"], "at": {"group": ["PHUONG"]}}),
    ], plan_code="C-09/HU")
    assert counted["MTTQ kiêm CT HĐND cùng xã"] == (1, 1)
    assert counted["MTTQ là người địa phương"] == (1, 1)
    assert counted["MTTQ ở xã (nhóm Xã)"] == (1, 1)
    assert counted["MTTQ ở phường"] == (0, 0)
