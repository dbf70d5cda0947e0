"""Importing the exchange workbook: contents, validation, all-or-nothing, history, scope."""
import copy
import datetime as dt
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook

from cadre.exchange.workbook_import import import_workbook
from cadre.models import (
    CareerEvent,
    ChangeRecord,
    Evaluation,
    ImportBatch,
    Official,
    Organization,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
)
from tests.factories import add_position, add_rating, make_official, make_organization, make_user
from tests.sample_workbook import RAW_SAMPLE, corrected_sample, corrected_sample_file

TODAY = timezone.localdate()

HEADERS = {
    "ToChuc": ["Mã", "Tên", "Loại", "Mã cấp trên", "Hình thức", "Ngày thành lập", "Ngày giải thể", "Kế thừa từ", "Nhóm"],
    "CanBo": ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Quê quán", "Ngày vào Đảng"],
    "ChucVu": ["Mã cán bộ", "Mã tổ chức", "Chức vụ", "Từ ngày", "Đến ngày"],
    "TrinhDo": ["Mã cán bộ", "Loại", "Trình độ", "Chuyên ngành", "Ngày cấp"],
    "DanhGia": ["Mã cán bộ", "Năm", "Xếp loại"],
    "SuKien": ["Mã cán bộ", "Loại", "Ngày", "Từ tổ chức", "Đến tổ chức", "Ghi chú", "Chương trình"],
    "QuyHoach": ["Mã cán bộ", "Chức vụ", "Mã tổ chức", "Nhiệm kỳ", "Ngày phê duyệt", "Ngày đưa ra khỏi"],
}

# A small valid workbook; rows in Excel start at 2 (row 1 is the header).
BASE_ROWS = {
    "ToChuc": [
        ["LC", "Đảng bộ tỉnh Lai Châu", "TINH", None, None, None, None],
        ["LC.PT", "Huyện ủy Phong Thổ", "HUYEN", "LC", None, None, None],
        ["LC.PT.MUONGSO", "Đảng bộ xã Mường So", "XA", "LC.PT", "DANG_BO", "01/01/2000", None],
        ["LC.TD", "Huyện ủy Tam Đường", "HUYEN", "LC", None, None, None],
    ],
    "CanBo": [
        ["PT001", "Nguyễn Văn An", "Nam", "15/03/1980", "Kinh", "001080000001", "LC.PT.MUONGSO", "2005-05-19"],
        ["PT002", "Lò Thị Bình", "Nữ", dt.datetime(1990, 2, 1), "Thái", None, "Bản Nà Củng", None],
    ],
    "ChucVu": [
        ["PT001", "LC.PT.MUONGSO", "BT_DU", dt.date(2020, 10, 1), None],
        ["PT002", "LC.PT.MUONGSO", "CC_VPTK", "01/06/2015", "31/12/2019"],
    ],
    "TrinhDo": [
        ["PT001", "CHUYEN_MON", "DAI_HOC", "Luật", "01/06/2004"],
        ["PT001", "LY_LUAN", "TRUNG_CAP", None, "01/06/2010"],
        ["PT001", "TIN_HOC", "Chứng chỉ ứng dụng CNTT cơ bản", None, "01/06/2012"],
        ["PT002", "PHO_THONG", "12/12", None, "01/06/2008"],
    ],
    "DanhGia": [
        ["PT001", 2021, "HTXSNV"],
        ["PT001", 2022, "HTTNV"],
        ["PT002", "2022", "HTNV"],
    ],
    "SuKien": [
        ["PT001", "LUAN_CHUYEN", "01/10/2020", "LC.PT", "LC.PT.MUONGSO", "Luân chuyển về xã"],
        ["PT002", "KHEN_THUONG", "15/01/2021", None, None, "Giấy khen"],
    ],
    "QuyHoach": [
        ["PT002", "PCT_UBND_XA", "LC.PT.MUONGSO", "2025-2030", "01/03/2023", None],
    ],
}


def base_rows() -> dict[str, list[list]]:
    return copy.deepcopy(BASE_ROWS)


def workbook_bytes(rows: dict[str, list[list]], headers: dict[str, list] | None = None) -> io.BytesIO:
    """An .xlsx in memory: one sheet per key, the contract's header, then the rows."""
    headers = {**HEADERS, **(headers or {})}
    book = Workbook()
    book.remove(book.active)
    for name, sheet_rows in rows.items():
        sheet = book.create_sheet(name)
        if name in headers:
            sheet.append(headers[name])
        for row in sheet_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def run_import(rows=None, headers=None, **options):
    return import_workbook(workbook_bytes(base_rows() if rows is None else rows, headers), **options)


def problems(result) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.message) for p in result.problems]


def nothing_written():
    return not (Organization.objects.exists() or Official.objects.exists() or ImportBatch.objects.exists())


pytestmark = pytest.mark.django_db


# --- the sample workbook ---------------------------------------------------------


def test_it_imports_the_tan_hong_sample_into_an_empty_database():
    result = import_workbook(corrected_sample())

    assert result.ok, result.problems
    assert Organization.objects.count() == 9
    assert Official.objects.count() == 91
    assert PositionRecord.objects.count() == 91
    assert QualificationRecord.objects.count() == 605
    assert Evaluation.objects.count() == 425
    assert result.summary["CanBo"] == {"created": 91, "updated": 0, "unchanged": 0, "deleted": 0}
    khoa = Official.objects.get(code="TH0001")
    assert khoa.full_name == "Bùi Minh Khoa"
    assert khoa.birth_date == dt.date(1975, 7, 21)  # given as text "21/07/1975"
    assert khoa.ethnic_group.name == "Kinh"
    assert khoa.party_joined_on == dt.date(2012, 2, 1)  # given as an Excel date
    position = khoa.positions.get()
    assert (position.title.code, position.organization.code, position.start_date, position.end_date) == (
        "BT_DU", "DT.TH.TANHOCO", dt.date(2022, 2, 1), None,
    )
    giang = Official.objects.get(code="TH0004")
    assert (giang.gender, giang.ethnic_group.name, giang.birth_date) == ("NU", "Khmer", dt.date(1981, 7, 13))
    assert khoa.qualifications.get(qualification_type__code="CHUYEN_MON").level.code == "TRUNG_CAP"
    assert khoa.qualifications.get(qualification_type__code="NGOAI_NGU").detail == "BAC_2"
    assert Evaluation.objects.get(official=khoa, year=2020).rating == "HTXSNV"
    assert Organization.objects.get(code="DT.TH.PNV").parent.code == "DT.TH"
    assert result.batch.changes.count() == 9 + 91 + 91 + 605 + 425


