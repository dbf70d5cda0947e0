"""Background jobs (jobs/): states, failures, a run executed at most once, scope, and each kind's result."""
from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from accounts.models import Role
from cadre.exchange.workbook_export import export_workbook
from cadre.models import ChangeRecord, ImportBatch, Official
from reports.batch_render import batch_render_start, report_issuing_units
from cadre.exchange.export_job import exchange_export_start
from jobs.runner import job_execute
from jobs.state import DONE, FAILED, QUEUED, RUNNING, Job, job_create, job_load, job_save, result_path
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from tests.factories import add_position, add_qualification, make_district_tree, make_official, make_user
from tests.reports.plans import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def people(tree):
    for district in ("A", "B"):
        for number, commune in enumerate(("X1", "X2")):
            person = make_official(f"{district}{number}", full_name=f"Cán Bộ {district}{number}")
            add_position(person, tree[f"LC.{district}.{commune}"], "BT_DU", dt.date(2019, 1, 1))
            add_qualification(person, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
    return make_plan([{"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
                       "targets": [{"year": 2025, "value": 50}]}])


@pytest.fixture
def staff(tree):
    return make_user("staff_a", tree["LC.A"])


@pytest.fixture
def province_user(tree):
    return make_user("tinh", tree["LC"], role=Role.PROVINCIAL_REVIEWER)


def report_request(org: str, as_of=dt.date(2023, 5, 15)):
    return check_request(organization=load_organization(org), plan=load_plan("T-01/HU"), as_of=as_of,
                         rating_years=None, baseline=dt.date(2020, 12, 31), baseline_rating_years=None,
                         target_year=None, today=dt.date(2030, 1, 1))


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    return "\n".join(parts)


# --- states and runs -------------------------------------------------------------------


def test_a_job_goes_from_queued_to_running_to_done_and_keeps_its_result(tree, people, staff, monkeypatch):
    job = job_create(kind="exchange_export", user=staff, title="Tệp trao đổi", params={"org": "LC.A"})
    assert job_load(Job, job.token).state == QUEUED
    seen = []
    import cadre.exchange.export_job as exchange_export

    original = exchange_export.export_workbook

    def watching(organization, path):
        seen.append(job_load(Job, job.token).state)  # what the page sees while the work runs
        original(organization, path)

    monkeypatch.setattr(exchange_export, "export_workbook", watching)
    job.run = "0123456789abcdef"
    job_save(job)
    assert job_execute("exchange_export", job.token, job.run) == DONE
    finished = job_load(Job, job.token)
    assert seen == [RUNNING]
    assert (finished.state, finished.error, finished.done, finished.total) == (DONE, "", 1, 1)
    assert finished.result_name == "trao-doi-LC.A.xlsx" and result_path(job.token).stat().st_size == finished.result_size


def test_a_run_delivered_again_does_nothing(tree, people, staff):
    job = exchange_export_start(user=staff, organization=tree["LC.A"])
    first = job_load(Job, job.token)
    stamp = result_path(job.token).stat().st_mtime_ns
    assert job_execute("exchange_export", job.token, first.run) == "skipped"
    assert job_execute("exchange_export", job.token, "feedfeedfeedfeed") == "skipped"  # not the current run
    assert job_load(Job, job.token) == first and result_path(job.token).stat().st_mtime_ns == stamp


def test_an_unexpected_error_fails_the_job_with_a_vietnamese_message_and_no_result(tree, staff, monkeypatch):
    def broken(organization, path):
        path.write_bytes(b"half a file")
        raise RuntimeError("disk full")

    monkeypatch.setattr("cadre.exchange.export_job.export_workbook", broken)
    job = exchange_export_start(user=staff, organization=tree["LC.A"])
    assert (job.state, job.error, job.result_name) == (
        FAILED, "Lỗi không mong đợi khi xuất tệp; chưa có tệp nào được tạo. Hãy thử lại hoặc báo quản trị viên.", "")
    assert not result_path(job.token).exists()
    assert [p.name for p in result_path(job.token).parent.iterdir() if p.suffix in (".partial", ".result")] == []


def test_a_job_that_stopped_saving_is_reported_interrupted(tree, staff):
    job = job_create(kind="exchange_export", user=staff, title="x", params={"org": "LC.A"})
    job.state, job.started_at = RUNNING, 1.0
    job_save(job)  # saved just now: still running
    assert job_load(Job, job.token).state == RUNNING
    state_file = result_path(job.token).with_suffix(".json")
    stored = json.loads(state_file.read_text())
    stored["updated_at"] = time.time() - 31 * 60  # the process died half an hour ago
    state_file.write_text(json.dumps(stored))
    stale = job_load(Job, job.token)
    assert (stale.state, stale.error) == (FAILED, "Công việc bị gián đoạn (tiến trình xử lý đã dừng). Hãy thử lại.")


def test_a_committed_import_redelivered_commits_once(client, tree, staff, tmp_path):
    from cadre.services.import_jobs import import_job_get, import_job_start
    from tests.web.catalog_seed import ensure_catalogs
    from tests.web.workbooks import corrected_workbook

    ensure_catalogs()
    client.force_login(staff)
    with open(corrected_workbook(tmp_path / "dung.xlsx"), "rb") as handle:
        token = client.post(reverse("cadre:import_upload"), {"workbook": handle})["Location"].rstrip("/").split("/")[-1]
    client.post(reverse("cadre:import_commit", args=[token]))
    job = import_job_get(token)
    assert job.committed and ImportBatch.objects.count() == 1
    assert job_execute("import", token, job.run) == "skipped"
    with pytest.raises(ValueError, match="đã được ghi"):
        import_job_start(token=token, user=staff, dry_run=False)
    assert ImportBatch.objects.count() == 1 and import_job_get(token) == job


# --- pages and scope ----------------------------------------------------------------------


def test_only_the_user_who_started_a_job_sees_it(client, tree, people, staff):
    job = exchange_export_start(user=staff, organization=tree["LC.A"])
    other = make_user("staff_a2", tree["LC.A"])  # same district, another person
    client.force_login(other)
    for name in ("jobs:status", "jobs:progress", "jobs:download"):
        assert client.get(reverse(name, args=[job.token])).status_code == 404
    assert client.get(reverse("jobs:status", args=["0" * 32])).status_code == 404
    assert client.get("/viec-nen/..%2F..%2Fetc%2Fpasswd/").status_code == 404


def test_the_status_page_offers_the_result_and_the_download_is_audited(client, tree, people, staff):
    client.force_login(staff)
    response = client.post(reverse("cadre:official_exchange_workbook_job") + "?to_chuc=LC.A")
    status_url = response["Location"]
    token = status_url.rstrip("/").split("/")[-1]
    body = client.get(status_url).content.decode()
    download = reverse("jobs:download", args=[token])
    assert "<strong>Đã xong</strong>" in body and f'href="{download}"' in body and "Tải về trao-doi-LC.A.xlsx" in body
    before = ChangeRecord.objects.filter(action="export").count()
    answer = client.get(download)
    assert answer["Content-Disposition"] == 'attachment; filename="trao-doi-LC.A.xlsx"'
    assert b"".join(answer.streaming_content) == result_path(token).read_bytes()
    entry = ChangeRecord.objects.filter(action="export").order_by("pk").last()
    assert ChangeRecord.objects.filter(action="export").count() == before + 1
    assert (entry.key, entry.after, entry.organization_path) == (
        "Xuất tệp trao đổi: trao-doi-LC.A.xlsx", {"org": "LC.A"}, tree["LC.A"].path)


def test_the_progress_fragment_polls_while_queued_and_refreshes_when_done(client, tree, staff):
    job = job_create(kind="exchange_export", user=staff, title="Tệp trao đổi", params={"org": "LC.A"})
    job.step, job.done, job.total, job.unit = "Đang lập báo cáo của Xã X1 A", 1, 4, "đơn vị"
    job_save(job)
    client.force_login(staff)
    fragment = client.get(reverse("jobs:progress", args=[job.token]))
    body = fragment.content.decode()
    assert fragment.get("HX-Refresh") is None and 'hx-trigger="every 1s"' in body
    assert "Đang chờ xử lý</strong> — Đang lập báo cáo của Xã X1 A…" in body
    assert '<progress max="100" value="25"' in body and "1 / 4 đơn vị (25%)" in body
    job.state = DONE
    job_save(job)
    assert client.get(reverse("jobs:progress", args=[job.token]))["HX-Refresh"] == "true"


# --- the kinds ------------------------------------------------------------------------------


def test_the_exchange_export_job_writes_the_same_workbook_as_the_synchronous_export(tree, people, staff, tmp_path):
    job = exchange_export_start(user=staff, organization=tree["LC.A"])
    export_workbook(tree["LC.A"], tmp_path / "sync.xlsx")

    def cells(path):
        book = load_workbook(io.BytesIO(path.read_bytes()))
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}

    assert job.state == DONE
    assert cells(result_path(job.token)) == cells(tmp_path / "sync.xlsx")
    assert len(cells(tmp_path / "sync.xlsx")["CanBo"]) == 3  # the header and district A's two officials


