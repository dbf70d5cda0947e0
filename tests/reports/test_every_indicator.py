"""Every seeded indicator on one small district, both columns, and the query count that does not grow."""
import datetime as dt

import pytest

from planning.models import Indicator
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official
from tests.reports.plans import build, build_json, make_plan

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2023, 5, 15)
BASELINE = dt.date(2020, 12, 31)

EVERY_CODE = [
    "TONG_SO", "NU", "TRE", "DTTS", "DANG_VIEN", "PT_THPT", "CM_TRUNG_CAP", "CM_DAI_HOC", "CM_SAU_DAI_HOC",
    "LLCT_TRUNG_CAP", "LLCT_CAO_CAP", "QLNN_CHUYEN_VIEN", "QLNN_CHUYEN_VIEN_CHINH", "TIN_HOC", "NGOAI_NGU",
    "BOI_DUONG_VTVL", "DG_TOT", "DG_XUAT_SAC", "DG_KHONG_HT", "DV_CO_NU", "DV_CO_TRE",
]


@pytest.fixture
def district():
    """Four commune cadres in district A, one outside it (see the expected counts below)."""
    tree = make_district_tree("LC")
    x1, x2 = tree["LC.A.X1"], tree["LC.A.X2"]
    start = dt.date(2019, 1, 1)

    mai = make_official("P1", full_name="Lò Thị Mai", gender="NU", birth_date=dt.date(1980, 3, 1),
                        party_joined_on=dt.date(2005, 1, 1))
    add_position(mai, x1, "BT_DU", start)
    for type_code, level, obtained in [
        ("PHO_THONG", "12/12", dt.date(1998, 6, 1)), ("CHUYEN_MON", "DAI_HOC", dt.date(2002, 6, 1)),
        ("LY_LUAN", "TRUNG_CAP", dt.date(2010, 1, 1)), ("QLNN", "CHUYEN_VIEN", dt.date(2012, 1, 1)),
        ("TIN_HOC", "Chứng chỉ B", dt.date(2010, 1, 1)), ("NGOAI_NGU", "B1", dt.date(2011, 1, 1)),
        ("BOI_DUONG_VTVL", "Bồi dưỡng Bí thư", dt.date(2021, 6, 1)),
    ]:
        add_qualification(mai, type_code, level, obtained)
    add_rating(mai, 2020, "HTTNV")
    add_rating(mai, 2022, "HTXSNV")

    chu = make_official("P2", full_name="Vàng A Chư", ethnicity="Mông", birth_date=dt.date(1975, 7, 1),
                        party_joined_on=dt.date(2000, 1, 1))
    add_position(chu, x2, "CT_UBND_XA", start)
    for type_code, level, obtained in [
        ("PHO_THONG", "12/12", dt.date(1993, 6, 1)), ("CHUYEN_MON", "DAI_HOC", dt.date(2000, 6, 1)),
        ("CHUYEN_MON", "THAC_SI", dt.date(2021, 9, 1)), ("LY_LUAN", "CU_NHAN", dt.date(2015, 1, 1)),
        ("QLNN", "CHUYEN_VIEN_CHINH", dt.date(2016, 1, 1)), ("TIN_HOC", "Chứng chỉ A", dt.date(2014, 1, 1)),
    ]:
        add_qualification(chu, type_code, level, obtained)
    add_rating(chu, 2020, "HTXSNV")
    add_rating(chu, 2022, "HTTNV")

    hung = make_official("P3", full_name="Nguyễn Văn Hùng", birth_date=dt.date(1990, 5, 16))
    add_position(hung, x1, "CT_MTTQ_XA", start)
    add_qualification(hung, "PHO_THONG", "12/12", dt.date(2008, 6, 1))
    add_qualification(hung, "CHUYEN_MON", "TRUNG_CAP", dt.date(2012, 6, 1))
    add_rating(hung, 2020, "HTNV")
    add_rating(hung, 2022, "KHTNV")

    hoa = make_official("P4", full_name="Lý Thị Hoa", gender="NU", ethnicity="Dao", birth_date=dt.date(1996, 1, 1),
                        party_joined_on=dt.date(2023, 5, 16))
    add_position(hoa, x2, "BT_DOAN_XA", dt.date(2021, 3, 1))
    add_qualification(hoa, "PHO_THONG", "9/12", dt.date(2012, 6, 1))
    add_rating(hoa, 2022, "HTTNV")

    elsewhere = make_official("Q1", full_name="Hà Thị Lan", gender="NU", birth_date=dt.date(1998, 1, 1))
    add_position(elsewhere, tree["LC.B.X1"], "BT_DU", start)
    add_rating(elsewhere, 2022, "HTXSNV")
    return tree


