"""Sending a report up to the province: frozen files, one open submission, accept or return, scoping."""
import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from accounts.models import Role
from cadre.models import Official
from documents.models import ReportDocument, Submission, SubmissionState
from documents.services import SubmissionRefused, report_document_submit, submission_accept, submission_return
from tests.documents.test_pages import form_data, make_document, tree  # noqa: F401 (fixture)
from tests.factories import add_position, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):  # noqa: F811
    return {
        "staff": make_user("staff-a", tree["LC.A"]),
        "other_staff": make_user("staff-b", tree["LC.B"]),
        "reviewer": make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER),
    }


def login(client, user):
    client.force_login(user)
    return client


def text_of_docx(content: bytes) -> str:
    return "\n".join(p.text for p in read_docx(io.BytesIO(content)).paragraphs)


def test_sending_stores_the_files_and_figures_as_they_are_then(client, tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    response = login(client, people["staff"]).post(reverse("documents:submit", args=[document.pk]), {"xac_nhan": "1"})
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("documents:submission", args=[submission.pk])
    assert (submission.sequence, submission.state, submission.submitted_by) == (1, "cho_tiep_nhan", people["staff"])
    assert submission.title_text == "Báo cáo số 408-BC/HU: Sơ kết đề án"
    assert "(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy A)" in text_of_docx(bytes(submission.docx))
    first_page = PdfReader(io.BytesIO(bytes(submission.pdf))).pages[0].extract_text()
    assert "408-BC/HU" in first_page
    rows = submission.figures["tables"][0]["rows"]
    assert rows[0] == {**rows[0], "label": "Tổng số", "current": {"count": 1, "total": 1, "percent": "100.00"}}

    # Records change afterwards: the document shows the new figures, the submission keeps the old ones.
    newcomer = make_official(gender="NU")
    add_position(newcomer, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2020, 1, 1))
    download = client.get(reverse("documents:submission_download", args=[submission.pk, "docx"]))
    assert download.status_code == 200 and download.content == bytes(submission.docx)
    assert download["Content-Disposition"] == f'attachment; filename="{submission.docx_name}"'
    pdf = client.get(reverse("documents:submission_download", args=[submission.pk, "pdf"]))
    assert pdf.content == bytes(submission.pdf) and pdf["Content-Type"] == "application/pdf"
    submission.refresh_from_db()
    assert submission.figures["tables"][0]["rows"][0]["current"]["total"] == 1
    assert Official.objects.count() == 2


def test_a_draft_is_not_sent_and_a_sent_document_is_frozen(client, tree, people):  # noqa: F811
    draft = make_document(tree)
    response = login(client, people["staff"]).post(reverse("documents:submit", args=[draft.pk]), {"xac_nhan": "1"}, follow=True)
    assert "Văn bản còn là dự thảo: hãy ghi số hiệu" in response.content.decode()
    assert not Submission.objects.exists()

    document = make_document(tree, number="408-BC/HU")
    report_document_submit(document=document, user=people["staff"])
    with pytest.raises(SubmissionRefused, match="đã được gửi lần 1 và đang ở trạng thái “chờ tiếp nhận”"):
        report_document_submit(document=document, user=people["staff"])
    edit = client.get(reverse("documents:edit", args=[document.pk]), follow=True)
    assert "Văn bản đã gửi Ban Tổ chức Tỉnh ủy nên không sửa được nữa" in edit.content.decode()
    client.post(reverse("documents:edit", args=[document.pk]), form_data(tree, number="408-BC/HU", subject="Đổi"))
    document.refresh_from_db()
    assert document.subject == "Sơ kết đề án"
    assert Submission.objects.count() == 1
    with transaction.atomic(), pytest.raises(IntegrityError):
        Submission.objects.create(document=document, sequence=2, title_text="x", as_of=document.as_of,
                                  docx_name="a.docx", docx=b"", pdf_name="a.pdf", pdf=b"")


