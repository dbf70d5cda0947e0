"""A district's own Word template: checked at upload with Vietnamese messages, filled with the data."""
import io
import re

import pytest
from docx import Document

from documents.specimen import specimen
from documents.user_templates import TEMPLATE_VARIABLES, check_template, render_template
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


def test_a_template_that_fails_with_the_example_figures_is_refused(example):
    problems = check_template(template_with("{{ nguoi_ky.chuc_danh }}"), example).problems
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
