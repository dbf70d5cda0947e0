"""Upload limits of the workbook import, cleanup of stored uploads, and only the uploader sees a token;
the command-line tools answer broken input with a Vietnamese message, never a traceback."""
import datetime as dt
import io
import json
import os
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Role
from cadre.models import ImportBatch, Official
from cadre.services.import_jobs import imports_dir
from documents.models import ReportDocument
from planning.models import Plan
from planning.services import plan_import
from tests.factories import make_district_tree, make_user
from tests.web.workbooks import corrected_workbook

pytestmark = pytest.mark.django_db
UPLOAD = reverse("cadre:import_upload")


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def staff_a(client, tree):
    client.force_login(make_user("staff-a", tree["LC.A"]))
    return client


def _stored():
    return sorted(path.name for path in imports_dir().iterdir())


def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(staff_a, settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 1000
    path = corrected_workbook(tmp_path / "lon.xlsx")
    with open(path, "rb") as handle:
        response = staff_a.post(UPLOAD, {"workbook": handle})
    assert response.status_code == 200
    assert "Tệp lớn hơn 1000 byte, vượt giới hạn tải lên; hãy chia thành nhiều tệp nhỏ hơn." in response.content.decode()
    assert _stored() == [] and ImportBatch.objects.count() == 0


def test_the_command_refuses_a_file_over_the_size_limit(settings, tree, tmp_path):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(CommandError, match="không có dữ liệu nào được ghi"):
        call_command("import_workbook", str(corrected_workbook(tmp_path / "lon.xlsx")))
    assert Official.objects.count() == 0


def test_a_sheet_over_the_row_limit_is_refused_with_a_message(staff_a, settings, tmp_path):
    settings.IMPORT_MAX_ROWS = 1
    path = corrected_workbook(tmp_path / "nhieu.xlsx")  # two officials on CanBo
    with open(path, "rb") as handle:
        response = staff_a.post(UPLOAD, {"workbook": handle}, follow=True)
    job = response.context["job"]
    assert job.ok is False
    assert [p["message"] for p in job.problems] == [
        "Sheet có hơn 1 dòng, vượt giới hạn cho phép; hãy chia thành nhiều tệp nhỏ hơn."]
    assert Official.objects.count() == 0 and ImportBatch.objects.count() == 0


def _sheet_with_row_number(number: int) -> bytes:
    """A workbook whose single sheet claims a row far down (a huge dimension) in a few bytes."""
    buffer = io.BytesIO()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="CanBo" sheetId="1" r:id="s1"/>'
            "</sheets></workbook>"))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="s1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        archive.writestr("xl/worksheets/sheet1.xml", (
            f'<worksheet xmlns="{main}"><dimension ref="A1:A{number}"/><sheetData>'
            f'<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row>'
            f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>x</t></is></c></row>'
            "</sheetData></worksheet>"))
    return buffer.getvalue()


def test_a_huge_dimension_is_refused_early(settings, tree, tmp_path):
    settings.IMPORT_MAX_ROWS = 300_000
    path = tmp_path / "chieu.xlsx"
    path.write_bytes(_sheet_with_row_number(1_048_576))
    with pytest.raises(CommandError):
        call_command("import_workbook", str(path))
    from cadre.exchange.workbook_reader import read_workbook

    data, problems = read_workbook(str(path))
    assert data is None
    assert "Sheet có hơn 300.000 dòng, vượt giới hạn cho phép; hãy chia thành nhiều tệp nhỏ hơn." in [
        problem.message for problem in problems]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(settings, tree, tmp_path):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * (20 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    from cadre.exchange.workbook_reader import read_workbook

    data, problems = read_workbook(str(path))
    assert data is None
    assert [p.message for p in problems] == [
        "Tệp khi giải nén lớn hơn 1 MB, vượt giới hạn cho phép; hãy chia thành nhiều tệp nhỏ hơn."]


@pytest.mark.parametrize("content, message", [
    (b"", "Tệp rỗng (0 byte), không phải bảng tính Excel (.xlsx)."),
    (b"not a zip at all", "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ."),
    (b"PK\x03\x04broken", "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
     "Tệp Excel 97-2003 (.xls) không được hỗ trợ; hãy mở bằng Excel và lưu lại dưới dạng .xlsx."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100,
     "Tệp Excel được đặt mật khẩu nên không đọc được; hãy bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) "
     "rồi tải lên lại."),
])
def test_import_workbook_command_explains_broken_files(tree, tmp_path, capsys, content, message):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Tệp có 1 lỗi; không có dữ liệu nào được ghi."):
        call_command("import_workbook", str(path))
    assert message in capsys.readouterr().err
    assert ImportBatch.objects.count() == 0


def _upload(client, tmp_path):
    with open(corrected_workbook(tmp_path / "dung.xlsx"), "rb") as handle:
        return client.post(UPLOAD, {"workbook": handle}, follow=True).context["job"]


def test_the_workbook_is_deleted_after_commit(staff_a, tmp_path):
    job = _upload(staff_a, tmp_path)
    assert f"{job.token}.xlsx" in _stored()
    staff_a.post(reverse("cadre:import_commit", args=[job.token]))
    assert f"{job.token}.xlsx" not in _stored()
    assert Official.objects.filter(code__in=["N100", "N101"]).count() == 2


def test_cancel_deletes_the_upload_and_writes_nothing(staff_a, tmp_path):
    job = _upload(staff_a, tmp_path)
    assert staff_a.get(reverse("cadre:import_cancel", args=[job.token])).status_code == 405
    response = staff_a.post(reverse("cadre:import_cancel", args=[job.token]))
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert _stored() == []
    assert Official.objects.count() == 0
    assert staff_a.get(reverse("cadre:import_status", args=[job.token])).status_code == 404


def test_cancel_needs_the_csrf_token(client, tree, tmp_path):
    from django.test import Client

    uploader = make_user("up", tree["LC.A"])
    client.force_login(uploader)
    job = _upload(client, tmp_path)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(uploader)
    assert strict.post(reverse("cadre:import_cancel", args=[job.token])).status_code == 403
    assert f"{job.token}.xlsx" in _stored()


def test_another_user_gets_404_for_the_token(client, staff_a, tree, tmp_path):
    job = _upload(staff_a, tmp_path)
    other = make_user("staff-b", tree["LC.B"])
    client.force_login(other)
    session = client.session
    session["import_tokens"] = [job.token]  # even with the token put into their session
    session.save()
    for name in ("cadre:import_status", "cadre:import_progress"):
        assert client.get(reverse(name, args=[job.token])).status_code == 404
    for name in ("cadre:import_commit", "cadre:import_cancel"):
        assert client.post(reverse(name, args=[job.token])).status_code == 404
    assert Official.objects.count() == 0 and f"{job.token}.xlsx" in _stored()
    admin = make_user("root", None, role=Role.ADMIN, is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("cadre:import_status", args=[job.token])).status_code == 200


def test_abandoned_uploads_are_cleaned_up(staff_a, settings, tmp_path):
    job = _upload(staff_a, tmp_path)
    old = time.time() - 25 * 3600
    for name in _stored():
        os.utime(imports_dir() / name, (old, old))
    call_command("cleanup_imports")
    assert _stored() == []
    fresh = _upload(staff_a, tmp_path)
    call_command("cleanup_imports", hours="1")
    assert sorted(_stored()) == sorted([f"{fresh.token}.xlsx", f"{fresh.token}.json", f"{fresh.token}.changes.json"])
    with pytest.raises(CommandError, match="--hours phải là một số giờ"):
        call_command("cleanup_imports", hours="1e400")
    assert job.token not in "".join(_stored())


# --- import_plan and build_report ---------------------------------------------------------------------


def _plan_data(code="01-ĐA/HU", organization="LC.A"):
    return {
        "code": code, "title": "Đề án thử", "organization": organization, "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP", "population": "CB_XA", "rows": [
            {"label": "Đại học", "indicator": "CM_DAI_HOC", "targets": [{"year": 2025, "value": 50}]},
        ]}],
    }


