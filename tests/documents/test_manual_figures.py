"""Manual figures: typed in per document, checked all at once, used in the text, Word templates and the
built-in party-building report, frozen with a submission, scoped, escaped."""
import dataclasses
import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as read_docx

from accounts.models import Role
from cadre.models import ChangeRecord
from cadre.vietnamese import format_number, parse_number
from documents import manual_figures as manual
from documents.compose import compose
from documents.content import HEADING
from documents.facts import PARTY_BUILDING, ManualFigureValue
from documents.models import DocumentTemplate, ManualFigure, ReportDocument, Submission
from documents.services import (
    ManualFigureProblems,
    SubmissionRefused,
    manual_figures_save,
    report_document_save,
    report_document_submit,
    submission_return,
)
from documents.user_templates import check_template
from documents.specimen import specimen
from tests.documents.samples import sample_facts, sample_spec
from tests.documents.test_pages import form_data, make_document, tree  # noqa: F401 (fixture)
from tests.documents.word_templates import template_with
from tests.factories import make_user

pytestmark = pytest.mark.django_db

AREA = {"key": "dien_tich_tu_nhien", "label": "Diện tích tự nhiên", "value": "41.012,5", "unit": "ha", "note": ""}
CHECKS = {"key": "so_cuoc_kiem_tra", "label": "Số cuộc kiểm tra", "value": "12", "unit": "cuộc",
          "note": "Theo báo cáo của Ủy ban Kiểm tra"}


def rows_post(rows, version=None, **extra) -> dict:
    data = {"so_lieu-TOTAL_FORMS": str(len(rows)), "so_lieu-INITIAL_FORMS": str(len(rows)),
            "so_lieu-MIN_NUM_FORMS": "0", "so_lieu-MAX_NUM_FORMS": "200", "luu": "1"}
    for index, row in enumerate(rows):
        for name in ("key", "label", "value", "unit", "note"):
            data[f"so_lieu-{index}-{name}"] = row.get(name, "")
        if row.get("DELETE"):
            data[f"so_lieu-{index}-DELETE"] = "on"
    if version is not None:
        data["version"] = str(version)
    data.update(extra)
    return data


def stored(document) -> list[tuple]:
    return list(ManualFigure.objects.filter(document=document).order_by("order")
                .values_list("key", "label", "value", "unit", "note", "order"))


@pytest.fixture
def staff_user(tree):  # noqa: F811
    return make_user("staff-a", tree["LC.A"])


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def url(document) -> str:
    return reverse("documents:manual_figures", args=[document.pk])


def row_of(value, **fields) -> manual.ManualFigureRow:
    return manual.ManualFigureRow(**{**AREA, **fields, "value": Decimal(value)})


# --- numbers ---------------------------------------------------------------------------------------


def test_numbers_are_read_and_written_the_vietnamese_way():
    assert [parse_number(text) for text in ("1.234,5", "1234,5", "4.809", "4809", "-2,5", "1,5", " 0,25 ")] == [
        Decimal("1234.5"), Decimal("1234.5"), Decimal(4809), Decimal(4809), Decimal("-2.5"), Decimal("1.5"),
        Decimal("0.25")]
    with pytest.raises(ValueError, match="“1.5” không rõ là số nào: phần thập phân viết sau dấu phẩy"):
        parse_number("1.5")
    with pytest.raises(ValueError, match="“12 người” không phải là một số"):
        parse_number("12 người")
    assert [format_number(value) for value in (Decimal("1234.50"), Decimal(1000), Decimal("-0.2500"), 7)] == [
        "1.234,5", "1.000", "-0,25", "7"]
    with pytest.raises(ValueError, match="tối đa 4 chữ số sau dấu phẩy"):
        manual.parse_value("1,23456")
    with pytest.raises(ValueError, match="Giá trị quá lớn"):
        manual.parse_value("100.000.000.000")
    assert manual.parse_value("99.999.999.999,9999") == Decimal("99999999999.9999")


def test_keys_must_be_plain_identifiers():
    assert manual.key_problem("so_cuoc_kiem_tra") == ""
    assert "chữ thường không dấu" in manual.key_problem("Số cuộc")
    assert "chữ thường không dấu" in manual.key_problem("1_so")
    assert "từ dành riêng" in manual.key_problem("items")
    assert "dài quá 50" in manual.key_problem("a" * 51)


