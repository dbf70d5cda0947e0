"""Indicator semantics on a date: docs/domain.md, one edge case at a time."""
import datetime as dt

import pytest

from cadre.models import Organization
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official
from tests.reports.plans import build_json, current, make_plan

pytestmark = pytest.mark.django_db

D = dt.date(2023, 5, 15)
DAY = dt.timedelta(days=1)


@pytest.fixture
def tree():
    return make_district_tree("LC")


def counts_on(on, org="LC.A", **kwargs):
    return current(build_json(org, on, **kwargs))


def test_a_position_ending_exactly_on_the_date_counts_and_not_the_day_after(tree):
    leaver = make_official()
    add_position(leaver, tree["LC.A.X1"], "BT_DU", dt.date(2015, 1, 1), D)
    make_plan([])
    assert counts_on(D)["Tổng số"] == (1, 1)
    assert counts_on(D + DAY)["Tổng số"] == (0, 0)


def test_a_position_starting_exactly_on_the_date_counts_and_not_the_day_before(tree):
    newcomer = make_official()
    add_position(newcomer, tree["LC.A.X1"], "BT_DU", D)
    make_plan([])
    assert counts_on(D)["Tổng số"] == (1, 1)
    assert counts_on(D - DAY)["Tổng số"] == (0, 0)


def test_a_qualification_obtained_on_the_date_counts_and_one_obtained_the_day_after_does_not(tree):
    on_the_day, day_after = make_official(), make_official()
    for person in (on_the_day, day_after):
        add_position(person, tree["LC.A.X1"], "PBT_DU", dt.date(2020, 1, 1))
    add_qualification(on_the_day, "CHUYEN_MON", "DAI_HOC", D)
    add_qualification(day_after, "CHUYEN_MON", "DAI_HOC", D + DAY)
    make_plan([{"label": "Đại học", "indicator": "CM_DAI_HOC"}])
    assert counts_on(D)["Đại học"] == (1, 2)
    assert counts_on(D + DAY)["Đại học"] == (2, 2)


def test_the_highest_level_obtained_by_the_date_is_the_one_that_counts(tree):
    person = make_official()
    add_position(person, tree["LC.A.X1"], "PBT_DU", dt.date(2020, 1, 1))
    add_qualification(person, "CHUYEN_MON", "TRUNG_CAP", dt.date(2005, 1, 1))
    add_qualification(person, "CHUYEN_MON", "THAC_SI", dt.date(2022, 6, 1))
    make_plan([
        {"label": "Trung cấp", "indicator": "CM_TRUNG_CAP"},
        {"label": "Đại học", "indicator": "CM_DAI_HOC"},
        {"label": "Sau đại học", "indicator": "CM_SAU_DAI_HOC"},
    ])
    before = counts_on(dt.date(2022, 5, 31))
    after = counts_on(dt.date(2022, 6, 1))
    assert (before["Trung cấp"], before["Đại học"], before["Sau đại học"]) == ((1, 1), (0, 1), (0, 1))
    assert (after["Trung cấp"], after["Đại học"], after["Sau đại học"]) == ((1, 1), (1, 1), (1, 1))


def test_cao_cap_and_cu_nhan_are_the_same_political_theory_level(tree):
    cao_cap, cu_nhan, trung_cap = make_official(), make_official(), make_official()
    for person in (cao_cap, cu_nhan, trung_cap):
        add_position(person, tree["LC.A.X1"], "CT_MTTQ_XA", dt.date(2020, 1, 1))
    add_qualification(cao_cap, "LY_LUAN", "CAO_CAP", dt.date(2015, 1, 1))
    add_qualification(cu_nhan, "LY_LUAN", "CU_NHAN", dt.date(2015, 1, 1))
    add_qualification(trung_cap, "LY_LUAN", "TRUNG_CAP", dt.date(2015, 1, 1))
    make_plan([
        {"label": "Trung cấp trở lên", "indicator": "LLCT_TRUNG_CAP"},
        {"label": "Cao cấp", "indicator": "LLCT_CAO_CAP"},
    ])
    assert counts_on(D)["Trung cấp trở lên"] == (3, 3)
    assert counts_on(D)["Cao cấp"] == (2, 3)


