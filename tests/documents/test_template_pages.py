"""Uploading a district's Word template, previewing it with current data, using it for a report."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from accounts.models import Role
from documents.models import DocumentTemplate
from tests.documents.test_pages import make_document, tree  # noqa: F401 (fixture)
from tests.documents.word_templates import good_template, header_table_template, template_with
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def upload(client, organization, content, name="Mẫu huyện"):
    return client.post(reverse("documents:templates"), {
        "organization": organization.pk, "name": name,
        "file": SimpleUploadedFile("mau.docx", content,
                                   content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    })


@pytest.fixture
def staff(client, tree):  # noqa: F811
    client.force_login(make_user("staff-a", tree["LC.A"]))
    return client


def test_a_good_template_is_checked_and_stored(staff, tree):  # noqa: F811
    content = good_template()  # built once: the .docx (zip) records the time it was made
    response = upload(staff, tree["LC.A"], content)
    template = DocumentTemplate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:template_detail", args=[template.pk])
    assert (template.organization, template.file_name) == (tree["LC.A"], "mau.docx")
    assert "cau_to_chuc" in template.variables and bytes(template.content) == content


def test_a_bad_template_is_refused_with_every_problem_and_not_stored(staff, tree):  # noqa: F811
    response = upload(staff, tree["LC.A"], template_with("{{ so_sai }}", "{% if dong_so %}", "{ { dong_so } }"))
    body = response.content.decode()
    assert response.status_code == 400
    assert DocumentTemplate.objects.count() == 0
    assert "Mẫu chưa dùng được, chưa lưu" in body
    assert "không được có dấu cách" in body
    assert "thiếu thẻ đóng" in body


def test_the_preview_fills_the_template_with_a_documents_current_figures(staff, tree):  # noqa: F811
    upload(staff, tree["LC.A"], good_template())
    template = DocumentTemplate.objects.get()
    document = make_document(tree, number="408-BC/HU")
    page = staff.get(reverse("documents:template_preview", args=[template.pk, document.pk])).content.decode()
    assert "Số 408-BC/HU" in page and "Đảng bộ huyện có 03 tổ chức cơ sở đảng trực thuộc" in page
    download = staff.get(reverse("documents:template_preview", args=[template.pk, document.pk]) + "?tai-ve=1")
    assert Document(io.BytesIO(download.content)).paragraphs[1].text == "Số 408-BC/HU"


def test_the_preview_keeps_the_documents_order_with_the_header_table_first(staff, tree):  # noqa: F811
    import re

    upload(staff, tree["LC.A"], header_table_template())
    template = DocumentTemplate.objects.get()
    document = make_document(tree, number="408-BC/HU", signer_name="Nguyễn Văn Thanh")
    page = staff.get(reverse("documents:template_preview", args=[template.pk, document.pk])).content.decode()

    paper = page.split('<div class="paper plain-preview">', 1)[1].split("</div>", 1)[0]
    blocks = [
        [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", block)]
        if block.startswith("<table") else re.sub(r"</?p>", "", block)
        for block in re.findall(r"<table.*?</table>|<p>.*?</p>", paper, re.DOTALL)
    ]
    assert blocks == [
        [["HUYỆN ỦY A", "ĐẢNG CỘNG SẢN VIỆT NAM"], ["Số 408-BC/HU", "A, ngày 12 tháng 7 năm 2023"]],
        "BÁO CÁO",
        "Sơ kết đề án",
        [["Nơi nhận:", "Nguyễn Văn Thanh"]],
        "Hết.",
    ]


def test_a_document_with_a_template_downloads_the_filled_template(staff, tree):  # noqa: F811
    upload(staff, tree["LC.A"], good_template())
    document = make_document(tree, number="408-BC/HU", template=DocumentTemplate.objects.get())
    word = Document(io.BytesIO(staff.get(reverse("documents:download", args=[document.pk, "docx"])).content))
    assert word.paragraphs[0].text == "HUYỆN ỦY A"


def test_a_reviewer_cannot_upload_and_another_district_cannot_see_the_template(client, tree):  # noqa: F811
    client.force_login(make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    assert upload(client, tree["LC.A"], good_template()).status_code == 403
    template = DocumentTemplate.objects.create(organization=tree["LC.A"], name="Mẫu", file_name="m.docx",
                                               content=good_template())
    client.force_login(make_user("staff-b", tree["LC.B"]))
    assert client.get(reverse("documents:template_detail", args=[template.pk])).status_code == 404
    assert client.post(reverse("documents:template_delete", args=[template.pk])).status_code == 404