# --- saving ------------------------------------------------------------------------------------------


def test_saving_writes_the_rows_in_order_with_audit_entries_and_a_new_version(staff, tree):  # noqa: F811
    document = make_document(tree)
    response = staff.post(url(document), rows_post([AREA, CHECKS], version=document.version))
    assert response.status_code == 302 and response["Location"] == reverse("documents:detail", args=[document.pk])
    assert stored(document) == [
        ("dien_tich_tu_nhien", "Diện tích tự nhiên", Decimal("41012.5"), "ha", "", 1),
        ("so_cuoc_kiem_tra", "Số cuộc kiểm tra", Decimal(12), "cuộc", "Theo báo cáo của Ủy ban Kiểm tra", 2),
    ]
    document.refresh_from_db()
    assert document.version == 2 and document.updated_by.username == "staff-a"
    entries = list(ChangeRecord.objects.filter(entity="VanBan", key__endswith="(dien_tich_tu_nhien)")
                   .values("action", "username", "organization_path", "after"))
    assert entries == [{"action": "create", "username": "staff-a", "organization_path": tree["LC.A"].path,
                        "after": {"document": document.title_text, "key": "dien_tich_tu_nhien",
                                  "label": "Diện tích tự nhiên", "value": "41012.5000", "unit": "ha", "note": "",
                                  "order": 1}}]

    # The second save: one value changed, one row removed, one added; each is an entry.
    changed = {**AREA, "value": "41.100"}
    staff.post(url(document), rows_post([changed, {**CHECKS, "DELETE": True},
                                         {"key": "dan_so", "label": "Dân số", "value": "120.345", "unit": "người"}],
                                        version=2))
    assert [row[:3] for row in stored(document)] == [
        ("dien_tich_tu_nhien", "Diện tích tự nhiên", Decimal(41100)), ("dan_so", "Dân số", Decimal(120345))]
    actions = list(ChangeRecord.objects.filter(entity="VanBan").exclude(action="create", key__contains="(dien")
                   .order_by("id").values_list("action", "key", "before", "after"))
    assert actions[-3:] == [
        ("update", "Diện tích tự nhiên (dien_tich_tu_nhien)", {"value": "41012.5000"}, {"value": "41100.0000"}),
        ("create", "Dân số (dan_so)", None, {"document": document.title_text, "key": "dan_so", "label": "Dân số",
                                             "value": "120345.0000", "unit": "người", "note": "", "order": 2}),
        ("delete", "Số cuộc kiểm tra (so_cuoc_kiem_tra)",
         {"document": document.title_text, "key": "so_cuoc_kiem_tra", "label": "Số cuộc kiểm tra",
          "value": "12.0000", "unit": "cuộc", "note": "Theo báo cáo của Ủy ban Kiểm tra", "order": 2}, None),
    ]


def test_bad_rows_are_named_one_by_one_and_nothing_is_written(staff, tree):  # noqa: F811
    document = make_document(tree)
    manual_figures_save(document=document, rows=[row_of("5")], user=document_user(tree), version=None)
    document.refresh_from_db()
    rows = [
        {"key": "Số cuộc", "label": "Số cuộc kiểm tra", "value": "3"},
        {"key": "dan_so", "label": "Dân số", "value": "1.5"},
        {"key": "dan_so", "label": "Dân số (lần hai)", "value": "1,5"},
        {"key": "bien_che", "label": "", "value": "12 người"},
        {"key": "", "label": "", "value": "", "unit": "", "note": ""},  # an empty row is no figure
    ]
    response = staff.post(url(document), rows_post(rows, version=document.version))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Chưa lưu được, chưa có số liệu nào được ghi" in body
    assert "Mã chỉ gồm chữ thường không dấu (a-z), chữ số và dấu gạch dưới" in body
    assert "“1.5” không rõ là số nào" in body
    assert "Hãy ghi tên số liệu" in body and "“12 người” không phải là một số" in body
    # What was typed is still in the form, and the stored figures did not change.
    assert 'value="Số cuộc"' in body and 'value="Dân số (lần hai)"' in body and 'value="12 người"' in body
    assert [row[:3] for row in stored(document)] == [("dien_tich_tu_nhien", "Diện tích tự nhiên", Decimal(5))]
    assert document.version == ReportDocument.objects.get(pk=document.pk).version