def test_it_refuses_the_raw_sample_whose_two_positions_end_before_they_start():
    result = import_workbook(RAW_SAMPLE)

    assert [str(problem) for problem in result.problems] == [
        "ChucVu, dòng 19, cột “Đến ngày”: Đến ngày (15/03/2022) trước Từ ngày (01/05/2022); hãy sửa lại ngày cho đúng.",
        "ChucVu, dòng 62, cột “Đến ngày”: Đến ngày (15/06/2022) trước Từ ngày (01/10/2022); hãy sửa lại ngày cho đúng.",
    ]
    assert result.warnings == []
    assert nothing_written()


def test_importing_the_sample_again_changes_nothing():
    import_workbook(corrected_sample())
    history = ChangeRecord.objects.count()

    result = import_workbook(corrected_sample())

    assert result.ok
    assert result.batch is None
    assert all(counts["created"] == counts["updated"] == counts["deleted"] == 0 for counts in result.summary.values())
    assert result.summary["TrinhDo"]["unchanged"] == 605
    assert result.summary["DanhGia"]["unchanged"] == 425
    assert ChangeRecord.objects.count() == history
    assert ImportBatch.objects.count() == 1


# --- a small workbook with every sheet -------------------------------------------------


def test_it_imports_every_sheet_of_a_small_workbook():
    result = run_import()

    assert result.ok, result.problems
    an = Official.objects.get(code="PT001")
    assert an.citizen_id == "001080000001"
    assert an.hometown_organization.code == "LC.PT.MUONGSO"
    assert an.party_joined_on == dt.date(2005, 5, 19)
    assert an.name_sort_key and "nguyen van an" in an.search_text
    binh = Official.objects.get(code="PT002")
    assert (binh.hometown_organization, binh.hometown_text) == (None, "Bản Nà Củng")
    assert binh.ethnic_group.name == "Thái"
    assert Organization.objects.get(code="LC.PT.MUONGSO").path.startswith(Organization.objects.get(code="LC.PT").path)
    assert Organization.objects.get(code="LC.PT.MUONGSO").founded_on == dt.date(2000, 1, 1)
    assert PositionRecord.objects.get(official=binh).end_date == dt.date(2019, 12, 31)
    law = QualificationRecord.objects.get(official=an, qualification_type__code="CHUYEN_MON")
    assert (law.level.code, law.major, law.obtained_on) == ("DAI_HOC", "Luật", dt.date(2004, 6, 1))
    it = QualificationRecord.objects.get(official=an, qualification_type__code="TIN_HOC")
    assert (it.level, it.detail) == (None, "Chứng chỉ ứng dụng CNTT cơ bản")
    assert Evaluation.objects.get(official=binh).year == 2022
    rotation = CareerEvent.objects.get(official=an)
    assert (rotation.kind, rotation.from_organization.code, rotation.to_organization.code) == (
        "LUAN_CHUYEN", "LC.PT", "LC.PT.MUONGSO",
    )
    reward = CareerEvent.objects.get(official=binh)
    assert (reward.from_organization, reward.from_text, reward.note) == (None, "", "Giấy khen")
    planning = PlanningEntry.objects.get()
    assert (planning.title.code, planning.term, planning.approved_on) == ("PCT_UBND_XA", "2025-2030", dt.date(2023, 3, 1))
    assert result.summary["SuKien"]["created"] == 2


def test_it_matches_sheet_names_and_headers_ignoring_case_diacritics_and_spaces():
    rows = base_rows()
    book = {"tổ chức ": rows["ToChuc"], "CAN BO": rows["CanBo"]}
    headers = {
        "tổ chức ": ["  MA", "ten", "LOẠI", "mã cấp trên", "Hinh thuc", "ngày thành lập", "NGAY GIAI THE"],
        "CAN BO": ["ma can bo", "HỌ VÀ TÊN", "gioi tinh", "Ngày Sinh", "dan toc", "so cccd", "que quan", "ngay vao dang"],
    }

    result = run_import(book, headers)

    assert result.ok, result.problems
    assert Official.objects.count() == 2


def test_it_ignores_an_unknown_column():
    rows = base_rows()
    rows["CanBo"] = [[*row, "ghi chú riêng"] for row in rows["CanBo"]]

    result = run_import(rows, {"CanBo": [*HEADERS["CanBo"], "Ghi chú của đơn vị"]})

    assert result.ok
    assert Official.objects.count() == 2


def test_it_ignores_a_completely_empty_extra_sheet():
    rows = base_rows()
    rows["Sheet2"] = []

    assert run_import(rows).ok


# --- problems with the file or its structure ---------------------------------------


def test_it_rejects_an_unknown_sheet_and_lists_the_accepted_names():
    rows = base_rows()
    rows["Danh sách"] = [["ghi chú"]]

    result = run_import(rows)

    assert problems(result) == [(
        "Danh sách", None, None,
        "Tên sheet không thuộc mẫu trao đổi; chỉ chấp nhận các sheet: "
        "ToChuc, CanBo, ChucVu, TrinhDo, DanhGia, SuKien, QuyHoach, DangVien.",
    )]
    assert nothing_written()


def test_it_rejects_a_sheet_given_twice_under_two_spellings():
    rows = base_rows()
    rows["Đánh giá"] = rows["DanhGia"]

    assert problems(run_import(rows, {"Đánh giá": HEADERS["DanhGia"]})) == [
        ("Đánh giá", None, None, "Sheet bị lặp: đã có sheet “DanhGia”."),
    ]


def test_it_rejects_a_missing_required_column():
    rows = base_rows()
    rows["CanBo"] = [row[:3] + row[4:] for row in rows["CanBo"]]
    headers = {"CanBo": HEADERS["CanBo"][:3] + HEADERS["CanBo"][4:]}

    result = run_import(rows, headers)

    assert problems(result) == [("CanBo", None, "Ngày sinh", "Thiếu cột bắt buộc.")]
    assert nothing_written()


def test_it_rejects_a_column_given_twice():
    rows = base_rows()
    rows["DanhGia"] = [[*row, row[2]] for row in rows["DanhGia"]]

    result = run_import(rows, {"DanhGia": [*HEADERS["DanhGia"], "XẾP LOẠI"]})

    assert problems(result) == [("DanhGia", 1, "XẾP LOẠI", "Cột bị lặp: trùng với cột “Xếp loại”.")]


def test_it_rejects_a_workbook_without_the_required_sheets():
    rows = base_rows()
    del rows["ToChuc"], rows["CanBo"]

    result = run_import(rows)

    assert problems(result) == [
        ("ToChuc", None, None, "Thiếu sheet bắt buộc."),
        ("CanBo", None, None, "Thiếu sheet bắt buộc."),
    ]