def test_a_person_whose_35th_birthday_is_the_date_is_no_longer_young(tree):
    turning_35, turning_35_tomorrow = (
        make_official(birth_date=dt.date(1988, 5, 15)),
        make_official(birth_date=dt.date(1988, 5, 16)),
    )
    for person in (turning_35, turning_35_tomorrow):
        add_position(person, tree["LC.A.X1"], "BT_DOAN_XA", dt.date(2020, 1, 1))
    make_plan([
        {"label": "Trẻ", "indicator": "TRE", "params": {"age_under": 35}},
        {"label": "Dưới 30", "indicator": "TRE", "params": {"age_under": 30}},
        {"label": "Trẻ (mặc định)", "indicator": "TRE"},
    ])
    counts = counts_on(D)
    assert counts["Trẻ"] == (1, 2)
    assert counts["Dưới 30"] == (0, 2)
    assert counts["Trẻ (mặc định)"] == (1, 2)
    assert counts_on(D - DAY)["Trẻ"] == (2, 2)


def test_a_person_born_on_29_february_turns_35_on_1_march_in_a_common_year(tree):
    leapling = make_official(birth_date=dt.date(1988, 2, 29))
    add_position(leapling, tree["LC.A.X1"], "BT_DOAN_XA", dt.date(2020, 1, 1))
    make_plan([{"label": "Trẻ", "indicator": "TRE", "params": {"age_under": 35}}])
    assert counts_on(dt.date(2023, 2, 28))["Trẻ"] == (1, 1)
    assert counts_on(dt.date(2023, 3, 1))["Trẻ"] == (0, 1)


