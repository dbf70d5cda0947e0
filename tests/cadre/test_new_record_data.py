"""The data issue 15 adds (data contract): the civil-service grade NGACH, four event kinds and the programme
of a training (`Chương trình`), through the exchange workbook, with their checks, and back out."""
import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from cadre.exchange.workbook_import import import_workbook
from cadre.models import CareerEvent, Official, QualificationLevel, QualificationRecord
from tests.cadre.test_workbook_export import exported
from tests.cadre.test_workbook_import import HEADERS, base_rows, run_import, workbook_bytes

pytestmark = pytest.mark.django_db


def rows_with_new_data():
    rows = base_rows()
    rows["TrinhDo"].append(["PT001", "NGACH", "CHUYEN_VIEN_CHINH", None, "01/07/2018"])
    rows["SuKien"] = [
        ["PT001", "CU_DI_HOC", "01/09/2019", None, "Học viện Chính trị khu vực I", "Hệ tập trung", "LLCT_CAO_CAP"],
        ["PT002", "TUYEN_DUNG", "01/06/2015", None, None, "Thi tuyển công chức"],
        ["PT002", "THOI_VIEC", "31/12/2019", None, None, None],
        ["PT001", "CHI_DINH", "05/05/2020", None, "LC.PT.MUONGSO", None],
        ["PT001", "GIOI_THIEU_UNG_CU", "10/10/2020", None, "LC.PT.MUONGSO", None],
    ]
    return rows


def test_the_new_data_is_imported_and_exported_unchanged():
    result = run_import(rows_with_new_data())
    assert result.ok, result.problems
    grade = QualificationRecord.objects.get(qualification_type__code="NGACH")
    assert (grade.official.code, grade.level.code, grade.obtained_on) == ("PT001", "CHUYEN_VIEN_CHINH", dt.date(2018, 7, 1))
    assert sorted(CareerEvent.objects.values_list("official__code", "kind", "programme")) == [
        ("PT001", "CHI_DINH", ""), ("PT001", "CU_DI_HOC", "LLCT_CAO_CAP"), ("PT001", "GIOI_THIEU_UNG_CU", ""),
        ("PT002", "THOI_VIEC", ""), ("PT002", "TUYEN_DUNG", ""),
    ]
    book = load_workbook(exported())
    training = [[cell.value for cell in row] for row in book["SuKien"].iter_rows(min_row=2)
                if row[1].value == "CU_DI_HOC"]
    assert training == [["PT001", "CU_DI_HOC", dt.datetime(2019, 9, 1), None, "Học viện Chính trị khu vực I",
                         "Hệ tập trung", "LLCT_CAO_CAP"]]
    # Export → import changes nothing.
    again = import_workbook(exported())
    assert again.ok and again.changes == [] and again.batch is None


def test_a_workbook_without_the_programme_column_keeps_the_stored_programmes():
    assert run_import(rows_with_new_data()).ok
    rows = rows_with_new_data()
    rows["SuKien"] = [row[:6] for row in rows["SuKien"]]
    result = import_workbook(workbook_bytes(rows, {"SuKien": HEADERS["SuKien"][:6]}))
    assert result.ok, result.problems
    assert CareerEvent.objects.get(kind="CU_DI_HOC").programme == "LLCT_CAO_CAP"


def test_an_unknown_programme_and_a_programme_of_another_event_are_refused_and_nothing_is_written():
    rows = rows_with_new_data()
    rows["SuKien"][0][6] = "TIEN_SI_NUOC_NGOAI"
    rows["SuKien"][1].append("DAI_HOC")
    result = run_import(rows)
    assert not result.ok
    assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == [
        ("SuKien", 2, "Chương trình", "Chương trình không hợp lệ: “TIEN_SI_NUOC_NGOAI” (chấp nhận: LLCT_CAO_CAP, "
                                      "LLCT_TRUNG_CAP, LLCT_SO_CAP, SAU_DAI_HOC, DAI_HOC, QLNN, BOI_DUONG)."),
        ("SuKien", 3, "Chương trình", "Chương trình chỉ ghi cho sự kiện Cử đi học (CU_DI_HOC)."),
    ]
    assert Official.objects.count() == 0 and CareerEvent.objects.count() == 0


def test_a_grade_outside_its_scale_is_refused():
    rows = base_rows()
    rows["TrinhDo"].append(["PT001", "NGACH", "CAO_CAP", None, "01/07/2018"])
    result = run_import(rows)
    assert [(p.sheet, p.column) for p in result.problems] == [("TrinhDo", "Trình độ")]
    assert "CAN_SU, CHUYEN_VIEN, CHUYEN_VIEN_CHINH, CHUYEN_VIEN_CAO_CAP" in result.problems[0].message


def test_the_grade_scale_is_ordered_as_the_domain_says():
    assert list(QualificationLevel.objects.filter(qualification_type__code="NGACH").order_by("rank")
                .values_list("code", flat=True)) == ["CAN_SU", "CHUYEN_VIEN", "CHUYEN_VIEN_CHINH", "CHUYEN_VIEN_CAO_CAP"]


def test_the_database_refuses_a_programme_on_another_event():
    assert run_import(base_rows()).ok
    person = Official.objects.get(code="PT001")
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerEvent.objects.create(official=person, kind="KHEN_THUONG", date=dt.date(2020, 1, 1), programme="DAI_HOC")
