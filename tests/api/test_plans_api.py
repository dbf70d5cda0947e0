"""/api/v1/plans/: the plans of the lineage, read as plan files, created and replaced under the admin's rules."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.models import ChangeRecord
from documents.models import ReportDocument
from planning.models import Plan, PlanRow, Target
from tests.api.work_world import (  # noqa: F401 (fixtures)
    INVALID, NOT_AUTHENTICATED, NOT_FOUND, READ_ONLY, client_of, plan_file, plans, tree, users,
)

pytestmark = pytest.mark.django_db
PLANS = reverse("api:v1:plans")


def plan_url(plan) -> str:
    return reverse("api:v1:plan", args=[plan.pk])


def as_read(plan: Plan, data: dict) -> dict:
    """A plan file as the API gives it back: with id and version, every target's four keys, every row's parent."""
    tables = []
    for table in data["tables"]:
        rows = [{
            "label": row["label"], "indicator": row["indicator"], "params": row.get("params", {}),
            "parent": row.get("parent"),
            "targets": [{"year": t["year"], "value": t.get("value"), "min": t.get("min"), "max": t.get("max")}
                        for t in row.get("targets", [])],
        } for row in table["rows"]]
        tables.append({**{key: table[key] for key in ("number", "title", "population")}, "rows": rows})
    return {"id": plan.pk, "version": plan.version, **{k: data[k] for k in ("code", "title", "organization", "issued_on")},
            "tables": tables}


def test_the_list_holds_the_plans_of_the_lineage_with_tables_and_target_years(users, plans):
    body = client_of(users["staff_a"]).get(PLANS).json()
    summary = lambda code, organization: {  # noqa: E731
        "id": plans[code].pk, "version": 1, "code": code, "title": "Đề án xây dựng đội ngũ cán bộ cấp xã",
        "organization": organization, "issued_on": "2021-01-15", "target_years": [2025, 2030],
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA"}],
    }
    # District B's plan is outside district A's lineage; the province's applies to it.
    assert body == {"count": 2, "next": None, "previous": None,
                    "results": [summary("01-ĐA/HU", "LC.A"), summary("15-NQ/TU", "LC")]}
    narrowed = client_of(users["staff_a"]).get(PLANS, {"organization": "lc"}).json()
    assert [plan["code"] for plan in narrowed["results"]] == ["15-NQ/TU"]
    assert [p["code"] for p in client_of(users["reviewer"]).get(PLANS, {"q": "02-"}).json()["results"]] == ["02-ĐA/HU"]


def test_the_list_asks_the_same_queries_whatever_the_page_size(users, plans):
    client = client_of(users["admin"])
    counts = []
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PLANS, {"page_size": size}).status_code == 200
        counts.append(len(queries))
    # count, the plans with their organization, their tables, their target years
    assert counts == [4, 4]


def test_a_plan_reads_as_the_plan_file_it_came_from(users, plans):
    plan = plans["15-NQ/TU"]
    response = client_of(users["staff_a"]).get(plan_url(plan))
    assert response.status_code == 200
    assert response.json() == as_read(plan, plan_file("15-NQ/TU", "LC"))


def test_a_plan_outside_the_lineage_is_not_found_and_anonymous_callers_are_asked_to_sign_in(users, plans):
    response = client_of(users["staff_a"]).get(plan_url(plans["02-ĐA/HU"]))
    assert response.status_code == 404 and response.json() == {"detail": NOT_FOUND, "errors": {}}
    anonymous = client_of(None).get(plan_url(plans["01-ĐA/HU"]))
    assert anonymous.status_code == 401 and anonymous.json() == {"detail": NOT_AUTHENTICATED, "errors": {}}
    assert client_of(None).post(PLANS, plan_file("03-ĐA/HU", "LC.A"), format="json").status_code == 401


def test_an_editor_creates_a_plan_from_a_plan_file(users, plans):
    data = plan_file("03-ĐA/HU", "LC.A.X1")
    response = client_of(users["staff_a"]).post(PLANS, data, format="json")
    assert response.status_code == 201
    plan = Plan.objects.get(code="03-ĐA/HU")
    assert response.json() == as_read(plan, data)
    assert PlanRow.objects.filter(table__plan=plan).count() == 2 and Target.objects.filter(row__table__plan=plan).count() == 3
    entry = ChangeRecord.objects.get(entity="KeHoach", key="03-ĐA/HU")
    assert (entry.action, entry.user, entry.source) == ("create", users["staff_a"], "api")


def test_an_empty_body_is_refused_with_every_problem_in_vietnamese(users):
    response = client_of(users["staff_a"]).post(PLANS, {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": INVALID, "errors": {"non_field_errors": [
        "Kế hoạch: thiếu số hiệu (“code”).",
        "Kế hoạch: thiếu trích yếu (“title”).",
        "Kế hoạch: thiếu mã tổ chức ban hành (“organization”).",
        "Kế hoạch: thiếu ngày ban hành (“issued_on”, dạng YYYY-MM-DD).",
        "Kế hoạch: phải có ít nhất một biểu (“tables”).",
    ]}}
    assert not Plan.objects.exists()


def test_a_taken_code_or_an_issuer_outside_the_scope_is_refused_and_nothing_is_written(users, plans):
    client = client_of(users["staff_a"])
    taken = client.post(PLANS, plan_file("02-ĐA/hu", "LC.A"), format="json")
    assert taken.status_code == 400
    assert taken.json() == {"detail": INVALID, "errors": {"code": [
        "Đã có kế hoạch số hiệu “02-ĐA/hu”; hãy dùng số hiệu khác, hoặc sửa kế hoạch đó (PUT)."]}}
    outside = client.post(PLANS, plan_file("04-ĐA/HU", "LC.B"), format="json")
    assert outside.status_code == 400
    assert outside.json() == {"detail": INVALID, "errors": {"organization": [
        "Tổ chức ban hành “LC.B” không có trong phạm vi của bạn; chỉ ghi được kế hoạch do tổ chức trong phạm vi "
        "ban hành."]}}
    assert Plan.objects.get(code="02-ĐA/HU").organization.code == "LC.B"
    assert not Plan.objects.filter(code="04-ĐA/HU").exists()


def test_reviewers_write_nothing(users, plans):
    client = client_of(users["reviewer"])
    for response in (client.post(PLANS, plan_file("05-ĐA/HU", "LC"), format="json"),
                     client.put(plan_url(plans["15-NQ/TU"]), plan_file("15-NQ/TU", "LC"), format="json")):
        assert response.status_code == 403 and response.json() == {"detail": READ_ONLY, "errors": {}}
    assert not Plan.objects.filter(code="05-ĐA/HU").exists()


def test_a_put_replaces_the_contents_and_keeps_the_plan(users, plans):
    plan = plans["01-ĐA/HU"]
    data = plan_file("01-ĐA/HU", "LC.A.X2", title="Đề án đã sửa", version=1)
    data["tables"][0]["rows"] = [{"label": "Nữ", "indicator": "NU", "targets": [{"year": 2026, "max": 40}]}]
    response = client_of(users["staff_a"]).put(plan_url(plan), data, format="json")
    assert response.status_code == 200
    plan.refresh_from_db()
    del data["version"]
    assert (plan.version, plan.title, plan.organization.code) == (2, "Đề án đã sửa", "LC.A.X2")
    assert response.json() == as_read(plan, data)
    assert list(Target.objects.filter(row__table__plan=plan).values_list("year", "max_value")) == [(2026, 40)]
    entry = ChangeRecord.objects.filter(entity="KeHoach", key="01-ĐA/HU").latest("pk")
    assert (entry.action, entry.before["title"], entry.after["title"]) == ("update", plan_file("x", "y")["title"],
                                                                           "Đề án đã sửa")


def test_a_put_over_a_newer_version_is_refused_with_who_changed_what(users, plans):
    plan = plans["01-ĐA/HU"]
    client = client_of(users["staff_a"])
    assert client.put(plan_url(plan), plan_file("01-ĐA/HU", "LC.A", title="Lần một", version=1),
                      format="json").status_code == 200
    stale = client.put(plan_url(plan), plan_file("01-ĐA/HU", "LC.A", title="Lần hai", version=1), format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["current_version"] == 2 and body["errors"] == {}
    assert body["detail"].startswith("Kế hoạch đã được staff_a sửa lúc ")
    assert "Trích yếu Đề án xây dựng đội ngũ cán bộ cấp xã → Lần một" in body["detail"]
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("Lần một", 2)
    bad = client.put(plan_url(plan), plan_file("01-ĐA/HU", "LC.A", version="hai"), format="json")
    assert bad.status_code == 400 and bad.json() == {"detail": INVALID, "errors": {"version": [
        "Phiên bản (“version”) phải là một số nguyên dương: số “version” đọc được khi GET."]}}


def test_a_put_is_refused_outside_the_scope_above_it_for_another_code_and_for_a_plan_in_use(users, plans, tree):
    client = client_of(users["staff_a"])
    outside = client.put(plan_url(plans["02-ĐA/HU"]), plan_file("02-ĐA/HU", "LC.B"), format="json")
    assert outside.status_code == 404 and outside.json() == {"detail": NOT_FOUND, "errors": {}}
    above = client.put(plan_url(plans["15-NQ/TU"]), plan_file("15-NQ/TU", "LC"), format="json")
    assert above.status_code == 403 and above.json() == {"detail": (
        "Kế hoạch do tổ chức ngoài phạm vi của bạn (cấp trên) ban hành; bạn chỉ được xem."), "errors": {}}
    renamed = client.put(plan_url(plans["01-ĐA/HU"]), plan_file("09-ĐA/HU", "LC.A"), format="json")
    assert renamed.status_code == 400 and renamed.json()["errors"] == {"code": [
        "Số hiệu trong tệp (“09-ĐA/HU”) khác số hiệu của kế hoạch (“01-ĐA/HU”); để dùng số hiệu mới, hãy tạo kế "
        "hoạch mới."]}
    ReportDocument.objects.create(organization=tree["LC.A"], plan=plans["01-ĐA/HU"], as_of=dt.date(2023, 5, 15))
    in_use = client.put(plan_url(plans["01-ĐA/HU"]), plan_file("01-ĐA/HU", "LC.A"), format="json")
    assert in_use.status_code == 409
    assert in_use.json() == {"detail": (
        "Kế hoạch 01-ĐA/HU đang được dùng trong 1 văn bản báo cáo; không thể thay thế. Hãy nhập với số hiệu mới, "
        "hoặc bỏ kế hoạch khỏi các văn bản đó trước; chưa có gì được ghi."), "errors": {}, "current_version": 1}
    assert Plan.objects.get(code="01-ĐA/HU").version == 1
