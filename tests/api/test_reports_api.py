"""The read API: the report JSON of the data contract, plans and organizations, scoped and checked."""
import base64
import json

import pytest
from django.urls import reverse
from rest_framework.exceptions import NotAuthenticated
from rest_framework.test import APIClient

from accounts.models import Role
from api.errors import INVALID, MESSAGES
from cadre.models import Organization
from tests.factories import make_organization, make_user
from tests.reports.test_sample_tan_hong import SAMPLE, sample  # noqa: F401 (fixture)

NOT_AUTHENTICATED = MESSAGES[NotAuthenticated]
pytestmark = pytest.mark.django_db

REPORT = reverse("api:report")


def years(values):
    return f"{values[0]}-{values[-1]}" if len(values) > 1 else str(values[0])


def query(request: dict) -> dict:
    return {
        "org": request["org"], "plan": request["plan"], "as_of": request["as_of"],
        "rating_years": years(request["rating_years"]), "baseline": request["baseline"],
        "baseline_rating_years": years(request["baseline_rating_years"]), "target_year": request["target_year"],
    }


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_returns_exactly_the_expected_report_json(sample):  # noqa: F811
    user = make_user("staff", Organization.objects.get(code=sample["org"]))
    response = client_of(user).get(REPORT, query(sample))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))


def test_the_api_takes_http_basic_authentication_and_asks_anonymous_requests_for_it(sample):  # noqa: F811
    make_user("staff", Organization.objects.get(code=sample["org"]))
    anonymous = APIClient().get(REPORT, query(sample))
    # Tokens are the first way offered (api/authentication.py); HTTP Basic still works, as below.
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == 'Bearer realm="api"'
    assert anonymous.json() == {"detail": NOT_AUTHENTICATED, "errors": {}}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"staff:pw-test-123").decode())
    assert client.get(REPORT, query(sample)).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"staff:wrong").decode())
    wrong = client.get(REPORT, query(sample))
    assert wrong.status_code == 401
    assert wrong.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.", "errors": {}}
    assert client.post(REPORT, query(sample)).status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"staff:pw-test-123").decode())
    post = client.post(REPORT, query(sample))
    assert post.status_code == 405
    assert post.json() == {"detail": "Phương thức HTTP này không dùng được ở địa chỉ này.", "errors": {}}


def test_bad_parameters_are_listed_by_field_in_vietnamese(sample):  # noqa: F811
    user = make_user("staff", Organization.objects.get(code=sample["org"]))
    response = client_of(user).get(REPORT, {
        "org": sample["org"], "plan": "99-NQ/HU", "as_of": "30/13/2023", "rating_years": "2022-2021",
    })
    assert response.status_code == 400
    assert response.json() == {"detail": INVALID, "errors": {
        "plan": ["Không có nghị quyết, đề án này."],
        "as_of": ["Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2020."],
        "rating_years": ["Khoảng năm đánh giá “2022-2021” có năm đầu sau năm cuối."],
        "baseline": ["Hãy nhập ngày."],
    }}
    response = client_of(user).get(REPORT, {**query(sample), "baseline": "2024-01-01"})
    assert response.status_code == 400
    assert response.json() == {"detail": INVALID, "errors": {"baseline": [
        "Ngày của cột năm gốc (01/01/2024) phải không sau ngày báo cáo (30/6/2023)."
    ]}}


def test_an_organization_outside_the_scope_is_refused(sample):  # noqa: F811
    other = make_organization("DT.XX", "HUYEN", Organization.objects.get(code="DT"), name="Huyện ủy khác")
    user = make_user("other", other)
    response = client_of(user).get(REPORT, query(sample))
    assert response.status_code == 400
    # The plan was issued by the other district, so it is outside this user's plans as well.
    assert response.json() == {"detail": INVALID, "errors": {"org": ["Tổ chức không có trong phạm vi của bạn."],
                                                              "plan": ["Không có nghị quyết, đề án này."]}}


def test_plans_come_with_their_tables_and_target_years(sample, django_assert_num_queries):  # noqa: F811
    user = make_user("staff", Organization.objects.get(code=sample["org"]))
    client = client_of(user)
    # 1 plans with their organization, 2 their tables with the population, 3 the target years
    with django_assert_num_queries(3):
        body = client.get(reverse("api:plans")).json()
    plan = json.loads((SAMPLE / "plan.json").read_text(encoding="utf-8"))
    assert body == [{
        "code": plan["code"], "title": plan["title"], "organization": plan["organization"],
        "issued_on": plan["issued_on"], "target_years": [2025],
        "tables": [{"number": t["number"], "title": t["title"], "population": t["population"]} for t in plan["tables"]],
    }]


def test_organizations_are_those_of_the_scope_and_can_be_narrowed_by_kind(sample):  # noqa: F811
    district = Organization.objects.get(code=sample["org"])
    make_organization("DT.XX", "HUYEN", Organization.objects.get(code="DT"), name="Huyện ủy khác")
    client = client_of(make_user("staff", district))
    codes = [row["code"] for row in client.get(reverse("api:organizations")).json()]
    assert codes[0] == sample["org"] and "DT.XX" not in codes and "DT" not in codes
    assert codes == list(Organization.objects.within(district).order_by("path").values_list("code", flat=True))
    communes = client.get(reverse("api:organizations"), {"kind": "XA"}).json()
    assert communes and {row["kind"] for row in communes} == {"XA"} and {row["parent"] for row in communes} == {sample["org"]}
    province = client_of(make_user("reviewer", Organization.objects.get(code="DT"), role=Role.PROVINCIAL_REVIEWER))
    assert sorted(r["code"] for r in province.get(reverse("api:organizations"), {"kind": "HUYEN"}).json()) == [
        "DT.TH", "DT.XX"]
    wrong = client.get(reverse("api:organizations"), {"kind": "THON"})
    assert wrong.status_code == 400 and "Loại tổ chức “THON” không có" in wrong.json()["errors"]["kind"][0]
