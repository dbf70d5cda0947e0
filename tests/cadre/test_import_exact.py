"""Imports are exact: export → import changes nothing, changes are listed field by field,
end dates before start dates are errors, and notices are shown beside errors."""
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from cadre.exchange.workbook_export import export_workbook
from cadre.exchange.workbook_import import import_workbook
from cadre.models import (
    CareerEvent,
    Evaluation,
    ImportBatch,
    Official,
    Organization,
    OrganizationKind,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
    Succession,
)
from tests.cadre.test_workbook_import import HEADERS, base_rows, nothing_written, problems, workbook_bytes
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MODELS = (Organization, Succession, Official, PositionRecord, QualificationRecord, Evaluation, CareerEvent,
          PlanningEntry)


def exported(organization=None) -> io.BytesIO:
    buffer = io.BytesIO()
    export_workbook(organization, buffer)
    buffer.seek(0)
    return buffer


def snapshot() -> dict[str, list[dict]]:
    """Every row of every model the workbook touches, every field."""
    rows = {}
    for model in MODELS:
        rows[model.__name__] = [
            {**model_to_dict(row, fields=[f.name for f in model._meta.concrete_fields]),
             **({"updated_at": row.updated_at} if model is Official else {})}
            for row in model.objects.order_by("pk")
        ]
    return rows


def changed(result) -> dict[str, dict[str, int]]:
    """The sheets with something created, updated or deleted."""
    return {
        sheet: counts for sheet, counts in result.summary.items()
        if counts["created"] or counts["updated"] or counts["deleted"]
    }


def full_rows() -> dict[str, list[list]]:
    """Every column of every sheet filled for PT001; PT002 has a free-text hometown."""
    rows = base_rows()
    rows["ToChuc"][2] = ["LC.PT.MUONGSO", "Đảng bộ xã Mường So", "XA", "LC.PT", "DANG_BO", "01/01/2000", None]
    rows["ToChuc"].append(["LC.PT.CU", "Đảng bộ xã Cũ", "XA", "LC.PT", "DANG_BO", "01/01/1990", "31/12/2019",
                           None, "XA"])
    rows["ToChuc"].append(["LC.PT.KHAC", "Đảng bộ thị trấn Khác", "XA", "LC.PT", "DANG_BO", "01/01/1995", "31/12/2019",
                           None, "THI_TRAN"])
    rows["ToChuc"].append(["LC.PT.MOI", "Đảng bộ phường Mới", "XA", "LC.PT", "DANG_BO", "01/01/2020", None,
                           "lc.pt.khac; LC.PT.CU", "PHUONG"])
    rows["ToChuc"].append(["LC.PT.VP", "Văn phòng Huyện ủy", "CO_QUAN", "LC.PT", "CHI_BO_CO_SO", None, None, None, "DANG"])
    rows["ChucVu"].append(["PT001", "LC.PT.CU", "PCT_UBND_XA", "01/01/2015", "30/09/2020"])
    rows["TrinhDo"].append(["PT001", "NGOAI_NGU", "Tiếng Anh B1", "Ngôn ngữ Anh", "01/06/2014"])
    rows["SuKien"].append(["PT001", "KHEN_THUONG", "15/01/2022", "Sở Nội vụ tỉnh Lào Cai", "LC.PT", "Bằng khen"])
    rows["QuyHoach"].append(["PT001", "BT_DU", "LC.PT.MUONGSO", "2020-2025", "01/03/2019", "01/03/2021"])
    return rows


# --- export → import changes nothing -----------------------------------------------------


def test_every_field_survives_export_then_import():
    first = import_workbook(workbook_bytes(full_rows()))
    assert first.ok, first.problems
    an = Official.objects.get(code="PT001")
    assert (an.hometown_organization.code, an.hometown_text) == ("LC.PT.MUONGSO", "")
    assert Official.objects.get(code="PT002").hometown_text == "Bản Nà Củng"
    assert set(Succession.objects.values_list("successor__code", "predecessor__code")) == {
        ("LC.PT.MOI", "LC.PT.KHAC"), ("LC.PT.MOI", "LC.PT.CU"),
    }
    assert Organization.objects.get(code="LC.PT.VP").category == "DANG"
    event = CareerEvent.objects.get(kind="KHEN_THUONG", official=an)
    assert (event.from_organization, event.from_text, event.to_organization.code, event.note) == (
        None, "Sở Nội vụ tỉnh Lào Cai", "LC.PT", "Bằng khen",
    )
    # Data entered by hand before the form refused it: a commune and a free text together.
    Official.objects.filter(code="PT001").update(hometown_text="Thôn Bản Hon")
    CareerEvent.objects.filter(pk=event.pk).update(to_text="Huyện ủy (ghi tay)", note="=Bằng khen của UBND tỉnh")
    before = snapshot()

    dry_run = import_workbook(exported(), dry_run=True)
    written = import_workbook(exported())

    assert dry_run.ok and written.ok, (dry_run.problems, written.problems)
    assert (changed(dry_run), dry_run.changes) == ({}, [])
    assert (changed(written), written.changes, written.batch) == ({}, [], None)
    assert snapshot() == before
    assert ImportBatch.objects.count() == 1


