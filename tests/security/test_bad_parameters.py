"""Whatever an attacker puts in a parameter, the answer is a page or a 400/404 with a Vietnamese message,
never a 500 with a traceback."""
import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.vietnamese import DATE_RANGE_MESSAGE
from planning.services import plan_import
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db

NASTY = [
    "01/01/0001", "0001-01-01", "31/12/9999", "9999-12-31", "99999999999999999999", str(10**30), "-1",
    "-2023-01-01", "١٢/٠٦/٢٠٢٣", "２０２３", "²", "2023\x00", "\x00", "x" * 5000, "1-99999", "2020-99999",
    "1e400", "NaN", "Infinity", "31/02/2023", "", "%00", "' OR 1=1 --",
]
OUT_OF_RANGE_DATES = ["01/01/0001", "0001-01-01", "31/12/9999", "9999-12-31", "31/12/1899", "2101-01-01"]

REPORT_QUERY = {"org": "LC.A", "plan": "01-ĐA/HU", "as_of": "30/06/2023", "baseline": "31/12/2020",
                "rating_years": "2022", "baseline_rating_years": "2020", "target_year": "2025"}
REPORT_PARAMS = [*REPORT_QUERY]


@pytest.fixture
def tree():
    orgs = make_district_tree("LC")
    official = make_official(gender="NU")
    add_position(official, orgs["LC.A.X1"], "BT_DU", dt.date(2019, 1, 1))
    add_qualification(official, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
    add_rating(official, 2022, "HTTNV")
    plan_import(data={
        "code": "01-ĐA/HU", "title": "Đề án thử", "organization": "LC.A", "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP", "population": "CB_XA", "rows": [
            {"label": "Đại học", "indicator": "CM_DAI_HOC", "targets": [{"year": 2025, "value": 50}]},
        ]}],
    })
    return orgs


@pytest.fixture
def staff(tree):
    return make_user("staff-a", tree["LC.A"])


