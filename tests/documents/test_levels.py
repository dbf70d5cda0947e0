"""Reports from any level of the tree on the report's date: Tỉnh ủy (TU), Huyện ủy (HU), Đảng ủy xã, phường (ĐU).

Since 1 July 2025 communes stand directly under the province; before, under a district. The header, the
number, the place, the filing line and the default recipients come from the tree on the report's date.
"""
import datetime as dt
import io
import unicodedata

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from accounts.models import Role
from documents.assembly import report_document_compose
from documents.exporters import DOCUMENT_EXPORTERS
from cadre.committees import issuer_of
from documents.models import ReportDocument, Submission
from tests.factories import add_position, make_official, make_organization, make_user
from tests.reports.plans import make_plan

pytestmark = pytest.mark.django_db

CHANGE = dt.date(2025, 7, 1)


@pytest.fixture
def tree():
    province = make_organization("LC", "TINH", name="Đảng bộ tỉnh Lai Châu")
    district = make_organization("LC.PT", "HUYEN", province, name="Huyện ủy Phong Thổ", ceased_on=CHANGE)
    old_commune = make_organization("LC.PT.MS", "XA", district, form="DANG_BO", name="Xã Mường So",
                                    ceased_on=CHANGE)
    commune = make_organization("LC.MS", "XA", province, form="DANG_BO", name="Xã Mường So", founded_on=CHANGE)
    ward = make_organization("LC.TP", "XA", province, form="DANG_BO", name="Phường Tân Phong", founded_on=CHANGE)
    official = make_official(gender="NU")
    add_position(official, commune, "BT_DU", CHANGE)
    return {"LC": province, "LC.PT": district, "LC.PT.MS": old_commune, "LC.MS": commune, "LC.TP": ward}


def party_report(organization, as_of, issued_on, **fields):
    return ReportDocument.objects.create(
        organization=organization, kind="XAY_DUNG_DANG", as_of=as_of, issued_on=issued_on,
        subject="Về công tác xây dựng Đảng", signer_name="Lò Văn Tả", **fields)


def docx_of(document):
    _, _, content = DOCUMENT_EXPORTERS["docx"].draw(report_document_compose(document), None)
    return read_docx(io.BytesIO(content))


def cell_texts(word):
    left, right = word.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def paragraphs(word):
    texts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(unicodedata.normalize("NFC", " ".join(page.extract_text() for page in reader.pages)).split())


def pdf_of(document) -> bytes:
    _, _, content = DOCUMENT_EXPORTERS["pdf"].draw(report_document_compose(document))
    return content


# --- the issuing committee's forms ---------------------------------------------------


def test_each_level_has_its_own_forms(tree):
    province = issuer_of(tree["LC"], dt.date(2026, 1, 5))
    assert (province.superior_body, province.issuing_body, province.number_suffix, province.name, province.office,
            province.place, province.department) == (
        "ĐẢNG BỘ TỈNH LAI CHÂU", "TỈNH ỦY LAI CHÂU", "-BC/TU", "Tỉnh ủy Lai Châu", "Văn phòng Tỉnh ủy", "Lai Châu",
        "Ban Tổ chức Tỉnh ủy Lai Châu")
    district = issuer_of(tree["LC.PT"], dt.date(2023, 7, 12))
    assert (district.superior_body, district.issuing_body, district.number_suffix, district.name,
            district.department) == ("ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY PHONG THỔ", "-BC/HU", "Huyện ủy Phong Thổ",
                                     "Ban Tổ chức Huyện ủy Phong Thổ")
    commune = issuer_of(tree["LC.MS"], dt.date(2026, 1, 5))
    assert (commune.superior_body, commune.issuing_body, commune.number_suffix, commune.name, commune.office,
            commune.department) == ("ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ MƯỜNG SO", "-BC/ĐU", "Đảng ủy xã Mường So",
                                    "Văn phòng Đảng ủy", "Đảng ủy xã Mường So")
    assert commune.default_recipients() == (
        "Ban Tổ chức Tỉnh ủy (b/c)", "Thường trực Đảng ủy (b/c)", "Các đồng chí Đảng ủy viên",
        "Các đảng bộ, chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy")
    ward = issuer_of(tree["LC.TP"], dt.date(2026, 1, 5))
    assert (ward.issuing_body, ward.name, ward.place) == (
        "ĐẢNG ỦY PHƯỜNG TÂN PHONG", "Đảng ủy phường Tân Phong", "Tân Phong")


