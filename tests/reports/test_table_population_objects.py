"""A table's population may be an object (data-contract section 2, "Conditions in plan rows"): read, stored,
counted (its indicator rows too), echoed in the report JSON, named on the pages, listed, and given back
by the API. The world is tests/reports/test_conditions.py's (district LC.A, D = 2023-05-15)."""
import json
import re
from html import unescape
from io import BytesIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import IntegrityError, transaction

from cadre.models import Population
from planning.models import Plan, PlanTable
from planning.plan_file import PlanFileError
from reports import services
from tests.factories import make_user
from tests.reports.plans import build_json, make_plan
from tests.reports.test_conditions import BASELINE, D, row, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# Secretaries and council chairs at communes: p1 (BT_DU and CT_HDND_XA at X1), p2 (BT_DU at X2, CT_HDND_XA
# at X1) on D; p7 (both at X3) until 2021-12-31, so at the baseline too.
GIVEN = {"unit_kind": "xa", "at": {"kind": ["XA"]}, "positions": ["ct_hdnd_xa", "BT_DU", "BT_DU"]}
CANONICAL = {"positions": ["BT_DU", "CT_HDND_XA"], "at": {"kind": ["XA"]}, "unit_kind": "XA"}
DESCRIPTION = "Người giữ chức vụ Bí thư Đảng ủy xã, Chủ tịch HĐND xã (loại tổ chức: Xã, thị trấn)"

ROWS = [
    row("Nữ", indicator="NU"),
    row("Tổng số (chỉ tiêu)", indicator="TONG_SO"),
    row("LLCT trung cấp trở lên", indicator="LLCT_TRUNG_CAP"),
    row("Trẻ dưới 35", indicator="TRE", params={"age_under": 35}),
    row("Đảng viên chưa học cao cấp", {"not": {"event": {"kind": ["CU_DI_HOC"], "program": ["LLCT_CAO_CAP"]}}},
        indicator="DANG_VIEN"),
    row("Giữ CT HĐND xã trong phạm vi", {"holds": {"positions": ["CT_HDND_XA"], "at": "scope"}}),
    row("Là người địa phương", {"hometown": {"inside": "same_unit"}}),
    row("Xã có cán bộ nữ", indicator="DV_CO_NU"),
    row("Xã có người kiêm nhiệm cùng xã", {"all": [{"holds": {"positions": ["BT_DU"], "at": "same_unit"}},
                                                   {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}]},
        unit=True, compare=["delta_points"]),
    row("Quy hoạch bí thư", indicator="TONG_SO", population={"planned_for": ["BT_DU"], "terms": ["2025-2030"]},
        multiple_of={"positions": ["BT_DU"]}),
]


def object_plan(code="OBJ-01/HU", rows=None, population=None):
    return make_plan(code=code, tables=[{"number": "Biểu 01", "title": "CÁN BỘ CHỦ CHỐT XÃ",
                                         "population": GIVEN if population is None else population,
                                         "rows": ROWS if rows is None else rows}])


def figures(report) -> dict:
    return {r["label"]: {column: (r[column]["count"], r[column]["total"]) for column in ("baseline", "current")}
            for r in report["tables"][0]["rows"]}


def test_the_table_population_is_stored_as_its_canonical_object_and_echoed_as_such(world):
    plan = object_plan()
    table = PlanTable.objects.get(plan=plan)
    assert (table.population_id, table.population_object) == (None, CANONICAL)
    report = build_json("LC.A", D, plan="OBJ-01/HU", baseline=BASELINE)
    assert report["tables"][0]["population"] == CANONICAL
    # Keys in the reader's order whatever the database keeps (PostgreSQL's jsonb sorts them).
    assert json.dumps(report["tables"][0]["population"], ensure_ascii=False) == (
        '{"positions": ["BT_DU", "CT_HDND_XA"], "at": {"kind": ["XA"]}, "unit_kind": "XA"}')


def test_every_row_counts_over_the_table_population(world):
    object_plan()
    counted = figures(build_json("LC.A", D, plan="OBJ-01/HU", baseline=BASELINE))
    assert {label: figure["current"] for label, figure in counted.items()} == {
        "Tổng số": (2, 2),  # p1, p2
        "Nữ": (1, 2),  # p1
        "Tổng số (chỉ tiêu)": (2, 2),
        "LLCT trung cấp trở lên": (1, 2),  # p2 (TRUNG_CAP; CAO_CAP only in 2024); p1 SO_CAP
        "Trẻ dưới 35": (1, 2),  # p1 (33)
        "Đảng viên chưa học cao cấp": (1, 2),  # p2
        "Giữ CT HĐND xã trong phạm vi": (2, 2),
        "Là người địa phương": (1, 2),  # p1 (hamlet of X1)
        "Xã có cán bộ nữ": (1, 2),  # X1 of X1, X2
        "Xã có người kiêm nhiệm cùng xã": (1, 2),  # X1 (p1)
        "Quy hoạch bí thư": (0, 0),
    }
    assert counted["Tổng số"]["baseline"] == (3, 3)  # and p7 at X3
    assert counted["Xã có người kiêm nhiệm cùng xã"]["baseline"] == (2, 3)  # X1, X3 of X1, X2, X3


