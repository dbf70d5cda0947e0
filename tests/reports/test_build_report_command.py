"""build_report from the command line: JSON, the XLSX Biểu tables, and clear refusals."""
import datetime as dt
import json
import subprocess
import sys

import openpyxl
from openpyxl.cell.cell import MergedCell
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import add_position, add_rating, make_district_tree, make_official
from tests.reports.plans import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    tree = make_district_tree("LC")
    for number, (gender, born, rating) in enumerate([
        ("NU", dt.date(1990, 1, 1), "HTXSNV"), ("NAM", dt.date(1970, 1, 1), "HTTNV"),
        ("NAM", dt.date(1992, 1, 1), "HTNV"), ("NU", dt.date(1980, 1, 1), "KHTNV"),
    ]):
        person = make_official(f"P{number}", gender=gender, birth_date=born)
        add_position(person, tree["LC.A.X1" if number % 2 else "LC.A.X2"], "CT_UBND_XA", dt.date(2018, 1, 1))
        add_rating(person, 2020, rating)
        add_rating(person, 2022, rating)
    key = make_official("K1", gender="NU", birth_date=dt.date(1985, 1, 1))
    add_position(key, tree["LC.A.X1"], "BT_DU", dt.date(2018, 1, 1))
    make_plan(code="01-ĐA/HU", tables=[
        {"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA", "rows": [
            {"label": "Kết quả đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên", "indicator": "DG_TOT",
             "targets": [{"year": 2025, "value": 95}]},
            {"label": "Trong đó hoàn thành xuất sắc nhiệm vụ", "indicator": "DG_XUAT_SAC", "parent": 1,
             "targets": [{"year": 2025, "min": 5}]},
            {"label": "Tỷ lệ cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "value": 15},
                                                                      {"year": 2030, "value": 30}]},
            {"label": "Tỷ lệ cán bộ trẻ", "indicator": "TRE", "targets": [{"year": 2025, "min": 35, "max": 40}]},
            {"label": "Không hoàn thành nhiệm vụ", "indicator": "DG_KHONG_HT", "targets": [{"year": 2025, "max": 2}]},
        ]},
        {"number": "Biểu 02", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ CHỦ CHỐT", "population": "CB_CHU_CHOT_XA",
         "rows": [{"label": "Xã có cán bộ chủ chốt nữ", "indicator": "DV_CO_NU"}]},
    ])
    return tree


ARGS = ["--org", "LC.A", "--plan", "01-ĐA/HU", "--as-of", "2023-05-15", "--rating-years", "2022",
        "--baseline", "2020-12-31", "--baseline-rating-years", "2020"]


def test_build_report_writes_the_report_json(district, tmp_path):
    output = tmp_path / "report.json"
    call_command("build_report", *ARGS, "--target-year", "2030", "--format", "json", "--output", str(output))
    report = json.loads(output.read_text(encoding="utf-8"))
    assert {key: report[key] for key in ("organization", "plan", "as_of", "rating_years", "baseline", "target_year")} == {
        "organization": "LC.A", "plan": "01-ĐA/HU", "as_of": "2023-05-15", "rating_years": [2022],
        "baseline": {"as_of": "2020-12-31", "rating_years": [2020]}, "target_year": 2030,
    }
    assert report["tables"][0]["rows"][3] == {
        "label": "Tỷ lệ cán bộ nữ", "indicator": "NU",
        "baseline": {"count": 3, "total": 5, "percent": "60.00"},
        "current": {"count": 3, "total": 5, "percent": "60.00"},
        "target": {"value": "30.00"}, "vs_target": ["200.00"], "vs_baseline": "100.00", "status": "vuot",
    }
    assert [row["target"] for row in report["tables"][0]["rows"]] == [None, None, None, {"value": "30.00"}, None, None]


