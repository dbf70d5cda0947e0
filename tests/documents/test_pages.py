"""The document pages: compose, keep drafts, scope to the user's organization, reviewers read only."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from accounts.models import Role
from documents.models import ReportDocument
from planning.services import plan_import
from tests.factories import add_position, add_qualification, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    orgs = make_district_tree("LC")
    official = make_official(gender="NU")
    add_position(official, orgs["LC.A.X1"], "BT_DU", dt.date(2019, 1, 1))
    add_qualification(official, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
    plan_import(data={
        "code": "01-ĐA/HU", "title": "Đề án xây dựng đội ngũ cán bộ cấp xã", "organization": "LC.A",
        "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA", "rows": [
            {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
             "targets": [{"year": 2025, "value": 50}]},
            {"label": "Tỷ lệ cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "value": 20}]},
        ]}],
    })
    return orgs


@pytest.fixture
def staff(client, tree):
    client.force_login(make_user("staff-a", tree["LC.A"]))
    return client


def form_data(tree, **changes):
    from planning.models import Plan

    data = {
        "kind": "SO_KET", "organization": tree["LC.A"].pk, "plan": Plan.objects.get(code="01-ĐA/HU").pk,
        "as_of": "15/05/2023", "rating_years": "2022", "baseline_as_of": "31/12/2020", "baseline_rating_years": "",
        "target_year": "", "events_from": "", "term": "", "number": "", "issued_on": "12/07/2023", "place": "",
        "superior_body": "", "issuing_body": "", "subject": "Sơ kết giữa nhiệm kỳ thực hiện Đề án số 01-ĐA/HU",
        "signer_authority": "T/M BAN THƯỜNG VỤ", "signer_title": "PHÓ BÍ THƯ", "signer_name": "Lò Văn Tả",
        "recipients": "Ban Tổ chức Tỉnh ủy\nLưu Văn phòng Huyện ủy", "opening": "", "situation": "",
        "implementation": "", "strengths": "Đội ngũ cán bộ **vững vàng**.", "weaknesses": "- Còn thiếu cán bộ trẻ.",
        "causes": "", "lessons": "", "tasks": "", "proposals": "", "template": "",
    }
    data.update(changes)
    return data


def make_document(tree, **fields):
    from planning.models import Plan

    values = dict(organization=tree["LC.A"], plan=Plan.objects.get(code="01-ĐA/HU"), as_of=dt.date(2023, 5, 15),
                  baseline_as_of=dt.date(2020, 12, 31), issued_on=dt.date(2023, 7, 12), subject="Sơ kết đề án")
    values.update(fields)
    return ReportDocument.objects.create(**values)


def test_staff_save_a_draft_and_see_it_composed_with_figures(staff, tree):
    response = staff.post(reverse("documents:create"), form_data(tree))
    document = ReportDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("documents:detail", args=[document.pk])
    assert (document.rating_year_from, document.rating_year_to, document.number) == (2022, 2022, "")
    assert document.strengths == "Đội ngũ cán bộ **vững vàng**."
    assert document.created_by.username == "staff-a"
    page = staff.get(response["Location"]).content.decode()
    assert "Dự thảo" in page and "ĐẢNG CỘNG SẢN VIỆT NAM" in page
    assert "Tổng số cán bộ cấp xã là 01 đồng chí, trong đó: nữ 01 đồng chí, chiếm 100,00%" in page
    assert '<span class="b ">vững vàng</span>' in page


def test_a_validation_error_keeps_everything_that_was_typed(staff, tree):
    response = staff.post(reverse("documents:create"), form_data(
        tree, baseline_as_of="31/13/2020", strengths="Một đoạn **rất dài** do cán bộ soạn.", number="408/BC"))
    body = response.content.decode()
    assert response.status_code == 400
    assert ReportDocument.objects.count() == 0
    assert "Một đoạn **rất dài** do cán bộ soạn." in body
    assert "Ngày phải có dạng dd/mm/yyyy" in body
    assert "Số hiệu phải có dạng 408-BC/HU" in body


def test_a_plan_review_needs_a_plan_and_a_baseline(staff, tree):
    body = staff.post(reverse("documents:create"), form_data(tree, plan="", baseline_as_of="")).content.decode()
    assert "Báo cáo sơ kết, tổng kết cần chọn nghị quyết, đề án." in body


def test_a_target_year_the_plan_lacks_is_explained_in_vietnamese(staff, tree):
    body = staff.post(reverse("documents:create"), form_data(tree, target_year="2030")).content.decode()
    assert "không có mục tiêu cho năm 2030" in body
    assert ReportDocument.objects.count() == 0


def test_editing_updates_the_same_document(staff, tree):
    document = make_document(tree)
    response = staff.post(reverse("documents:edit", args=[document.pk]), form_data(tree, number="408-BC/HU"))
    document.refresh_from_db()
    assert response.status_code == 302 and document.number == "408-BC/HU" and not document.is_draft


def test_downloads_are_a_word_file_and_a_pdf(staff, tree):
    document = make_document(tree, number="408-BC/HU")
    word = staff.get(reverse("documents:download", args=[document.pk, "docx"]))
    assert word.status_code == 200
    assert word["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert word["Content-Disposition"] == 'attachment; filename="bao-cao-408-BC-HU.docx"'
    assert word.content[:2] == b"PK"
    pdf = staff.get(reverse("documents:download", args=[document.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"


def test_a_document_of_another_district_answers_404(client, tree):
    document = make_document(tree)
    client.force_login(make_user("staff-b", tree["LC.B"]))
    for url in (reverse("documents:detail", args=[document.pk]), reverse("documents:edit", args=[document.pk]),
                reverse("documents:download", args=[document.pk, "docx"])):
        assert client.get(url).status_code == 404
    assert document.title_text not in client.get(reverse("documents:list")).content.decode()


def test_the_list_shows_the_documents_of_the_users_scope(staff, tree):
    make_document(tree, number="408-BC/HU")
    body = staff.get(reverse("documents:list")).content.decode()
    assert "Báo cáo số 408-BC/HU" in body


def test_a_reviewer_reads_and_downloads_but_cannot_compose(client, tree):
    document = make_document(tree)
    client.force_login(make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("documents:download", args=[document.pk, "docx"])).status_code == 200
    assert client.get(reverse("documents:create")).status_code == 403
    response = client.post(reverse("documents:edit", args=[document.pk]), form_data(tree, number="1-BC/HU"))
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.number == ""
    assert "Soạn báo cáo mới" not in client.get(reverse("documents:list")).content.decode()


def test_pages_require_login(client, tree):
    response = client.get(reverse("documents:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_party_building_report_needs_no_plan_and_fills_its_figures(staff, tree):
    response = staff.post(reverse("documents:create"), form_data(
        tree, kind="XAY_DUNG_DANG", plan="", baseline_as_of="", term="2020 - 2025", subject=""))
    document = ReportDocument.objects.get()
    assert response.status_code == 302 and document.plan is None
    page = staff.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Về công tác xây dựng Đảng nhiệm kỳ 2020 - 2025" in page
    assert "Đảng bộ huyện có 03 tổ chức cơ sở đảng trực thuộc, gồm 02 đảng bộ xã và 01 chi bộ cơ sở." in page
    assert "Bí thư đảng ủy đồng thời là chủ tịch HĐND cấp xã: 0/02 xã;" in page
    assert '<section class="vb-bieu">' not in page


def test_the_composition_form_starts_from_the_users_organization_and_explains_the_markup(staff, tree):
    body = staff.get(reverse("documents:create")).content.decode()
    assert "Soạn báo cáo mới" in body and "**chữ đậm**, *chữ nghiêng*" in body
    field = re.search(r'<input[^>]*name="organization"[^>]*>', body).group(0)
    assert 'value="Huyện ủy A (LC.A)"' in field and 'data-search-url="/to-chuc/tim/"' in field
    assert "Ban Tổ chức Tỉnh ủy (b/c)" in body  # the default recipients


def test_the_composer_offers_only_committees_that_issue_reports(staff, tree):
    from tests.factories import make_organization
    cell = make_organization("LC.A.X1.B1", "CHI_BO", tree["LC.A.X1"], form="AP", name="Chi bộ thôn Nà Hừ")
    department = make_organization("LC.A.VP", "CO_QUAN", tree["LC.A"], name="Văn phòng HĐND huyện")
    from documents.forms import ReportDocumentForm

    user = ReportDocument._meta.get_field("updated_by").related_model.objects.get(username="staff-a")
    offered = set(ReportDocumentForm(user=user).fields["organization"].queryset.values_list("code", flat=True))
    assert {"LC.A", "LC.A.X1", "LC.A.X2"} <= offered
    assert "LC.A.X1.B1" not in offered and "LC.A.VP" not in offered
    response = staff.post(reverse("documents:create"), form_data(tree, organization=cell.pk))
    assert response.status_code == 400 and not ReportDocument.objects.exists()
