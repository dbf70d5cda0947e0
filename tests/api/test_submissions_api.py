"""/api/v1/submissions/: send a report document up, read what was sent, accept or return it, as the pages do."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from cadre.models import ChangeRecord
from documents.models import Submission
from tests.api.work_world import INVALID, NOT_AUTHENTICATED, NOT_FOUND, READ_ONLY, client_of
from tests.documents.test_pages import make_document, tree  # noqa: F401 (fixture)
from tests.factories import make_user

pytestmark = pytest.mark.django_db
SUBMISSIONS = reverse("api:v1:submissions")
REVIEWERS_ONLY = "Chỉ Ban Tổ chức Tỉnh ủy tiếp nhận hoặc trả lại báo cáo."


@pytest.fixture
def people(tree):  # noqa: F811
    return {
        "staff": make_user("staff-a", tree["LC.A"]),
        "other_staff": make_user("staff-b", tree["LC.B"]),
        "reviewer": make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER),
    }


def as_listed(submission: Submission) -> dict:
    def moment(value):
        return value.astimezone(dt.timezone(dt.timedelta(hours=7))).isoformat() if value else None

    return {
        "id": submission.pk, "document": submission.document_id, "organization": submission.document.organization.code,
        "sequence": submission.sequence, "title": submission.title_text, "as_of": submission.as_of.isoformat(),
        "state": submission.state, "submitted_by": submission.submitted_by.username,
        "submitted_at": moment(submission.submitted_at),
        "reviewed_by": submission.reviewed_by.username if submission.reviewed_by else None,
        "reviewed_at": moment(submission.reviewed_at), "review_note": submission.review_note,
        "docx_name": submission.docx_name, "pdf_name": submission.pdf_name,
    }


def as_detail(submission: Submission) -> dict:
    return {**as_listed(submission), "figures": submission.figures, "manual_figures": submission.manual_figures}


def decide(user, submission, action: str, note=None):
    body = {} if note is None else {"note": note}
    return client_of(user).post(reverse(f"api:v1:submission_{action}", args=[submission.pk]), body, format="json")


def test_an_editor_sends_a_report_and_gets_what_was_stored(tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    response = client_of(people["staff"]).post(SUBMISSIONS, {"document": document.pk}, format="json")
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert response.json() == as_detail(submission)
    assert (submission.sequence, submission.state, submission.submitted_by) == (1, "cho_tiep_nhan", people["staff"])
    assert bytes(submission.pdf).startswith(b"%PDF-") and submission.figures["tables"][0]["rows"]
    entry = ChangeRecord.objects.get(entity="VanBan", action="submit")
    assert (entry.user, entry.source) == (people["staff"], "api")


def test_what_cannot_be_sent_is_refused_with_the_reason(tree, people):  # noqa: F811
    client = client_of(people["staff"])
    empty = client.post(SUBMISSIONS, {}, format="json")
    assert empty.status_code == 400
    assert empty.json() == {"detail": INVALID, "errors": {"document": ["Hãy cho mã (id) của văn bản báo cáo cần gửi."]}}
    wrong = client.post(SUBMISSIONS, {"document": "một"}, format="json")
    assert wrong.json()["errors"] == {"document": ["Mã văn bản phải là một số nguyên."]}
    other = make_document(tree, organization=tree["LC.B"], number="409-BC/HU")
    outside = client.post(SUBMISSIONS, {"document": other.pk}, format="json")
    assert outside.status_code == 400 and outside.json() == {"detail": INVALID, "errors": {"document": [
        "Không có văn bản báo cáo này (hoặc văn bản ngoài phạm vi của bạn)."]}}
    draft = client.post(SUBMISSIONS, {"document": make_document(tree).pk}, format="json")
    assert draft.status_code == 409 and draft.json() == {"detail": (
        "Văn bản còn là dự thảo: hãy ghi số hiệu (ví dụ 408-BC/HU) và ngày ban hành trước khi gửi."), "errors": {}}
    document = make_document(tree, number="408-BC/HU")
    assert client.post(SUBMISSIONS, {"document": document.pk}, format="json").status_code == 201
    again = client.post(SUBMISSIONS, {"document": document.pk}, format="json")
    assert again.status_code == 409 and again.json() == {"detail": (
        "Văn bản đã được gửi lần 1 và đang ở trạng thái “chờ tiếp nhận”; không gửi lại được."), "errors": {}}
    assert Submission.objects.count() == 1


def test_reviewers_do_not_send_and_anonymous_callers_are_asked_to_sign_in(tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    refused = client_of(people["reviewer"]).post(SUBMISSIONS, {"document": document.pk}, format="json")
    assert refused.status_code == 403 and refused.json() == {"detail": READ_ONLY, "errors": {}}
    anonymous = client_of(None).get(SUBMISSIONS)
    assert anonymous.status_code == 401 and anonymous.json() == {"detail": NOT_AUTHENTICATED, "errors": {}}
    assert not Submission.objects.exists()


def test_the_list_is_scoped_filtered_and_asks_the_same_queries_whatever_the_page_size(tree, people):  # noqa: F811
    sent = []
    for number in range(3):
        document = make_document(tree, number=f"40{number}-BC/HU")
        sent.append(Submission.objects.create(
            document=document, sequence=1, title_text=document.title_text, as_of=document.as_of, docx_name="a.docx",
            docx=b"PK", pdf_name="a.pdf", pdf=b"%PDF", figures={}, submitted_by=people["staff"]))
    Submission.objects.filter(pk=sent[0].pk).update(state="da_tiep_nhan", reviewed_at=dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc),
                                                    reviewed_by=people["reviewer"])
    sent[0].refresh_from_db()
    body = client_of(people["staff"]).get(SUBMISSIONS).json()
    assert body == {"count": 3, "next": None, "previous": None,
                    "results": [as_listed(submission) for submission in reversed(sent)]}
    assert client_of(people["other_staff"]).get(SUBMISSIONS).json()["count"] == 0
    accepted = client_of(people["reviewer"]).get(SUBMISSIONS, {"state": "da_tiep_nhan"}).json()
    assert [row["id"] for row in accepted["results"]] == [sent[0].pk]
    bad = client_of(people["reviewer"]).get(SUBMISSIONS, {"state": "xong"})
    assert bad.status_code == 400 and bad.json() == {"detail": INVALID, "errors": {"state": ["Trạng thái “xong” không có."]}}
    counts = []
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            assert client_of(people["reviewer"]).get(SUBMISSIONS, {"page_size": size}).status_code == 200
        counts.append(len(queries))
    assert counts == [2, 2]  # the count, the page with document, organization, sender and reviewer


def test_a_submission_is_read_in_scope_only(tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    submission = Submission.objects.create(
        document=document, sequence=1, title_text="Báo cáo", as_of=document.as_of, docx_name="a.docx", docx=b"PK",
        pdf_name="a.pdf", pdf=b"%PDF", figures={"tables": []}, submitted_by=people["staff"])
    url = reverse("api:v1:submission", args=[submission.pk])
    assert client_of(people["reviewer"]).get(url).json() == as_detail(submission)
    outside = client_of(people["other_staff"]).get(url)
    assert outside.status_code == 404 and outside.json() == {"detail": NOT_FOUND, "errors": {}}


def test_the_province_accepts_or_returns_with_a_reason_and_only_once(tree, people):  # noqa: F811
    client_of(people["staff"]).post(SUBMISSIONS, {"document": make_document(tree, number="408-BC/HU").pk}, format="json")
    submission = Submission.objects.get()
    refused = decide(people["staff"], submission, "accept")
    assert refused.status_code == 403 and refused.json() == {"detail": REVIEWERS_ONLY, "errors": {}}
    outside = decide(people["other_staff"], submission, "accept")
    assert outside.status_code == 404 and outside.json() == {"detail": NOT_FOUND, "errors": {}}
    no_reason = decide(people["reviewer"], submission, "return", "  ")
    assert no_reason.status_code == 400 and no_reason.json() == {"detail": INVALID, "errors": {"note": [
        "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."]}}
    assert decide(people["reviewer"], submission, "return").json()["errors"] == {"note": [
        "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."]}
    returned = decide(people["reviewer"], submission, "return", "Thiếu số liệu Biểu 02.")
    assert returned.status_code == 200
    submission.refresh_from_db()
    assert returned.json() == as_detail(submission)
    assert (submission.state, submission.review_note, submission.reviewed_by) == (
        "tra_lai", "Thiếu số liệu Biểu 02.", people["reviewer"])
    late = decide(people["reviewer"], submission, "accept")
    assert late.status_code == 409 and late.json() == {"detail": "Báo cáo này đã được xử lý (trả lại).", "errors": {}}
    again = client_of(people["staff"]).post(SUBMISSIONS, {"document": submission.document_id}, format="json")
    assert again.status_code == 201 and again.json()["sequence"] == 2
    accepted = decide(people["reviewer"], Submission.objects.get(sequence=2), "accept")
    assert accepted.status_code == 200 and accepted.json()["state"] == "da_tiep_nhan"
    assert list(ChangeRecord.objects.filter(entity="VanBan").order_by("pk").values_list("action", "source")) == [
        ("submit", "api"), ("return", "api"), ("submit", "api"), ("accept", "api")]


def test_a_body_that_is_not_an_object_is_refused_in_vietnamese(tree, people):  # noqa: F811
    response = client_of(people["staff"]).post(SUBMISSIONS, [1, 2], format="json")
    assert response.status_code == 400 and response.json() == {"detail": INVALID, "errors": {"non_field_errors": [
        "Nội dung gửi lên phải là một đối tượng JSON ({…}) hoặc biểu mẫu, không phải một danh sách hay một giá trị."]}}
    plan = client_of(people["staff"]).post(reverse("api:v1:plans"), [1, 2], format="json")
    assert plan.status_code == 400 and plan.json() == {"detail": INVALID, "errors": {"non_field_errors": [
        "Tệp kế hoạch phải là một đối tượng JSON (bắt đầu bằng “{”)."]}}
