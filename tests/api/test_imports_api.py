"""/api/v1/imports/: the import page's rules through the API: upload and dry run, status, commit, cancel."""
import datetime as dt

import pytest
from django.urls import reverse

from cadre.models import ImportBatch, Official, PositionRecord
from cadre.services.import_jobs import import_job_get, workbook_path
from tests.api.work_world import INVALID, NOT_AUTHENTICATED, READ_ONLY, client_of, tree, users  # noqa: F401
from tests.factories import add_position, make_official
from tests.web.workbooks import broken_workbook, corrected_workbook

pytestmark = pytest.mark.django_db
IMPORTS = reverse("api:v1:imports")
NO_UPLOAD = {"detail": "Không tìm thấy tệp đã tải lên.", "errors": {}}


@pytest.fixture(autouse=True)
def _inline_jobs(settings):
    settings.IMPORT_IN_BACKGROUND = False


def upload(client, path):
    with open(path, "rb") as handle:
        return client.post(IMPORTS, {"workbook": handle}, format="multipart")


def status_of(token: str) -> dict:
    job = import_job_get(token)
    return {
        "token": token, "file_name": job.file_name, "uploaded_at": job.uploaded_at, "state": job.state,
        "mode": job.mode, "step": job.step, "percent": job.percent, "ok": job.ok, "committed": job.committed,
        "error": job.error, "problems": job.problems, "notices": job.warnings, "summary": job.summary,
        "change_count": job.change_count, "changes": job.changes, "batch": job.batch_id,
    }


def test_an_upload_is_checked_then_committed_all_at_once(users, tmp_path):
    client = client_of(users["staff_a"])
    response = upload(client, corrected_workbook(tmp_path / "dung.xlsx"))
    assert response.status_code == 201
    token = response.json()["token"]
    body = response.json()
    assert body == status_of(token)
    assert (body["state"], body["mode"], body["ok"], body["committed"], body["file_name"]) == (
        "done", "dry_run", True, False, "dung.xlsx")
    assert body["summary"]["CanBo"] == {"created": 2, "updated": 0, "unchanged": 0, "deleted": 0}
    assert {change["subject"] for change in body["changes"] if change["sheet"] == "CanBo"} == {
        "N100 Lường Văn Sơn", "N101 Quàng Thị Én"}
    assert not Official.objects.filter(code__in=["N100", "N101"]).exists()

    committed = client.post(reverse("api:v1:import_commit", args=[token]), {}, format="json")
    assert committed.status_code == 202
    assert committed.json() == status_of(token)
    assert (committed.json()["committed"], committed.json()["mode"]) == (True, "commit")
    assert committed.json()["batch"] == ImportBatch.objects.get().pk
    assert PositionRecord.objects.filter(official__code="N101", title__code="BT_DOAN_XA").exists()
    assert not workbook_path(token).exists()
    again = client.post(reverse("api:v1:import_commit", args=[token]), {}, format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "Tệp này đã được ghi vào cơ sở dữ liệu.", "errors": {}}


def test_a_workbook_with_errors_lists_them_and_cannot_be_committed(users, tmp_path):
    client = client_of(users["staff_a"])
    body = upload(client, broken_workbook(tmp_path / "sai.xlsx")).json()
    assert body["ok"] is False and body["committed"] is False
    assert {(p["sheet"], p["row"]) for p in body["problems"]} >= {("CanBo", 2), ("ChucVu", 2)}
    refused = client.post(reverse("api:v1:import_commit", args=[body["token"]]), {}, format="json")
    assert refused.status_code == 409 and refused.json() == {
        "detail": "Tệp còn lỗi, chưa thể ghi. Hãy sửa tệp và tải lên lại.", "errors": {}}
    assert not Official.objects.filter(code="N100").exists()