def test_it_rejects_a_workbook_without_data_rows():
    result = run_import({"ToChuc": [], "CanBo": [[None, "   ", None]]})

    assert problems(result) == [("", None, None, "Tệp không có dòng dữ liệu nào.")]


def test_it_rejects_an_empty_file():
    result = import_workbook(io.BytesIO(b""))

    assert problems(result) == [("", None, None, "Tệp rỗng (0 byte), không phải bảng tính Excel (.xlsx).")]
    assert str(result.problems[0]) == "Tệp rỗng (0 byte), không phải bảng tính Excel (.xlsx)."


@pytest.mark.parametrize("content", [
    "Mã cán bộ;Họ và tên\nPT001;Nguyễn Văn An\n".encode(),  # a CSV renamed .xlsx
    bytes(range(256)) * 4,  # garbage
    b"PK\x03\x04 truncated archive",  # looks like a zip, is not one
])
def test_it_rejects_a_file_that_is_not_an_xlsx_workbook(tmp_path, content):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(content)

    result = import_workbook(path)

    assert problems(result) == [("", None, None, "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")]
    assert nothing_written()


def test_it_rejects_a_zip_archive_that_holds_no_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải Excel")

    result = import_workbook(buffer)

    assert problems(result) == [("", None, None, "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")]


def test_it_asks_for_xlsx_instead_of_an_old_xls_file():
    result = import_workbook(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)))

    assert result.problems[0].message.startswith("Tệp Excel 97-2003 (.xls) không được hỗ trợ")


# --- workbooks written by Excel: shared strings, rich text, date formats ------------

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PACKAGE_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
DOCUMENT_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def excel_style_xlsx(sheets: dict[str, str], shared_strings: list[str]) -> io.BytesIO:
    """A workbook laid out as Excel saves it; `sheets` maps names to <sheetData> rows XML.

    Style 1 is the built-in date format 14, style 2 the custom format dd/mm/yyyy.
    """
    names = list(sheets)
    parts = {
        "_rels/.rels": f'<Relationships {PACKAGE_NS}><Relationship Id="rId1" '
                       f'Type="{DOCUMENT_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {NS} {R_NS}><sheets>' + "".join(
            f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, start=1)
        ) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f"<Relationships {PACKAGE_NS}>" + "".join(
            f'<Relationship Id="rId{i}" Type="{DOCUMENT_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        ) + f'<Relationship Id="rS" Type="{DOCUMENT_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rT" Type="{DOCUMENT_RELS}/styles" Target="styles.xml"/></Relationships>',
        "xl/sharedStrings.xml": f"<sst {NS}>" + "".join(f"<si>{item}</si>" for item in shared_strings) + "</sst>",
        "xl/styles.xml": f'<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
                         '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
                         "</cellXfs></styleSheet>",
    }
    for i, name in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = f"<worksheet {NS}><sheetData>{sheets[name]}</sheetData></worksheet>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, xml in parts.items():
            archive.writestr(path, xml)
    buffer.seek(0)
    return buffer


def shared_row(number: int, indexes: list[int], extra: str = "") -> str:
    """A row of shared-string cells from column A, then any extra cells XML."""
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="s"><v>{index}</v></c>' for i, index in enumerate(indexes))
    return f'<row r="{number}">{cells}{extra}</row>'


def excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def test_it_reads_shared_strings_rich_text_and_date_formats_as_excel_writes_them():
    strings = [
        "<t>Mã</t>", "<t>Tên</t>", "<t>Loại</t>", "<t>LC</t>", "<t>Đảng bộ tỉnh Lai Châu</t>", "<t>TINH</t>",
        "<t>Mã cán bộ</t>", "<t>Họ và tên</t>", "<t>Giới tính</t>", "<t>Ngày sinh</t>", "<t>Dân tộc</t>",
        "<t>Số CCCD</t>", "<t>Ngày vào Đảng</t>", "<t>Kinh</t>", "<t>Đã duyệt</t>",
        '<r><t xml:space="preserve">Nguyễn </t></r><r><rPr><b/></rPr><t>Văn An</t></r><rPh><t>phonetic</t></rPh>',
    ]
    organization = '<row r="2"><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c t="s"><v>5</v></c></row>'  # no "r"
    official = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>PT001</t></is></c><c r="B2" t="s"><v>15</v></c>'
        '<c r="C2" t="str"><f>"Nam"</f><v>Nam</v></c>'
        f'<c r="D2" s="1"><v>{excel_serial(dt.date(1980, 3, 15))}</v></c>'
        '<c r="E2" t="s"><v>13</v></c><c r="F2" t="str"><v>001080000001</v></c>'
        f'<c r="G2" s="2"><v>{excel_serial(dt.date(2005, 5, 19))}</v></c><c r="I2" t="b"><v>1</v></c></row>'
    )
    workbook = excel_style_xlsx(
        {
            "ToChuc": shared_row(1, [0, 1, 2]) + organization,
            "CanBo": shared_row(1, [6, 7, 8, 9, 10, 11, 12], '<c r="I1" t="s"><v>14</v></c>') + official,
        },
        strings,
    )

    result = import_workbook(workbook)

    assert result.ok, result.problems
    assert Organization.objects.get().name == "Đảng bộ tỉnh Lai Châu"
    an = Official.objects.get()
    assert (an.full_name, an.gender, an.birth_date, an.citizen_id, an.party_joined_on) == (
        "Nguyễn Văn An", "NAM", dt.date(1980, 3, 15), "001080000001", dt.date(2005, 5, 19),
    )


def test_it_reports_the_row_numbers_excel_shows_when_rows_are_skipped():
    strings = ["<t>Mã</t>", "<t>Tên</t>", "<t>Loại</t>", "<t>LC</t>", "<t>TINH</t>",
               "<t>Mã cán bộ</t>", "<t>Họ và tên</t>", "<t>Giới tính</t>", "<t>Ngày sinh</t>", "<t>Dân tộc</t>"]
    organizations = shared_row(1, [0, 1, 2]) + '<row r="9"><c r="A9" t="s"><v>3</v></c><c r="C9" t="s"><v>4</v></c></row>'

    result = import_workbook(excel_style_xlsx({"ToChuc": organizations, "CanBo": shared_row(1, [5, 6, 7, 8, 9])}, strings))

    assert problems(result) == [("ToChuc", 9, "Tên", "Ô bắt buộc, không được để trống.")]


# --- unknown codes --------------------------------------------------------------------


def test_it_rejects_an_unknown_parent_code():
    rows = base_rows()
    rows["ToChuc"][1][3] = "LC.XX"

    result = run_import(rows)

    assert problems(result) == [
        ("ToChuc", 3, "Mã cấp trên", "Mã cấp trên “LC.XX” không có trong sheet ToChuc và chưa có trong cơ sở dữ liệu."),
    ]


