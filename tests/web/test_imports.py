"""The import page: dry run lists every problem or what will change; commit writes it all."""
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.models import ImportBatch, Official, PositionRecord
from cadre.services.import_jobs import import_job_get
from tests.factories import make_user
from tests.web.workbooks import broken_workbook, corrected_workbook

UPLOAD = reverse("cadre:import_upload")


def upload(client, path):
    with open(path, "rb") as handle:
        return client.post(UPLOAD, {"workbook": handle}, follow=True)


def test_the_upload_page_explains_the_two_steps(staff_client):
    body = staff_client.get(UPLOAD).content.decode()
    assert "Tải lên và kiểm tra" in body and "Ghi vào cơ sở dữ liệu" in body


def test_only_xlsx_files_are_accepted(staff_client, tree):
    response = staff_client.post(UPLOAD, {"workbook": SimpleUploadedFile("ds.csv", b"a,b")})
    assert "Chỉ nhận tệp Excel dạng .xlsx" in response.content.decode()


def test_a_workbook_with_errors_lists_every_problem_and_writes_nothing(staff_client, tree, tmp_path):
    response = upload(staff_client, broken_workbook(tmp_path / "loi.xlsx"))
    body = response.content.decode()
    job = response.context["job"]
    assert job.ok is False
    places = sorted((p["sheet"], p["row"], p["column"]) for p in job.problems)
    assert ("CanBo", 2, "Ngày sinh") in places
    assert ("ChucVu", 2, "Chức vụ") in places
    assert "chưa có dữ liệu nào được ghi" in body
    assert "<td>Ngày sinh</td>" in body and "CHU_TICH_VU_TRU" in body
    assert not Official.objects.filter(code="N100").exists()
    assert "Ghi vào cơ sở dữ liệu</button>" not in body
    assert "Tải lên và kiểm tra lại" in body


def test_a_valid_workbook_shows_what_will_change_then_commits_in_one_go(staff_client, tree, tmp_path):
    response = upload(staff_client, corrected_workbook(tmp_path / "dung.xlsx"))
    job = response.context["job"]
    assert job.ok is True and job.committed is False
    assert job.summary["CanBo"]["created"] == 2
    assert job.summary["ChucVu"]["created"] == 2
    summary = {row["entity"]: row for row in response.context["summary_rows"]}
    assert summary["ToChuc"]["unchanged"] == 1
    assert "Thay đổi sẽ thực hiện" in response.content.decode()
    assert not Official.objects.filter(code__in=["N100", "N101"]).exists()

    committed = staff_client.post(reverse("cadre:import_commit", args=[job.token]), follow=True)
    assert committed.context["job"].committed is True
    assert "Đã ghi dữ liệu vào cơ sở dữ liệu" in committed.content.decode()
    assert sorted(Official.objects.filter(code__in=["N100", "N101"]).values_list("full_name", flat=True)) == [
        "Lường Văn Sơn", "Quàng Thị Én",
    ]
    assert PositionRecord.objects.filter(official__code="N101", title__code="BT_DOAN_XA").exists()
    assert ImportBatch.objects.get().file_name == "dung.xlsx"


def test_the_uploaded_file_is_kept_under_media_imports_until_commit(staff_client, tree, tmp_path, settings):
    response = upload(staff_client, corrected_workbook(tmp_path / "dung.xlsx"))
    token = response.context["job"].token
    assert (settings.MEDIA_ROOT / "imports" / f"{token}.xlsx").exists()


def test_a_file_with_errors_cannot_be_committed(staff_client, tree, tmp_path):
    token = upload(staff_client, broken_workbook(tmp_path / "loi.xlsx")).context["job"].token
    response = staff_client.post(reverse("cadre:import_commit", args=[token]), follow=True)
    assert "Tệp còn lỗi, chưa thể ghi" in response.content.decode()
    assert not Official.objects.filter(code="N100").exists()