def plan_with_every_indicator():
    rows = []
    for code in EVERY_CODE:
        rows.append({"label": code, "indicator": code})
        if code == "TRE":
            rows.append({"label": "TRE_30", "indicator": "TRE", "params": {"age_under": 30}})
    return make_plan(rows)


# (baseline 31/12/2020 with 2020 ratings, current 15/5/2023 with 2022 ratings), as (count, total).
EXPECTED = {
    "Tổng số": ((3, 3), (4, 4)),
    "TONG_SO": ((3, 3), (4, 4)),
    "NU": ((1, 3), (2, 4)),
    "TRE": ((1, 3), (2, 4)),  # Hùng is 30, then 32; Hoa 27
    "TRE_30": ((0, 3), (1, 4)),
    "DTTS": ((1, 3), (2, 4)),
    "DANG_VIEN": ((2, 3), (2, 4)),  # Hoa joins the day after
    "PT_THPT": ((3, 3), (3, 4)),
    "CM_TRUNG_CAP": ((3, 3), (3, 4)),
    "CM_DAI_HOC": ((2, 3), (2, 4)),
    "CM_SAU_DAI_HOC": ((0, 3), (1, 4)),
    "LLCT_TRUNG_CAP": ((2, 3), (2, 4)),
    "LLCT_CAO_CAP": ((1, 3), (1, 4)),  # Cử nhân counts as Cao cấp
    "QLNN_CHUYEN_VIEN": ((2, 3), (2, 4)),
    "QLNN_CHUYEN_VIEN_CHINH": ((1, 3), (1, 4)),
    "TIN_HOC": ((2, 3), (2, 4)),
    "NGOAI_NGU": ((1, 3), (1, 4)),
    "BOI_DUONG_VTVL": ((0, 3), (1, 4)),
    "DG_TOT": ((2, 3), (3, 4)),
    "DG_XUAT_SAC": ((1, 3), (1, 4)),
    "DG_KHONG_HT": ((0, 3), (1, 4)),
    "DV_CO_NU": ((1, 2), (2, 2)),
    "DV_CO_TRE": ((1, 2), (2, 2)),
}


def test_the_seed_defines_every_indicator_code_of_the_domain():
    assert sorted(Indicator.objects.values_list("code", flat=True)) == sorted(EVERY_CODE)