def test_it_rejects_an_unknown_official_or_organization_code_in_the_record_sheets():
    rows = base_rows()
    rows["ChucVu"][0][0] = "PT999"
    rows["ChucVu"][1][1] = "LC.PT.KHONGCO"
    rows["DanhGia"][2][0] = "PT998"

    result = run_import(rows)

    assert problems(result) == [
        ("ChucVu", 2, "Mã cán bộ", "Mã cán bộ “PT999” không có trong sheet CanBo và chưa có trong cơ sở dữ liệu."),
        ("ChucVu", 3, "Mã tổ chức", "Mã tổ chức “LC.PT.KHONGCO” không có trong sheet ToChuc và chưa có trong cơ sở dữ liệu."),
        ("DanhGia", 4, "Mã cán bộ", "Mã cán bộ “PT998” không có trong sheet CanBo và chưa có trong cơ sở dữ liệu."),
    ]
    assert nothing_written()


def test_it_rejects_an_unknown_position_title():
    rows = base_rows()
    rows["ChucVu"][0][2] = "GIAM_DOC"

    assert problems(run_import(rows)) == [
        ("ChucVu", 2, "Chức vụ", "Chức vụ “GIAM_DOC” không có trong danh mục chức vụ."),
    ]


def test_it_rejects_an_unknown_qualification_type():
    rows = base_rows()
    rows["TrinhDo"][0][1] = "THE_DUC"

    assert problems(run_import(rows)) == [(
        "TrinhDo", 2, "Loại",
        "Loại trình độ “THE_DUC” không có trong danh mục (chấp nhận: PHO_THONG, CHUYEN_MON, LY_LUAN, QLNN, "
        "TIN_HOC, NGOAI_NGU, BOI_DUONG_VTVL, NGACH).",
    )]


def test_it_rejects_an_unknown_level_of_a_ranked_qualification():
    rows = base_rows()
    rows["TrinhDo"][1][2] = "CAO_HOC"

    assert problems(run_import(rows)) == [(
        "TrinhDo", 3, "Trình độ",
        "Trình độ “CAO_HOC” không có trong thang của loại LY_LUAN (chấp nhận: SO_CAP, TRUNG_CAP, CAO_CAP, CU_NHAN).",
    )]


def test_it_accepts_a_level_by_its_name_or_alias():
    rows = base_rows()
    rows["TrinhDo"][0][2] = "Đại học"
    rows["TrinhDo"][3][2] = "THPT"

    assert run_import(rows).ok
    levels = set(QualificationRecord.objects.exclude(level=None).values_list("level__code", flat=True))
    assert levels == {"DAI_HOC", "TRUNG_CAP", "12/12"}


def test_it_rejects_an_unknown_rating_event_kind_ethnic_group_and_gender():
    rows = base_rows()
    rows["DanhGia"][0][2] = "GIOI"
    rows["SuKien"][0][1] = "NGHI_HUU"
    rows["CanBo"][0][4] = "Kinh Thái"
    rows["CanBo"][1][2] = "Khác"

    assert problems(run_import(rows)) == [
        ("CanBo", 2, "Dân tộc", "Dân tộc “Kinh Thái” không có trong danh mục 54 dân tộc."),
        ("CanBo", 3, "Giới tính", "Giới tính phải là Nam hoặc Nữ: “Khác”."),
        ("DanhGia", 2, "Xếp loại", "Xếp loại không hợp lệ: “GIOI” (chấp nhận: HTXSNV, HTTNV, HTNV, KHTNV)."),
        ("SuKien", 2, "Loại", "Loại sự kiện không hợp lệ: “NGHI_HUU” (chấp nhận: LUAN_CHUYEN, DIEU_DONG, "
                              "BO_NHIEM, BO_NHIEM_LAI, CHUAN_Y, KHEN_THUONG, KY_LUAT, CU_DI_HOC, TUYEN_DUNG, THOI_VIEC, CHI_DINH, "
                              "GIOI_THIEU_UNG_CU)."),
    ]


def test_it_accepts_ethnic_group_aliases():
    rows = base_rows()
    rows["CanBo"][1][4] = "H'Mông"

    assert run_import(rows).ok
    assert Official.objects.get(code="PT002").ethnic_group.name == "Mông"


# --- dates ----------------------------------------------------------------------------


def test_it_rejects_an_impossible_date():
    rows = base_rows()
    rows["CanBo"][0][3] = "31/02/1980"

    result = run_import(rows)

    assert problems(result) == [("CanBo", 2, "Ngày sinh", "Ngày không tồn tại: “31/02/1980”.")]
    assert str(result.problems[0]) == "CanBo, dòng 2, cột “Ngày sinh”: Ngày không tồn tại: “31/02/1980”."


def test_it_rejects_a_future_birth_date_and_a_future_position_start():
    tomorrow = TODAY + dt.timedelta(days=1)
    rows = base_rows()
    rows["CanBo"][0][3] = tomorrow
    rows["ChucVu"][0][3] = tomorrow.isoformat()

    assert problems(run_import(rows)) == [
        ("CanBo", 2, "Ngày sinh", f"Ngày ở tương lai (sau hôm nay): “{tomorrow:%d/%m/%Y}”."),
        ("ChucVu", 2, "Từ ngày", f"Ngày ở tương lai (sau hôm nay): “{tomorrow:%d/%m/%Y}”."),
    ]


def test_it_rejects_a_date_that_is_not_a_date():
    rows = base_rows()
    rows["TrinhDo"][0][4] = "năm 2004"
    rows["ChucVu"][0][3] = 2020

    assert problems(run_import(rows)) == [
        ("ChucVu", 2, "Từ ngày", "Không phải là ngày (cần ô ngày hoặc dd/mm/yyyy): “2020”."),
        ("TrinhDo", 2, "Ngày cấp", "Ngày không đúng định dạng dd/mm/yyyy hoặc yyyy-mm-dd: “năm 2004”."),
    ]


def test_it_rejects_an_empty_required_cell():
    rows = base_rows()
    rows["ChucVu"][1][3] = None

    assert problems(run_import(rows)) == [("ChucVu", 3, "Từ ngày", "Ô bắt buộc, không được để trống.")]


def test_it_rejects_an_organization_that_ceases_before_it_is_founded():
    rows = base_rows()
    rows["ToChuc"][2][6] = "31/12/1999"

    assert problems(run_import(rows)) == [
        ("ToChuc", 4, "Ngày giải thể", "Ngày giải thể (31/12/1999) trước ngày thành lập (01/01/2000)."),
    ]