def test_build_report_writes_the_bieu_tables_as_xlsx(district, tmp_path):
    output = tmp_path / "report.xlsx"
    call_command("build_report", *ARGS, "--format", "xlsx", "--output", str(output), "--issued-on", "2023-07-12")
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["Biểu 01", "Biểu 02"]
    sheet = workbook["Biểu 01"]

    assert sheet["A1"].value == "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ"
    # A draft (no --number): the number and the day are blank, as in the DOCX and the PDF (reports.issue).
    assert sheet["A2"].value == "(Kèm theo Báo cáo số        -BC/HU, ngày        /7/2023 của Huyện ủy A)"
    assert sheet["A3"].value == "Biểu 01"
    assert [sheet.cell(row=5, column=c).value for c in range(1, 11)] == [
        "TT", "Chất lượng", "Thực hiện năm 2020", None, "Mục tiêu Đề án đến năm 2025 (%)", "Thực hiện năm 2023",
        None, "So sánh năm 2023/Đề án (%)", "So sánh năm 2023/năm 2020 (%)", "Ghi chú",
    ]
    assert [sheet.cell(row=6, column=c).value for c in range(3, 8)] == ["Số lượng", "%", None, "Số lượng", "%"]
    assert [sheet.cell(row=7, column=c).value for c in range(1, 11)] == list(range(1, 11))
    assert sorted(str(r) for r in sheet.merged_cells.ranges) == sorted(
        ["A1:J1", "A2:J2", "A3:J3", "A5:A6", "B5:B6", "C5:D5", "E5:E6", "F5:G5", "H5:H6", "I5:I6", "J5:J6"])

    rows = [[sheet.cell(row=r, column=c).value for c in range(1, 11)] for r in range(8, 14)]
    assert rows == [
        [None, "Tổng số", 5, 100.0, None, 5, 100.0, None, None, None],
        ["1", "Kết quả đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên", 2, 50.0, 95.0, 2, 50.0, 52.63, 100.0,
         "Chưa đạt"],
        [None, "- Trong đó hoàn thành xuất sắc nhiệm vụ", 1, 25.0, 5.0, 1, 25.0, 500.0, 100.0, "Vượt"],
        ["2", "Tỷ lệ cán bộ nữ", 3, 60.0, 15.0, 3, 60.0, 400.0, 100.0, "Vượt"],
        ["3", "Tỷ lệ cán bộ trẻ", 2, 40.0, "35,00 - 40,00", 2, 40.0, "114,29 - 100,00", 100.0, "Đạt"],
        ["4", "Không hoàn thành nhiệm vụ", 1, 25.0, 2.0, 1, 25.0, 1250.0, 100.0, "Chưa đạt"],
    ]
    assert sheet["C9"].number_format == "#,##0"
    assert sheet["D9"].number_format == "#,##0.00"
    assert sheet["E10"].number_format == '"≥ "#,##0.00'
    assert sheet["E13"].number_format == '"≤ "#,##0.00'
    assert sheet["B10"].alignment.indent == 2 and sheet["B9"].alignment.indent == 0
    visible = ["A1", "A2", "A3", *(f"{column}{row}" for row in (5, 6, 7, 8, 13) for column in "ABCDEFGHIJ")]
    assert {sheet[cell].font.name for cell in visible if not isinstance(sheet[cell], MergedCell)} == {
        "Times New Roman"}
    assert sheet["A1"].font.bold and sheet["A2"].font.italic and sheet["B8"].font.bold
    assert sheet["D12"].border.left.style == "thin" and sheet["J5"].border.bottom.style == "thin"

    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # "9": A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$5:$7"

    units = workbook["Biểu 02"]
    assert units["A1"].value == "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ CHỦ CHỐT"
    assert [units.cell(row=9, column=c).value for c in range(1, 11)] == [
        "1", "Xã có cán bộ chủ chốt nữ", 2, 100.0, None, 2, 100.0, None, 100.0, None]


