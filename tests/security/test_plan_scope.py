"""Plans are scoped to the lineage of the user's organization: issued above it, by it or inside its subtree.

The attacker (staff of district A) tries district B's plan on every page and API that takes a plan.
"""
import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Role
from api.errors import INVALID
from documents.models import ReportDocument
from planning.models import Plan
from planning.services import plan_import
from tests.factories import add_position, add_qualification, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db

UNKNOWN_PLAN = "Không có nghị quyết, đề án này."


def _plan(code, organization):
    return plan_import(data={
        "code": code, "title": f"Đề án {code}", "organization": organization, "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA", "rows": [
            {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
             "targets": [{"year": 2025, "value": 50}]},
        ]}],
    }).plan


@pytest.fixture
def tree():
    orgs = make_district_tree("LC")
    for district in ("A", "B"):
        official = make_official(gender="NU")
        add_position(official, orgs[f"LC.{district}.X1"], "BT_DU", dt.date(2019, 1, 1))
        add_qualification(official, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
    _plan("15-NQ/TU", "LC")
    _plan("01-ĐA/HU", "LC.A")
    _plan("02-ĐA/HU", "LC.B")
    _plan("03-KH/ĐU", "LC.A.X1")
    return orgs


@pytest.fixture
def staff_a(tree):
    return make_user("staff-a", tree["LC.A"])


@pytest.fixture
def reviewer(tree):
    return make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _query(plan, org="LC.A"):
    return {"org": org, "plan": plan, "as_of": "2023-06-30", "baseline": "2020-12-31", "rating_years": "2022"}


def test_lineage_is_ancestors_own_and_descendants(tree, staff_a, reviewer):
    assert sorted(Plan.objects.visible_to(staff_a).values_list("code", flat=True)) == [
        "01-ĐA/HU", "03-KH/ĐU", "15-NQ/TU"]
    assert sorted(Plan.objects.visible_to(reviewer).values_list("code", flat=True)) == [
        "01-ĐA/HU", "02-ĐA/HU", "03-KH/ĐU", "15-NQ/TU"]
    commune = make_user("commune", tree["LC.B.X1"])
    assert sorted(Plan.objects.visible_to(commune).values_list("code", flat=True)) == ["02-ĐA/HU", "15-NQ/TU"]
    superuser = make_user("root", None, is_superuser=True)
    assert Plan.objects.visible_to(superuser).count() == 4
    nobody = make_user("nobody", None)
    assert Plan.objects.visible_to(nobody).count() == 0


def test_report_form_does_not_offer_another_districts_plan(client, staff_a):
    client.force_login(staff_a)
    response = client.get(reverse("reports:report"))
    codes = [plan.code for plan in response.context["form"].fields["plan"].queryset]
    assert sorted(codes) == ["01-ĐA/HU", "03-KH/ĐU", "15-NQ/TU"]
    assert "02-ĐA/HU" not in response.content.decode()


@pytest.mark.parametrize("name", ["reports:report", "reports:comparison"])
def test_report_pages_with_another_districts_plan_show_a_form_error_not_figures(client, staff_a, name):
    client.force_login(staff_a)
    response = client.get(reverse(name), _query("02-ĐA/HU"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"plan": [UNKNOWN_PLAN]}
    assert response.context.get("report") is None and response.context.get("comparison") is None
    assert "Đề án 02-ĐA/HU" not in response.content.decode()
    # the same answer as for a plan that does not exist: no existence oracle
    unknown = client.get(reverse(name), _query("99-XX/HU"))
    assert unknown.context["form"].errors == {"plan": [UNKNOWN_PLAN]}


@pytest.mark.parametrize("name", ["reports:comparison_download", "reports:counted"])
def test_downloads_and_lists_with_another_districts_plan_answer_404(client, staff_a, name):
    client.force_login(staff_a)
    assert client.get(reverse(name), {**_query("02-ĐA/HU"), "table": 1, "row": "1", "column": "x",
                                      "part": "current"}).status_code == 404
    assert client.get(reverse("reports:download", args=["xlsx"]), _query("02-ĐA/HU")).status_code == 404


def test_the_own_plan_still_works(client, staff_a):
    client.force_login(staff_a)
    response = client.get(reverse("reports:report"), _query("01-ĐA/HU"))
    assert response.status_code == 200 and response.context["form"].errors == {}
    assert response.context["report"].plan == "01-ĐA/HU"


@pytest.mark.parametrize("name", ["api:report", "api:comparison"])
def test_api_answers_another_districts_plan_like_an_unknown_one(staff_a, name):
    client = _api(staff_a)
    other = client.get(reverse(name), _query("02-ĐA/HU"))
    unknown = client.get(reverse(name), _query("99-XX/HU"))
    assert other.status_code == unknown.status_code == 400
    assert other.json() == unknown.json() == {"detail": INVALID, "errors": {"plan": [UNKNOWN_PLAN]}}


def test_api_plan_list_holds_only_the_lineage(staff_a, reviewer):
    codes = [plan["code"] for plan in _api(staff_a).get(reverse("api:plans")).json()]
    assert sorted(codes) == ["01-ĐA/HU", "03-KH/ĐU", "15-NQ/TU"]
    by_code = {plan["code"]: plan for plan in _api(reviewer).get(reverse("api:plans")).json()}
    assert sorted(by_code) == ["01-ĐA/HU", "02-ĐA/HU", "03-KH/ĐU", "15-NQ/TU"]
    assert by_code["02-ĐA/HU"]["target_years"] == [2025]


def test_reviewer_uses_a_districts_plan_on_the_api(reviewer):
    response = _api(reviewer).get(reverse("api:report"), _query("02-ĐA/HU", org="LC.B"))
    assert response.status_code == 200 and response.json()["plan"] == "02-ĐA/HU"


def test_document_composer_refuses_another_districts_plan(client, staff_a, tree):
    client.force_login(staff_a)
    page = client.get(reverse("documents:create"))
    assert sorted(plan.code for plan in page.context["form"].fields["plan"].queryset) == [
        "01-ĐA/HU", "03-KH/ĐU", "15-NQ/TU"]
    assert "02-ĐA/HU" not in page.content.decode()
    response = client.post(reverse("documents:create"), {
        "kind": "SO_KET", "organization": tree["LC.A"].pk, "plan": Plan.objects.get(code="02-ĐA/HU").pk,
        "as_of": "15/05/2023", "baseline_as_of": "31/12/2020", "number": "408-BC/HU", "issued_on": "20/05/2023",
        "place": "Bắc Hà", "subject": "Sơ kết", "signer_authority": "T/M", "signer_title": "BÍ THƯ",
        "signer_name": "A", "recipients": "- Lưu",
    })
    assert response.status_code == 400
    assert "plan" in response.context["form"].errors
    assert ReportDocument.objects.count() == 0


def test_dashboard_does_not_use_another_districts_plan(client, staff_a, tree):
    client.force_login(staff_a)
    other = Plan.objects.get(code="02-ĐA/HU")
    response = client.get(reverse("dashboard"), {"ke_hoach": other.pk})
    assert response.status_code == 200
    assert response.context["plan"].code != "02-ĐA/HU"
    assert [plan.code for plan in response.context["plans"]] == ["01-ĐA/HU", "15-NQ/TU"]
