"""The Word file, read back with python-docx."""
import io

import pytest
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from documents.compose import compose
from documents.docx_render import render_docx
from tests.documents.samples import sample_facts, sample_report, sample_spec, seed_002_table


@pytest.fixture(scope="module")
def word():
    report = sample_report(tables=[seed_002_table("Biểu 01"), seed_002_table("Biểu 02")])
    return read_docx(io.BytesIO(render_docx(compose(sample_spec(), sample_facts(report)))))


def close(length, millimetres):
    """Word stores lengths in twips: equal to a twentieth of a point."""
    return abs(length - Mm(millimetres)) <= Pt(0.05)


def texts(cell):
    return [paragraph.text for paragraph in cell.paragraphs]


def test_the_header_is_a_borderless_two_column_table(word):
    header = word.tables[0]
    left, right = header.rows[0].cells
    assert texts(left) == ["ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY PHONG THỔ", "*", "Số 408-BC/HU"]
    assert texts(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phong Thổ, ngày 12 tháng 7 năm 2023"]
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[0].runs[0].font.size == Pt(15)
    assert right.paragraphs[1].runs[0].italic
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_a_solid_line_runs_under_the_party_name(word):
    party = word.tables[0].rows[0].cells[1].paragraphs[0]
    bottom = party._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    assert party.paragraph_format.left_indent > 0  # the line is as long as the text, not the column


def test_the_title_and_subject_are_centred_and_bold(word):
    paragraphs = [p for p in word.paragraphs if p.text]
    title = next(p for p in paragraphs if p.text == "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    index = paragraphs.index(title)
    assert paragraphs[index + 1].text.startswith("Sơ kết giữa nhiệm kỳ") and paragraphs[index + 1].runs[0].bold
    assert paragraphs[index + 2].text == "-----"


def test_body_paragraphs_are_justified_14_pt_with_a_1_cm_first_line_indent(word):
    body = next(p for p in word.paragraphs if p.text.startswith("Tổng số cán bộ cấp xã là 190 đồng chí"))
    style = body.style
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert close(style.paragraph_format.first_line_indent, 10)
    assert style.paragraph_format.line_spacing == Pt(18)
    assert word.styles["Normal"].font.size == Pt(14)
    assert word.styles["Normal"].font.name == "Times New Roman"


def test_the_first_section_is_portrait_a4_with_page_numbers_from_page_two(word):
    section = word.sections[0]
    assert close(section.page_width, 210) and close(section.page_height, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert all(close(margin, mm) for margin, mm in zip(margins, (20, 20, 30, 15)))
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_each_bieu_is_on_its_own_landscape_section(word):
    assert len(word.sections) == 3
    for section in word.sections[1:]:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert close(section.page_width, 297) and close(section.page_height, 210)
    assert [p.text for p in word.paragraphs if p.text.startswith("Biểu")] == ["Biểu 01", "Biểu 02"]
    assert "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ" in [p.text for p in word.paragraphs]


def test_the_bieu_table_has_the_seed_columns_and_repeated_header_rows(word):
    table = word.tables[2]
    first = [cell.text for cell in table.rows[0].cells]
    assert first[:3] == ["TT", "Chất lượng", "Thực hiện năm 2020"]
    assert "Mục tiêu Đề án đến năm 2025 (%)" in first and "Ghi chú" in first
    assert [cell.text for cell in table.rows[2].cells] == [str(n) for n in range(1, 11)]
    for row in table.rows[:3]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[3]._tr.trPr.find(qn("w:tblHeader")) is None


def test_the_bieu_cells_hold_the_report_figures(word):
    rows = {row.cells[1].text: [cell.text for cell in row.cells] for row in word.tables[2].rows[3:]}
    assert rows["Tổng số"][2:7] == ["183", "100,00", "", "190", "100,00"]
    assert rows["- Trong đó trình độ Đại học trở lên"] == [
        "", "- Trong đó trình độ Đại học trở lên", "48", "26,23", "50,00", "121", "63,68", "127,37", "242,80", "Vượt"]
    assert rows["Trình độ Lý luận chính trị Trung cấp trở lên"][0] == "3"


def test_trong_do_rows_are_indented(word):
    row = next(r for r in word.tables[2].rows if r.cells[1].text.startswith("- Trong đó"))
    assert close(row.cells[1].paragraphs[0].paragraph_format.left_indent, 4)


def test_the_closing_table_holds_recipients_and_signature(word):
    left, right = word.tables[-3].rows[0].cells  # before the two Biểu tables
    assert texts(left)[0] == "Nơi nhận:"
    assert texts(left)[-1] == "- Lưu Văn phòng Huyện ủy."
    signature = [text for text in texts(right) if text]
    assert signature == ["T/M HUYỆN ỦY", "PHÓ BÍ THƯ", "Nguyễn Văn Thanh"]


def test_the_document_is_real_paragraphs_without_text_boxes(word):
    xml = word.element.xml
    assert "w:txbxContent" not in xml and "v:textbox" not in xml