def test_the_province_returns_with_a_reason_then_the_district_corrects_and_sends_again(client, tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    first = report_document_submit(document=document, user=people["staff"])
    reviewer = login(client, people["reviewer"])
    inbox = reviewer.get(reverse("documents:submissions"), {"trang_thai": "cho_tiep_nhan"})
    assert [s.pk for s in inbox.context["submissions"]] == [first.pk]

    empty = reviewer.post(reverse("documents:submission", args=[first.pk]), {"action": "return", "review_note": " "})
    assert empty.status_code == 400 and "Hãy ghi lý do trả lại" in empty.content.decode()
    first.refresh_from_db()
    assert first.state == SubmissionState.PENDING

    reviewer.post(reverse("documents:submission", args=[first.pk]),
                  {"action": "return", "review_note": "Bổ sung số liệu cán bộ trẻ."})
    first.refresh_from_db()
    assert (first.state, first.review_note, first.reviewed_by) == ("tra_lai", "Bổ sung số liệu cán bộ trẻ.", people["reviewer"])

    staff = login(client, people["staff"])
    staff.post(reverse("documents:edit", args=[document.pk]), form_data(tree, number="408-BC/HU", subject="Sơ kết, đã bổ sung"))
    document.refresh_from_db()
    assert document.subject == "Sơ kết, đã bổ sung"
    second = report_document_submit(document=document, user=people["staff"])
    assert (second.sequence, second.title_text) == (2, "Báo cáo số 408-BC/HU: Sơ kết, đã bổ sung")

    submission_accept(submission=second, user=people["reviewer"])
    second.refresh_from_db()
    assert second.state == SubmissionState.ACCEPTED and second.reviewed_at is not None
    with pytest.raises(SubmissionRefused, match="đã được xử lý"):
        submission_return(submission=second, user=people["reviewer"], note="Muộn")
    detail = staff.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Lần 1" in detail and "Bổ sung số liệu cán bộ trẻ." in detail and "Đã tiếp nhận" in detail
    assert reverse("documents:edit", args=[document.pk]) not in detail


def test_only_reviewers_decide_and_other_districts_see_nothing(client, tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    submission = report_document_submit(document=document, user=people["staff"])
    staff = login(client, people["staff"])
    response = staff.post(reverse("documents:submission", args=[submission.pk]), {"action": "accept"})
    assert response.status_code == 403
    other = login(client, people["other_staff"])
    assert other.get(reverse("documents:submission", args=[submission.pk])).status_code == 404
    assert other.get(reverse("documents:submission_download", args=[submission.pk, "pdf"])).status_code == 404
    assert list(other.get(reverse("documents:submissions")).context["submissions"]) == []
    assert other.post(reverse("documents:submit", args=[document.pk]), {"xac_nhan": "1"}).status_code == 404
    reviewer = login(client, people["reviewer"])
    assert reviewer.post(reverse("documents:submit", args=[document.pk]), {"xac_nhan": "1"}).status_code == 403
    submission.refresh_from_db()
    assert submission.state == SubmissionState.PENDING
    assert ReportDocument.objects.get().submissions.count() == 1


def test_sending_asks_first_and_only_the_confirmed_form_sends(client, tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    staff = login(client, people["staff"])
    detail = staff.get(reverse("documents:detail", args=[document.pk])).content.decode()
    submit_url = reverse("documents:submit", args=[document.pk])
    assert f'<a class="button" href="{submit_url}" aria-describedby="submit-help">Gửi Ban Tổ chức Tỉnh ủy…</a>' in detail
    question = staff.get(submit_url)
    body = question.content.decode()
    assert question.status_code == 200 and not Submission.objects.exists()
    assert "<h1>Gửi báo cáo lên Ban Tổ chức Tỉnh ủy?</h1>" in body
    assert "<dt>Ngày ban hành</dt><dd>12/07/2023</dd>" in body and "<dt>Lần gửi</dt><dd>1</dd>" in body
    assert '<input type="hidden" name="xac_nhan" value="1">' in body
    # A POST that did not come from the question (no xac_nhan) asks again and sends nothing.
    unconfirmed = staff.post(submit_url)
    assert unconfirmed.status_code == 200 and "Xác nhận gửi" in unconfirmed.content.decode()
    assert not Submission.objects.exists()
    assert staff.post(submit_url, {"xac_nhan": "1"}).status_code == 302
    assert Submission.objects.get().sequence == 1


def test_a_draft_shows_a_disabled_button_and_its_question_page_says_why(client, tree, people):  # noqa: F811
    draft = make_document(tree)
    staff = login(client, people["staff"])
    detail = staff.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert '<button type="button" disabled aria-describedby="submit-help">Gửi Ban Tổ chức Tỉnh ủy</button>' in detail
    page = staff.get(reverse("documents:submit", args=[draft.pk]), follow=True).content.decode()
    assert "Văn bản còn là dự thảo: hãy ghi số hiệu" in page and "Xác nhận gửi" not in page


def test_a_returned_report_waits_on_the_home_page_of_the_unit_until_it_is_sent_again(client, tree, people):  # noqa: F811
    reviewer_user = people["reviewer"]
    reviewer_user.last_name, reviewer_user.first_name = "Đỗ Thị", "Lan"
    reviewer_user.save()
    document = make_document(tree, number="408-BC/HU")
    first = report_document_submit(document=document, user=people["staff"])
    staff = login(client, people["staff"])
    assert "Báo cáo bị trả lại" not in staff.get(reverse("home")).content.decode()
    submission_return(submission=first, user=reviewer_user, note="Bổ sung số liệu cán bộ trẻ.")
    home = staff.get(reverse("home")).content.decode()
    assert "Báo cáo bị trả lại, cần sửa và gửi lại (1)" in home
    assert f'<a href="{reverse("documents:detail", args=[document.pk])}">Báo cáo số 408-BC/HU: Sơ kết đề án</a>' in home
    assert "bởi Đỗ Thị Lan:" in home and "<q>Bổ sung số liệu cán bộ trẻ.</q>" in home
    # Another district and the reviewer (who does not send) see no such panel.
    assert "Báo cáo bị trả lại" not in login(client, people["other_staff"]).get(reverse("home")).content.decode()
    assert "Báo cáo bị trả lại" not in login(client, reviewer_user).get(reverse("home")).content.decode()
    report_document_submit(document=document, user=people["staff"])
    assert "Báo cáo bị trả lại" not in login(client, people["staff"]).get(reverse("home")).content.decode()


def test_the_reviewer_reads_the_sent_report_in_the_page_with_its_earlier_returns(client, tree, people):  # noqa: F811
    reviewer_user = people["reviewer"]
    reviewer_user.last_name, reviewer_user.first_name = "Đỗ Thị", "Lan"
    reviewer_user.save()
    document = make_document(tree, number="408-BC/HU")
    first = report_document_submit(document=document, user=people["staff"])
    submission_return(submission=first, user=reviewer_user, note="Bổ sung phần kiến nghị.")
    second = report_document_submit(document=document, user=people["staff"])
    page = login(client, reviewer_user).get(reverse("documents:submission", args=[second.pk]))
    body = page.content.decode()
    assert [s.pk for s in page.context["earlier_returns"]] == [first.pk]
    assert (f'<a href="{reverse("documents:submission", args=[first.pk])}">Lần 1</a> trả lại lúc' in body
            and "— Đỗ Thị Lan: <span class=\"note\">Bổ sung phần kiến nghị.</span>" in body)
    # The text read from the Word file stored at sending, in document order: header first, the attachment later.
    texts = [block.text for block in page.context["blocks"] if block.kind == "text"]
    assert texts.index("BÁO CÁO") < texts.index("(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy A)")
    assert page.context["blocks"][0].kind == "table"
    assert '<p class="centred bold">BÁO CÁO</p>' in body
    assert "(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy A)" in body
    # The first sending has no earlier return.
    assert login(client, reviewer_user).get(reverse("documents:submission", args=[first.pk])).context["earlier_returns"] == []


def test_a_stored_file_that_is_not_word_is_said_not_to_be_readable(client, tree, people):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    broken = Submission.objects.create(document=document, sequence=1, title_text="Báo cáo số 408-BC/HU",
                                       as_of=document.as_of, docx_name="a.docx", docx=b"not a zip",
                                       pdf_name="a.pdf", pdf=b"%PDF-")
    page = login(client, people["reviewer"]).get(reverse("documents:submission", args=[broken.pk]))
    assert page.status_code == 200 and page.context["blocks"] is None
    assert "Tệp Word đã lưu không đọc được trên trang; hãy tải tệp về để xem." in page.content.decode()


@pytest.fixture
def seeded_catalogs(transactional_db):
    """The seeded catalogs, which an earlier transactional test may have emptied."""
    from tests.web.catalog_seed import ensure_catalogs

    ensure_catalogs()


@pytest.mark.django_db(transaction=True)
def test_sending_is_all_or_nothing(seeded_catalogs, tree, people, monkeypatch):  # noqa: F811
    """A failure after the submission row is written (here: the audit entry) leaves no submission behind,
    and the row lock of the document is taken inside the sending's own transaction (PostgreSQL refuses
    SELECT … FOR UPDATE outside one)."""
    from cadre import audit

    document = make_document(tree, number="408-BC/HU")

    def failing_record(**kwargs):
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(audit, "record", failing_record)
    with pytest.raises(RuntimeError):
        report_document_submit(document=document, user=people["staff"])
    assert not Submission.objects.exists()
    monkeypatch.undo()
    assert report_document_submit(document=document, user=people["staff"]).sequence == 1
