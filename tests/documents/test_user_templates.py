"""A district's own Word template: checked at upload with Vietnamese messages, filled with the data."""
import io
import re

import pytest
from docx import Document

from documents.specimen import specimen
from documents import template_sandbox
from documents.user_templates import TEMPLATE_SHAPES, TEMPLATE_VARIABLES, check_template, render_template, \
    template_context
from tests.documents.word_templates import (
    good_template,
    hyperlink_split_template,
    split_runs_template,
    template_with,
)


@pytest.fixture(scope="module")
def example():
    return specimen()


def test_a_good_template_passes_and_lists_its_variables(example):
    check = check_template(good_template(), example)
    assert check.problems == []
    assert check.variables == ["bieu", "cau_to_chuc", "co_quan_ban_hanh", "dia_danh_ngay", "dong_so", "nguoi_ky",
                               "uu_diem_rt"]


def test_a_good_template_is_filled_with_the_figures(example):
    word = Document(io.BytesIO(render_template(good_template(), example)))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[:3] == ["HUYỆN ỦY PHONG THỔ", "Số 408-BC/HU", "Phong Thổ, ngày 12 tháng 7 năm 2023"]
    assert texts[3].startswith("Đảng bộ huyện có 57 tổ chức cơ sở đảng trực thuộc")
    assert "Ưu điểm nổi bật." in texts
    assert "Biểu 01: TỔNG HỢP CHẤT LƯỢNG CÁN BỘ" in texts
    assert texts[-1] == "Nguyễn Văn A"
    rows = [[cell.text for cell in row.cells] for row in word.tables[0].rows]
    assert rows[0] == ["Chất lượng", "Số lượng", "%"]
    assert rows[1:5] == [["Tổng số", "190", "100,00"], ["Trình độ chuyên môn Trung cấp trở lên", "190", "100,00"],
                         ["- Trong đó trình độ Đại học trở lên", "121", "63,68"], ["Tỷ lệ cán bộ trẻ", "88", "46,32"]]
    assert rows[-1][0] == "Hết"


def test_formatted_staff_text_keeps_bold(example):
    word = Document(io.BytesIO(render_template(good_template(), example)))
    runs = [run for paragraph in word.paragraphs for run in paragraph.runs if run.text == "nổi bật"]
    assert runs and runs[0].bold


def test_a_tag_typed_in_two_runs_is_joined(example):
    assert check_template(split_runs_template(), example).problems == []
    word = Document(io.BytesIO(render_template(split_runs_template(), example)))
    assert word.paragraphs[0].text == "Số 408-BC/HU"


def test_a_tag_split_into_a_hyperlink_is_refused_with_advice():
    problems = check_template(hyperlink_split_template()).problems
    assert any("gõ lại" in problem for problem in problems), problems


def test_a_tag_cut_across_paragraphs_is_refused():
    problems = check_template(template_with("Số: {{ dong", "_so }}")).problems
    assert any("“{{” không thành một thẻ trọn vẹn" in problem and "cùng một đoạn văn" in problem
               for problem in problems), problems


def test_spaces_between_the_braces_are_pointed_out():
    problems = check_template(template_with("{ { dong_so } }")).problems
    assert any("không được có dấu cách" in problem for problem in problems), problems


def test_a_missing_end_tag_is_a_syntax_error_in_vietnamese():
    problems = check_template(template_with("{% for b in bieu %}", "{{ b.so_bieu }}")).problems
    assert len(problems) == 1
    assert problems[0].startswith("Lỗi cú pháp trong phần nội dung")
    assert "thiếu thẻ đóng" in problems[0]


def test_unknown_variables_are_named():
    problems = check_template(template_with("{{ so_van_ban }} {{ dong_so }} {{ ten_nguoi }}")).problems
    assert problems == ["Mẫu dùng biến không có trong danh sách biến của hệ thống: so_van_ban, ten_nguoi. "
                        "Xem danh sách biến trên trang Mẫu văn bản."]


def test_every_unknown_variable_and_attribute_is_named_in_one_message_in_one_pass():
    problems = check_template(template_with(
        "{{ so_van_ban }} {{ nguoi_ky.chuc_danh }}",
        "{% for b in bieu %}{{ b.ten }}{% for d in b.dong %}{{ d.so_luong }} {{ loop.index }}{% endfor %}{% endfor %}",
        "{{ ten_nguoi }} {{ dong_so.upper() }} {{ nguoi_ky['ho_ten'] }} {{ (bieu|first).so_bieu }}",
    )).problems
    assert problems == [
        "Mẫu dùng biến không có trong danh sách biến của hệ thống: so_van_ban, ten_nguoi; "
        "và thuộc tính không có: nguoi_ky.chuc_danh (chỉ có: tham_quyen, chuc_vu, ho_ten), "
        "b.ten (chỉ có: so_bieu, ten_bieu, kem_theo, cot_goc, cot_muc_tieu, cot_hien_tai, cot_so_muc_tieu, "
        "cot_so_goc, dong). Xem danh sách biến trên trang Mẫu văn bản."
    ]