def test_a_repeated_key_is_named_on_its_row_and_vietnamese_decimals_are_stored_exactly(staff, tree):  # noqa: F811
    document = make_document(tree)
    body = staff.post(url(document), rows_post([AREA, {**AREA, "label": "Lần nữa"}], version=1)).content.decode()
    assert "Mã “dien_tich_tu_nhien” trùng với dòng 1; mỗi số liệu một mã riêng." in body
    assert not ManualFigure.objects.exists()
    staff.post(url(document), rows_post([{**AREA, "value": "0,0625"}], version=1))
    assert ManualFigure.objects.get().value == Decimal("0.0625")
    assert ManualFigure.objects.get().value_text == "0,0625"


def document_user(tree):  # noqa: F811
    return make_user("writer", tree["LC.A"])


def test_the_service_refuses_bad_keys_and_repeats_itself(tree):  # noqa: F811
    document = make_document(tree)
    user = document_user(tree)
    with pytest.raises(ManualFigureProblems) as refused:
        manual_figures_save(document=document, rows=[row_of("1", key="Sai"), row_of("2"), row_of("3")], user=user)
    assert refused.value.problems[1] == "Mã “dien_tich_tu_nhien” có ở nhiều dòng; mỗi số liệu một mã riêng."
    assert not ManualFigure.objects.exists() and ChangeRecord.objects.filter(entity="VanBan").count() == 0


def test_a_save_over_a_newer_version_is_refused_with_who_changed_it_then_saves(staff, tree):  # noqa: F811
    document = make_document(tree)
    read = document.version
    manual_figures_save(document=document, rows=[row_of("1")], user=document_user(tree), version=read)
    response = staff.post(url(document), rows_post([{**AREA, "value": "2"}], version=read))
    body = response.content.decode()
    assert response.status_code == 400 and "Văn bản đã được" in body and "hãy xem lại rồi lưu lại" in body
    assert ManualFigure.objects.get().value == Decimal(1)
    assert 'name="version" value="2"' in body  # the current version
    assert 'name="so_lieu-0-value" value="2"' in body  # what was typed
    again = staff.post(url(document), rows_post([{**AREA, "value": "2"}], version=2))
    assert again.status_code == 302 and ManualFigure.objects.get().value == Decimal(2)


def test_adding_a_suggested_figure_keeps_what_was_typed_and_saves_nothing(staff, tree):  # noqa: F811
    document = make_document(tree, kind=PARTY_BUILDING, plan=None, baseline_as_of=None)
    page = staff.get(url(document)).content.decode()
    assert "Số liệu thường dùng" in page and 'value="kiem_tra_to_chuc_dang"' in page
    response = staff.post(url(document), rows_post([{**CHECKS, "value": "1.5"}], version=1, them="dan_so"))
    body = response.content.decode()
    assert response.status_code == 200 and not ManualFigure.objects.exists()
    assert 'name="so_lieu-TOTAL_FORMS" value="2"' in body
    assert 'name="so_lieu-0-value" value="1.5"' in body  # kept as typed, not judged yet
    assert 'name="so_lieu-1-key" value="dan_so"' in body and 'name="so_lieu-1-label" value="Dân số"' in body
    assert 'name="so_lieu-1-unit" value="người"' in body
    assert "không rõ là số nào" not in body


# --- who may ---------------------------------------------------------------------------------------


