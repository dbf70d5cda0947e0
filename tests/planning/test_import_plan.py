"""import_plan: the plan file of the data contract, replacing by code, all or nothing."""
import copy
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from planning.models import Plan, PlanRow, PlanTable, Target
from tests.factories import make_district_tree

pytestmark = pytest.mark.django_db

PLAN = {
    "code": "01-ĐA/HU",
    "title": "Đề án về xây dựng đội ngũ cán bộ, công chức cấp xã",
    "organization": "LC.A",
    "issued_on": "2021-01-15",
    "tables": [
        {
            "number": "Biểu 01",
            "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ",
            "population": "CB_XA",
            "rows": [
                {"label": "Giáo dục Trung học phổ thông", "indicator": "PT_THPT",
                 "targets": [{"year": 2025, "value": 100}]},
                {"label": "Trình độ chuyên môn Trung cấp trở lên", "indicator": "CM_TRUNG_CAP",
                 "targets": [{"year": 2025, "value": 100}]},
                {"label": "Trong đó trình độ Đại học trở lên", "indicator": "CM_DAI_HOC", "parent": 2,
                 "targets": [{"year": 2025, "value": 50}, {"year": 2030, "value": 100}]},
                {"label": "Tỷ lệ cán bộ trẻ", "indicator": "TRE", "params": {"age_under": 35},
                 "targets": [{"year": 2025, "min": 35, "max": 40}]},
                {"label": "Không hoàn thành nhiệm vụ", "indicator": "DG_KHONG_HT",
                 "targets": [{"year": 2025, "max": 2.5}]},
                {"label": "Tỷ lệ cán bộ người dân tộc thiểu số", "indicator": "DTTS"},
            ],
        },
        {"number": "Biểu 02", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ CHỦ CHỐT", "population": "CB_CHU_CHOT_XA",
         "rows": [{"label": "Xã có cán bộ chủ chốt nữ", "indicator": "DV_CO_NU", "targets": []}]},
    ],
}


@pytest.fixture
def tree():
    return make_district_tree("LC")