def test_it_rejects_planning_removed_before_it_was_approved():
    rows = base_rows()
    rows["QuyHoach"][0][5] = "01/01/2023"

    assert problems(run_import(rows)) == [
        ("QuyHoach", 2, "Ngày đưa ra khỏi", "Ngày đưa ra khỏi quy hoạch (01/01/2023) trước ngày phê duyệt (01/03/2023)."),
    ]


def test_it_rejects_a_position_that_ends_before_it_starts_and_never_swaps_the_dates():
    rows = base_rows()
    rows["ChucVu"][1][3:5] = ["31/12/2019", "01/06/2015"]

    result = run_import(rows)

    assert problems(result) == [
        ("ChucVu", 3, "Đến ngày", "Đến ngày (01/06/2015) trước Từ ngày (31/12/2019); hãy sửa lại ngày cho đúng."),
    ]
    assert result.warnings == []
    assert nothing_written()


# --- duplicates and identity -------------------------------------------------------------


def test_it_rejects_a_duplicate_official_code_ignoring_case():
    rows = base_rows()
    rows["CanBo"].append(["pt001", "Nguyễn Văn Ân", "Nam", "01/01/1985", "Kinh", None, None, None])

    result = run_import(rows)

    assert problems(result) == [("CanBo", 4, "Mã cán bộ", "Mã cán bộ “pt001” bị lặp (đã có ở dòng 2).")]
    assert nothing_written()


def test_it_rejects_a_duplicate_organization_code():
    rows = base_rows()
    rows["ToChuc"].append(["lc.pt", "Huyện ủy khác", "HUYEN", "LC", None, None, None])

    assert problems(run_import(rows)) == [("ToChuc", 6, "Mã", "Mã tổ chức “lc.pt” bị lặp (đã có ở dòng 3).")]


def test_it_rejects_two_ratings_for_the_same_person_and_year():
    rows = base_rows()
    rows["DanhGia"].append(["PT001", 2022, "HTNV"])

    assert problems(run_import(rows)) == [
        ("DanhGia", 5, "Năm", "Cán bộ đã có xếp loại năm 2022 (đã có ở dòng 3)."),
    ]


def test_it_rejects_the_same_position_twice():
    rows = base_rows()
    rows["ChucVu"].append(["PT001", "LC.PT.MUONGSO", "BT_DU", "01/10/2020", "01/01/2021"])

    assert problems(run_import(rows)) == [
        ("ChucVu", 4, "Từ ngày", "Chức vụ này của cán bộ bị lặp (đã có ở dòng 2)."),
    ]


@pytest.mark.parametrize("value, message", [
    ("12345678901", "Số CCCD phải gồm đúng 12 chữ số: “12345678901” (nên nhập dạng văn bản để giữ số 0 ở đầu)."),
    ("0010800000012", "Số CCCD phải gồm đúng 12 chữ số: “0010800000012”."),
    ("00108000000A", "Số CCCD phải gồm đúng 12 chữ số: “00108000000A”."),
    (10800000001, "Số CCCD phải gồm đúng 12 chữ số: “10800000001” (nên nhập dạng văn bản để giữ số 0 ở đầu)."),
])
def test_it_rejects_a_citizen_id_that_is_not_twelve_digits(value, message):
    rows = base_rows()
    rows["CanBo"][0][5] = value

    assert problems(run_import(rows)) == [("CanBo", 2, "Số CCCD", message)]


def test_it_accepts_a_twelve_digit_citizen_id_typed_as_a_number():
    rows = base_rows()
    rows["CanBo"][1][5] = 123456789012

    assert run_import(rows).ok
    assert Official.objects.get(code="PT002").citizen_id == "123456789012"


def test_it_rejects_a_citizen_id_given_twice_in_the_file():
    rows = base_rows()
    rows["CanBo"][1][5] = "001080000001"

    assert problems(run_import(rows)) == [
        ("CanBo", 3, "Số CCCD", "Số CCCD “001080000001” bị lặp (đã có ở dòng 2)."),
    ]


def test_it_rejects_a_citizen_id_that_belongs_to_another_official():
    make_official("LC9999", citizen_id="001080000001")

    assert problems(run_import()) == [
        ("CanBo", 2, "Số CCCD", "Số CCCD “001080000001” đã thuộc về cán bộ “LC9999”."),
    ]


def test_two_officials_in_the_file_may_swap_their_citizen_ids():
    run_import()
    Official.objects.filter(code="PT002").update(citizen_id="001090000002")
    rows = base_rows()
    rows["CanBo"][0][5], rows["CanBo"][1][5] = "001090000002", "001080000001"

    result = run_import(rows)

    assert result.ok, result.problems
    assert Official.objects.get(code="PT001").citizen_id == "001090000002"
    assert Official.objects.get(code="PT002").citizen_id == "001080000001"


# --- other rules ---------------------------------------------------------------------


def test_it_rejects_a_person_under_sixteen_today():
    born = TODAY.replace(year=TODAY.year - 16) + dt.timedelta(days=1)
    rows = base_rows()
    rows["CanBo"][1][3] = born

    assert problems(run_import(rows)) == [
        ("CanBo", 3, "Ngày sinh", f"Chưa đủ 16 tuổi (sinh ngày {born:%d/%m/%Y})."),
    ]


def test_it_rejects_a_party_admission_before_birth():
    rows = base_rows()
    rows["CanBo"][0][7] = "01/01/1979"

    assert problems(run_import(rows)) == [
        ("CanBo", 2, "Ngày vào Đảng", "Ngày vào Đảng (01/01/1979) phải sau ngày sinh."),
    ]


def test_it_rejects_a_cycle_of_parent_organizations():
    rows = base_rows()
    rows["ToChuc"][0][3] = "LC.PT.MUONGSO"

    result = run_import(rows)

    assert problems(result)[0] == (
        "ToChuc", 2, "Mã cấp trên", "Mã cấp trên tạo thành vòng lặp: LC → LC.PT.MUONGSO → LC.PT → LC.",
    )
    assert {p.row for p in result.problems} == {2, 3, 4}
    assert nothing_written()


def test_it_rejects_an_organization_that_is_its_own_parent():
    rows = base_rows()
    rows["ToChuc"][3][3] = "LC.TD"

    assert problems(run_import(rows)) == [
        ("ToChuc", 5, "Mã cấp trên", "Mã cấp trên tạo thành vòng lặp: LC.TD → LC.TD."),
    ]


def test_it_rejects_an_unknown_organization_kind_or_form():
    rows = base_rows()
    rows["ToChuc"][2][2] = "PHUONG"
    rows["ToChuc"][2][4] = "DANG_UY"

    assert problems(run_import(rows)) == [
        ("ToChuc", 4, "Loại", "Loại tổ chức không hợp lệ: “PHUONG” (chấp nhận: TINH, HUYEN, XA, CO_QUAN, CHI_BO)."),
        ("ToChuc", 4, "Hình thức", "Hình thức không hợp lệ: “DANG_UY” (chấp nhận: DANG_BO, CHI_BO_CO_SO, AP, NGANH)."),
    ]


