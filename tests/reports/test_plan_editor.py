"""The plan editor (reports/plan_editor.py): who may open it, what saving writes, what an invalid plan says,
and the preview that counts a draft without keeping anything."""
import copy
import datetime as dt
import html
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from cadre.models import ChangeRecord
from documents.models import ReportDocument
from planning.models import Plan, PlanRow, PlanTable, Target
from planning.plan_writer import plan_as_file
from planning.services import plan_import, plan_replace
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from reports.services import report_build
from tests.factories import add_position, add_qualification, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db

AS_OF = "2025-08-01"

PLAN = {
    "code": "12-ĐA/HU", "title": "Đề án cán bộ nữ, trẻ", "organization": "LC.A", "issued_on": "2021-03-01",
    "tables": [{"number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "CB_XA", "rows": [
        {"label": "Cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "value": 50}]},
        {"label": "Trong đó Đại học trở lên", "indicator": "CM_DAI_HOC", "parent": 1},
        {"label": "Nữ có trình độ Đại học trở lên",
         "where": {"all": [{"gender": "NU"}, {"qual": {"type": "CHUYEN_MON", "gte": "DAI_HOC"}}]},
         "targets": [{"year": 2025, "min": 20, "max": 40}]},
        {"label": "Xã có cán bộ nữ", "unit": True, "where": {"gender": "NU"}},
    ]}],
}


@pytest.fixture
def world():
    tree = make_district_tree("LC")
    start = dt.date(2019, 1, 1)
    mai = make_official("P1", full_name="Lò Thị Mai", gender="NU", birth_date=dt.date(1980, 3, 1))
    add_position(mai, tree["LC.A.X1"], "BT_DU", start)
    add_qualification(mai, "CHUYEN_MON", "DAI_HOC", dt.date(2002, 6, 1))
    hung = make_official("P2", full_name="Nguyễn Văn Hùng", birth_date=dt.date(1995, 5, 16))
    add_position(hung, tree["LC.A.X2"], "CT_UBND_XA", start)
    lan = make_official("Q1", full_name="Hà Thị Lan", gender="NU", ethnicity="Thái")
    add_position(lan, tree["LC.B.X1"], "BT_DU", start)
    users = {
        "staff_a": make_user("staff_a", tree["LC.A"]),
        "staff_b": make_user("staff_b", tree["LC.B"]),
        "reviewer": make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER),
    }
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return {"tree": tree, "users": users, "clients": clients, "mai": mai, "hung": hung}


def make(data: dict, **changes) -> Plan:
    return plan_import(data={**copy.deepcopy(data), **changes}).plan


def contents(plan: Plan) -> dict:
    return plan_as_file(Plan.objects.for_report().get(pk=plan.pk))


def everything_written() -> tuple:
    """How many plans, tables, rows, targets and audit entries there are."""
    return (Plan.objects.count(), PlanTable.objects.count(), PlanRow.objects.count(), Target.objects.count(),
            ChangeRecord.objects.count())


def editor_data(response) -> dict:
    """The JSON the page gives its script (json_script #plan-editor-data)."""
    found = re.search(r'<script id="plan-editor-data" type="application/json">(.*?)</script>',
                      response.content.decode(), re.S)
    return json.loads(found.group(1))


def posted_text(response) -> str:
    """What the page's JSON field holds (the text that is posted)."""
    found = re.search(r'<textarea name="plan_json"[^>]*>(.*?)</textarea>', response.content.decode(), re.S)
    return html.unescape(found.group(1))


def page_text(response) -> str:
    return html.unescape(response.content.decode())


# --- who may open what -----------------------------------------------------------------------------------