def test_the_free_text_hometown_is_on_the_profile(client):
    import_workbook(workbook_bytes(full_rows()))
    client.force_login(make_user("root", None, is_superuser=True))
    binh = Official.objects.get(code="PT002")
    body = client.get(reverse("cadre:official_detail", args=[binh.pk])).content.decode()
    assert "<dt>Quê quán</dt><dd>Bản Nà Củng</dd>" in body


def test_a_commune_and_a_free_text_together_are_refused_by_the_form_check():
    import_workbook(workbook_bytes(full_rows()))
    an = Official.objects.get(code="PT001")
    an.hometown_text = "Thôn Bản Hon"
    with pytest.raises(Exception) as refused:
        an.full_clean()
    assert "không dùng cả hai" in str(refused.value)


def test_every_district_of_the_demo_data_round_trips_without_a_change():
    call_command("generate_demo", "--officials", "300", "--seed", "7")
    districts = list(Organization.objects.filter(kind=OrganizationKind.DISTRICT).order_by("code"))
    assert len(districts) >= 2
    before = snapshot()
    for organization in [*districts, None]:
        result = import_workbook(exported(organization), dry_run=True)
        assert result.ok, (organization, result.problems[:5])
        assert (changed(result), result.changes[:5], result.warnings) == ({}, [], []), organization
    assert snapshot() == before


def test_a_district_export_keeps_positions_held_in_another_district():
    import_workbook(workbook_bytes(full_rows()))
    rows = {
        "ToChuc": [["LC.TD.XA", "Xã của Tam Đường", "XA", "LC.TD", "DANG_BO", None, None]],
        "CanBo": [],
        "ChucVu": [["PT002", "LC.TD.XA", "CT_UBND_XA", "01/01/2020", None]],
    }
    assert import_workbook(workbook_bytes(rows)).ok
    before = snapshot()

    result = import_workbook(exported(Organization.objects.get(code="LC.PT")))

    assert result.ok, result.problems
    assert (changed(result), result.changes) == ({}, [])
    assert snapshot() == before


# --- end before start is an error ----------------------------------------------------------


def test_a_position_that_ends_before_it_starts_is_an_error_and_nothing_is_written():
    rows = base_rows()
    rows["ChucVu"][1][3:5] = ["31/12/2019", "01/06/2015"]

    result = import_workbook(workbook_bytes(rows))

    assert problems(result) == [
        ("ChucVu", 3, "Đến ngày", "Đến ngày (01/06/2015) trước Từ ngày (31/12/2019); hãy sửa lại ngày cho đúng."),
    ]
    assert result.warnings == []
    assert nothing_written()


@pytest.mark.parametrize("sheet, index, columns, message", [
    ("ToChuc", 2, (5, 6), "Ngày giải thể (01/01/1999) trước ngày thành lập (01/01/2000)."),
    ("QuyHoach", 0, (4, 5), "Ngày đưa ra khỏi quy hoạch (01/01/2023) trước ngày phê duyệt (01/03/2023)."),
])
def test_other_date_ranges_that_end_before_they_start_are_errors(sheet, index, columns, message):
    rows = base_rows()
    start, end = columns
    rows[sheet][index][start] = {"ToChuc": "01/01/2000", "QuyHoach": "01/03/2023"}[sheet]
    rows[sheet][index][end] = {"ToChuc": "01/01/1999", "QuyHoach": "01/01/2023"}[sheet]

    result = import_workbook(workbook_bytes(rows))

    assert [(p.sheet, p.row, p.message) for p in result.problems] == [(sheet, index + 2, message)]
    assert nothing_written()


# --- the change list -----------------------------------------------------------------------


def renamed_rows() -> dict[str, list[list]]:
    rows = base_rows()
    rows["CanBo"][0][1] = "Nguyễn Văn Ân"
    rows["ChucVu"][0][4] = "31/12/2023"
    rows["DanhGia"] = rows["DanhGia"][1:]
    return rows