def test_every_indicator_counts_as_the_domain_defines_it(district):
    plan_with_every_indicator()
    report = build_json("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE)
    rows = report["tables"][0]["rows"]
    assert [row["indicator"] for row in rows] == ["TONG_SO", *EVERY_CODE[:3], "TRE", *EVERY_CODE[3:]]
    assert {
        row["label"]: (
            (row["baseline"]["count"], row["baseline"]["total"]),
            (row["current"]["count"], row["current"]["total"]),
        )
        for row in rows
    } == EXPECTED


def test_the_whole_json_of_a_row_with_percents_and_comparisons(district):
    make_plan([
        {"label": "Tỷ lệ cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "value": 40}]},
        {"label": "Tỷ lệ cán bộ trẻ", "indicator": "TRE", "params": {"age_under": 35},
         "targets": [{"year": 2025, "min": 20, "max": 40}, {"year": 2030, "min": 30}]},
        {"label": "Xã có cán bộ nữ", "indicator": "DV_CO_NU"},
    ])
    report = build_json("LC.A", AS_OF, rating_years=(2021, 2022), baseline=BASELINE,
                        baseline_rating_years=(2020,))
    assert report == {
        "organization": "LC.A",
        "plan": "T-01/HU",
        "as_of": "2023-05-15",
        "rating_years": [2021, 2022],
        "baseline": {"as_of": "2020-12-31", "rating_years": [2020]},
        "target_year": 2025,
        "tables": [{"number": "Biểu 01", "population": "CB_XA", "rows": [
            {"label": "Tổng số", "indicator": "TONG_SO",
             "baseline": {"count": 3, "total": 3, "percent": "100.00"},
             "current": {"count": 4, "total": 4, "percent": "100.00"},
             "target": None, "vs_target": None, "vs_baseline": None, "status": None},
            {"label": "Tỷ lệ cán bộ nữ", "indicator": "NU",
             "baseline": {"count": 1, "total": 3, "percent": "33.33"},
             "current": {"count": 2, "total": 4, "percent": "50.00"},
             "target": {"value": "40.00"}, "vs_target": ["125.00"], "vs_baseline": "150.00", "status": "vuot"},
            {"label": "Tỷ lệ cán bộ trẻ", "indicator": "TRE",
             "baseline": {"count": 1, "total": 3, "percent": "33.33"},
             "current": {"count": 2, "total": 4, "percent": "50.00"},
             "target": {"min": "20.00", "max": "40.00"}, "vs_target": ["250.00", "125.00"],
             "vs_baseline": "150.00", "status": "vuot"},
            {"label": "Xã có cán bộ nữ", "indicator": "DV_CO_NU",
             "baseline": {"count": 1, "total": 2, "percent": "50.00"},
             "current": {"count": 2, "total": 2, "percent": "100.00"},
             "target": None, "vs_target": None, "vs_baseline": "200.00", "status": None},
        ]}],
    }


def test_the_target_year_chooses_which_targets_are_compared(district):
    make_plan([{"label": "Trẻ", "indicator": "TRE", "targets": [
        {"year": 2025, "min": 20, "max": 40}, {"year": 2030, "min": 50}]}])
    row = build_json("LC.A", AS_OF, baseline=BASELINE, target_year=2030)["tables"][0]["rows"][1]
    assert (row["target"], row["vs_target"], row["status"]) == ({"min": "50.00"}, ["100.00"], "dat")


def _add_commune_cadres(tree, count):
    for number in range(count):
        person = make_official(gender="NU" if number % 2 else "NAM", birth_date=dt.date(1985 + number % 15, 1, 1))
        add_position(person, tree["LC.A.X1" if number % 3 else "LC.A.X2"], "PCT_UBND_XA", dt.date(2018, 1, 1))
        add_position(person, tree["LC.A.X1"], "UV_BCH_XA", dt.date(2018, 1, 1))
        add_qualification(person, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
        add_qualification(person, "TIN_HOC", "A", dt.date(2010, 1, 1))
        add_rating(person, 2020, "HTTNV")
        add_rating(person, 2022, "HTXSNV")


def test_a_report_takes_the_same_number_of_queries_for_4_or_34_officials(district, django_assert_num_queries):
    plan_with_every_indicator()
    # 1 organization; 6 for the plan: plan, tables (with populations), population titles, rows
    # (with indicators and minimum levels), targets, the levels of the qualification types;
    # then per column (baseline, current) 3 aggregates: persons, ratings, units.
    with django_assert_num_queries(1 + 6 + 2 * 3):
        small = build("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE)
    _add_commune_cadres(district, 30)
    with django_assert_num_queries(1 + 6 + 2 * 3):
        large = build("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE)
    assert small.tables[0].rows[0].current.count == 4
    assert large.tables[0].rows[0].current.count == 34


def test_a_table_of_person_rows_only_needs_one_aggregate_per_column(district, django_assert_num_queries):
    make_plan([{"label": code, "indicator": code} for code in EVERY_CODE[:16]])
    # organization, the plan's 6 queries, one person aggregate per column.
    with django_assert_num_queries(1 + 6 + 2):
        build("LC.A", AS_OF, baseline=BASELINE)


def test_a_rating_window_of_more_years_takes_no_more_queries(district, django_assert_num_queries):
    make_plan([{"label": "Tốt", "indicator": "DG_TOT"}])
    # No row tests a qualification, so the plan takes 5 queries (no levels to fetch).
    with django_assert_num_queries(1 + 5 + 2 * 2):
        report = build("LC.A", AS_OF, rating_years=(2019, 2020, 2021, 2022), baseline=BASELINE)
    # 2020: Mai, Chư (good), Hùng; 2022: Mai, Chư, Hoa (good), Hùng; 2019 and 2021 have none.
    assert (report.tables[0].rows[1].current.count, report.tables[0].rows[1].current.total) == (5, 7)


def test_each_more_table_adds_only_its_own_aggregates(district, django_assert_num_queries):
    rows = [{"label": "Nữ", "indicator": "NU"}, {"label": "Tốt", "indicator": "DG_TOT"}]
    make_plan(tables=[
        {"number": f"Biểu 0{n}", "title": "Biểu", "population": population, "rows": rows}
        for n, population in enumerate(["CB_XA", "CB_CHU_CHOT_XA", "CC_XA"], start=1)
    ])
    # organization, the plan's 5 queries (no qualification rows, no levels), then for each of
    # 3 tables and 2 columns: persons and ratings.
    with django_assert_num_queries(1 + 5 + 3 * 2 * 2):
        report = build("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE)
    assert [table.rows[0].current.count for table in report.tables] == [4, 2, 0]