def test_a_zero_denominator_is_a_dash_in_the_xlsx(district, tmp_path):
    output = tmp_path / "report.xlsx"
    call_command("build_report", "--org", "LC.B", *ARGS[2:], "--format", "xlsx", "--output", str(output))
    sheet = openpyxl.load_workbook(output)["Biểu 01"]
    assert [sheet.cell(row=9, column=c).value for c in range(1, 11)] == [
        "1", "Kết quả đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên", 0, "-", 95.0, 0, "-", "-", "-", None]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--org": "XX"}, "Không có tổ chức mã “XX”."),
        ({"--plan": "99-NQ/HU"}, "Không có nghị quyết, đề án số hiệu “99-NQ/HU”."),
        ({"--as-of": "2023-02-30"}, "--as-of: Ngày không tồn tại: “2023-02-30”."),
        ({"--as-of": "15.5.23"}, "--as-of: Ngày không đúng định dạng"),
        ({"--baseline": "2023-12-31"}, "Ngày của cột năm gốc (31/12/2023) phải không sau ngày báo cáo (15/5/2023)."),
        ({"--rating-years": "2022-2021"}, "--rating-years: Khoảng năm đánh giá “2022-2021” có năm đầu sau năm cuối."),
        ({"--rating-years": "hai"}, "--rating-years: Năm đánh giá phải có dạng 2022 hoặc 2021-2022"),
        ({"--rating-years": "2022-2024"}, "Năm đánh giá 2024 ở tương lai so với ngày báo cáo 15/5/2023"),
        ({"--baseline-rating-years": "2021"}, "Năm đánh giá 2021 ở tương lai so với ngày năm gốc 31/12/2020"),
        ({"--target-year": "2035"}, "Kế hoạch 01-ĐA/HU không có mục tiêu cho năm 2035 (các năm có mục tiêu: 2025, 2030)."),
        ({"--target-year": "sau"}, "--target-year phải là một năm (ví dụ 2025), không phải “sau”."),
        ({"--format": "csv"}, "Định dạng “csv” không hợp lệ: chỉ có json, xlsx, docx, pdf."),
        ({"--org": ""}, "Thiếu --org (mã tổ chức)."),
    ],
)
def test_bad_input_is_refused_with_a_clear_vietnamese_message_and_no_file(district, tmp_path, change, message):
    output = tmp_path / "report.out"
    options = dict(zip(ARGS[::2], ARGS[1::2]))
    options.update({"--format": "json", "--output": str(output)})
    options.update(change)
    arguments = [item for pair in options.items() for item in pair]
    with pytest.raises(CommandError) as error:
        call_command("build_report", *arguments)
    assert message in str(error.value)
    assert not output.exists()


def test_every_problem_is_reported_at_once(district, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("build_report", "--org", "XX", "--plan", "YY", "--as-of", "2023-13-01", "--baseline", "x",
                     "--format", "json", "--output", str(tmp_path / "r.json"))
    assert str(error.value) == (
        "Không có tổ chức mã “XX”. Không có nghị quyết, đề án số hiệu “YY”. "
        "--as-of: Ngày không tồn tại: “2023-13-01”. "
        "--baseline: Ngày không đúng định dạng dd/mm/yyyy hoặc yyyy-mm-dd: “x”."
    )


@pytest.mark.django_db(transaction=True)
def test_from_the_shell_bad_input_exits_non_zero_with_the_message(tmp_path):
    database = tmp_path / "cli.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50}
    manage = str(settings.BASE_DIR / "manage.py")
    subprocess.run([sys.executable, manage, "migrate", "-v", "0"], env=env, check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, manage, "build_report", "--org", "XX", "--plan", "01", "--as-of", "2023-05-15",
         "--baseline", "2020-12-31", "--format", "pdf", "--output", str(tmp_path / "r.pdf")],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Không có tổ chức mã “XX”" in result.stderr
    assert not (tmp_path / "r.pdf").exists()
