"""Exporting the exchange workbook: layout, scope, round trip, queries, command."""
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cadre.exchange.workbook_export import export_workbook
from cadre.exchange.workbook_import import import_workbook
from cadre.models import ChangeRecord, ImportBatch, Official, Organization
from tests.cadre.test_workbook_import import HEADERS, base_rows, workbook_bytes
from tests.factories import add_position, add_qualification, add_rating, make_official, make_organization
from tests.sample_workbook import corrected_sample

pytestmark = pytest.mark.django_db


def exported(organization=None) -> io.BytesIO:
    buffer = io.BytesIO()
    export_workbook(organization, buffer)
    buffer.seek(0)
    return buffer


def sheet_values(buffer) -> dict[str, list[tuple]]:
    book = load_workbook(buffer, read_only=True)
    values = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    book.close()
    buffer.seek(0)
    return values


def empty_the_database() -> None:
    Official.objects.all().delete()  # their records go with them
    for organization in Organization.objects.order_by("-path"):
        organization.delete()  # children before parents


def import_small_workbook():
    result = import_workbook(workbook_bytes(base_rows()))
    assert result.ok, result.problems


def test_it_writes_the_seven_sheets_with_the_contract_headers():
    import_small_workbook()

    book = load_workbook(exported())

    assert book.sheetnames == ["ToChuc", "CanBo", "ChucVu", "TrinhDo", "DanhGia", "SuKien", "QuyHoach", "DangVien"]
    for name, headers in HEADERS.items():
        sheet = book[name]
        assert [cell.value for cell in sheet[1]] == headers
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width >= 10


def test_it_writes_dates_as_date_cells_and_codes_as_text():
    import_small_workbook()

    book = load_workbook(exported())

    an = book["CanBo"][2]
    assert [cell.value for cell in an] == [
        "PT001", "Nguyễn Văn An", "Nam", dt.datetime(1980, 3, 15), "Kinh", "001080000001", "LC.PT.MUONGSO",
        dt.datetime(2005, 5, 19),
    ]
    assert an[3].number_format == "DD/MM/YYYY"
    assert an[3].is_date
    assert [cell.value for cell in book["CanBo"][3]][2:7] == ["Nữ", dt.datetime(1990, 2, 1), "Thái", None, "Bản Nà Củng"]
    assert [cell.value for cell in book["TrinhDo"][2]] == ["PT001", "CHUYEN_MON", "DAI_HOC", "Luật", dt.datetime(2004, 6, 1)]
    assert [cell.value for cell in book["DanhGia"][2]] == ["PT001", 2021, "HTXSNV"]
    assert [cell.value for cell in book["SuKien"][2]] == [
        "PT001", "LUAN_CHUYEN", dt.datetime(2020, 10, 1), "LC.PT", "LC.PT.MUONGSO", "Luân chuyển về xã", None,
    ]
    assert [cell.value for cell in book["QuyHoach"][2]] == [
        "PT002", "PCT_UBND_XA", "LC.PT.MUONGSO", "2025-2030", dt.datetime(2023, 3, 1), None,
    ]


def test_it_lists_organizations_parents_first():
    import_small_workbook()

    codes = [row[0] for row in sheet_values(exported())["ToChuc"][1:]]

    assert codes == ["LC", "LC.PT", "LC.PT.MUONGSO", "LC.TD"]


def test_it_exports_only_the_subtree_of_the_organization():
    province = make_organization("LC", "TINH")
    phong_tho = make_organization("LC.PT", "HUYEN", province)
    commune = make_organization("LC.PT.MUONGSO", "XA", phong_tho)
    tam_duong = make_organization("LC.TD", "HUYEN", province)
    inside = make_official("PT001")
    add_position(inside, commune, "BT_DU", dt.date(2020, 1, 1))
    add_position(inside, tam_duong, "PHO_PHONG", dt.date(2010, 1, 1), dt.date(2019, 12, 31))
    add_rating(inside, 2022, "HTTNV")
    outside = make_official("TD001")
    add_position(outside, tam_duong, "TRUONG_PHONG", dt.date(2020, 1, 1))
    add_rating(outside, 2022, "HTNV")

    values = sheet_values(exported(phong_tho))

    assert [row[:4] for row in values["ToChuc"][1:]] == [
        ("LC.PT", "Tổ chức LC.PT", "HUYEN", "LC"),
        ("LC.PT.MUONGSO", "Tổ chức LC.PT.MUONGSO", "XA", "LC.PT"),
    ]
    assert [row[0] for row in values["CanBo"][1:]] == ["PT001"]
    assert [row[:3] for row in values["ChucVu"][1:]] == [("PT001", "LC.PT.MUONGSO", "BT_DU")]
    assert values["DanhGia"][1:] == [("PT001", 2022, "HTTNV")]


def test_export_import_into_an_empty_database_and_export_again_gives_the_same_sheets():
    import_small_workbook()
    official = Official.objects.get(code="PT002")
    add_qualification(official, "NGOAI_NGU", "Tiếng Anh B1", dt.date(2019, 9, 1))
    first = exported()
    empty_the_database()

    result = import_workbook(first)
    second = exported()

    assert result.ok, result.problems
    assert sheet_values(second) == sheet_values(first)


def test_the_sample_round_trips_through_an_empty_database():
    import_workbook(corrected_sample())
    first = exported()
    empty_the_database()

    assert import_workbook(first).ok
    assert sheet_values(exported()) == sheet_values(first)


def test_reimporting_the_export_of_a_district_changes_nothing():
    import_workbook(corrected_sample())
    batches, history = ImportBatch.objects.count(), ChangeRecord.objects.count()

    result = import_workbook(exported(Organization.objects.get(code="DT.TH")))

    assert result.ok, result.problems
    assert result.batch is None
    assert result.summary["CanBo"] == {"created": 0, "updated": 0, "unchanged": 91, "deleted": 0}
    assert (ImportBatch.objects.count(), ChangeRecord.objects.count()) == (batches, history)


def test_it_uses_the_same_number_of_queries_whatever_the_number_of_officials(django_assert_num_queries):
    import_small_workbook()
    rows = base_rows()
    rows["CanBo"] = [
        [f"PT{number:03d}", f"Cán bộ {number}", "Nam", "01/01/1985", "Kinh", None, None, None] for number in range(1, 41)
    ]
    rows["ChucVu"] = [[f"PT{number:03d}", "LC.PT.MUONGSO", "CC_VPTK", "01/01/2020", None] for number in range(1, 41)]
    rows["DanhGia"] = [[f"PT{number:03d}", 2022, "HTTNV"] for number in range(1, 41)]
    assert import_workbook(workbook_bytes(rows)).ok
    district = Organization.objects.get(code="LC.PT")

    # organizations, their succession edges, officials, positions, qualifications, ratings, events, planning,
    # party-member statistics
    with django_assert_num_queries(9):
        export_workbook(district, io.BytesIO())


def test_the_export_command_writes_the_file(tmp_path, capsys):
    import_small_workbook()
    path = tmp_path / "phong-tho.xlsx"

    call_command("export_workbook", "--org", "lc.pt", str(path))

    assert "Đã xuất dữ liệu của tổ chức LC.PT" in capsys.readouterr().out
    values = sheet_values(io.BytesIO(path.read_bytes()))
    assert [row[0] for row in values["CanBo"][1:]] == ["PT001", "PT002"]


def test_the_export_command_rejects_an_unknown_organization(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức có mã “XX”."):
        call_command("export_workbook", "--org", "XX", str(tmp_path / "x.xlsx"))

    assert not (tmp_path / "x.xlsx").exists()