def test_the_batch_render_zips_one_docx_per_district_with_its_name(client, tree, people, province_user):
    client.force_login(province_user)
    query = "org=LC&plan=T-01/HU&as_of=15/05/2023&baseline=31/12/2020"
    response = client.post(reverse("reports:batch_render") + "?" + query)
    token = response["Location"].rstrip("/").split("/")[-1]
    job = job_load(Job, token)
    assert (job.state, job.done, job.total, job.unit) == (DONE, 2, 2, "đơn vị"), job.error
    assert job.result_name == "bao-cao-don-vi-truc-thuoc-LC-2023-05-15.zip"
    with zipfile.ZipFile(result_path(token)) as archive:
        names = archive.namelist()
        texts = {name: docx_text(archive.read(name)) for name in names}
    assert names == ["du-thao-bao-cao-LC.A-2023-05-15.docx", "du-thao-bao-cao-LC.B-2023-05-15.docx"], names
    assert "HUYỆN ỦY A" in texts[names[0]] and "HUYỆN ỦY B" not in texts[names[0]]
    assert "HUYỆN ỦY B" in texts[names[1]]


def test_the_batch_render_of_a_district_takes_its_communes_and_can_add_pdfs(tree, people, staff):
    job = batch_render_start(user=staff, request=report_request("LC.A"), with_pdf=True)
    with zipfile.ZipFile(result_path(job.token)) as archive:
        names = archive.namelist()
    assert [unit.code for unit in report_issuing_units(tree["LC.A"], dt.date(2023, 5, 15))] == ["LC.A.X1", "LC.A.X2"]
    assert [name.rsplit(".", 1)[1] for name in names] == ["docx", "pdf", "docx", "pdf"]
    assert all("LC.A.X1" in name for name in names[:2]) and all("LC.A.X2" in name for name in names[2:])


