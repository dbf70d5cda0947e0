"""Small Word templates built in code, for the template tests."""
from __future__ import annotations

import copy
import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def saved(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def template_with(*paragraphs: str) -> bytes:
    word = Document()
    for text in paragraphs:
        word.add_paragraph(text)
    return saved(word)


def good_template() -> bytes:
    """A header line, the organization sentence, formatted staff text and a Biểu table with a row loop."""
    word = Document()
    word.add_paragraph("{{ co_quan_ban_hanh }}")
    word.add_paragraph("{{ dong_so }}")
    word.add_paragraph("{{ dia_danh_ngay }}")
    word.add_paragraph("{{ cau_to_chuc }}")
    word.add_paragraph("{{r uu_diem_rt }}")
    word.add_paragraph("{% for b in bieu %}")
    word.add_paragraph("{{ b.so_bieu }}: {{ b.ten_bieu }}")
    word.add_paragraph("{% endfor %}")
    table = word.add_table(rows=5, cols=3)
    table.rows[0].cells[0].text = "Chất lượng"
    table.rows[0].cells[1].text = "Số lượng"
    table.rows[0].cells[2].text = "%"
    table.rows[1].cells[0].text = "{%tr for d in bieu[0].dong %}"
    table.rows[2].cells[0].text = "{{ d.noi_dung }}"
    table.rows[2].cells[1].text = "{{ d.so_luong }}"
    table.rows[2].cells[2].text = "{{ d.ty_le }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    table.rows[4].cells[0].text = "Hết"
    word.add_paragraph("{{ nguoi_ky.ho_ten }}")
    return saved(word)


def header_table_template() -> bytes:
    """The party style: a header table (issuing body | party name) first, then text, then a closing table."""
    word = Document()
    header = word.add_table(rows=2, cols=2)
    header.rows[0].cells[0].text = "{{ co_quan_ban_hanh }}"
    header.rows[0].cells[1].text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    header.rows[1].cells[0].text = "{{ dong_so }}"
    header.rows[1].cells[1].text = "{{ dia_danh_ngay }}"
    word.add_paragraph("BÁO CÁO")
    word.add_paragraph("")
    word.add_paragraph("{{ trich_yeu }}")
    signature = word.add_table(rows=1, cols=2)
    signature.rows[0].cells[0].text = "Nơi nhận:"
    signature.rows[0].cells[1].text = "{{ nguoi_ky.ho_ten }}"
    word.add_paragraph("Hết.")
    return saved(word)


def split_runs_template() -> bytes:
    """"{{ dong_so }}" typed in two runs of different formatting: docxtpl joins these."""
    word = Document()
    paragraph = word.add_paragraph()
    paragraph.add_run("{{ dong").bold = True
    paragraph.add_run("_so }}")
    return saved(word)


def hyperlink_split_template() -> bytes:
    """A tag whose second half sits inside a hyperlink: docxtpl cannot join it."""
    word = Document()
    paragraph = word.add_paragraph()
    paragraph.add_run("{{ dong")
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), "muc")
    run = copy.deepcopy(paragraph.runs[0]._r)
    run.find(qn("w:t")).text = "_so }}"
    link.append(run)
    paragraph._p.append(link)
    return saved(word)
