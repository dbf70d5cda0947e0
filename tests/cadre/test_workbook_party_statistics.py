"""The DangVien sheet (an extension of the exchange workbook): party-member statistics by organization and year."""
import io

import pytest
from django.utils import timezone

from cadre.exchange.workbook_export import export_workbook
from cadre.exchange.workbook_import import import_workbook
from cadre.models import ChangeRecord, ImportBatch, Organization, PartyStatistics
from tests.cadre.test_workbook_export import empty_the_database, sheet_values
from tests.cadre.test_workbook_import import base_rows, problems, run_import, workbook_bytes
from tests.factories import make_user

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
HEADER = ["Mã tổ chức", "Năm", "Số đảng viên", "Dự bị", "Nữ", "Kết nạp", "Đưa ra khỏi"]
STATISTICS = [
    ["LC.PT", 2023, 4809, 150, 1499, 120, 8],
    ["LC.PT.MUONGSO", 2022, 310, 12, 95, 14, 1],
    ["lc.pt.muongso", "2023", "325", 10, "101", 16, None],  # codes ignore case; an empty count is 0
]


def with_statistics(rows=STATISTICS, header=HEADER) -> dict:
    workbook = base_rows()
    workbook["DangVien"] = [list(row) for row in rows]
    return {"rows": workbook, "headers": {"DangVien": header}}


def stored() -> list[tuple]:
    return list(PartyStatistics.objects.order_by("organization__code", "year").values_list(
        "organization__code", "year", "members", "probationary", "female", "admitted", "removed"))


def statistics_only(rows, header=HEADER) -> io.BytesIO:
    """A workbook of statistics for organizations already stored: ToChuc and CanBo are there, empty."""
    return workbook_bytes({"ToChuc": [], "CanBo": [], "DangVien": rows}, {"DangVien": header})


def test_it_imports_the_statistics_of_each_organization_and_year_with_their_history():
    result = run_import(**with_statistics())

    assert result.ok, result.problems
    assert stored() == [
        ("LC.PT", 2023, 4809, 150, 1499, 120, 8),
        ("LC.PT.MUONGSO", 2022, 310, 12, 95, 14, 1),
        ("LC.PT.MUONGSO", 2023, 325, 10, 101, 16, 0),
    ]
    assert result.summary["DangVien"] == {"created": 3, "updated": 0, "unchanged": 0, "deleted": 0}
    history = ChangeRecord.objects.filter(entity="DangVien").order_by("key")
    assert [(entry.key, entry.action, entry.organization_path) for entry in history] == [
        ("LC.PT | 2023", "create", Organization.objects.get(code="LC.PT").path),
        ("LC.PT.MUONGSO | 2022", "create", Organization.objects.get(code="LC.PT.MUONGSO").path),
        ("LC.PT.MUONGSO | 2023", "create", Organization.objects.get(code="LC.PT.MUONGSO").path),
    ]
    assert history[0].after == {"organization": "LC.PT", "year": 2023, "members": 4809, "probationary": 150,
                                "female": 1499, "admitted": 120, "removed": 8}


def test_importing_the_same_statistics_again_changes_nothing():
    run_import(**with_statistics())
    batches, history = ImportBatch.objects.count(), ChangeRecord.objects.count()

    result = run_import(**with_statistics())

    assert result.ok and result.batch is None
    assert result.summary["DangVien"] == {"created": 0, "updated": 0, "unchanged": 3, "deleted": 0}
    assert (ImportBatch.objects.count(), ChangeRecord.objects.count()) == (batches, history)


def test_a_changed_count_updates_the_row_and_is_listed_field_by_field():
    run_import(**with_statistics())
    rows = [list(row) for row in STATISTICS]
    rows[0][2] = "4.812"  # Vietnamese thousands dot, as typed
    rows[0][4] = 1500

    result = import_workbook(statistics_only(rows), dry_run=True)

    assert result.ok, result.problems
    assert result.summary["DangVien"] == {"created": 0, "updated": 1, "unchanged": 2, "deleted": 0}
    assert [str(line) for line in result.changes] == [
        "LC.PT Huyện ủy Phong Thổ · Thống kê đảng viên (Năm: 2023) · Số đảng viên: 4809 → 4812",
        "LC.PT Huyện ủy Phong Thổ · Thống kê đảng viên (Năm: 2023) · Nữ: 1499 → 1500",
    ]
    assert import_workbook(statistics_only(rows)).ok
    assert stored()[0] == ("LC.PT", 2023, 4812, 150, 1500, 120, 8)