def test_the_rows_count_as_the_same_rows_given_the_object_as_their_own_population(world):
    """The table's object is inherited: each row counts exactly what it counts when the object is the row's
    own population in a table over CB_XA (the table's total is then that plan's TONG_SO row)."""
    object_plan()
    own = [{**r, "population": r.get("population", GIVEN)} for r in ROWS]
    make_plan([row("Tổng số của đối tượng", indicator="TONG_SO", population=GIVEN), *own], code="OBJ-02/HU")
    inherited = figures(build_json("LC.A", D, plan="OBJ-01/HU", baseline=BASELINE))
    given = figures(build_json("LC.A", D, plan="OBJ-02/HU", baseline=BASELINE))
    assert inherited.pop("Tổng số") == given.pop("Tổng số của đối tượng")
    given.pop("Tổng số")  # CB_XA
    assert inherited == given


def test_a_plan_with_a_code_population_reads_and_reports_as_before(world):
    make_plan([row("Nữ", indicator="NU")], code="OLD-01/HU")
    table = PlanTable.objects.get(plan__code="OLD-01/HU")
    assert (table.population.code, table.population_object, table.population_value) == ("CB_XA", None, "CB_XA")
    report = build_json("LC.A", D, plan="OLD-01/HU")
    assert report["tables"][0]["population"] == "CB_XA"


@pytest.mark.parametrize("population, rows, message", [
    (GIVEN, [row("Đánh giá tốt", indicator="DG_TOT")],
     "Biểu thứ 1 (“Biểu 01”), dòng 1: chỉ tiêu DG_TOT tính theo lượt đánh giá, chỉ dùng trong biểu có mã đối tượng "
     "(ví dụ CB_XA), không dùng trong biểu có đối tượng theo chức vụ hay quy hoạch."),
    ({"positions": ["BT_DU"]}, [row("Xã có cán bộ nữ", indicator="DV_CO_NU")],
     "Biểu thứ 1 (“Biểu 01”), dòng 1: chỉ tiêu DV_CO_NU tính theo đơn vị: đối tượng của biểu cần “unit_kind” "
     "(XA hoặc CO_QUAN)."),
    ({"positions": ["BT_DU"]}, [row("Xã có nữ", {"gender": "NU"}, unit=True)],
     "Biểu thứ 1 (“Biểu 01”), dòng 1: dòng tính theo đơn vị (“unit”: true) cần đối tượng có loại đơn vị "
     "(“unit_kind”: XA hoặc CO_QUAN)."),
    ({"positions": ["KHONG_CO"]}, [row("Nữ", indicator="NU")],
     "Biểu thứ 1 (“Biểu 01”), “population”: không có chức vụ mã “KHONG_CO”."),
    ({"planned_for": ["BT_DU"]}, [row("Nữ", indicator="NU")],
     "Biểu thứ 1 (“Biểu 01”), “population”: “terms” phải là một danh sách nhiệm kỳ, ví dụ [\"2025-2030\"]."),
    (["BT_DU"], [row("Nữ", indicator="NU")],
     "Biểu thứ 1 (“Biểu 01”), “population”: phải là một đối tượng JSON, ví dụ "
     "{\"positions\": [\"BT_DU\"], \"unit_kind\": \"XA\"} hoặc một mã đối tượng."),
])
def test_a_wrong_table_population_is_said_in_vietnamese_and_nothing_is_written(world, population, rows, message):
    with pytest.raises(PlanFileError) as error:
        object_plan(code="OBJ-BAD/HU", rows=rows, population=population)
    assert error.value.problems == [message]
    assert not Plan.objects.filter(code="OBJ-BAD/HU").exists()


def test_the_database_keeps_exactly_one_population_per_table(world):
    from django.core.exceptions import ValidationError

    table = PlanTable.objects.get(plan=object_plan())
    for population, population_object in ((None, None), (Population.objects.get(code="CB_XA"), CANONICAL)):
        with pytest.raises(IntegrityError), transaction.atomic():
            PlanTable.objects.filter(pk=table.pk).update(population=population, population_object=population_object)
        table.population, table.population_object = population, population_object
        with pytest.raises(ValidationError) as error:
            table.clean()
        assert error.value.message_dict == {"population": [
            "Biểu cần đúng một đối tượng: một mã đối tượng, hoặc một đối tượng theo chức vụ, quy hoạch."]}
    assert PlanTable.objects.get(pk=table.pk).population_object == CANONICAL


def test_figures_of_an_object_population_are_not_kept_between_requests(world, monkeypatch):
    object_plan()

    def refuse(*args, **kwargs):
        raise AssertionError("a table over a population object went through the kept figures")

    monkeypatch.setattr(services, "fetch_tables", refuse)
    monkeypatch.setattr(services, "fetch_tables_by_unit", refuse)
    assert figures(build_json("LC.A", D, plan="OBJ-01/HU"))["Tổng số"]["current"] == (2, 2)