@pytest.mark.parametrize("value, message", [
    ("2022.5", "Năm không phải là số nguyên: “2022.5”."),
    (2022.5, "Năm không phải là số nguyên: “2022.5”."),
    ("hai nghìn", "Năm không phải là số nguyên: “hai nghìn”."),
    (TODAY.year + 1, f"Năm {TODAY.year + 1} không hợp lệ (từ 1945 đến năm nay)."),
    (1900, "Năm 1900 không hợp lệ (từ 1945 đến năm nay)."),
])
def test_it_rejects_a_rating_year_that_is_not_a_past_whole_year(value, message):
    rows = base_rows()
    rows["DanhGia"][0][1] = value

    assert problems(run_import(rows)) == [("DanhGia", 2, "Năm", message)]


@pytest.mark.parametrize("term", ["2025", "2025-25", "2030-2025", "nhiệm kỳ 2025-2030"])
def test_it_rejects_a_planning_term_not_like_2025_2030(term):
    rows = base_rows()
    rows["QuyHoach"][0][3] = term

    assert problems(run_import(rows)) == [(
        "QuyHoach", 2, "Nhiệm kỳ",
        f"Nhiệm kỳ phải có dạng năm bắt đầu-năm kết thúc, ví dụ 2025-2030: “{term}”.",
    )]


def test_it_reports_every_problem_at_once_and_writes_nothing():
    rows = base_rows()
    rows["ToChuc"][1][2] = None
    rows["CanBo"][0][2] = "M"
    rows["CanBo"][1][3] = "30/02/1990"
    rows["ChucVu"][1][2] = "XX"
    rows["DanhGia"][1][2] = None
    rows["QuyHoach"][0][3] = "2025"

    result = run_import(rows)

    assert [(p.sheet, p.row, p.column) for p in result.problems] == [
        ("ToChuc", 3, "Loại"),
        ("CanBo", 2, "Giới tính"),
        ("CanBo", 3, "Ngày sinh"),
        ("ChucVu", 3, "Chức vụ"),
        ("DanhGia", 3, "Xếp loại"),
        ("QuyHoach", 2, "Nhiệm kỳ"),
    ]
    assert not result.ok and result.batch is None
    assert nothing_written()
    assert not ChangeRecord.objects.exists()


def test_a_dry_run_reports_the_summary_and_writes_nothing():
    result = run_import(dry_run=True)

    assert result.ok and result.batch is None
    assert result.summary["CanBo"]["created"] == 2
    assert result.summary["TrinhDo"]["created"] == 4
    assert nothing_written()


# --- updates and history -------------------------------------------------------------


def test_a_corrected_workbook_updates_by_code_and_records_history():
    run_import()
    rows = base_rows()
    rows["CanBo"][1][1] = "Lò Thị Bình An"
    rows["ToChuc"][2][1] = "Đảng bộ xã Mường So (mới)"
    rows["DanhGia"][2][2] = "HTTNV"
    rows["ChucVu"][0][4] = "30/06/2023"
    del rows["TrinhDo"][2]  # PT001 no longer has the IT certificate

    result = run_import(rows, file_name="ban-sua.xlsx")

    assert result.ok
    assert result.summary["CanBo"] == {"created": 0, "updated": 1, "unchanged": 1, "deleted": 0}
    assert result.summary["ToChuc"] == {"created": 0, "updated": 1, "unchanged": 3, "deleted": 0}
    assert result.summary["TrinhDo"] == {"created": 0, "updated": 0, "unchanged": 3, "deleted": 1}
    binh = Official.objects.get(code="PT002")
    assert binh.full_name == "Lò Thị Bình An"
    assert "lo thi binh an" in binh.search_text
    assert Evaluation.objects.get(official=binh, year=2022).rating == "HTTNV"
    assert PositionRecord.objects.get(official__code="PT001").end_date == dt.date(2023, 6, 30)
    assert not QualificationRecord.objects.filter(qualification_type__code="TIN_HOC").exists()

    batch = result.batch
    assert batch.file_name == "ban-sua.xlsx"
    assert batch.summary == result.summary
    changes = {(c.entity, c.action): c for c in batch.changes.all()}
    assert set(changes) == {
        ("CanBo", "update"), ("ToChuc", "update"), ("DanhGia", "update"), ("ChucVu", "update"), ("TrinhDo", "delete"),
    }
    name_change = changes[("CanBo", "update")]
    assert name_change.key == "PT002"
    assert name_change.before["full_name"] == "Lò Thị Bình"
    assert name_change.after["full_name"] == "Lò Thị Bình An"
    assert name_change.after["birth_date"] == "1990-02-01"
    position_change = changes[("ChucVu", "update")]
    assert position_change.key == "PT001 | LC.PT.MUONGSO | BT_DU | 2020-10-01"
    assert (position_change.before["end_date"], position_change.after["end_date"]) == (None, "2023-06-30")
    deleted = changes[("TrinhDo", "delete")]
    assert deleted.after is None
    assert deleted.before == {
        "official": "PT001", "qualification_type": "TIN_HOC", "level": None,
        "detail": "Chứng chỉ ứng dụng CNTT cơ bản", "major": "", "obtained_on": "2012-06-01",
    }


def test_a_new_parent_moves_the_organization_with_its_subtree():
    run_import()
    rows = base_rows()
    rows["ToChuc"][1][3] = "LC.TD"  # Phong Thổ now under Tam Đường, with its commune

    result = run_import(rows)

    assert result.summary["ToChuc"]["updated"] == 1
    tam_duong = Organization.objects.get(code="LC.TD")
    assert Organization.objects.get(code="LC.PT").parent == tam_duong
    assert Organization.objects.get(code="LC.PT.MUONGSO").is_within(tam_duong)


def test_the_first_import_records_one_history_row_per_created_row():
    result = run_import()

    assert result.batch.changes.count() == 4 + 2 + 2 + 4 + 3 + 2 + 1
    created = result.batch.changes.get(entity="CanBo", key="PT001")
    assert (created.action, created.before) == ("create", None)
    assert created.after["hometown_organization"] == "LC.PT.MUONGSO"
    assert created.after["party_joined_on"] == "2005-05-19"


def test_codes_match_the_stored_ones_ignoring_case():
    run_import()
    rows = base_rows()
    for sheet in ("CanBo", "ChucVu", "TrinhDo", "DanhGia", "SuKien", "QuyHoach"):
        for row in rows[sheet]:
            row[0] = row[0].lower()
    rows["ChucVu"][0][1] = "lc.pt.muongso"
    rows["ToChuc"][1][0] = "lc.pt"

    result = run_import(rows)

    assert result.ok and result.batch is None
    assert Official.objects.filter(code="PT001").exists()