def test_another_district_gets_404_and_a_reviewer_403(client, tree):  # noqa: F811
    document = make_document(tree)
    client.force_login(make_user("staff-b", tree["LC.B"]))
    assert client.get(url(document)).status_code == 404
    assert client.post(url(document), rows_post([AREA], version=1)).status_code == 404
    with pytest.raises(ReportDocument.DoesNotExist):
        manual_figures_save(document=document, rows=[row_of("1")], user=make_user("b2", tree["LC.B"]))
    client.force_login(make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    assert client.post(url(document), rows_post([AREA], version=1)).status_code == 403
    assert not ManualFigure.objects.exists()


def test_a_sent_document_keeps_its_figures(staff, staff_user, tree):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    manual_figures_save(document=document, rows=[row_of("1")], user=staff_user)
    report_document_submit(document=document, user=staff_user)
    response = staff.post(url(document), rows_post([{**AREA, "value": "9"}]), follow=True)
    assert "Văn bản đã gửi Ban Tổ chức Tỉnh ủy nên không sửa được nữa" in response.content.decode()
    assert staff.get(url(document))["Location"] == reverse("documents:detail", args=[document.pk])
    with pytest.raises(SubmissionRefused):
        manual_figures_save(document=document, rows=[], user=staff_user)
    assert ManualFigure.objects.get().value == Decimal(1)


# --- the staff's text: [[so_lieu:key]] --------------------------------------------------------------


def test_the_staff_text_uses_a_figure_in_the_page_the_word_file_and_the_pdf(staff, staff_user, tree):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    manual_figures_save(document=document, rows=[row_of("41012.5")], user=staff_user)
    text = "Diện tích tự nhiên **[[so_lieu:dien_tich_tu_nhien]] ha**."
    response = staff.post(reverse("documents:edit", args=[document.pk]),
                          form_data(tree, number="408-BC/HU", strengths=text, version="2"))
    assert response.status_code == 302
    page = staff.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert 'Diện tích tự nhiên <span class="b ">41.012,5 ha</span>.' in page
    assert '<td class="code">dien_tich_tu_nhien</td><td>Diện tích tự nhiên</td><td class="num">41.012,5</td>' in page
    word = read_docx(io.BytesIO(staff.get(reverse("documents:download", args=[document.pk, "docx"])).content))
    assert "Diện tích tự nhiên 41.012,5 ha." in [paragraph.text for paragraph in word.paragraphs]
    pdf = staff.get(reverse("documents:download", args=[document.pk, "pdf"])).content
    pdf_text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Diện tích tự nhiên 41.012,5 ha." in " ".join(pdf_text.split())


def test_an_unknown_figure_in_the_text_is_refused_on_save(staff, staff_user, tree):  # noqa: F811
    response = staff.post(reverse("documents:create"), form_data(tree, strengths="Có [[so_lieu:dan_so]] người."))
    body = response.content.decode()
    assert response.status_code == 400 and not ReportDocument.objects.exists()
    assert "Văn bản chưa có số liệu nhập tay “[[so_lieu:dan_so]]”" in body
    assert "Có [[so_lieu:dan_so]] người." in body
    document = make_document(tree)
    document.strengths = "[[so_lieu:khong_co]]"
    with pytest.raises(ManualFigureProblems, match="Phần “Ưu điểm”: Văn bản chưa có số liệu nhập tay"):
        report_document_save(document=document, user=staff_user)


def test_a_figure_the_text_uses_cannot_be_removed_or_renamed(staff, staff_user, tree):  # noqa: F811
    document = make_document(tree, weaknesses="Mới đạt [[so_lieu:dien_tich_tu_nhien]].")
    ManualFigure.objects.create(document=document, key="dien_tich_tu_nhien", label="Diện tích", value=5)
    body = staff.post(url(document), rows_post([{**AREA, "key": "dien_tich"}], version=1)).content.decode()
    assert "Không xóa hay đổi mã được số liệu “[[so_lieu:dien_tich_tu_nhien]]”: phần “Hạn chế, khuyết điểm”" in body
    assert list(ManualFigure.objects.values_list("key", flat=True)) == ["dien_tich_tu_nhien"]


# --- Word templates -----------------------------------------------------------------------------------


def upload(client, organization, content):
    return client.post(reverse("documents:templates"), {
        "organization": organization.pk, "name": "Mẫu số liệu",
        "file": SimpleUploadedFile("mau.docx", content),
    })


FIGURE_TEMPLATE = ("{{ so_lieu.dien_tich_tu_nhien }} ha",
                   "{{ so_lieu_so.dien_tich_tu_nhien * 100 }}",
                   "{% for s in so_lieu_nhap_tay %}{{ s.ma }}={{ s.gia_tri }} {{ s.don_vi }};{% endfor %}",
                   "{{ uu_diem[0] }}")


def test_a_word_template_reads_the_figures_by_key_and_as_a_list(staff, staff_user, tree):  # noqa: F811
    assert upload(staff, tree["LC.A"], template_with(*FIGURE_TEMPLATE)).status_code == 302
    template = DocumentTemplate.objects.get()
    assert {"so_lieu", "so_lieu_so", "so_lieu_nhap_tay"} <= set(template.variables)
    document = make_document(tree, number="408-BC/HU", template=template, strengths="")
    manual_figures_save(document=document, rows=[row_of("41012.5"), row_of("12", key="so_cuoc", label="Số cuộc",
                                                                               unit="cuộc")], user=staff_user)
    ReportDocument.objects.filter(pk=document.pk).update(strengths="Có [[so_lieu:so_cuoc]] cuộc kiểm tra.")
    download = staff.get(reverse("documents:download", args=[document.pk, "docx"]))
    assert [paragraph.text for paragraph in read_docx(io.BytesIO(download.content)).paragraphs] == [
        "41.012,5 ha", "4101250.0", "dien_tich_tu_nhien=41.012,5 ha;so_cuoc=12 cuộc;", "Có 12 cuộc kiểm tra."]


def test_a_document_without_a_figure_its_template_names_gets_a_clear_message(staff, tree):  # noqa: F811
    upload(staff, tree["LC.A"], template_with(*FIGURE_TEMPLATE))
    document = make_document(tree, number="408-BC/HU", template=DocumentTemplate.objects.get())
    response = staff.get(reverse("documents:download", args=[document.pk, "docx"]))
    assert response.status_code == 400
    assert ("Mẫu Word riêng dùng số liệu nhập tay mà văn bản chưa có: “dien_tich_tu_nhien”. Hãy thêm các số liệu "
            "có mã này ở trang “Số liệu nhập tay” của văn bản, hoặc chọn mẫu khác.") in response.content.decode()


def test_the_template_check_knows_the_shape_of_the_figures():
    check = check_template(template_with("{{ so_lieu.dan_so.upper() }}", "{{ so_lieu.dan_so.ten }}",
                                         "{% for s in so_lieu_nhap_tay %}{{ s.ten_sai }}{% endfor %}"), specimen())
    assert len(check.problems) == 1
    assert "so_lieu.dan_so.ten (là chuỗi chữ, không có thuộc tính)" in check.problems[0]
    assert "s.ten_sai (chỉ có: ma, ten, gia_tri, so, don_vi, ghi_chu)" in check.problems[0]
    computed = check_template(template_with("{% set k = 'dan' ~ '_so' %}{{ so_lieu[k] }}"), specimen())
    assert len(computed.problems) == 1 and computed.problems[0].startswith(
        "Không điền được mẫu với số liệu mẫu: văn bản chưa có số liệu nhập tay có mã “dan_so” (mẫu dùng "
        "so_lieu.dan_so); hãy thêm ở trang “Số liệu nhập tay” của văn bản")


# --- frozen with a submission ----------------------------------------------------------------------------


def test_a_submission_keeps_the_figures_as_they_were_sent(staff, staff_user, tree):  # noqa: F811
    document = make_document(tree, number="408-BC/HU", strengths="Đạt [[so_lieu:dien_tich_tu_nhien]] ha.")
    manual_figures_save(document=document, rows=[row_of("41012.5", note="Niên giám 2023")], user=staff_user)
    first = report_document_submit(document=document, user=staff_user)
    assert first.manual_figures == [{"key": "dien_tich_tu_nhien", "label": "Diện tích tự nhiên", "value": "41012.5",
                                     "text": "41.012,5", "unit": "ha", "note": "Niên giám 2023"}]
    reviewer = make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)
    submission_return(submission=first, user=reviewer, note="Kiểm tra lại diện tích.")
    manual_figures_save(document=document, rows=[row_of("40000")], user=staff_user)

    first.refresh_from_db()
    assert first.manual_figures[0]["text"] == "41.012,5"
    sent_word = [paragraph.text for paragraph in read_docx(io.BytesIO(bytes(first.docx))).paragraphs]
    assert "Đạt 41.012,5 ha." in sent_word
    page = staff.get(reverse("documents:submission", args=[first.pk])).content.decode()
    assert "Số liệu nhập tay lúc gửi" in page
    assert '<td class="num">41.012,5</td><td>ha</td><td>Niên giám 2023</td>' in page
    assert "Đạt 40.000 ha." in staff.get(reverse("documents:detail", args=[document.pk])).content.decode()
    second = report_document_submit(document=document, user=staff_user)
    assert second.manual_figures[0]["text"] == "40.000" and Submission.objects.get(pk=first.pk).manual_figures == \
        first.manual_figures