def test_a_commune_of_a_district_before_the_change_stands_under_the_district(tree):
    old = issuer_of(tree["LC.PT.MS"], dt.date(2023, 7, 12))
    assert (old.superior_body, old.issuing_body, old.number_suffix) == (
        "ĐẢNG BỘ HUYỆN PHONG THỔ", "ĐẢNG ỦY XÃ MƯỜNG SO", "-BC/ĐU")
    assert old.default_recipients()[0] == "Ban Tổ chức Huyện ủy (b/c)"
    # On a date when its district no longer exists, its superior is the nearest ancestor that does.
    assert issuer_of(tree["LC.PT.MS"], CHANGE).superior_body == "ĐẢNG BỘ TỈNH LAI CHÂU"


# --- the documents, read back --------------------------------------------------------


def test_the_provinces_report_is_a_tinh_uy_report(tree):
    document = party_report(tree["LC"], dt.date(2025, 12, 31), dt.date(2026, 1, 5))
    word = docx_of(document)
    assert cell_texts(word) == (["ĐẢNG BỘ TỈNH LAI CHÂU", "TỈNH ỦY LAI CHÂU", "*", "Số       -BC/TU"],
                                ["ĐẢNG CỘNG SẢN VIỆT NAM", "Lai Châu, ngày       tháng 01 năm 2026"])
    texts = paragraphs(word)
    assert "T/M BAN THƯỜNG VỤ" in texts and "Lò Văn Tả" in texts
    recipients = [text for text in texts if text.startswith("- ")]
    assert recipients == ["- Ban Tổ chức Trung ương (b/c),", "- Thường trực Tỉnh ủy (b/c),",
                          "- Các đồng chí Tỉnh ủy viên,", "- Các đảng bộ, chi bộ trực thuộc,",
                          "- Lưu Văn phòng Tỉnh ủy."]
    assert not any("Huyện ủy" in text or "HUYỆN ỦY" in text for text in texts)
    text = pdf_text(pdf_of(document))
    for expected in ("ĐẢNG BỘ TỈNH LAI CHÂU", "TỈNH ỦY LAI CHÂU", "Số -BC/TU", "Lai Châu, ngày tháng 01 năm 2026",
                     "T/M BAN THƯỜNG VỤ", "- Lưu Văn phòng Tỉnh ủy."):
        assert expected in text
    assert "Huyện ủy" not in text and "HUYỆN ỦY" not in text