def test_a_unit_without_units_below_fails_with_a_message(tree, people, staff):
    job = batch_render_start(user=staff, request=report_request("LC.A.X1"))
    assert (job.state, job.error) == (
        FAILED, "Xã X1 A không có đơn vị trực thuộc nào tự lập báo cáo (huyện; xã, phường) vào ngày 15/5/2023.")
    assert not result_path(job.token).exists()


def test_someone_else_cannot_start_the_batch_of_an_organization_outside_their_scope(client, tree, people, staff):
    client.force_login(staff)
    query = "org=LC.B&plan=T-01/HU&as_of=15/05/2023&baseline=31/12/2020"
    assert client.post(reverse("reports:batch_render") + "?" + query).status_code == 404
    assert client.get(reverse("reports:batch_render") + "?" + query).status_code == 405


def test_the_report_page_offers_the_batch_button(client, tree, people, staff):
    client.force_login(staff)
    query = "org=LC.A&plan=T-01%2FHU&as_of=15%2F05%2F2023&baseline=31%2F12%2F2020"
    body = client.get(reverse("reports:report") + "?" + query).content.decode()
    assert 'action="/bao-cao/tao-tat-ca-don-vi/?' in body
    assert "Tạo tất cả báo cáo đơn vị trực thuộc (ZIP)</button>" in body


def test_a_demo_refused_by_the_generator_fails_with_its_message(client, tree):
    admin = make_user("quantri", None, role=Role.ADMIN, is_superuser=True, is_staff=True)
    client.force_login(admin)
    job = job_load(Job, client.post(reverse("jobs:demo"), {"officials": 300, "seed": 1})["Location"].split("/")[-2])
    assert (job.state, job.error) == (
        FAILED, "Đã có tổ chức thật với mã “LC” hoặc bắt đầu bằng “LC.”; không tạo dữ liệu mẫu để tránh trùng mã.")


def test_only_an_administrator_generates_demo_data_and_it_is_written_whole(client):
    client.force_login(make_user("staff_hg", make_district_tree("HG")["HG.A"]))
    assert client.post(reverse("jobs:demo"), {"officials": 300, "seed": 1}).status_code == 403
    admin = make_user("quantri", None, role=Role.ADMIN, is_superuser=True, is_staff=True)
    client.force_login(admin)
    refused = client.post(reverse("jobs:demo"), {"officials": 5, "seed": 1})
    assert refused.status_code == 200 and "Số cán bộ tối thiểu là 300." in refused.content.decode()
    response = client.post(reverse("jobs:demo"), {"officials": 300, "seed": 1})
    job = job_load(Job, response["Location"].rstrip("/").split("/")[-1])
    assert (job.state, job.unit, job.done) == (DONE, "huyện", job.total), job.error
    assert Official.objects.count() == 300
    assert ChangeRecord.objects.filter(entity="DuLieuMau", user=admin, source="form").count() == 1


def test_cleanup_deletes_old_results_and_keeps_fresh_ones(tree, people, staff, settings):
    import os

    from django.core.management import call_command

    old = exchange_export_start(user=staff, organization=tree["LC.A"])
    folder = result_path(old.token).parent
    for path in folder.iterdir():
        os.utime(path, (time.time() - 25 * 3600,) * 2)
    fresh = exchange_export_start(user=staff, organization=tree["LC.A"])
    call_command("cleanup_imports")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{fresh.token}.json", f"{fresh.token}.result", f"{fresh.token}.{fresh.run}.claim"])