def test_notices_must_be_read_before_the_commit(users, tree, tmp_path):
    chair = make_official("C1", full_name="Lò Văn Chủ")
    add_position(chair, tree["LC.A.X1"], "CT_UBND_XA", dt.date(2019, 1, 1))  # N100 becomes a second chair
    client = client_of(users["staff_a"])
    body = upload(client, corrected_workbook(tmp_path / "dung.xlsx")).json()
    assert body["ok"] is True and body["notices"], body
    commit = reverse("api:v1:import_commit", args=[body["token"]])
    unread = client.post(commit, {}, format="json")
    assert unread.status_code == 400 and unread.json() == {"detail": INVALID, "errors": {"notices_read": [
        f"Tệp có {len(body['notices'])} lưu ý: hãy đọc các lưu ý (“notices”) rồi gửi “notices_read”: true trước khi ghi."
    ]}}
    assert not Official.objects.filter(code="N100").exists()
    read = client.post(commit, {"notices_read": True}, format="json")
    assert read.status_code == 202 and read.json()["committed"] is True
    assert Official.objects.filter(code__in=["N100", "N101"]).count() == 2


def test_only_the_uploader_sees_commits_or_cancels_an_upload(users, tmp_path):
    token = upload(client_of(users["staff_a"]), corrected_workbook(tmp_path / "dung.xlsx")).json()["token"]
    other = client_of(users["staff_b"])
    for response in (other.get(reverse("api:v1:import", args=[token])),
                     other.post(reverse("api:v1:import_commit", args=[token]), {}, format="json"),
                     other.delete(reverse("api:v1:import", args=[token]))):
        assert response.status_code == 404 and response.json() == NO_UPLOAD
    assert client_of(users["admin"]).get(reverse("api:v1:import", args=[token])).status_code == 200
    assert workbook_path(token).exists() and not Official.objects.filter(code="N100").exists()
    unknown = client_of(users["staff_a"]).get(reverse("api:v1:import", args=["..%2F..%2Fetc"]))
    assert unknown.status_code == 404


def test_reviewers_do_not_import_and_anonymous_callers_are_asked_to_sign_in(users, tmp_path):
    path = corrected_workbook(tmp_path / "dung.xlsx")
    refused = upload(client_of(users["reviewer"]), path)
    assert refused.status_code == 403 and refused.json() == {"detail": READ_ONLY, "errors": {}}
    token = upload(client_of(users["staff_a"]), path).json()["token"]
    assert client_of(users["reviewer"]).get(reverse("api:v1:import", args=[token])).status_code == 403
    anonymous = upload(client_of(None), path)
    assert anonymous.status_code == 401 and anonymous.json() == {"detail": NOT_AUTHENTICATED, "errors": {}}


def test_a_missing_or_wrong_file_is_refused_in_vietnamese(users, tmp_path):
    client = client_of(users["staff_a"])
    empty = client.post(IMPORTS, {}, format="multipart")
    assert empty.status_code == 400
    assert empty.json() == {"detail": INVALID, "errors": {"workbook": ["Chọn tệp Excel cần nhập."]}}
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải Excel", encoding="utf-8")
    wrong = upload(client, text)
    assert wrong.json() == {"detail": INVALID, "errors": {"workbook": ["Chỉ nhận tệp Excel dạng .xlsx."]}}
    token = upload(client, corrected_workbook(tmp_path / "dung.xlsx")).json()["token"]
    bad = client.post(reverse("api:v1:import_commit", args=[token]), {"notices_read": "có lẽ"}, format="json")
    assert bad.status_code == 400 and bad.json() == {"detail": INVALID, "errors": {"notices_read": [
        "“notices_read” phải là true hoặc false."]}}


def test_a_cancelled_upload_is_deleted(users, tmp_path):
    client = client_of(users["staff_a"])
    token = upload(client, corrected_workbook(tmp_path / "dung.xlsx")).json()["token"]
    response = client.delete(reverse("api:v1:import", args=[token]))
    assert response.status_code == 204 and response.content == b""
    assert not workbook_path(token).exists()
    gone = client.get(reverse("api:v1:import", args=[token]))
    assert gone.status_code == 404 and gone.json() == NO_UPLOAD