def test_import_plan_refuses_a_deeply_nested_file(tree, tmp_path):
    path = tmp_path / "sau.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(CommandError, match="Tệp kế hoạch lồng nhau quá sâu"):
        call_command("import_plan", str(path))
    shallow_but_deep = _plan_data()
    nested = 1
    for _ in range(30):
        nested = [nested]
    shallow_but_deep["tables"][0]["rows"][0]["params"] = {"a": nested}
    path.write_text(json.dumps(shallow_but_deep), encoding="utf-8")
    with pytest.raises(CommandError, match="Tệp kế hoạch lồng nhau quá sâu"):
        call_command("import_plan", str(path))
    assert Plan.objects.count() == 0


def test_import_plan_refuses_a_huge_file(tree, tmp_path, monkeypatch):
    from planning import plan_file

    monkeypatch.setattr(plan_file, "MAX_FILE_BYTES", 100)
    from planning.management.commands import import_plan

    monkeypatch.setattr(import_plan, "MAX_FILE_BYTES", 100)
    path = tmp_path / "lon.json"
    path.write_text(json.dumps(_plan_data()), encoding="utf-8")
    with pytest.raises(CommandError, match="quá lớn"):
        call_command("import_plan", str(path))
    assert Plan.objects.count() == 0


def test_a_plan_in_use_is_not_replaced(tree, tmp_path):
    plan = plan_import(data=_plan_data()).plan
    ReportDocument.objects.create(
        kind="SO_KET", organization=tree["LC.A"], plan=plan, as_of=dt.date(2023, 5, 15),
        baseline_as_of=dt.date(2020, 12, 31),
    )
    changed = _plan_data()
    changed["title"] = "Đề án đã sửa"
    path = tmp_path / "sua.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_plan", str(path))
    assert "Kế hoạch 01-ĐA/HU đang được dùng trong 1 văn bản báo cáo; không thể thay thế." in str(raised.value)
    assert Plan.objects.get().title == "Đề án thử" and Plan.objects.get().pk == plan.pk


@pytest.mark.parametrize("option, value", [
    ("as_of", "0001-01-01"), ("as_of", "9999-12-31"), ("baseline", "0001-01-01"), ("as_of", "١٢/٠٦/٢٠٢٣x"),
    ("target_year", "²²²²"), ("target_year", "99999999999999999999"), ("rating_years", "1-99999"),
])
def test_build_report_explains_bad_values(tree, tmp_path, option, value):
    plan_import(data=_plan_data())
    arguments = {"org": "LC.A", "plan": "01-ĐA/HU", "as_of": "2023-06-30", "baseline": "2020-12-31",
                 "output_format": "json", "output": str(tmp_path / "r.json"), option: value}
    with pytest.raises(CommandError) as raised:
        call_command("build_report", **arguments)
    assert any(word in str(raised.value) for word in ("Ngày", "năm", "Năm"))
    assert "Traceback" not in str(raised.value)
    assert not (tmp_path / "r.json").exists()