# --- escaping ---------------------------------------------------------------------------------------------

ATTACK = '<script>alert("x")</script>'


def test_labels_units_and_notes_are_escaped_on_every_page(staff, staff_user, tree):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    manual_figures_save(document=document, user=staff_user, rows=[
        row_of("1", label=ATTACK, unit='"><img src=x onerror=alert(1)>', note="<b>ghi chú</b>")])
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    detail = staff.get(reverse("documents:detail", args=[document.pk])).content.decode()
    form = staff.get(url(document)).content.decode()
    submission = report_document_submit(document=document, user=staff_user)
    sent = staff.get(reverse("documents:submission", args=[submission.pk])).content.decode()
    for body in (detail, form, sent):
        assert ATTACK not in body and "<img src=x" not in body and "<b>ghi chú</b>" not in body
        assert escaped in body and "&lt;b&gt;ghi chú&lt;/b&gt;" in body


def test_markup_characters_reach_a_word_template_as_text(staff, staff_user, tree):  # noqa: F811
    upload(staff, tree["LC.A"], template_with("{% for s in so_lieu_nhap_tay %}{{ s.ten }} ({{ s.don_vi }}): "
                                              "{{ s.gia_tri }}{% endfor %}", "{{ trich_yeu }}"))
    document = make_document(tree, number="408-BC/HU", template=DocumentTemplate.objects.get(),
                             subject="Cán bộ & đảng viên <trẻ>")
    manual_figures_save(document=document, user=staff_user, rows=[
        row_of("3", label='Tăng & giảm <w:t>"x"</w:t>', unit="<b>người</b>")])
    download = staff.get(reverse("documents:download", args=[document.pk, "docx"]))
    assert download.status_code == 200
    assert [paragraph.text for paragraph in read_docx(io.BytesIO(download.content)).paragraphs] == [
        'Tăng & giảm <w:t>"x"</w:t> (<b>người</b>): 3', "Cán bộ & đảng viên <trẻ>"]


