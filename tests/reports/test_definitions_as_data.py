"""Populations and indicators are data: an admin adds one and reports use it with no code change."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cadre.models import Population, PositionTitle, QualificationLevel, QualificationType
from planning.models import Indicator, IndicatorCondition, IndicatorKind
from tests.factories import add_position, add_qualification, make_district_tree, make_official, make_user
from tests.reports.plans import build_json, current, make_plan

pytestmark = pytest.mark.django_db

D = dt.date(2023, 5, 15)


@pytest.fixture
def tree():
    return make_district_tree("LC")


def test_a_population_defined_in_the_admin_is_counted_like_the_seeded_ones(tree, admin_client):
    response = admin_client.post("/admin/cadre/population/add/", {
        "code": "DANG_UY_XA", "name": "Đảng ủy viên xã", "unit_kind": "XA", "sort_order": 50,
        "titles": [PositionTitle.objects.get(code="UV_BCH_XA").pk, PositionTitle.objects.get(code="UV_BTV_XA").pk],
    })
    assert response.status_code == 302
    member, standing, outsider = make_official(gender="NU"), make_official(), make_official()
    add_position(member, tree["LC.A.X1"], "UV_BCH_XA", dt.date(2020, 1, 1))
    add_position(standing, tree["LC.A.X2"], "UV_BCH_XA", dt.date(2020, 1, 1))
    add_position(standing, tree["LC.A.X2"], "UV_BTV_XA", dt.date(2020, 1, 1))
    add_position(outsider, tree["LC.A.X2"], "BT_DU", dt.date(2020, 1, 1))
    make_plan([{"label": "Nữ", "indicator": "NU"}, {"label": "Xã có nữ", "indicator": "DV_CO_NU"}],
              population="DANG_UY_XA")
    counts = current(build_json("LC.A", D))
    assert counts == {"Tổng số": (2, 2), "Nữ": (1, 2), "Xã có nữ": (1, 2)}


def test_an_indicator_defined_in_the_admin_is_computed_from_its_definition(tree, admin_client):
    chuyen_mon = QualificationType.objects.get(code="CHUYEN_MON")
    response = admin_client.post("/admin/planning/indicator/add/", {
        "code": "CM_CAO_DANG", "name": "Cao đẳng trở lên", "kind": IndicatorKind.PERSON, "sort_order": 30,
        "condition": IndicatorCondition.QUALIFICATION_AT_LEAST, "qualification_type": chuyen_mon.pk,
        "min_level": QualificationLevel.objects.get(qualification_type=chuyen_mon, code="CAO_DANG").pk,
        "ratings": "",
    })
    assert response.status_code == 302
    cao_dang, trung_cap = make_official(), make_official()
    for person in (cao_dang, trung_cap):
        add_position(person, tree["LC.A.X1"], "PBT_DU", dt.date(2020, 1, 1))
    add_qualification(cao_dang, "CHUYEN_MON", "CAO_DANG", dt.date(2015, 1, 1))
    add_qualification(trung_cap, "CHUYEN_MON", "TRUNG_CAP", dt.date(2015, 1, 1))
    make_plan([{"label": "Cao đẳng", "indicator": "CM_CAO_DANG"}])
    assert current(build_json("LC.A", D))["Cao đẳng"] == (1, 2)


def test_the_admin_refuses_a_level_of_another_qualification_type_and_unknown_ratings(admin_client):
    response = admin_client.post("/admin/planning/indicator/add/", {
        "code": "SAI", "name": "Sai", "kind": IndicatorKind.PERSON, "sort_order": 1,
        "condition": IndicatorCondition.QUALIFICATION_AT_LEAST,
        "qualification_type": QualificationType.objects.get(code="LY_LUAN").pk,
        "min_level": QualificationLevel.objects.get(qualification_type__code="QLNN", code="CHUYEN_VIEN").pk,
        "ratings": "TOT",
    })
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "min_level": ["Trình độ tối thiểu phải thuộc loại trình độ đã chọn."],
        "ratings": ["Mã xếp loại không hợp lệ: TOT."],
    }
    assert not Indicator.objects.filter(code="SAI").exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": IndicatorKind.RATING, "condition": IndicatorCondition.FEMALE},  # a rating indicator tests ratings
        {"kind": IndicatorKind.PERSON, "condition": IndicatorCondition.RATING_IN, "ratings": "HTNV"},
        {"kind": IndicatorKind.RATING, "condition": IndicatorCondition.RATING_IN, "ratings": ""},
        {"kind": IndicatorKind.PERSON, "condition": IndicatorCondition.QUALIFICATION_AT_LEAST},  # no level
        {"kind": IndicatorKind.PERSON, "condition": IndicatorCondition.HAS_QUALIFICATION},  # no type
        {"kind": "KHAC", "condition": IndicatorCondition.FEMALE},
    ],
)
def test_the_database_refuses_an_indicator_whose_definition_is_incomplete(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(code="X", name="X", **fields)


def test_plan_and_indicator_admin_pages_are_in_vietnamese(tree, client, tmp_path):
    make_plan([{"label": "Trẻ", "indicator": "TRE", "targets": [{"year": 2025, "min": 35, "max": 40}]}], organization="LC.A")
    client.force_login(make_user("admin", None, is_superuser=True, is_staff=True))
    index = client.get("/admin/").content.decode()
    for text in ("Kế hoạch, chỉ tiêu", "Nghị quyết, đề án, kế hoạch", "Biểu thống kê", "Dòng chỉ tiêu",
                 "Danh mục chỉ tiêu", "Đối tượng thống kê"):
        assert text in index
    from planning.models import Plan, PlanRow, PlanTable

    plan = Plan.objects.get()
    for url in (
        "/admin/planning/plan/", f"/admin/planning/plan/{plan.pk}/change/",
        f"/admin/planning/plantable/{PlanTable.objects.get().pk}/change/",
        f"/admin/planning/planrow/{PlanRow.objects.get().pk}/change/", "/admin/planning/planrow/",
        "/admin/planning/indicator/", "/admin/planning/indicator/add/",
    ):
        assert client.get(url).status_code == 200, url
    rows = client.get("/admin/planning/planrow/").content.decode()
    assert "2025: 35,00% - 40,00%" in rows


def test_a_district_user_sees_only_plans_issued_inside_their_district(tree, client):
    make_plan([], organization="LC.A", code="A-01")
    make_plan([], organization="LC.B", code="B-01")
    make_plan([], organization="LC", code="LC-01")
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    user = make_user("staff-a", tree["LC.A"], role=Role.ADMIN, is_staff=True)

    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="planning"))
    client.force_login(user)
    html = client.get("/admin/planning/plan/").content.decode()
    assert "A-01" in html and "B-01" not in html and "LC-01" not in html


def test_an_indicator_with_a_level_of_another_type_is_invalid_on_clean():
    indicator = Indicator(code="X", name="X", kind=IndicatorKind.PERSON,
                          condition=IndicatorCondition.QUALIFICATION_AT_LEAST,
                          qualification_type=QualificationType.objects.get(code="LY_LUAN"),
                          min_level=QualificationLevel.objects.get(qualification_type__code="QLNN", code="CHUYEN_VIEN"))
    with pytest.raises(ValidationError):
        indicator.full_clean()


def test_the_seeded_populations_are_those_of_the_domain():
    assert {p.code: sorted(t.code for t in p.titles.all()) for p in Population.objects.prefetch_related("titles")} == {
        "CB_XA": sorted(["BT_DU", "PBT_DU", "CT_HDND_XA", "PCT_HDND_XA", "CT_UBND_XA", "PCT_UBND_XA", "CT_MTTQ_XA",
                         "BT_DOAN_XA", "CT_HLHPN_XA", "CT_HND_XA", "CT_HCCB_XA"]),
        "CB_CHU_CHOT_XA": sorted(["BT_DU", "PBT_DU", "CT_HDND_XA", "CT_UBND_XA"]),
        "CC_XA": sorted(["CC_CHQS", "CC_VPTK", "CC_DC", "CC_TCKT", "CC_TPHT", "CC_VHXH"]),
        "BCH_HUYEN": ["UV_BCH_HU"],
        "BTV_HUYEN": ["UV_BTV_HU"],
        "CB_CHU_CHOT_HUYEN": sorted(["BT_HU", "PBT_HU", "CT_HDND_HUYEN", "PCT_HDND_HUYEN", "CT_UBND_HUYEN",
                                     "PCT_UBND_HUYEN"]),
        "LANH_DAO_PHONG": ["PHO_PHONG", "TRUONG_PHONG"],
    }