def test_rows_missing_from_a_record_sheet_are_deleted_for_officials_listed_in_CanBo():
    run_import()
    rows = base_rows()
    rows["DanhGia"] = [["PT001", 2021, "HTXSNV"]]  # PT001 loses 2022, PT002 loses everything

    result = run_import(rows)

    assert result.summary["DanhGia"] == {"created": 0, "updated": 0, "unchanged": 1, "deleted": 2}
    assert list(Evaluation.objects.values_list("official__code", "year")) == [("PT001", 2021)]


def test_a_record_sheet_absent_from_the_workbook_leaves_those_records_alone():
    run_import()
    rows = base_rows()
    del rows["DanhGia"], rows["SuKien"]

    result = run_import(rows)

    assert result.ok and result.batch is None
    assert Evaluation.objects.count() == 3
    assert CareerEvent.objects.count() == 2


def test_an_optional_column_absent_from_the_sheet_keeps_the_stored_values():
    run_import()
    rows = base_rows()
    rows["CanBo"] = [row[:5] for row in rows["CanBo"]]  # without CCCD, hometown, party date
    rows["ChucVu"] = [row[:4] for row in rows["ChucVu"]]  # without end dates

    result = run_import(rows, {"CanBo": HEADERS["CanBo"][:5], "ChucVu": HEADERS["ChucVu"][:4]})

    assert result.ok and result.batch is None
    an = Official.objects.get(code="PT001")
    assert (an.citizen_id, an.hometown_organization.code) == ("001080000001", "LC.PT.MUONGSO")
    assert PositionRecord.objects.get(official__code="PT002").end_date == dt.date(2019, 12, 31)


def test_records_of_an_existing_official_not_listed_in_CanBo_are_added_and_none_deleted():
    run_import()
    rows = {
        "ToChuc": [],
        "CanBo": [],
        "DanhGia": [["PT002", 2023, "HTXSNV"]],
        "TrinhDo": [["PT002", "NGOAI_NGU", "Tiếng Anh B1", None, "01/09/2019"]],
    }

    result = run_import(rows)

    assert result.ok, result.problems
    assert result.summary["DanhGia"] == {"created": 1, "updated": 0, "unchanged": 0, "deleted": 0}
    assert set(Evaluation.objects.filter(official__code="PT002").values_list("year", flat=True)) == {2022, 2023}
    assert QualificationRecord.objects.filter(official__code="PT002").count() == 2


def test_an_empty_cell_in_a_present_column_clears_the_stored_value():
    run_import()
    rows = base_rows()
    rows["CanBo"][0][5] = None
    rows["CanBo"][0][6] = None

    result = run_import(rows)

    assert result.summary["CanBo"]["updated"] == 1
    an = Official.objects.get(code="PT001")
    assert (an.citizen_id, an.hometown_organization, an.hometown_text) == (None, None, "")


def officials_workbook(prefix: str, count: int) -> io.BytesIO:
    """`count` new officials in the small workbook's commune, each with a position, a degree and a rating."""
    codes = [f"{prefix}{number:03d}" for number in range(count)]
    return workbook_bytes({
        "ToChuc": base_rows()["ToChuc"],
        "CanBo": [[code, f"Cán bộ {code}", "Nữ", "01/01/1990", "Kinh", None, None, None] for code in codes],
        "ChucVu": [[code, "LC.PT.MUONGSO", "CC_VPTK", "01/01/2020", None] for code in codes],
        "TrinhDo": [[code, "CHUYEN_MON", "DAI_HOC", None, "01/06/2012"] for code in codes],
        "DanhGia": [[code, 2022, "HTTNV"] for code in codes],
    })


def test_the_number_of_queries_does_not_grow_with_the_number_of_officials():
    run_import()

    def queries_to_import(workbook) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert import_workbook(workbook).ok
        return len(queries)

    assert queries_to_import(officials_workbook("A", 3)) == queries_to_import(officials_workbook("B", 120))
    assert Official.objects.count() == 2 + 3 + 120


# --- progress -----------------------------------------------------------------------------


def reported_phases(reports: list[tuple]) -> dict[str, list[tuple]]:
    """(done, total, unit) of each report, by step, in the order they came."""
    phases: dict[str, list[tuple]] = {}
    for done, total, step, unit in reports:
        phases.setdefault(step, []).append((done, total, unit))
    return phases


def test_the_import_reports_its_progress_while_reading_checking_and_writing():
    reports = []
    assert import_workbook(officials_workbook("P", 600), progress=lambda *report: reports.append(report)).ok

    phases = reported_phases(reports)
    assert list(phases) == ["Bước 1/3: đọc tệp", "Bước 2/3: kiểm tra từng dòng", "Bước 3/3: ghi vào cơ sở dữ liệu"]
    for step, counts in phases.items():
        dones = [done for done, _, _ in counts]
        assert dones == sorted(dones) and dones[0] == 0, step
        assert counts[-1][0] == counts[-1][1] > 0, step  # each phase ends complete
        assert len(counts) > 2, step  # and reports in between
    rows = 4 + 4 * 600
    assert phases["Bước 2/3: kiểm tra từng dòng"][-1] == (rows, rows, "dòng")
    # Into an empty database every row is created: the row and its history row.
    assert phases["Bước 3/3: ghi vào cơ sở dữ liệu"][-1] == (2 * rows, 2 * rows, "")


def test_a_dry_run_reports_two_steps_and_an_unchanged_workbook_no_writing():
    workbook = officials_workbook("P", 10)
    reports = []
    import_workbook(workbook, dry_run=True, progress=lambda *report: reports.append(report))
    assert list(reported_phases(reports)) == ["Bước 1/2: đọc tệp", "Bước 2/2: kiểm tra từng dòng"]

    assert import_workbook(workbook).ok
    reports.clear()
    import_workbook(workbook, progress=lambda *report: reports.append(report))
    assert list(reported_phases(reports)) == ["Bước 1/3: đọc tệp", "Bước 2/3: kiểm tra từng dòng"]


# --- scope -----------------------------------------------------------------------------


def test_a_district_user_imports_inside_the_district():
    run_import()
    user = make_user("phongtho", Organization.objects.get(code="LC.PT"))
    rows = base_rows()
    rows["ToChuc"] = [
        ["LC.PT", "Huyện ủy Phong Thổ", "HUYEN", "LC", None, None, None],
        ["LC.PT.MAQUAILING", "Đảng bộ xã Ma Quai Lìn", "XA", "LC.PT", "DANG_BO", None, None],
    ]

    result = run_import(rows, user=user)

    assert result.ok, result.problems
    assert Organization.objects.get(code="LC.PT.MAQUAILING").is_within(user.organization)
    assert result.batch.user == user