def test_unknown_attributes_of_texts_lists_numbers_and_the_loop_are_named_too():
    problems = check_template(template_with(
        "{{ dong_so.ten }} {{ noi_nhan.dau }} {{ nam_muc_tieu.nam }} {{ bieu[0].dong[0].so_luong_moi }}",
        "{% for x in noi_nhan %}{{ loop.so }}{% endfor %}{% set k = ke_hoach %}{{ k.ngay }}",
    )).problems
    assert problems == [
        "Mẫu dùng thuộc tính không có trong danh sách biến của hệ thống: "
        "dong_so.ten (là chuỗi chữ, không có thuộc tính), "
        "noi_nhan.dau (là danh sách: dùng {% for … in … %} hoặc [0] để lấy từng phần tử), "
        "nam_muc_tieu.nam (không có thuộc tính), "
        "bieu[0].dong[0].so_luong_moi (chỉ có: tt, noi_dung, la_tong_so, la_dong_con, goc_so_luong, goc_ty_le, "
        "muc_tieu, so_luong, ty_le, so_voi_muc_tieu, so_voi_goc, ghi_chu), "
        "loop.so (loop chỉ có: depth, depth0, first, index, index0, last, length, nextitem, previtem, revindex, "
        "revindex0), "
        "k.ngay (chỉ có: so_hieu, trich_yeu, ngay_ban_hanh). Xem danh sách biến trên trang Mẫu văn bản."
    ]


def conforms(value, shape) -> bool:
    """Whether a value of the filled context has the shape the static check assumes."""
    if isinstance(shape, template_sandbox.Record):
        return isinstance(value, dict) and set(value) == set(shape.fields) and all(
            conforms(value[name], field) for name, field in shape.fields.items())
    if isinstance(shape, template_sandbox.ListOf):
        return isinstance(value, list) and all(conforms(item, shape.item) for item in value)
    if isinstance(shape, template_sandbox.MapOf):
        return isinstance(value, dict) and all(conforms(item, shape.item) for item in value.values())
    if shape == template_sandbox.TEXT:
        return isinstance(value, str)
    return not isinstance(value, (dict, list, str)) or value == ""


def test_the_shapes_the_check_assumes_are_those_of_the_filled_data(example):
    from documents.user_templates import with_sample_figures

    context = template_context(with_sample_figures(example, {"dan_so", "ty_le_tccsd_htt"}))
    assert set(TEMPLATE_SHAPES) == set(TEMPLATE_VARIABLES) == set(context)
    assert context["bieu"] and context["bieu"][0]["dong"] and context["ket_qua"] and context["nguoi_ky"]
    assert context["so_lieu"] == {"dan_so": "1.234", "ty_le_tccsd_htt": "87,5"} and context["so_lieu_nhap_tay"]
    assert [name for name, value in context.items() if not conforms(value, TEMPLATE_SHAPES[name])] == []


def test_a_template_that_fails_with_the_example_figures_is_refused(example):
    problems = check_template(template_with("{{ bieu[9].so_bieu }}"), example).problems
    assert len(problems) == 1 and problems[0].startswith("Không điền được mẫu với số liệu mẫu")


def test_a_file_that_is_not_word_is_refused():
    assert check_template(b"%PDF-1.7 not a docx").problems == [
        "Tệp không phải tài liệu Word .docx (định dạng .doc cũ hãy lưu lại thành .docx)."]


def test_a_template_without_variables_is_refused():
    assert check_template(template_with("Chỉ có chữ.")).problems == [
        "Mẫu chưa có biến nào (ví dụ {{ dong_so }}, {{ trich_yeu }}): không có gì để điền."]


def test_every_documented_variable_is_in_the_context(example):
    from documents.user_templates import template_context

    assert set(template_context(example)) == set(TEMPLATE_VARIABLES)


def test_the_documentation_lists_every_variable():
    from pathlib import Path

    from django.conf import settings

    documentation = (Path(settings.BASE_DIR) / "docs" / "document-templates.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", documentation, flags=re.MULTILINE))
    assert documented == set(TEMPLATE_VARIABLES)