def test_every_bad_row_is_reported_at_once_and_nothing_is_written():
    rows = [
        ["LC.PT", 2023, -5, 0, 0, 0, 0],
        ["LC.PT", 2022, "nhiều", 1.5, 0, 0, 0],
        ["LC.PT.MUONGSO", 2023, 10, 11, 12, 0, 0],
        ["LC.PT.MUONGSO", 1929, 10, 0, 0, 0, 0],
        ["LC.PT.MUONGSO", THIS_YEAR + 1, 10, 0, 0, 0, 0],
        ["LC.XX", 2023, 10, 0, 0, 0, 0],
        ["LC.PT", 2021, None, 0, 0, 0, True],
        ["LC.PT.MUONGSO", "2023", 10, 0, 0, 0, 0],
    ]

    result = run_import(**with_statistics(rows))

    assert problems(result) == [
        ("DangVien", 2, "Số đảng viên", "Phải là số nguyên không âm: “-5”."),
        ("DangVien", 3, "Số đảng viên", "Phải là số nguyên không âm: “nhiều”."),
        ("DangVien", 3, "Dự bị", "Phải là số nguyên không âm: “1.5”."),
        ("DangVien", 4, "Dự bị", "Số đảng viên dự bị (11) nhiều hơn tổng số đảng viên (10)."),
        ("DangVien", 4, "Nữ", "Số đảng viên nữ (12) nhiều hơn tổng số đảng viên (10)."),
        ("DangVien", 5, "Năm", "Năm 1929 không hợp lệ (từ 1930 đến năm nay)."),
        ("DangVien", 6, "Năm", f"Năm {THIS_YEAR + 1} không hợp lệ (từ 1930 đến năm nay)."),
        ("DangVien", 7, "Mã tổ chức", "Mã tổ chức “LC.XX” không có trong sheet ToChuc và chưa có trong cơ sở dữ liệu."),
        ("DangVien", 8, "Số đảng viên", "Ô bắt buộc, không được để trống."),
        ("DangVien", 8, "Đưa ra khỏi", "Phải là số nguyên không âm: “True”."),
        ("DangVien", 9, "Năm", "Tổ chức đã có số liệu đảng viên năm 2023 (đã có ở dòng 4)."),
    ]
    assert not Organization.objects.exists() and not PartyStatistics.objects.exists()


def test_a_missing_count_column_keeps_the_stored_counts_and_they_are_still_checked():
    run_import(**with_statistics())

    result = import_workbook(statistics_only([["LC.PT", 2023, 4900], ["LC.PT.MUONGSO", 2023, 100]],
                                             ["Mã tổ chức", "Năm", "Tổng số đảng viên"]))

    assert problems(result) == [
        ("DangVien", 3, "Tổng số đảng viên", "Số đảng viên nữ (101) nhiều hơn tổng số đảng viên (100)."),
    ]
    assert import_workbook(statistics_only([["LC.PT", 2023, 4900]], ["Mã tổ chức", "Năm", "Số đảng viên"])).ok
    assert stored()[0] == ("LC.PT", 2023, 4900, 150, 1499, 120, 8)


def test_a_district_user_imports_statistics_of_the_district_only():
    run_import(**with_statistics())
    user = make_user("phongtho", Organization.objects.get(code="LC.PT"))
    rows = [["LC.PT", 2023, 4810, 150, 1499, 120, 8], ["LC.TD", 2023, 3000, 0, 0, 0, 0], ["LC", 2023, 1, 0, 0, 0, 0]]

    result = import_workbook(statistics_only(rows), user=user)

    assert problems(result) == [
        ("DangVien", 3, "Mã tổ chức", "Tổ chức “LC.TD” ngoài phạm vi quản lý của người nhập."),
        ("DangVien", 4, "Mã tổ chức", "Tổ chức “LC” ngoài phạm vi quản lý của người nhập."),
    ]
    assert import_workbook(statistics_only(rows[:1]), user=user).ok
    assert stored()[0] == ("LC.PT", 2023, 4810, 150, 1499, 120, 8)


def test_a_workbook_without_the_sheet_leaves_the_statistics_alone():
    run_import(**with_statistics())
    before = stored()

    result = run_import()

    assert result.ok
    assert result.summary["DangVien"] == {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    assert stored() == before


def test_a_sheet_without_last_years_rows_keeps_them():
    run_import(**with_statistics())

    assert import_workbook(statistics_only([STATISTICS[0]])).ok

    assert len(stored()) == 3


def test_export_writes_the_subtrees_statistics_and_they_import_back_unchanged():
    run_import(**with_statistics())
    buffer = io.BytesIO()
    export_workbook(Organization.objects.get(code="LC.PT"), buffer)
    buffer.seek(0)
    first = sheet_values(buffer)
    assert first["DangVien"] == [
        tuple(HEADER),
        ("LC.PT", 2023, 4809, 150, 1499, 120, 8),
        ("LC.PT.MUONGSO", 2022, 310, 12, 95, 14, 1),
        ("LC.PT.MUONGSO", 2023, 325, 10, 101, 16, 0),
    ]
    before = stored()
    PartyStatistics.objects.all().delete()
    empty_the_database()

    # The district's own export, into an empty database: its parent row must exist first.
    buffer.seek(0)
    assert run_import({"ToChuc": [["LC", "Đảng bộ tỉnh Lai Châu", "TINH", None, None, None, None]], "CanBo": []}).ok
    result = import_workbook(buffer)

    assert result.ok, result.problems
    assert stored() == before
    again = io.BytesIO()
    export_workbook(Organization.objects.get(code="LC.PT"), again)
    again.seek(0)
    assert sheet_values(again) == first