def test_a_person_with_concurrent_positions_counts_once(tree):
    secretary = make_official(gender="NU")
    add_position(secretary, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    add_position(secretary, tree["LC.A.X1"], "CT_HDND_XA", dt.date(2021, 1, 1))
    add_position(secretary, tree["LC.A.X2"], "CT_HLHPN_XA", dt.date(2021, 1, 1))
    add_rating(secretary, 2022, "HTTNV")
    make_plan([
        {"label": "Nữ", "indicator": "NU"},
        {"label": "Tốt", "indicator": "DG_TOT"},
        {"label": "Xã có nữ", "indicator": "DV_CO_NU"},
    ])
    counts = counts_on(D)
    assert counts["Tổng số"] == (1, 1)
    assert counts["Nữ"] == (1, 1)
    assert counts["Tốt"] == (1, 1)
    assert counts["Xã có nữ"] == (2, 2)


def test_ratings_count_per_year_for_the_population_on_31_december(tree):
    stays, leaves, arrives = make_official(), make_official(), make_official()
    add_position(stays, tree["LC.A.X1"], "BT_DU", dt.date(2015, 1, 1))
    add_position(leaves, tree["LC.A.X1"], "PBT_DU", dt.date(2015, 1, 1), dt.date(2021, 12, 31))
    add_position(arrives, tree["LC.A.X2"], "PBT_DU", dt.date(2022, 12, 31))
    for year in (2021, 2022):
        add_rating(stays, year, "HTXSNV")
        add_rating(leaves, year, "HTTNV")  # the 2022 rating is from after leaving
        add_rating(arrives, year, "KHTNV")  # the 2021 rating is from before arriving
    make_plan([
        {"label": "Tốt", "indicator": "DG_TOT"},
        {"label": "Xuất sắc", "indicator": "DG_XUAT_SAC", "parent": 1},
        {"label": "Không hoàn thành", "indicator": "DG_KHONG_HT"},
    ])
    counts = counts_on(D, rating_years=(2021, 2022))
    # 2021: stays + leaves; 2022: stays + arrives.
    assert counts["Tốt"] == (3, 4)
    assert counts["Xuất sắc"] == (2, 4)
    assert counts["Không hoàn thành"] == (1, 4)
    assert counts["Tổng số"] == (2, 2)


def test_a_leavers_rating_in_a_later_year_is_not_counted(tree):
    leaver = make_official()
    add_position(leaver, tree["LC.A.X1"], "BT_DU", dt.date(2015, 1, 1), dt.date(2022, 12, 30))
    add_rating(leaver, 2021, "HTXSNV")
    add_rating(leaver, 2022, "HTXSNV")
    make_plan([{"label": "Xuất sắc", "indicator": "DG_XUAT_SAC"}])
    assert counts_on(D, rating_years=(2022,))["Xuất sắc"] == (0, 0)
    assert counts_on(D, rating_years=(2021,))["Xuất sắc"] == (1, 1)


def test_a_person_without_a_rating_counts_in_neither_numerator_nor_denominator(tree):
    rated, unrated = make_official(), make_official()
    for person in (rated, unrated):
        add_position(person, tree["LC.A.X1"], "CT_HND_XA", dt.date(2015, 1, 1))
    add_rating(rated, 2022, "HTNV")
    make_plan([{"label": "Tốt", "indicator": "DG_TOT"}])
    assert counts_on(D)["Tốt"] == (0, 1)


def test_a_unit_ceased_before_the_date_is_not_counted(tree):
    merged = tree["LC.A.X2"]
    merged.ceased_on = D
    merged.save()
    founded_later = Organization.objects.create(code="LC.A.X3", name="Xã mới", kind="XA", parent=tree["LC.A"],
                                                founded_on=D + DAY)
    woman = make_official(gender="NU")
    add_position(woman, tree["LC.A.X1"], "CT_UBND_XA", dt.date(2015, 1, 1))
    young = make_official(birth_date=dt.date(1995, 1, 1))
    add_position(young, founded_later, "BT_DOAN_XA", D + DAY)
    make_plan([
        {"label": "Xã có nữ", "indicator": "DV_CO_NU"},
        {"label": "Xã có trẻ", "indicator": "DV_CO_TRE", "params": {"age_under": 30}},
    ])
    assert counts_on(D - DAY)["Xã có nữ"] == (1, 2)  # X1 and X2
    assert counts_on(D)["Xã có nữ"] == (1, 1)  # X2 ceased on D
    assert counts_on(D + DAY)["Xã có trẻ"] == (1, 2)  # X1 and X3


def test_unit_indicators_count_units_with_a_qualifying_person_of_the_population(tree):
    cell = Organization.objects.create(code="LC.A.X1.CB", name="Chi bộ", kind="CHI_BO", parent=tree["LC.A.X1"])
    woman_outside_population = make_official(gender="NU")
    add_position(woman_outside_population, tree["LC.A.X2"], "CC_VPTK", dt.date(2015, 1, 1))
    woman_below_unit = make_official(gender="NU", birth_date=dt.date(1970, 1, 1))
    add_position(woman_below_unit, cell, "CT_HLHPN_XA", dt.date(2015, 1, 1))
    young_man = make_official(birth_date=dt.date(1995, 1, 1))
    add_position(young_man, tree["LC.A.X2"], "BT_DOAN_XA", dt.date(2015, 1, 1))
    make_plan([
        {"label": "Xã có nữ", "indicator": "DV_CO_NU"},
        {"label": "Xã có trẻ", "indicator": "DV_CO_TRE"},
    ])
    counts = counts_on(D)
    assert counts["Xã có nữ"] == (1, 2)  # X1 through its cell; X2's woman is a civil servant
    assert counts["Xã có trẻ"] == (1, 2)  # X2


def test_persons_outside_the_scope_are_not_counted(tree):
    inside = make_official()
    add_position(inside, tree["LC.A.X1"], "BT_DU", dt.date(2015, 1, 1))
    outside = make_official(gender="NU")
    add_position(outside, tree["LC.B.X1"], "BT_DU", dt.date(2015, 1, 1))
    moved_out = make_official(gender="NU")
    add_position(moved_out, tree["LC.A.X2"], "BT_DU", dt.date(2015, 1, 1), dt.date(2020, 12, 31))
    add_position(moved_out, tree["LC.B.X2"], "BT_DU", dt.date(2021, 1, 1))
    make_plan([{"label": "Nữ", "indicator": "NU"}, {"label": "Xã có nữ", "indicator": "DV_CO_NU"}])
    assert counts_on(D, org="LC.A")["Nữ"] == (0, 1)
    assert counts_on(D, org="LC.A")["Xã có nữ"] == (0, 2)
    assert counts_on(D, org="LC.B")["Nữ"] == (2, 2)
    assert counts_on(D, org="LC")["Nữ"] == (2, 3)
    assert counts_on(D, org="LC")["Xã có nữ"] == (2, 4)
    assert counts_on(D, org="LC.A.X1")["Tổng số"] == (1, 1)


def test_positions_outside_the_population_do_not_count(tree):
    civil_servant = make_official()
    add_position(civil_servant, tree["LC.A.X1"], "CC_TCKT", dt.date(2015, 1, 1))
    cadre = make_official()
    add_position(cadre, tree["LC.A.X1"], "CT_UBND_XA", dt.date(2015, 1, 1))
    make_plan([])
    assert counts_on(D)["Tổng số"] == (1, 1)


def test_a_zero_denominator_gives_no_value(tree):
    make_plan([
        {"label": "Nữ", "indicator": "NU", "targets": [{"year": 2025, "value": 20}]},
        {"label": "Tốt", "indicator": "DG_TOT", "targets": [{"year": 2025, "min": 90}]},
        {"label": "Xã có nữ", "indicator": "DV_CO_NU"},
    ], population="LANH_DAO_PHONG")
    report = build_json("LC.A", D)
    assert report["tables"][0]["rows"] == [
        {"label": "Tổng số", "indicator": "TONG_SO",
         "baseline": {"count": 0, "total": 0, "percent": None}, "current": {"count": 0, "total": 0, "percent": None},
         "target": None, "vs_target": None, "vs_baseline": None, "status": None},
        {"label": "Nữ", "indicator": "NU",
         "baseline": {"count": 0, "total": 0, "percent": None}, "current": {"count": 0, "total": 0, "percent": None},
         "target": {"value": "20.00"}, "vs_target": [None], "vs_baseline": None, "status": None},
        {"label": "Tốt", "indicator": "DG_TOT",
         "baseline": {"count": 0, "total": 0, "percent": None}, "current": {"count": 0, "total": 0, "percent": None},
         "target": {"min": "90.00"}, "vs_target": [None], "vs_baseline": None, "status": None},
        # The district has one agency (CO_QUAN) and nobody in it.
        {"label": "Xã có nữ", "indicator": "DV_CO_NU",
         "baseline": {"count": 0, "total": 1, "percent": "0.00"}, "current": {"count": 0, "total": 1, "percent": "0.00"},
         "target": None, "vs_target": None, "vs_baseline": None, "status": None},
    ]


def test_a_position_ending_on_31_december_counts_for_that_years_rating(tree):
    until_year_end, until_the_day_before = make_official(), make_official()
    add_position(until_year_end, tree["LC.A.X1"], "BT_DU", dt.date(2015, 1, 1), dt.date(2022, 12, 31))
    add_position(until_the_day_before, tree["LC.A.X2"], "BT_DU", dt.date(2015, 1, 1), dt.date(2022, 12, 30))
    starts_on_year_end = make_official()
    add_position(starts_on_year_end, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2022, 12, 31), dt.date(2022, 12, 31))
    for person in (until_year_end, until_the_day_before, starts_on_year_end):
        add_rating(person, 2022, "HTTNV")
    make_plan([{"label": "Tốt", "indicator": "DG_TOT"}])
    assert counts_on(D, rating_years=(2022,))["Tốt"] == (2, 2)