def test_the_districts_report_before_the_change_is_a_huyen_uy_report(tree):
    document = party_report(tree["LC.PT"], dt.date(2023, 6, 30), dt.date(2023, 7, 12), number="408-BC/HU")
    word = docx_of(document)
    assert cell_texts(word) == (["ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY PHONG THỔ", "*", "Số 408-BC/HU"],
                                ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phong Thổ, ngày 12 tháng 7 năm 2023"])
    assert [text for text in paragraphs(word) if text.startswith("- ")][-1] == "- Lưu Văn phòng Huyện ủy."
    text = pdf_text(pdf_of(document))
    for expected in ("ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY PHONG THỔ", "Số 408-BC/HU", "- Lưu Văn phòng Huyện ủy."):
        assert expected in text


def test_the_new_communes_report_is_a_dang_uy_report_under_the_province(tree):
    document = party_report(tree["LC.MS"], dt.date(2025, 12, 31), dt.date(2026, 1, 5))
    word = docx_of(document)
    assert cell_texts(word) == (["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ MƯỜNG SO", "*", "Số       -BC/ĐU"],
                                ["ĐẢNG CỘNG SẢN VIỆT NAM", "Mường So, ngày       tháng 01 năm 2026"])
    texts = paragraphs(word)
    assert [text for text in texts if text.startswith("- ")] == [
        "- Ban Tổ chức Tỉnh ủy (b/c),", "- Thường trực Đảng ủy (b/c),", "- Các đồng chí Đảng ủy viên,",
        "- Các đảng bộ, chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."]
    assert "T/M BAN THƯỜNG VỤ" in texts
    assert not any("Huyện" in text or "HUYỆN" in text for text in texts)
    text = pdf_text(pdf_of(document))
    for expected in ("ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ MƯỜNG SO", "Số -BC/ĐU", "Mường So, ngày tháng 01 năm 2026",
                     "- Lưu Văn phòng Đảng ủy."):
        assert expected in text
    assert "HUYỆN" not in text and "Huyện ủy" not in text


def test_a_wards_report_speaks_of_the_ward_and_the_province_of_its_communes_and_wards(tree):
    cell = make_organization("LC.TP.T1", "CHI_BO", tree["LC.TP"], form="AP", name="Chi bộ tổ dân phố 1",
                             founded_on=CHANGE)
    assert cell.parent_id == tree["LC.TP"].pk
    ward_texts = paragraphs(docx_of(party_report(tree["LC.TP"], dt.date(2025, 12, 31), dt.date(2026, 1, 5))))
    assert any(text.startswith("Đảng bộ phường có ") for text in ward_texts)
    assert not any("Đảng bộ xã" in text for text in ward_texts)
    province_texts = paragraphs(docx_of(party_report(tree["LC"], dt.date(2025, 12, 31), dt.date(2026, 1, 5))))
    assert "Tỉnh có 02 đơn vị hành chính cấp xã trực thuộc (01 xã và 01 phường)." in " ".join(province_texts)
    assert any("02 đảng bộ xã, phường" in text for text in province_texts)


def test_the_old_communes_report_before_the_change_names_its_district(tree):
    document = party_report(tree["LC.PT.MS"], dt.date(2023, 6, 30), dt.date(2023, 7, 12), number="25-BC/ĐU")
    left, _ = cell_texts(docx_of(document))
    assert left == ["ĐẢNG BỘ HUYỆN PHONG THỔ", "ĐẢNG ỦY XÃ MƯỜNG SO", "*", "Số 25-BC/ĐU"]


def test_typed_header_and_recipients_are_kept_as_written(tree):
    document = party_report(tree["LC.MS"], dt.date(2025, 12, 31), dt.date(2026, 1, 5),
                            superior_body="Đảng bộ tỉnh Lai Châu", issuing_body="Đảng ủy xã Mường So",
                            recipients="Ban Tổ chức Tỉnh ủy\nThường trực Đảng ủy")
    texts = paragraphs(docx_of(document))
    assert [text for text in texts if text.startswith("- ")] == [
        "- Ban Tổ chức Tỉnh ủy,", "- Thường trực Đảng ủy,", "- Lưu Văn phòng Đảng ủy."]


# --- pages ---------------------------------------------------------------------------


def test_the_web_preview_of_the_communes_report(client, tree):
    document = party_report(tree["LC.MS"], dt.date(2025, 12, 31), dt.date(2026, 1, 5))
    client.force_login(make_user("ms-staff", tree["LC.MS"]))
    page = client.get(reverse("documents:detail", args=[document.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    for expected in ("ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ MƯỜNG SO", "-BC/ĐU", "- Lưu Văn phòng Đảng ủy."):
        assert expected in body
    assert "Huyện ủy" not in body and "HUYỆN ỦY" not in body


def test_commune_staff_see_their_committee_never_huyen_uy(client, tree):
    client.force_login(make_user("ms-staff", tree["LC.MS"]))
    for name in ("home", "documents:list", "documents:create"):
        body = client.get(reverse(name)).content.decode()
        assert "<title>" in body and "· Đảng ủy xã Mường So</title>" in body, name
        assert '<footer class="footer">Hệ thống quản lý hồ sơ cán bộ và báo cáo · Đảng ủy xã Mường So</footer>' in body
        assert "Huyện ủy" not in body and "huyện" not in body.lower().replace("huyện ủy", ""), name
    form = client.get(reverse("documents:create")).content.decode()
    assert "Lưu Văn phòng Đảng ủy" in form and "Ban Tổ chức Tỉnh ủy (b/c)" in form


def test_province_staff_see_the_provinces_committee(client, tree):
    client.force_login(make_user("lc-staff", tree["LC"]))
    body = client.get(reverse("home")).content.decode()
    assert "· Ban Tổ chức Tỉnh ủy Lai Châu</title>" in body and "Huyện ủy" not in body


def test_the_login_page_is_level_neutral(client):
    body = client.get(reverse("login")).content.decode()
    assert "Huyện ủy" not in body and "Ban Tổ chức cấp ủy</title>" in body


def test_the_staff_role_label_is_level_neutral():
    assert Role.DISTRICT_STAFF.label == "Cán bộ Ban Tổ chức / văn phòng cấp ủy"


# --- roles at the new levels ---------------------------------------------------------


def test_province_staff_write_for_the_whole_province(client, tree):
    client.force_login(make_user("lc-staff", tree["LC"]))
    response = client.post(reverse("documents:create"), {
        "kind": "XAY_DUNG_DANG", "organization": tree["LC.MS"].pk, "plan": "", "as_of": "31/12/2025",
        "rating_years": "", "baseline_as_of": "", "baseline_rating_years": "", "target_year": "", "events_from": "",
        "term": "", "number": "", "issued_on": "05/01/2026", "place": "", "superior_body": "", "issuing_body": "",
        "subject": "Về công tác xây dựng Đảng", "signer_authority": "T/M BAN THƯỜNG VỤ", "signer_title": "BÍ THƯ",
        "signer_name": "", "recipients": "", "opening": "", "situation": "", "implementation": "", "strengths": "",
        "weaknesses": "", "causes": "", "lessons": "", "tasks": "", "proposals": "", "template": "",
    })
    document = ReportDocument.objects.get()
    assert response.status_code == 302 and document.organization == tree["LC.MS"]
    assert [text for text in paragraphs(docx_of(document)) if text.startswith("- ")][-1] == "- Lưu Văn phòng Đảng ủy."


def test_commune_staff_cannot_write_for_another_commune(client, tree):
    client.force_login(make_user("ms-staff", tree["LC.MS"]))
    response = client.post(reverse("documents:create"), {
        "kind": "XAY_DUNG_DANG", "organization": tree["LC.TP"].pk, "as_of": "31/12/2025", "issued_on": "05/01/2026",
        "subject": "x", "signer_authority": "T/M BAN THƯỜNG VỤ",
    })
    assert response.status_code == 400 and not ReportDocument.objects.exists()
    assert "Tổ chức không có trong phạm vi của bạn." in response.content.decode()


def test_a_commune_sends_to_the_province_and_is_returned_to_it(client, tree):
    document = party_report(tree["LC.MS"], dt.date(2025, 12, 31), dt.date(2026, 1, 5), number="25-BC/ĐU")
    client.force_login(make_user("ms-staff", tree["LC.MS"]))
    client.post(reverse("documents:submit", args=[document.pk]), {"xac_nhan": "1"})
    submission = Submission.objects.get()
    assert "ĐẢNG ỦY XÃ MƯỜNG SO" in pdf_text(bytes(submission.pdf))
    # A reviewer of another province does not see it at all.
    other = make_organization("DB", "TINH", name="Đảng bộ tỉnh Điện Biên")
    client.force_login(make_user("db-reviewer", other, role=Role.PROVINCIAL_REVIEWER))
    refused = client.post(reverse("documents:submission", args=[submission.pk]), {"action": "accept"})
    assert refused.status_code == 404
    submission.refresh_from_db()
    assert submission.state == "cho_tiep_nhan"
    client.force_login(make_user("lc-reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    returned = client.post(reverse("documents:submission", args=[submission.pk]),
                           {"action": "return", "review_note": "Bổ sung số liệu đảng viên."}, follow=True)
    submission.refresh_from_db()
    assert (submission.state, submission.review_note) == ("tra_lai", "Bổ sung số liệu đảng viên.")
    assert "Đã trả lại báo cáo cho đơn vị." in returned.content.decode()
    empty = client.post(reverse("documents:submission", args=[submission.pk]), {"action": "return", "review_note": ""})
    assert empty.status_code == 400 and "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì." in empty.content.decode()


# --- the command line ----------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_build_report_writes_the_communes_document(tree, tmp_path, file_format):
    make_plan(code="01-ĐA/TU", rows=[{"label": "Tỷ lệ cán bộ nữ", "indicator": "NU",
                                       "targets": [{"year": 2030, "value": 30}]}])
    output = tmp_path / f"report.{file_format}"
    call_command("build_report", "--org", "LC.MS", "--plan", "01-ĐA/TU", "--as-of", "2025-12-31",
                 "--baseline", "2025-07-01", "--rating-years", "2025", "--baseline-rating-years", "2025",
                 "--format", file_format, "--output", str(output))  # founded in 2025 with no predecessors
    if file_format == "docx":
        word = read_docx(str(output))
        left, _ = cell_texts(word)
        assert left == ["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ MƯỜNG SO", "*", "Số       -BC/ĐU"]
        texts = paragraphs(word)
        assert any(text.startswith("(Kèm theo Báo cáo số        -BC/ĐU, ngày ") and
                   text.endswith(" của Đảng ủy xã Mường So)") for text in texts), texts
        assert [text for text in texts if text.startswith("- ")][-1] == "- Lưu Văn phòng Đảng ủy."
    else:
        text = pdf_text(output.read_bytes())
        for expected in ("ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ MƯỜNG SO", "-BC/ĐU", "của Đảng ủy xã Mường So)",
                         "- Lưu Văn phòng Đảng ủy."):
            assert expected in text