@pytest.fixture
def web(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def api(staff):
    client = APIClient()
    client.force_authenticate(staff)
    return client


def _never_500(client, url, base: dict, param: str):
    for value in NASTY:
        response = client.get(url, {**base, param: value})
        assert response.status_code in (200, 400, 404), (url, param, value, response.status_code)
        if response.status_code == 500:  # pragma: no cover - the assertion above reports it
            raise AssertionError


@pytest.mark.parametrize("name", ["reports:report", "reports:comparison", "api:report", "api:comparison"])
@pytest.mark.parametrize("param", REPORT_PARAMS)
def test_report_parameters_never_500(web, api, name, param):
    client = api if name.startswith("api:") else web
    _never_500(client, reverse(name), REPORT_QUERY, param)


@pytest.mark.parametrize("param", ["as_of", "baseline", "target_year", "rating_years", "table", "row", "part"])
def test_counted_list_and_downloads_never_500(web, param):
    from planning.models import PlanRow

    row = PlanRow.objects.get()
    base = {**REPORT_QUERY, "table": row.table_id, "row": row.pk, "column": "current", "part": "numerator"}
    _never_500(web, reverse("reports:counted"), base, param)
    if param in REPORT_QUERY:
        _never_500(web, reverse("reports:download", args=["json"]), REPORT_QUERY, param)
        _never_500(web, reverse("reports:comparison_download"), REPORT_QUERY, param)


@pytest.mark.parametrize("name", ["reports:report", "api:report"])
@pytest.mark.parametrize("param", ["as_of", "baseline"])
@pytest.mark.parametrize("value", OUT_OF_RANGE_DATES)
def test_a_date_out_of_range_is_explained(web, api, name, param, value):
    client = api if name.startswith("api:") else web
    response = client.get(reverse(name), {**REPORT_QUERY, param: value})
    if name.startswith("api:"):
        assert response.status_code == 400
        assert DATE_RANGE_MESSAGE in response.json()["errors"][param]
    else:
        assert response.status_code == 200
        assert response.context["form"].errors[param] == [DATE_RANGE_MESSAGE]
        assert response.context["report"] is None
        assert DATE_RANGE_MESSAGE in response.content.decode()


@pytest.mark.parametrize("name", ["reports:report", "api:report"])
@pytest.mark.parametrize("value", ["99999999999999999999", "1-99999", "2020-99999", "0001-0002"])
def test_huge_years_are_refused_with_a_message(web, api, name, value):
    client = api if name.startswith("api:") else web
    for param in ("rating_years", "target_year"):
        response = client.get(reverse(name), {**REPORT_QUERY, param: value})
        assert response.status_code in (200, 400)
        errors = response.json()["errors"] if name.startswith("api:") else response.context["form"].errors
        assert param in errors and all(message.strip() for message in errors[param])


@pytest.mark.parametrize("param", ["to_chuc", "ngay", "ke_hoach", "nam_muc_tieu", "doi_tuong"])
def test_dashboard_never_500(web, param):
    _never_500(web, reverse("dashboard"), {}, param)


@pytest.mark.parametrize("value", OUT_OF_RANGE_DATES)
def test_dashboard_date_out_of_range_is_explained(web, value):
    response = web.get(reverse("dashboard"), {"ngay": value})
    assert response.status_code == 200
    assert DATE_RANGE_MESSAGE in response.content.decode()


OFFICIAL_PARAMS = ["q", "ngay", "to_chuc", "doi_tuong", "chuc_vu", "gioi_tinh", "dan_toc", "do_tuoi", "trinh_do",
                   "dang_vien", "nam_danh_gia", "xep_loai", "trang", "so_dong"]


@pytest.mark.parametrize("param", OFFICIAL_PARAMS)
def test_officials_list_never_500(web, param):
    base = {"xep_loai": "HTTNV"} if param == "nam_danh_gia" else {}
    _never_500(web, reverse("cadre:official_list"), base, param)


@pytest.mark.parametrize("param", ["ngay", "nam_danh_gia", "trang"])
def test_officials_exports_never_500(web, param):
    _never_500(web, reverse("cadre:official_list_xlsx"), {"xep_loai": "HTTNV"}, param)


@pytest.mark.parametrize("value", OUT_OF_RANGE_DATES)
def test_officials_list_date_out_of_range_is_explained(web, value):
    response = web.get(reverse("cadre:official_list"), {"ngay": value})
    assert response.status_code == 200
    assert DATE_RANGE_MESSAGE in response.content.decode()


def test_officials_rating_year_out_of_range_is_explained(web):
    response = web.get(reverse("cadre:official_list"), {"nam_danh_gia": "99999999999999999999", "xep_loai": "HTTNV"})
    assert response.status_code == 200
    assert "Năm đánh giá phải trong khoảng 1900 – 2100." in response.content.decode()


@pytest.mark.parametrize("param", ["goc"])
def test_organization_tree_never_500(web, param):
    _never_500(web, reverse("cadre:organization_tree"), {}, param)


def test_other_pages_never_500(web, api):
    _never_500(web, reverse("documents:submissions"), {}, "trang_thai")
    _never_500(api, reverse("api:organizations"), {}, "kind")
    _never_500(api, reverse("api:plans"), {}, "x")
    for path in ("/van-ban/99999999999999999999999/", "/can-bo/99999999999999999999999/",
                 "/to-chuc/99999999999999999999999/chi-bo/", "/van-ban/da-gui/99999999999999999999999/",
                 "/van-ban/mau/99999999999999999999999/"):
        assert web.get(path).status_code == 404, path


@pytest.mark.parametrize("value", [*OUT_OF_RANGE_DATES, "99999999999999999999", "2023\x00", "x" * 5000])
@pytest.mark.parametrize("field", ["as_of", "baseline_as_of", "events_from", "issued_on"])
def test_document_composer_refuses_bad_dates(web, tree, field, value):
    from documents.models import ReportDocument
    from planning.models import Plan

    data = {
        "kind": "SO_KET", "organization": tree["LC.A"].pk, "plan": Plan.objects.get().pk,
        "as_of": "15/05/2023", "baseline_as_of": "31/12/2020", "number": "408-BC/HU", "issued_on": "20/05/2023",
        "place": "Bắc Hà", "subject": "Sơ kết", "signer_authority": "T/M", "signer_title": "BÍ THƯ",
        "signer_name": "A", "recipients": "- Lưu", field: value,
    }
    response = web.post(reverse("documents:create"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert ReportDocument.objects.count() == 0
    if value in OUT_OF_RANGE_DATES:
        assert response.context["form"].errors[field] == [DATE_RANGE_MESSAGE]


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "1", "9999"])
def test_document_composer_refuses_bad_target_year(web, tree, value):
    from documents.models import ReportDocument
    from planning.models import Plan

    data = {
        "kind": "SO_KET", "organization": tree["LC.A"].pk, "plan": Plan.objects.get().pk,
        "as_of": "15/05/2023", "baseline_as_of": "31/12/2020", "number": "408-BC/HU", "issued_on": "20/05/2023",
        "place": "Bắc Hà", "subject": "Sơ kết", "signer_authority": "T/M", "signer_title": "BÍ THƯ",
        "signer_name": "A", "recipients": "- Lưu", "target_year": value,
    }
    response = web.post(reverse("documents:create"), data)
    assert response.status_code == 400
    assert "target_year" in response.context["form"].errors
    assert ReportDocument.objects.count() == 0