def test_the_list_shows_the_plans_of_the_lineage_and_what_each_user_may_do(world):
    province = make(PLAN, code="01-NQ/TU", organization="LC", title="Nghị quyết của Tỉnh ủy")
    own = make(PLAN)
    other = make(PLAN, code="07-ĐA/HU", organization="LC.B", title="Đề án của huyện B")
    response = world["clients"]["staff_a"].get(reverse("reports:plan_list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "01-NQ/TU" in text and "12-ĐA/HU" in text and "07-ĐA/HU" not in text
    # Editing only the district's own plan; the province's is copied.
    assert reverse("reports:plan_edit", args=[own.pk]) in text
    assert reverse("reports:plan_edit", args=[province.pk]) not in text
    assert f'{reverse("reports:plan_create")}?tu={province.pk}' in text
    reviewer = world["clients"]["reviewer"].get(reverse("reports:plan_list")).content.decode()
    assert all(plan.code in reviewer for plan in (province, own, other))
    assert "/sua/" not in reviewer and "Tạo mới" not in reviewer and "?tu=" not in reviewer


def test_a_reviewer_may_not_open_the_editor_nor_preview(world):
    plan = make(PLAN)
    reviewer = world["clients"]["reviewer"]
    assert reviewer.get(reverse("reports:plan_create")).status_code == 403
    assert reviewer.get(reverse("reports:plan_edit", args=[plan.pk])).status_code == 403
    before = everything_written()
    assert reviewer.post(reverse("reports:plan_create"), {"plan_json": json.dumps(PLAN | {"code": "X"})}).status_code == 403
    assert reviewer.post(reverse("reports:plan_preview"), json.dumps({"plan": PLAN, "org": "LC", "as_of": AS_OF}),
                         content_type="application/json").status_code == 403
    assert everything_written() == before
    # Reading the plan's file is everybody's.
    assert reviewer.get(reverse("reports:plan_file", args=[plan.pk])).status_code == 200


def test_another_districts_plan_is_not_found_and_the_provinces_is_read_only(world):
    theirs = make(PLAN, code="07-ĐA/HU", organization="LC.B")
    province = make(PLAN, code="01-NQ/TU", organization="LC")
    staff = world["clients"]["staff_a"]
    assert staff.get(reverse("reports:plan_edit", args=[theirs.pk])).status_code == 404
    assert staff.post(reverse("reports:plan_edit", args=[theirs.pk]), {"plan_json": "{}"}).status_code == 404
    assert staff.get(reverse("reports:plan_file", args=[theirs.pk])).status_code == 404
    assert staff.get(reverse("reports:plan_create") + f"?tu={theirs.pk}").status_code == 404
    assert staff.get(reverse("reports:plan_edit", args=[province.pk])).status_code == 403
    # A copy of the province's plan: everything but the code, issued by the district.
    copy_page = staff.get(reverse("reports:plan_create") + f"?tu={province.pk}")
    assert editor_data(copy_page)["plan"] == {**contents(province), "code": "", "organization": "LC.A"}


def test_saving_a_plan_issued_outside_the_scope_is_refused(world):
    before = everything_written()
    response = world["clients"]["staff_a"].post(reverse("reports:plan_create"),
                                               {"plan_json": json.dumps(PLAN | {"organization": "LC.B"})})
    assert response.status_code == 400
    assert ("Tổ chức ban hành “LC.B” không có trong phạm vi của bạn; chỉ ghi được kế hoạch do tổ chức trong phạm vi "
            "ban hành.") in page_text(response)
    assert everything_written() == before


# --- saving ----------------------------------------------------------------------------------------------


def test_the_file_download_is_the_plan_file(world):
    plan = make(PLAN)
    response = world["clients"]["staff_a"].get(reverse("reports:plan_file", args=[plan.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-12-DA-HU.json"'
    assert json.loads(response.content) == PLAN


def test_saving_a_new_plan_writes_exactly_the_posted_plan(world):
    before = everything_written()
    response = world["clients"]["staff_a"].post(reverse("reports:plan_create"), {"plan_json": json.dumps(PLAN)})
    plan = Plan.objects.get(code="12-ĐA/HU")
    assert response.status_code == 302 and response["Location"] == reverse("reports:plan_edit", args=[plan.pk])
    assert contents(plan) == PLAN
    assert everything_written() == tuple(count + added for count, added in zip(before, (1, 1, 4, 2, 1)))
    entry = ChangeRecord.objects.latest("id")
    assert (entry.entity, entry.key, entry.action, entry.user.username) == ("KeHoach", "12-ĐA/HU", "create", "staff_a")
    page = world["clients"]["staff_a"].get(response["Location"])
    assert "Đã lưu kế hoạch 12-ĐA/HU: 1 biểu, 4 dòng chỉ tiêu, 2 mục tiêu." in page_text(page)
    assert editor_data(page)["plan"] == PLAN


def test_editing_a_plan_replaces_its_contents_and_keeps_its_id(world):
    plan = make(PLAN)
    changed = copy.deepcopy(PLAN)
    changed["title"] = "Đề án đã sửa"
    changed["tables"][0]["rows"][2]["where"]["all"][1] = {"qual": {"type": "LY_LUAN", "in": ["SO_CAP", "TRUNG_CAP"]}}
    del changed["tables"][0]["rows"][3]
    response = world["clients"]["staff_a"].post(reverse("reports:plan_edit", args=[plan.pk]),
                                               {"plan_json": json.dumps(changed), "version": plan.version})
    assert response.status_code == 302
    assert contents(plan) == changed
    assert Plan.objects.get(pk=plan.pk).version == plan.version + 1


EVERY_KIND_OF_PROBLEM = {
    **PLAN, "tables": [{"number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "CB_XA", "rows": [
        {"label": "Chỉ tiêu không có", "indicator": "KHONG_CO"},
        {"label": "Bậc của thang khác", "where": {"qual": {"type": "LY_LUAN", "eq": "DAI_HOC"}}},
        {"label": "Cùng đơn vị, đối tượng không có đơn vị",
         "population": {"positions": ["BT_DU"]}, "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}},
        {"label": "Đánh giá kèm điều kiện", "indicator": "DG_TOT", "where": {"gender": "NU"}},
    ]}],
}
PROBLEMS = [
    "Biểu thứ 1 (“Biểu 01”), dòng 1: không có chỉ tiêu mã “KHONG_CO”.",
    "Biểu thứ 1 (“Biểu 01”), dòng 2, điều kiện “where” › qual: “DAI_HOC” không phải trình độ của thang LY_LUAN "
    "(có: SO_CAP, TRUNG_CAP, CAO_CAP, CU_NHAN).",
    "Biểu thứ 1 (“Biểu 01”), dòng 3: điều kiện dùng “same_unit” (cùng đơn vị) nhưng đối tượng của dòng không có "
    "đơn vị: hãy ghi “unit_kind” (XA hoặc CO_QUAN) cho đối tượng.",
    "Biểu thứ 1 (“Biểu 01”), dòng 4: chỉ tiêu DG_TOT tính theo lượt đánh giá, không dùng “where”.",
]


def test_an_invalid_plan_names_every_problem_writes_nothing_and_keeps_what_was_typed(world):
    before = everything_written()
    typed = json.dumps(EVERY_KIND_OF_PROBLEM, ensure_ascii=False, indent=1)
    response = world["clients"]["staff_a"].post(reverse("reports:plan_create"), {"plan_json": typed})
    assert response.status_code == 400
    text = page_text(response)
    assert "Chưa lưu được kế hoạch, chưa có gì được ghi. Hãy sửa 4 lỗi sau rồi lưu lại:" in text
    shown = re.findall(r"<li>(.*?)</li>", text.split('<ul class="problems">')[1].split("</ul>")[0])
    assert shown == PROBLEMS
    assert everything_written() == before
    assert posted_text(response) == typed
    assert editor_data(response)["plan"] == EVERY_KIND_OF_PROBLEM


def test_a_district_population_with_same_unit_is_explained(world):
    """BCH_HUYEN's posts are at the district: no commune or agency above them, so "the same unit" never holds."""
    data = {**PLAN, "tables": [{"number": "Biểu 01", "title": "BCH", "population": "BCH_HUYEN", "rows": [
        {"label": "Ủy viên là người địa phương", "where": {"hometown": {"inside": "same_unit"}}}]}]}
    response = world["clients"]["staff_a"].post(reverse("reports:plan_create"), {"plan_json": json.dumps(data)})
    assert response.status_code == 400
    assert ("Biểu thứ 1 (“Biểu 01”), dòng 1: điều kiện dùng “same_unit” (cùng đơn vị) nhưng đối tượng của dòng có "
            "loại đơn vị HUYEN, không phải đơn vị xã hay cơ quan: hãy dùng đối tượng theo chức vụ với “unit_kind” XA "
            "hoặc CO_QUAN.") in page_text(response)


@pytest.mark.parametrize("typed, message", [
    ("", "Chưa có nội dung kế hoạch."),
    ('{"code": "x",\n "tables": [}', "Nội dung kế hoạch không phải JSON hợp lệ: lỗi ở dòng 2, cột 13."),
    ("[1, 2]", "Tệp kế hoạch phải là một đối tượng JSON (bắt đầu bằng “{”)."),
])
def test_text_that_is_no_plan_file_is_said_so_and_kept(world, typed, message):
    response = world["clients"]["staff_a"].post(reverse("reports:plan_create"), {"plan_json": typed})
    assert response.status_code == 400
    assert message in page_text(response)
    assert posted_text(response) == typed
    assert Plan.objects.count() == 0


def test_replacing_a_plan_used_by_a_report_document_is_refused(world):
    plan = make(PLAN)
    ReportDocument.objects.create(organization=world["tree"]["LC.A"], plan=plan, as_of=dt.date(2025, 6, 30),
                                  subject="Sơ kết")
    before, written = contents(plan), everything_written()
    changed = {**PLAN, "title": "Đề án đã sửa"}
    response = world["clients"]["staff_a"].post(reverse("reports:plan_edit", args=[plan.pk]),
                                               {"plan_json": json.dumps(changed), "version": plan.version})
    assert response.status_code == 400
    assert ("Kế hoạch 12-ĐA/HU đang được dùng trong 1 văn bản báo cáo; không thể thay thế. Hãy nhập với số hiệu mới, "
            "hoặc bỏ kế hoạch khỏi các văn bản đó trước; chưa có gì được ghi.") in page_text(response)
    assert contents(plan) == before and everything_written() == written
    # The page says so before anything is typed, and offers to save under a new code.
    page = page_text(world["clients"]["staff_a"].get(reverse("reports:plan_edit", args=[plan.pk])))
    assert "Kế hoạch đang được dùng trong 1 văn bản báo cáo nên không thay thế được." in page
    assert f'formaction="{reverse("reports:plan_create")}"' in page


def test_a_version_read_before_someone_elses_save_is_refused_then_saves_on_a_second_submit(world):
    plan = make(PLAN)
    read = plan.version
    plan_replace(plan=plan, data={**PLAN, "title": "Sửa của người khác"}, version=read, user=world["users"]["staff_a"])
    mine = {**PLAN, "title": "Sửa của tôi"}
    staff = world["clients"]["staff_a"]
    response = staff.post(reverse("reports:plan_edit", args=[plan.pk]), {"plan_json": json.dumps(mine), "version": read})
    assert response.status_code == 400
    assert "Thay đổi của bạn chưa được lưu; hãy xem lại rồi lưu lại." in page_text(response)
    assert contents(plan)["title"] == "Sửa của người khác"
    current = re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)
    assert int(current) == read + 1 and posted_text(response) == json.dumps(mine)
    again = staff.post(reverse("reports:plan_edit", args=[plan.pk]), {"plan_json": posted_text(response),
                                                                      "version": current})
    assert again.status_code == 302 and contents(plan)["title"] == "Sửa của tôi"


def test_a_missing_version_is_refused(world):
    plan = make(PLAN)
    response = world["clients"]["staff_a"].post(reverse("reports:plan_edit", args=[plan.pk]),
                                               {"plan_json": json.dumps({**PLAN, "title": "x"})})
    assert response.status_code == 400
    assert "Trang soạn thảo đã cũ (không rõ phiên bản kế hoạch); hãy tải lại trang rồi sửa lại." in page_text(response)
    assert contents(plan) == PLAN


def test_the_editor_page_costs_the_same_queries_for_a_plan_of_any_size(world):
    small = make(PLAN)
    rows = [{"label": f"Dòng {number}", "indicator": "NU", "targets": [{"year": 2025, "value": number}]}
            for number in range(1, 41)]
    large = make(PLAN, code="13-ĐA/HU", tables=[{"number": "Biểu 01", "title": "X", "population": "CB_XA", "rows": rows}])
    staff = world["clients"]["staff_a"]
    staff.get(reverse("reports:plan_edit", args=[small.pk]))  # the session and the user, read once
    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(reverse("reports:plan_edit", args=[plan.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the preview -----------------------------------------------------------------------------------------


def preview(client, plan=PLAN, **parameters):
    body = {"plan": plan, "org": "LC.A", "as_of": AS_OF, **parameters}
    return client.post(reverse("reports:plan_preview"), json.dumps(body), content_type="application/json")


def counted(client, table, row, part, plan=PLAN, **parameters):
    body = {"plan": plan, "org": "Huyện ủy A (LC.A)", "as_of": AS_OF, "table": table, "row": row, "part": part,
            **parameters}
    return client.post(reverse("reports:plan_preview_counted"), json.dumps(body), content_type="application/json")


def row(number, label, indicator, kind, count, total, percent, depth=0, row_=None, target="", status=None):
    labels = {None: "", "dat": "Đạt", "vuot": "Vượt", "chua_dat": "Chưa đạt"}
    return {"row": row_, "number": number, "label": label, "indicator": indicator, "kind": kind, "depth": depth,
            "count": count, "total": total, "percent": percent, "target": target, "status": status,
            "status_label": labels[status]}


EXPECTED_PREVIEW = {
    "plan": "12-ĐA/HU", "organization": "LC.A", "organization_name": "Huyện ủy A", "as_of": "01/08/2025",
    "rating_years": [2024], "target_year": 2025,
    "tables": [{
        "table": 1, "number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "CB_XA",
        "population_name": "Cán bộ cấp xã",
        "rows": [
            row("", "Tổng số", "TONG_SO", "NGUOI", "2", "2", "100,00", row_="tong-so"),
            row("1", "Cán bộ nữ", "NU", "NGUOI", "1", "2", "50,00", row_=1, target="50,00", status="dat"),
            row("", "Trong đó Đại học trở lên", "CM_DAI_HOC", "NGUOI", "1", "2", "50,00", depth=1, row_=2),
            row("2", "Nữ có trình độ Đại học trở lên", None, "NGUOI", "1", "2", "50,00", row_=3,
                target="20,00 - 40,00", status="vuot"),
            row("3", "Xã có cán bộ nữ", None, "DON_VI", "1", "2", "50,00", row_=4),
        ],
    }],
}


def test_the_preview_gives_the_drafts_figures_and_keeps_nothing(world, settings):
    settings.FIGURE_CACHE = True
    cache.clear()
    # The detector: a stored plan's report is kept in the figure cache.
    make({**PLAN, "tables": [{**PLAN["tables"][0], "rows": PLAN["tables"][0]["rows"][:2]}]}, code="KEPT/HU")
    request = check_request(organization=load_organization("LC.A"), plan=load_plan("KEPT/HU"),
                            as_of=dt.date(2025, 8, 1), rating_years=None, baseline=dt.date(2025, 8, 1),
                            baseline_rating_years=None, target_year=None)
    report_build(**request.as_service_arguments())
    assert any(":figures:report:" in key for key in cache._cache)
    cache.clear()
    before = everything_written()
    response = preview(world["clients"]["staff_a"])
    assert response.status_code == 200, response.content.decode()
    assert response.json() == EXPECTED_PREVIEW
    assert everything_written() == before
    assert not Plan.objects.filter(code__startswith="~").exists()
    assert [key for key in cache._cache if ":figures:" in key] == []


def test_a_report_built_without_keeping_neither_keeps_nor_reads_kept_figures(world, settings):
    settings.FIGURE_CACHE = True
    cache.clear()
    make(PLAN, tables=[{**PLAN["tables"][0], "rows": PLAN["tables"][0]["rows"][:2]}])
    request = check_request(organization=load_organization("LC.A"), plan=load_plan("12-ĐA/HU"),
                            as_of=dt.date(2025, 8, 1), rating_years=(2024,), baseline=dt.date(2020, 12, 31),
                            baseline_rating_years=None, target_year=None)
    fresh = report_build(**request.as_service_arguments(), keep=False)
    assert [key for key in cache._cache if ":figures:" in key] == []
    kept = report_build(**request.as_service_arguments())
    assert kept == fresh and [key for key in cache._cache if ":figures:" in key] != []
    # Kept figures are not read either: a figure changed under the key is not what keep=False gives.
    for key in list(cache._cache):
        cache.set(key.split(":", 2)[2], None)
    assert report_build(**request.as_service_arguments(), keep=False) == fresh


def test_a_draft_of_a_plan_in_use_is_previewed_without_touching_the_plan(world):
    plan = make(PLAN)
    ReportDocument.objects.create(organization=world["tree"]["LC.A"], plan=plan, as_of=dt.date(2025, 6, 30))
    before = contents(plan)
    response = preview(world["clients"]["staff_a"], plan={**PLAN, "title": "Bản nháp"})
    assert response.status_code == 200 and response.json()["tables"] == EXPECTED_PREVIEW["tables"]
    assert contents(plan) == before


def test_the_preview_lists_who_a_figure_counts(world):
    staff = world["clients"]["staff_a"]
    numerator = counted(staff, 1, "3", "tu-so")
    assert numerator.status_code == 200
    assert numerator.json() == {
        "table": 1, "row": "3", "label": "Nữ có trình độ Đại học trở lên", "part": "tu-so", "kind": "NGUOI",
        "as_of": "01/08/2025", "rating_years": [], "size": 1, "shown": 1, "units": [],
        "persons": [{"name": "Lò Thị Mai", "code": "P1", "birth_date": "01/03/1980",
                     "positions": ["Bí thư Đảng ủy xã — Xã X1 A"],
                     "url": reverse("cadre:official_detail", args=[world["mai"].pk])}],
    }
    total = counted(staff, 1, "tong-so", "mau-so").json()
    assert [person["name"] for person in total["persons"]] == ["Nguyễn Văn Hùng", "Lò Thị Mai"]
    assert total["size"] == 2
    units = counted(staff, 1, "4", "tu-so").json()
    assert [(unit["code"], [person["name"] for person in unit["persons"]]) for unit in units["units"]] == [
        ("LC.A.X1", ["Lò Thị Mai"])]
    every_unit = counted(staff, 1, "4", "mau-so").json()
    assert [unit["code"] for unit in every_unit["units"]] == ["LC.A.X1", "LC.A.X2"]
    assert everything_written()[:4] == (0, 0, 0, 0)


@pytest.mark.parametrize("table, row_, part", [(2, "1", "tu-so"), (1, "9", "tu-so"), (1, "1", "ca-hai"),
                                               ("1", "1", "tu-so"), (1, "-1", "tu-so")])
def test_a_figure_the_draft_does_not_have_is_not_found(world, table, row_, part):
    response = counted(world["clients"]["staff_a"], table, row_, part)
    assert response.status_code == 404
    assert response.json() == {"problems": ["Không có số liệu này trong bản xem trước."]}


def test_the_preview_names_every_problem_of_the_draft(world):
    before = everything_written()
    response = preview(world["clients"]["staff_a"], plan=EVERY_KIND_OF_PROBLEM)
    assert response.status_code == 400
    assert response.json() == {"problems": PROBLEMS}
    assert everything_written() == before


@pytest.mark.parametrize("parameters, problems", [
    ({"org": "LC.B"}, ["Tổ chức: Tổ chức không có trong phạm vi của bạn."]),
    ({"org": "", "as_of": "31/02/2025"}, ["Tổ chức: Hãy chọn tổ chức để xem trước số liệu.",
                                          "Ngày số liệu: Ngày không tồn tại: “31/02/2025”."]),
    ({"rating_years": "2030"}, ["Năm đánh giá 2030 ở tương lai so với ngày báo cáo 01/8/2025: chỉ được chọn đến năm 2025."]),
])
def test_the_previews_own_parameters_are_checked(world, parameters, problems):
    response = preview(world["clients"]["staff_a"], **parameters)
    assert response.status_code == 400
    assert response.json() == {"problems": problems}


def test_another_districts_persons_are_never_listed(world):
    """Staff of A may not count over B, even with a draft issued by A."""
    response = counted(world["clients"]["staff_a"], 1, "tong-so", "mau-so", org="LC.B")
    assert response.status_code == 400
    assert response.json() == {"problems": ["Tổ chức: Tổ chức không có trong phạm vi của bạn."]}


@pytest.mark.parametrize("body", ["không phải JSON", json.dumps([1]), json.dumps({"plan": "x"})])
def test_a_preview_request_that_is_not_one_is_refused(world, body):
    response = world["clients"]["staff_a"].post(reverse("reports:plan_preview"), body,
                                                content_type="application/json")
    assert response.status_code == 400 and len(response.json()["problems"]) == 1


# --- escaping --------------------------------------------------------------------------------------------

ATTACK = "<script>alert('x')</script>"


def test_a_script_in_a_title_or_label_is_text_everywhere(world):
    plan = make(PLAN, title=f"Đề án {ATTACK}", tables=[{**PLAN["tables"][0], "rows": [
        {**PLAN["tables"][0]["rows"][0], "label": f"Nữ {ATTACK}"}]}])
    staff = world["clients"]["staff_a"]
    for url in (reverse("reports:plan_list"), reverse("reports:plan_edit", args=[plan.pk])):
        page = staff.get(url).content.decode()
        assert ATTACK not in page and "<script>alert" not in page
    page = staff.get(reverse("reports:plan_edit", args=[plan.pk]))
    assert editor_data(page)["plan"]["title"] == f"Đề án {ATTACK}"
    assert f"Nữ {ATTACK}" in posted_text(page)
    response = preview(staff, plan=contents(plan))
    assert response["Content-Type"] == "application/json"
    assert response.json()["tables"][0]["rows"][1]["label"] == f"Nữ {ATTACK}"