# --- seed 001: the party-building report ----------------------------------------------------------------


def figures(**values) -> tuple[ManualFigureValue, ...]:
    units = {key: item.unit for key, item in manual.SUGGESTIONS_BY_KEY.items()}
    return tuple(ManualFigureValue(key=key, label=key, value=Decimal(value), unit=units.get(key, ""))
                 for key, value in values.items())


SEED_001_FIGURES = dict(
    dien_tich_tu_nhien="41012.5", dan_so="120345", ty_le_tccsd_htt="98.24", ty_le_tccsd_htt_nam_truoc="91.53",
    vi_tri_viec_lam="68", bien_che_duoc_bo_tri="59", bien_che_cong_chuc="49", bien_che_vien_chuc="4",
    hop_dong_lao_dong="6", bien_che_giam="6", lop_boi_duong_nghiep_vu="6", luot_boi_duong_nghiep_vu="780",
    bi_thu_kiem_truong_ap="70", bi_thu_kiem_truong_ban_mat_tran="77", dang_vien_xoa_ten="62",
    dang_vien_cho_ra_khoi_dang="7", cu_hoc_cao_cap_llct="25", cu_hoc_trung_cap_llct="320", lop_so_cap_llct="10",
    hoc_vien_so_cap_llct="597", boi_duong_cap_nhat_kien_thuc="150", tham_dinh_chinh_tri="623",
    kiem_tra_to_chuc_dang="300", kiem_tra_dang_vien="131", giam_sat_to_chuc_dang="271", giam_sat_dang_vien="189",
    ty_le_chuong_trinh_kiem_tra="70", dau_hieu_vi_pham_to_chuc="22", dau_hieu_vi_pham_dang_vien="40",
    ky_luat_dang_vien="90", ky_luat_to_chuc_dang="1", don_to_cao="35",
)


def party_report(**values):
    spec = sample_spec(kind=PARTY_BUILDING, subject="Về công tác xây dựng Đảng nhiệm kỳ 2020 - 2025",
                       rating_years=(2023,), manual_figures=figures(**values))
    return compose(spec, dataclasses.replace(sample_facts(), report=None))