def test_another_session_cannot_see_or_commit_an_upload(staff_client, client, tree, tmp_path):
    token = upload(staff_client, corrected_workbook(tmp_path / "dung.xlsx")).context["job"].token
    from django.test import Client

    other = Client()
    other.force_login(make_user("staff_other", tree["LC.A"]))
    assert other.get(reverse("cadre:import_status", args=[token])).status_code == 404
    assert other.post(reverse("cadre:import_commit", args=[token])).status_code == 404
    assert not Official.objects.filter(code="N100").exists()


def test_the_commit_validates_again(staff_client, tree, tmp_path):
    token = upload(staff_client, corrected_workbook(tmp_path / "dung.xlsx")).context["job"].token
    # Meanwhile someone else gives the CCCD of the file to another official.
    from tests.factories import add_position, make_official

    add_position(make_official("X9", citizen_id="012345678912"), tree["LC.A.X2"], "CC_DC", __import__("datetime").date(2020, 1, 1))
    response = staff_client.post(reverse("cadre:import_commit", args=[token]), follow=True)
    job = response.context["job"]
    assert job.ok is False and job.committed is False
    assert any(p["column"] == "Số CCCD" for p in job.problems)
    assert not Official.objects.filter(code="N100").exists()


def test_the_run_saves_its_progress_for_the_bar(staff_client, tree, tmp_path):
    job = upload(staff_client, corrected_workbook(tmp_path / "dung.xlsx")).context["job"]
    saved = import_job_get(job.token)
    assert saved.unit == "dòng" and saved.done == saved.total > 0  # the last step, checking the rows, ended


def test_the_progress_fragment_shows_the_step_and_how_far_it_got(staff_client, tree, tmp_path):
    from cadre.services import import_jobs

    token = upload(staff_client, corrected_workbook(tmp_path / "dung.xlsx")).context["job"].token
    job = import_job_get(token)
    job.state, job.mode, job.started_at = "running", "dry_run", time.time()
    job.step, job.done, job.total, job.unit = "Bước 2/2: kiểm tra từng dòng", 51750, 138065, "dòng"
    import_jobs._write(job)
    body = staff_client.get(reverse("cadre:import_progress", args=[token])).content.decode()
    assert "Đang kiểm tra tệp</strong> — Bước 2/2: kiểm tra từng dòng…" in body
    assert '<progress max="100" value="37"' in body and "51.750 / 138.065 dòng (37%)" in body

    job.step, job.done, job.total, job.unit = "Bước 1/2: đọc tệp", 5_000_000, 20_000_000, ""
    import_jobs._write(job)
    body = staff_client.get(reverse("cadre:import_progress", args=[token])).content.decode()
    assert '<progress max="100" value="25"' in body and "25% · đã chạy" in body and "5.000.000" not in body


@pytest.mark.django_db(transaction=True)
def test_in_the_background_the_progress_fragment_polls_until_the_run_ends(client, settings, tmp_path):
    from tests.factories import make_district_tree
    from tests.web.catalog_seed import ensure_catalogs

    ensure_catalogs()
    settings.IMPORT_IN_BACKGROUND = True
    tree = make_district_tree("LC")
    client.force_login(make_user("staff_bg", tree["LC.A"]))
    with open(corrected_workbook(tmp_path / "dung.xlsx"), "rb") as handle:
        response = client.post(UPLOAD, {"workbook": handle})
    status_url = response["Location"]
    token = status_url.rstrip("/").split("/")[-1]
    progress_url = reverse("cadre:import_progress", args=[token])
    deadline = time.time() + 30
    while time.time() < deadline:
        fragment = client.get(progress_url)
        if fragment.get("HX-Refresh") == "true":
            break
        assert 'hx-trigger="every 1s"' in fragment.content.decode()
        time.sleep(0.2)
    else:
        pytest.fail("the background import did not finish")
    assert import_job_get(token).ok is True
    page = client.get(status_url)
    assert "Tệp hợp lệ, không có lỗi" in page.content.decode()