def write(tmp_path, data, name="plan.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def plan_rows(code="01-ĐA/HU"):
    """Every row of the plan as (table, order, label, indicator, params, parent label, targets)."""
    return [
        (row.table.number, row.order, row.label, row.indicator.code, row.params,
         row.parent.label if row.parent else None,
         [(t.year, t.value, t.min_value, t.max_value) for t in row.targets.all()])
        for row in PlanRow.objects.filter(table__plan__code=code).select_related("table", "parent", "indicator")
        .order_by("table__order", "order")
    ]


def test_importing_a_plan_file_stores_the_plan_its_tables_rows_and_targets(tree, tmp_path, capsys):
    call_command("import_plan", write(tmp_path, PLAN))

    plan = Plan.objects.get()
    assert (plan.code, plan.title, plan.organization.code, plan.issued_on) == (
        "01-ĐA/HU", PLAN["title"], "LC.A", dt.date(2021, 1, 15))
    assert list(PlanTable.objects.values_list("order", "number", "title", "population__code")) == [
        (1, "Biểu 01", "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "CB_XA"),
        (2, "Biểu 02", "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ CHỦ CHỐT", "CB_CHU_CHOT_XA"),
    ]
    assert plan_rows() == [
        ("Biểu 01", 1, "Giáo dục Trung học phổ thông", "PT_THPT", {}, None, [(2025, Decimal("100.00"), None, None)]),
        ("Biểu 01", 2, "Trình độ chuyên môn Trung cấp trở lên", "CM_TRUNG_CAP", {}, None,
         [(2025, Decimal("100.00"), None, None)]),
        ("Biểu 01", 3, "Trong đó trình độ Đại học trở lên", "CM_DAI_HOC", {}, "Trình độ chuyên môn Trung cấp trở lên",
         [(2025, Decimal("50.00"), None, None), (2030, Decimal("100.00"), None, None)]),
        ("Biểu 01", 4, "Tỷ lệ cán bộ trẻ", "TRE", {"age_under": 35}, None,
         [(2025, None, Decimal("35.00"), Decimal("40.00"))]),
        ("Biểu 01", 5, "Không hoàn thành nhiệm vụ", "DG_KHONG_HT", {}, None, [(2025, None, None, Decimal("2.50"))]),
        ("Biểu 01", 6, "Tỷ lệ cán bộ người dân tộc thiểu số", "DTTS", {}, None, []),
        ("Biểu 02", 1, "Xã có cán bộ chủ chốt nữ", "DV_CO_NU", {}, None, []),
    ]
    assert "Đã nhập kế hoạch 01-ĐA/HU: 2 biểu, 7 dòng chỉ tiêu, 6 mục tiêu." in capsys.readouterr().out


def test_importing_a_plan_whose_code_exists_replaces_it(tree, tmp_path, capsys):
    call_command("import_plan", write(tmp_path, PLAN))
    changed = copy.deepcopy(PLAN)
    changed["title"] = "Đề án (sửa đổi)"
    changed["tables"] = changed["tables"][:1]
    changed["tables"][0]["rows"] = [{"label": "Tỷ lệ cán bộ nữ", "indicator": "NU",
                                     "targets": [{"year": 2025, "value": 20}]}]
    call_command("import_plan", write(tmp_path, changed, "changed.json"))

    assert Plan.objects.get().title == "Đề án (sửa đổi)"
    assert plan_rows() == [("Biểu 01", 1, "Tỷ lệ cán bộ nữ", "NU", {}, None, [(2025, Decimal("20.00"), None, None)])]
    assert Target.objects.count() == 1
    assert "Đã thay thế kế hoạch 01-ĐA/HU" in capsys.readouterr().out


def broken(change):
    data = copy.deepcopy(PLAN)
    change(data)
    return data


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ("{ not json", ["không phải JSON hợp lệ: lỗi ở dòng 1, cột 3"]),
        ([], ["Tệp kế hoạch phải là một đối tượng JSON"]),
        (broken(lambda d: d.pop("code")), ["Kế hoạch: thiếu số hiệu (“code”)."]),
        (broken(lambda d: d.update(organization="XX")), ["Kế hoạch: không có tổ chức mã “XX”."]),
        (broken(lambda d: d.update(issued_on="15/13/2021")), ["Kế hoạch: ngày ban hành: Ngày không tồn tại"]),
        (broken(lambda d: d.update(tables=[])), ["Kế hoạch: phải có ít nhất một biểu (“tables”)."]),
        (broken(lambda d: d["tables"][1].update(population="CB_TINH")),
         ["Biểu thứ 2 (“Biểu 02”): không có đối tượng mã “CB_TINH”"]),
        (broken(lambda d: d["tables"][1].update(number="Biểu 01")), ["Biểu thứ 2: số biểu “Biểu 01” bị trùng."]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(indicator="PT_THCS")),
         ["Biểu thứ 1 (“Biểu 01”), dòng 1: không có chỉ tiêu mã “PT_THCS”."]),
        (broken(lambda d: d["tables"][0]["rows"][2].update(parent=3)),
         ["Biểu thứ 1 (“Biểu 01”), dòng 3: “parent” phải là số thứ tự (từ 1) của một dòng đứng trước"]),
        (broken(lambda d: d["tables"][0]["rows"][3].update(params={"age_under": "35"})),
         ["dòng 4: Tham số age_under phải là số nguyên từ 1 đến 120"]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(params={"age_under": 35})),
         ["dòng 1: Chỉ tiêu PT_THPT không có tham số age_under."]),
        (broken(lambda d: d["tables"][0]["rows"][3].update(targets=[{"year": 2025, "min": 40, "max": 35}])),
         ["dòng 4, mục tiêu 1: “min” (40) lớn hơn “max” (35)."]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(targets=[{"year": 2025}])),
         ["dòng 1, mục tiêu 1: cần “value”, “min”, “max” hoặc cả “min” và “max”."]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(targets=[{"year": 2025, "value": 90, "min": 80}])),
         ["dòng 1, mục tiêu 1: “value” không dùng cùng “min” hay “max”."]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(targets=[{"year": 2025, "vaule": 90}])),
         ["dòng 1, mục tiêu 1: khóa không hợp lệ: vaule"]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(targets=[{"year": 2025, "value": -1}])),
         ["dòng 1, mục tiêu 1: “value” = -1 nằm ngoài khoảng cho phép"]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(targets=[{"year": 2025, "value": 33.333}])),
         ["dòng 1, mục tiêu 1: “value” = 33.333 có quá 2 chữ số thập phân."]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(targets=[{"year": 2025, "value": 90},
                                                                    {"year": 2025, "value": 95}])),
         ["dòng 1: có hai mục tiêu cho năm 2025."]),
        (broken(lambda d: d["tables"][0]["rows"][0].update(targets=[{"year": "2025", "value": 90}])),
         ["dòng 1, mục tiêu 1: “year” phải là một năm (ví dụ 2025), không phải “2025”."]),
    ],
)
def test_an_invalid_plan_file_is_refused_with_a_vietnamese_message_and_nothing_is_written(tree, tmp_path, data,
                                                                                         messages):
    with pytest.raises(CommandError) as error:
        call_command("import_plan", write(tmp_path, data))
    for message in messages:
        assert message in str(error.value)
    assert (Plan.objects.count(), PlanTable.objects.count(), PlanRow.objects.count(), Target.objects.count()) == (
        0, 0, 0, 0)


def test_every_problem_of_a_file_is_reported_at_once_and_the_existing_plan_is_kept(tree, tmp_path):
    call_command("import_plan", write(tmp_path, PLAN))
    data = broken(lambda d: (d.update(organization="XX"), d["tables"][0]["rows"][0].update(indicator="NOPE")))
    with pytest.raises(CommandError) as error:
        call_command("import_plan", write(tmp_path, data, "bad.json"))
    assert str(error.value) == (
        f"Không nhập được kế hoạch từ “{tmp_path / 'bad.json'}”; chưa có gì được ghi. Lỗi:\n"
        "- Kế hoạch: không có tổ chức mã “XX”.\n"
        "- Biểu thứ 1 (“Biểu 01”), dòng 1: không có chỉ tiêu mã “NOPE”."
    )
    assert Plan.objects.get().title == PLAN["title"]
    assert PlanRow.objects.count() == 7


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_plan", str(tmp_path / "nowhere.json"))


@pytest.mark.parametrize(
    "bounds",
    [
        {},  # no bound at all
        {"min_value": Decimal(40), "max_value": Decimal(35)},  # min above max
        {"value": Decimal(50), "min_value": Decimal(40)},  # a value with a bound
        {"value": Decimal(-1)},
    ],
)
def test_the_database_refuses_a_target_without_a_bound_or_with_min_above_max(tree, tmp_path, bounds):
    call_command("import_plan", write(tmp_path, PLAN))
    row = PlanRow.objects.get(label="Tỷ lệ cán bộ người dân tộc thiểu số")
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(row=row, year=2030, **bounds)