def test_the_pages_name_the_population_and_every_list_holds_what_its_figure_counts(world, client):
    object_plan()
    client.force_login(make_user("huyen-a", world["LC.A"]))
    params = {"org": "LC.A", "plan": "OBJ-01/HU", "as_of": "15/05/2023", "rating_years": "2022",
              "baseline": "01/06/2021"}
    report = json.loads(client.get("/bao-cao/tai-ve/json/", params).content)
    expected = {(r["label"], column): (r[column]["count"], r[column]["total"])
                for r in report["tables"][0]["rows"] for column in ("baseline", "current")}
    html = unescape(client.get("/bao-cao/", params).content.decode())
    assert f'<p class="muted population">Đối tượng: {DESCRIPTION}</p>' in html
    labels = {str(stored.pk): stored.label for stored in PlanTable.objects.get(plan__code="OBJ-01/HU").rows.all()}
    labels["tong-so"] = "Tổng số"
    listed = {}
    for link in re.findall(r'href="([^"]*/bao-cao/danh-sach[^"]*)"', html):
        query = {key: values[0] for key, values in parse_qs(urlparse(unescape(link)).query).items()}
        page = unescape(client.get("/bao-cao/danh-sach/", query).content.decode())
        assert f"{DESCRIPTION} — Huyện ủy A" in page
        size = int(re.search(r"<strong>([\d.]+)</strong>", page).group(1).replace(".", ""))
        key = (labels[query["row"]], "baseline" if query["column"] == "nam-goc" else "current")
        listed.setdefault(key, {})[query["part"]] = size
        if query["row"] == "tong-so" and query["column"] == "thuc-hien":
            assert "An Thị Một" in page and "Bùi Văn Hai" in page and "Cao Văn Ba" not in page
    for key, (count, total) in expected.items():
        assert listed[key]["tu-so"] == count, key
        assert listed[key].get("mau-so", count) == total, key
    comparison = unescape(client.get("/bao-cao/so-sanh/", params).content.decode())
    assert f"<th scope=\"col\">{DESCRIPTION} (người)</th>" in comparison
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(client.get("/bao-cao/so-sanh/tai-ve/", params).content))
    assert workbook["Biểu 01"].cell(row=4, column=2).value == f"{DESCRIPTION} (người)"
    for identifier in ("xlsx", "docx"):
        assert client.get(f"/bao-cao/tai-ve/{identifier}/", params).status_code == 200


def test_a_planned_population_is_described_with_its_terms(world):
    object_plan(code="OBJ-03/HU", population={"planned_for": ["BT_DU", "CT_HDND_XA"], "terms": ["2025-2030"]},
                rows=[row("Nữ", indicator="NU")])
    from tests.reports.plans import build

    table = build("LC.A", D, plan="OBJ-03/HU").tables[0]
    assert table.population == {"planned_for": ["BT_DU", "CT_HDND_XA"], "terms": ["2025-2030"]}
    assert table.population_name == "Quy hoạch Bí thư Đảng ủy xã, Chủ tịch HĐND xã, nhiệm kỳ 2025-2030"


def test_the_api_gives_the_object_back_and_takes_it_again(world):
    from rest_framework.test import APIClient

    plan = object_plan()
    client = APIClient()
    client.force_authenticate(make_user("tinh", world["LC"]))
    body = client.get(f"/api/v1/plans/{plan.pk}/").json()
    assert body["tables"][0]["population"] == CANONICAL
    assert [table["population"] for table in client.get("/api/v1/plans/").json()["results"][0]["tables"]] == [CANONICAL]
    response = client.put(f"/api/v1/plans/{plan.pk}/", {key: value for key, value in body.items() if key != "id"},
                          format="json")
    assert response.status_code == 200, response.json()
    again = response.json()
    assert {**again, "version": 1} == {**body, "version": 1} and again["version"] == 2
    assert PlanTable.objects.get(plan=plan).population_object == CANONICAL


def test_the_plan_editor_reads_the_object_back_and_previews_over_it(world):
    from planning.plan_writer import plan_as_file
    from reports.plan_preview import PreviewRequest, preview_build

    plan = object_plan()
    data = plan_as_file(Plan.objects.for_report().get(pk=plan.pk))
    assert data["tables"][0]["population"] == CANONICAL
    preview = preview_build(user=make_user("tinh", world["LC"]),
                            request=PreviewRequest(data=data, organization=world["LC.A"], as_of=D))
    table = preview["tables"][0]
    assert (table["population"], table["population_name"]) == (CANONICAL, DESCRIPTION)
    assert [(r["label"], r["count"], r["total"]) for r in table["rows"][:3]] == [
        ("Tổng số", "2", "2"), ("Nữ", "1", "2"), ("Tổng số (chỉ tiêu)", "2", "2")]
    assert Plan.objects.count() == 1