def test_every_suggested_figure_fills_its_blank_of_seed_001():
    assert set(SEED_001_FIGURES) == set(manual.SUGGESTIONS_BY_KEY)
    document = party_report(**SEED_001_FIGURES)
    body = [paragraph.text for paragraph in document.body]
    situation = next(text for text in body if text.startswith("Huyện có"))
    assert situation.startswith(
        "Huyện có diện tích tự nhiên 41.012,5 ha, dân số 120.345 người, với 17 đơn vị hành chính cấp xã trực thuộc "
        "(15 xã và 02 thị trấn). Đảng bộ huyện có 57 tổ chức cơ sở đảng trực thuộc")
    assert situation.endswith("Năm 2023, tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ trở lên chiếm tỷ lệ "
                            "98,24%, năm 2022 chiếm 91,53%.")
    expected = [
        "Tổng số vị trí việc làm của các cơ quan tham mưu, giúp việc là 68 vị trí, số biên chế được bố trí 59 biên "
        "chế (trong đó: biên chế công chức 49, viên chức 04, hợp đồng lao động 06). Đã tinh giản 06 biên chế công "
        "chức.",
        "Mở 06 lớp bồi dưỡng nghiệp vụ công tác xây dựng Đảng, có 780 lượt đồng chí tham dự.",
        "Bí thư chi bộ đồng thời là trưởng ấp, bản là 70 đồng chí; bí thư chi bộ kiêm trưởng ban công tác mặt trận "
        "là 77 đồng chí.",
        "Qua rà soát, sàng lọc, toàn Đảng bộ có 62 đảng viên bỏ sinh hoạt, không đóng đảng phí phải xóa tên; cho ra "
        "khỏi Đảng 07 đồng chí.",
        "Cử 25 đồng chí học Cao cấp lý luận chính trị; 320 đồng chí học Trung cấp lý luận chính trị; mở 10 lớp Sơ "
        "cấp lý luận chính trị có 597 đồng chí tham dự; bồi dưỡng cập nhật kiến thức 150 đồng chí; thẩm định lịch "
        "sử chính trị và chính trị hiện tại 623 trường hợp.",
        "Tổ chức kiểm tra 300 lượt tổ chức đảng và 131 đảng viên; giám sát 271 lượt tổ chức đảng và 189 lượt đảng "
        "viên.",
        "Đến nay, Đảng bộ huyện đã thực hiện đạt 70% Chương trình kiểm tra, giám sát toàn khóa.",
        "Kiểm tra khi có dấu hiệu vi phạm 22 tổ chức đảng và 40 đảng viên.",
        "Thi hành kỷ luật 90 đảng viên và 01 tổ chức đảng.",
        "Nhận 35 đơn tố cáo có liên quan đến cán bộ, đảng viên.",
    ]
    assert [line for line in expected if line not in body] == []
    headings = [paragraph.text for paragraph in document.body if paragraph.role == HEADING]
    assert headings[:6] == [
        "* ĐẶC ĐIỂM, TÌNH HÌNH CHUNG", "I. KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG NHIỆM KỲ 2020 - 2025",
        "1. Đổi mới, hoàn thiện tổ chức bộ máy và nâng cao hiệu quả hoạt động của hệ thống chính trị",
        "2. Củng cố tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên", "3. Xây dựng đội ngũ cán bộ",
        "4. Công tác kiểm tra, giám sát, kỷ luật đảng"]
    assert "..." not in document.all_text()


def test_a_party_building_report_without_figures_says_nothing_of_them():
    text = party_report().all_text()
    assert "Huyện có 17 đơn vị hành chính cấp xã trực thuộc (15 xã và 02 thị trấn)." in text
    for absent in ("diện tích", "biên chế", "kiểm tra, giám sát, kỷ luật", "bồi dưỡng", "xếp loại hoàn thành"):
        assert absent not in text
    partial = party_report(dan_so="120345", ty_le_tccsd_htt_nam_truoc="90").all_text()
    assert "Huyện có dân số 120.345 người, với 17 đơn vị hành chính" in partial
    assert "Năm 2022, tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ trở lên chiếm tỷ lệ 90%." in partial


def test_the_figures_page_offers_the_seed_001_figures_for_a_party_building_report(staff, tree):  # noqa: F811
    document = ReportDocument.objects.create(organization=tree["LC.A"], kind=PARTY_BUILDING,
                                             as_of=dt.date(2023, 12, 31), subject="Về công tác xây dựng Đảng")
    page = staff.get(url(document)).content.decode()
    for item in manual.PARTY_BUILDING_SUGGESTIONS:
        assert f'<td class="code">{item.key}</td><td>{item.label}</td>' in page