def test_the_dry_run_lists_each_change_by_official_field_old_and_new_value():
    import_workbook(workbook_bytes(base_rows()))

    result = import_workbook(workbook_bytes(renamed_rows()), dry_run=True)

    assert [str(change) for change in result.changes] == [
        "PT001 Nguyễn Văn Ân · Cán bộ · Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân",
        "PT001 Nguyễn Văn Ân · Chức vụ (Mã tổ chức: LC.PT.MUONGSO; Chức vụ: BT_DU; Từ ngày: 01/10/2020) · "
        "Đến ngày: (trống) → 31/12/2023",
        "PT001 Nguyễn Văn Ân · Đánh giá, xếp loại · Xóa: Năm: 2021; Xếp loại: HTXSNV",
    ]
    assert Official.objects.get(code="PT001").full_name == "Nguyễn Văn An"


def test_the_command_prints_the_change_list(tmp_path, capsys):
    import_workbook(workbook_bytes(base_rows()))
    path = tmp_path / "sua.xlsx"
    path.write_bytes(workbook_bytes(renamed_rows()).getvalue())

    call_command("import_workbook", str(path), "--dry-run")

    output = capsys.readouterr().out
    assert "Các thay đổi (3):\n" in output
    assert "- PT001 Nguyễn Văn Ân · Cán bộ · Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân\n" in output
    assert Official.objects.get(code="PT001").full_name == "Nguyễn Văn An"


def test_the_command_prints_notices_and_errors_together(tmp_path, capsys):
    rows = base_rows()
    rows["CanBo"][0][3] = "31/02/1980"
    path = tmp_path / "loi.xlsx"
    headers = {"CanBo": [*HEADERS["CanBo"], "Ghi chu noi bo"]}
    path.write_bytes(workbook_bytes(rows, headers).getvalue())

    with pytest.raises(CommandError):
        call_command("import_workbook", str(path))

    errors = capsys.readouterr().err
    assert "Cảnh báo: CanBo, dòng 1, cột “Ghi chu noi bo”: Cột “Ghi chu noi bo” không thuộc mẫu trao đổi" in errors
    assert "CanBo, dòng 2, cột “Ngày sinh”" in errors


# --- the page ------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, settings):
    settings.IMPORT_IN_BACKGROUND = False
    client.force_login(make_user("root", None, is_superuser=True))
    return client


def upload(client, data: io.BytesIO, name="tep.xlsx"):
    return client.post(reverse("cadre:import_upload"), {"workbook": SimpleUploadedFile(name, data.getvalue())}, follow=True)


def test_the_page_shows_the_changes_in_words(editor_client):
    import_workbook(workbook_bytes(base_rows()))

    body = upload(editor_client, workbook_bytes(renamed_rows())).content.decode()

    assert "Các thay đổi sẽ ghi (3)" in body
    assert "<td>Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân</td>" in body
    assert "<td>Đến ngày: (trống) → 31/12/2023</td>" in body
    assert "<td>Xóa: Năm: 2021; Xếp loại: HTXSNV</td>" in body
    assert "Xem tất cả" not in body


def test_a_long_change_list_is_cut_on_the_page_and_complete_on_its_own(editor_client, monkeypatch):
    monkeypatch.setattr("cadre.services.import_jobs.CHANGES_SHOWN", 2)
    monkeypatch.setattr("cadre.views.imports.CHANGES_SHOWN", 2)
    import_workbook(workbook_bytes(base_rows()))

    response = upload(editor_client, workbook_bytes(renamed_rows()))
    body = response.content.decode()
    token = response.context["job"].token

    assert "còn 1 thay đổi nữa" in body and "Xóa: Năm: 2021" not in body
    first = editor_client.get(reverse("cadre:import_changes", args=[token])).content.decode()
    second = editor_client.get(reverse("cadre:import_changes", args=[token]) + "?trang=2").content.decode()
    assert "Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân" in first and "Trang 1 / 2" in first
    assert "<td>Xóa: Năm: 2021; Xếp loại: HTXSNV</td>" in second


def test_another_session_cannot_read_the_change_list(editor_client, client):
    token = upload(editor_client, workbook_bytes(base_rows())).context["job"].token
    client.logout()
    client.force_login(make_user("other", None))  # superusers may open any upload; other users only their own

    assert client.get(reverse("cadre:import_changes", args=[token])).status_code == 404


def test_the_page_shows_notices_and_errors_together(editor_client):
    rows = base_rows()
    rows["ChucVu"][1][3:5] = ["31/12/2019", "01/06/2015"]
    headers = {"CanBo": [*HEADERS["CanBo"], "Ghi chu noi bo"]}

    body = upload(editor_client, workbook_bytes(rows, headers)).content.decode()

    assert "Tệp có 1 lỗi — chưa có dữ liệu nào được ghi." in body
    assert "<td>Đến ngày (01/06/2015) trước Từ ngày (31/12/2019); hãy sửa lại ngày cho đúng.</td>" in body
    assert "Lưu ý (1)" in body
    assert "Cột “Ghi chu noi bo” không thuộc mẫu trao đổi nên được bỏ qua." in body
    assert "đã hoán đổi" not in body
    assert nothing_written()