def test_a_district_user_cannot_touch_an_organization_outside_the_district():
    run_import()
    user = make_user("phongtho", Organization.objects.get(code="LC.PT"))
    rows = base_rows()
    rows["ToChuc"].append(["LC.TD.BANGIANG", "Đảng bộ xã Bản Giang", "XA", "LC.TD", "DANG_BO", None, None])
    rows["QuyHoach"][0][2] = "LC.TD"

    result = run_import(rows, user=user)

    assert problems(result) == [
        ("ToChuc", 2, "Mã", "Tổ chức “LC” ngoài phạm vi quản lý của người nhập."),
        ("ToChuc", 5, "Mã", "Tổ chức “LC.TD” ngoài phạm vi quản lý của người nhập."),
        ("ToChuc", 6, "Mã cấp trên", "Cấp trên “LC.TD” ngoài phạm vi quản lý của bạn: không được tạo tổ chức "
                                     "hoặc chuyển tổ chức ra ngoài phạm vi."),
        ("QuyHoach", 2, "Mã tổ chức", "Tổ chức “LC.TD” ngoài phạm vi quản lý của người nhập."),
    ]


def test_a_district_user_cannot_move_an_organization_of_another_district_into_theirs():
    run_import()
    user = make_user("phongtho", Organization.objects.get(code="LC.PT"))

    result = run_import({"ToChuc": [["LC.TD", "Huyện ủy Tam Đường", "HUYEN", "LC.PT", None, None, None]], "CanBo": []}, user=user)

    assert problems(result) == [("ToChuc", 2, "Mã", "Tổ chức “LC.TD” ngoài phạm vi quản lý của người nhập.")]


def test_a_district_user_cannot_change_an_official_of_another_district():
    tam_duong = make_organization("LC.TD", "HUYEN")
    other = make_official("TD001", full_name="Vàng A Dơ")
    add_position(other, tam_duong, "PHO_PHONG", dt.date(2020, 1, 1))
    phong_tho = make_organization("LC.PT", "HUYEN")
    user = make_user("phongtho", phong_tho)
    rows = {
        "ToChuc": [],
        "CanBo": [["TD001", "Vàng A Dơ", "Nam", "01/01/1980", "Mông", None, None, None]],
        "DanhGia": [["TD001", 2022, "KHTNV"]],
    }

    result = run_import(rows, user=user)

    assert problems(result) == [
        ("CanBo", 2, "Mã cán bộ", "Mã cán bộ “TD001” đã được dùng, hãy chọn mã khác."),
        ("DanhGia", 2, "Mã cán bộ", "Mã cán bộ “TD001” không dùng được: không phải cán bộ mới trong sheet CanBo, "
                                    "cũng không phải cán bộ trong phạm vi quản lý của bạn."),
    ]


def test_a_district_user_does_not_delete_positions_held_in_another_district():
    province = make_organization("LC", "TINH")
    phong_tho = make_organization("LC.PT", "HUYEN", province)
    tam_duong = make_organization("LC.TD", "HUYEN", province)
    official = make_official("PT001")
    add_position(official, tam_duong, "PHO_PHONG", dt.date(2010, 1, 1), dt.date(2015, 12, 31))
    add_position(official, phong_tho, "TRUONG_PHONG", dt.date(2016, 1, 1))
    add_rating(official, 2022, "HTTNV")
    user = make_user("phongtho", phong_tho)
    rows = {
        "ToChuc": [],
        "CanBo": [["PT001", official.full_name, "Nam", "01/01/1980", "Kinh", None, None, None]],
        "ChucVu": [["PT001", "LC.PT", "TRUONG_PHONG", "01/01/2016", "31/12/2022"]],
    }

    result = run_import(rows, user=user)

    assert result.ok, result.problems
    assert result.summary["ChucVu"] == {"created": 0, "updated": 1, "unchanged": 0, "deleted": 0}
    assert official.positions.count() == 2


def test_a_district_user_may_name_an_organization_outside_the_district_in_an_event():
    """An event records where an official came from; re-importing one's own export must work."""
    run_import()
    user = make_user("phongtho", Organization.objects.get(code="LC.PT"))
    rows = {"ToChuc": [], "CanBo": [], "SuKien": [["PT002", "DIEU_DONG", "01/02/2023", "LC.TD", "LC.PT.MUONGSO", None]]}

    result = run_import(rows, user=user)

    assert result.ok, result.problems
    assert CareerEvent.objects.get(kind="DIEU_DONG").from_organization.code == "LC.TD"


def test_a_user_without_an_organization_may_not_import():
    user = make_user("nobody", None)

    assert problems(run_import(user=user)) == [
        ("", None, None, "Tài khoản chưa được gán tổ chức nên không được nhập dữ liệu."),
    ]


def test_a_superuser_without_an_organization_imports_everything():
    user = make_user("admin", None, is_superuser=True)

    assert run_import(user=user).ok


# --- the command -------------------------------------------------------------------------


def test_the_command_prints_the_summary_in_vietnamese(capsys, tmp_path):
    call_command("import_workbook", str(corrected_sample_file(tmp_path)))

    output = capsys.readouterr().out
    assert "Đã nhập xong" in output
    assert "- Cán bộ (CanBo): thêm 91, cập nhật 0, không đổi 0, xóa 0" in output
    assert Official.objects.count() == 91


def test_the_command_dry_run_writes_nothing(capsys, tmp_path):
    call_command("import_workbook", str(corrected_sample_file(tmp_path)), "--dry-run")

    assert "chạy thử" in capsys.readouterr().out
    assert nothing_written()


def test_the_command_prints_every_problem_and_fails(tmp_path, capsys):
    rows = base_rows()
    rows["CanBo"][0][3] = "31/02/1980"
    rows["DanhGia"][0][2] = "GIOI"
    path = tmp_path / "loi.xlsx"
    path.write_bytes(workbook_bytes(rows).getvalue())

    with pytest.raises(CommandError, match="Tệp có 2 lỗi; không có dữ liệu nào được ghi."):
        call_command("import_workbook", str(path))

    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "CanBo, dòng 2, cột “Ngày sinh”: Ngày không tồn tại: “31/02/1980”.",
        "DanhGia, dòng 2, cột “Xếp loại”: Xếp loại không hợp lệ: “GIOI” (chấp nhận: HTXSNV, HTTNV, HTNV, KHTNV).",
    ]
    assert nothing_written()


def test_the_command_fails_on_a_missing_file(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_workbook", str(tmp_path / "khong-co.xlsx"))

    assert "Không mở được tệp" in capsys.readouterr().err
