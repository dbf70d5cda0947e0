"""Issue 14's rules for documents, checked on the text of the generated DOCX and PDF (and the XLSX where it
carries the same line): what gives a generated report away must not be in either file."""
import datetime as dt
import io
import re
import subprocess

import openpyxl
import pytest
from django.core.management import call_command
from docx import Document as read_docx
from pypdf import PdfReader

from tests.reports.test_build_report_command import ARGS, district  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def build(tmp_path, output_format, *extra):
    output = tmp_path / f"report.{output_format}"
    call_command("build_report", *ARGS, "--format", output_format, "--output", str(output), *extra)
    return output


def docx_texts(path):
    word = read_docx(str(path))
    texts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return word, texts


def pdf_text(path):
    """The PDF's text as laid out (pdftotext keeps runs of spaces where the page has them)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def word_boxes(path, page=1):
    """(text, x_min, x_max) of every word on the page, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(text, float(x_min), float(x_max)) for x_min, x_max, text in
            re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]


def gap_after(boxes, word, following):
    """The blank between a word and the next word on the page, in points."""
    for (text, _, end), (next_text, start, _) in zip(boxes, boxes[1:]):
        if text == word and next_text == following:
            return start - end
    raise AssertionError(f"{word!r} followed by {following!r} is not on the page")


ZERO_PADDED = r"(?<![\d,.])00(?![\d,])"  # "00 đồng chí", "00/09 xã"; not "60,00%"
SPACE = 14 * 0.25  # a space of Times New Roman (and Liberation Serif) at 14 pt


def test_a_draft_keeps_the_seeds_blanks_in_the_docx_and_the_pdf(district, tmp_path):
    extra = ("--issued-on", "2026-12-03")
    _, texts = docx_texts(build(tmp_path, "docx", *extra))
    assert "Số       -BC/HU" in texts
    assert any(text.endswith("ngày       tháng 12 năm 2026") for text in texts)
    assert "(Kèm theo Báo cáo số        -BC/HU, ngày        /12/2026 của Huyện ủy A)" in texts
    pdf = build(tmp_path, "pdf", *extra)
    # Seven spaces wide, as in the DOCX (a collapsed blank would be one space wide).
    boxes = word_boxes(pdf)
    assert gap_after(boxes, "Số", "-BC/HU") == pytest.approx(7 * SPACE, abs=0.5)
    assert gap_after(boxes, "ngày", "tháng") == pytest.approx(7 * SPACE, abs=0.5)
    appendix = word_boxes(pdf, page=len(PdfReader(str(pdf)).pages))
    assert gap_after(appendix, "số", "-BC/HU,") > 6 * SPACE * 12 / 14
    assert gap_after(appendix, "ngày", "/12/2026") > 6 * SPACE * 12 / 14


def test_number_date_signer_and_authority_come_from_the_options_or_the_organization(district, tmp_path):
    options = ("--number", "408-BC/HU", "--issued-on", "2023-07-12", "--signer-name", "Lò Văn Tả",
               "--signer-title", "PHÓ BÍ THƯ")
    _, texts = docx_texts(build(tmp_path, "docx", *options))
    for expected in ("Số 408-BC/HU", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lò Văn Tả",
                     "(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy A)"):
        assert expected in texts
    assert any(text.endswith("ngày 12 tháng 7 năm 2023") for text in texts)
    text = pdf_text(build(tmp_path, "pdf", *options))
    assert "Số 408-BC/HU" in text and "ngày 12 tháng 7 năm 2023" in text and "Lò Văn Tả" in text
    sheet = openpyxl.load_workbook(build(tmp_path, "xlsx", *options))["Biểu 01"]
    assert sheet["A2"].value == "(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy A)"


def test_a_bad_number_or_date_is_refused_in_vietnamese(district, tmp_path):
    from django.core.management.base import CommandError
    with pytest.raises(CommandError) as error:
        build(tmp_path, "docx", "--number", "số 12", "--issued-on", "2023-02-31")
    assert "--number: số báo cáo “số 12” không đúng dạng (ví dụ 408-BC/HU)." in str(error.value)
    assert "--issued-on" in str(error.value)


def test_the_default_signer_is_the_committees_secretary_on_the_issue_date(district, tmp_path):
    from tests.factories import add_position, make_official
    secretary = make_official("S1", full_name="Hoàng Văn Sáng")
    add_position(secretary, district["LC.A"], "BT_HU", dt.date(2020, 1, 1))
    _, texts = docx_texts(build(tmp_path, "docx", "--issued-on", "2023-07-12"))
    assert "BÍ THƯ" in texts and "Hoàng Văn Sáng" in texts and "T/M BAN THƯỜNG VỤ" in texts


def test_the_subject_names_the_plans_kind_and_issuing_body_like_seed_002(district, tmp_path):
    _, texts = docx_texts(build(tmp_path, "docx", "--issued-on", "2023-07-12"))
    subject = ("Sơ kết thực hiện Đề án số 01-ĐA/HU, ngày 15/01/2021 của Ban Chấp hành Đảng bộ tỉnh LC về thử")
    assert subject in texts
    assert "Trên đây là Báo cáo sơ kết thực hiện Đề án số 01-ĐA/HU, ngày 15/01/2021 của Ban Chấp hành Đảng bộ " \
           "tỉnh LC về thử." in texts
    text = " ".join(pdf_text(build(tmp_path, "pdf", "--issued-on", "2023-07-12")).split())
    assert subject in text


def test_without_career_event_records_nothing_is_said_about_them(district, tmp_path):
    _, texts = docx_texts(build(tmp_path, "docx", "--issued-on", "2023-07-12"))
    joined = "\n".join(texts)
    assert "chưa có trường hợp luân chuyển" not in joined
    assert "ĐÁNH GIÁ CHUNG" not in joined.upper() or "Ưu điểm" in joined
    assert "chưa có trường hợp luân chuyển" not in pdf_text(build(tmp_path, "pdf", "--issued-on", "2023-07-12"))


def test_with_career_event_records_an_empty_period_is_said_plainly(district, tmp_path):
    from cadre.models import CareerEvent, Official
    CareerEvent.objects.create(official=Official.objects.get(code="K1"), kind="BO_NHIEM", date=dt.date(2019, 1, 1),
                               from_organization=district["LC.A"], to_organization=district["LC.A.X1"])
    _, texts = docx_texts(build(tmp_path, "docx", "--issued-on", "2023-07-12"))
    assert "Từ năm 2021 đến nay chưa có trường hợp luân chuyển, điều động, bổ nhiệm cán bộ." in texts


def test_zero_range_targets_and_capitals_read_naturally_in_both_files(district, tmp_path):
    _, texts = docx_texts(build(tmp_path, "docx", "--issued-on", "2023-07-12"))
    joined = "\n".join(texts)
    assert not re.search(ZERO_PADDED, joined)
    assert "ban Chấp hành" not in joined
    assert "mục tiêu đề ra từ 35,00% đến 40,00%" in joined
    assert not re.search(r"đạt [\d,]+% - [\d,]+% mục tiêu", joined)
    text = " ".join(pdf_text(build(tmp_path, "pdf", "--issued-on", "2023-07-12")).split())
    assert "mục tiêu đề ra từ 35,00% đến 40,00%" in text and not re.search(ZERO_PADDED, text)


def test_noi_nhan_is_regular_and_underlined_in_the_docx(district, tmp_path):
    word, _ = docx_texts(build(tmp_path, "docx", "--issued-on", "2023-07-12"))
    closing = next(table for table in word.tables
                   if table.rows[0].cells[0].paragraphs and
                   table.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:").rows[0].cells[0].paragraphs[0]
    assert closing.text == "Nơi nhận:"
    run = closing.runs[0]
    assert (run.bold, run.italic, run.underline) == (None, None, True)


def test_every_file_carries_its_properties(district, tmp_path):
    options = ("--number", "408-BC/HU", "--issued-on", "2023-07-12")
    today = dt.date.today()
    word, _ = docx_texts(build(tmp_path, "docx", *options))
    properties = word.core_properties
    assert properties.title.startswith("Sơ kết thực hiện Đề án số 01-ĐA/HU")
    assert (properties.author, properties.language) == ("Huyện ủy A", "vi-VN")
    assert properties.created.date() == today and properties.modified.date() == today

    reader = PdfReader(str(build(tmp_path, "pdf", *options)))
    assert reader.metadata.title == properties.title
    assert reader.metadata.author == "Huyện ủy A"
    assert reader.metadata.creation_date.date() == today
    assert reader.trailer["/Root"]["/Lang"] == "vi-VN"

    workbook = openpyxl.load_workbook(build(tmp_path, "xlsx", *options))
    assert workbook.properties.title == "Sơ kết thực hiện Đề án số 01-ĐA/HU về thử"
    assert (workbook.properties.creator, workbook.properties.language) == ("Huyện ủy A", "vi-VN")
    assert workbook.properties.created.date() == today


def test_the_pdf_margins_are_exactly_those_set_and_the_font_is_named_by_its_family(district, tmp_path):
    from documents import layout
    path = build(tmp_path, "pdf", "--issued-on", "2023-07-12")
    from documents.fonts import pdf_font
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    family = pdf_font().family
    # e.g. "ABCDEF+LiberationSerif": the font's PostScript name, the family without its spaces, never Pango's
    # "Liberation-Serif" (the family itself, with its space, is /FontFamily: tests/documents/test_pdf.py).
    assert f"+{family.replace(' ', '')}" in fonts and f"+{family.replace(' ', '-')}" not in fonts
    # Justified body lines run from margin to margin: WeasyPrint's default 8 px body margin (2.1 mm) is gone.
    boxes = word_boxes(path)
    points = 72 / 25.4
    assert min(start for _, start, _ in boxes) == pytest.approx(layout.PORTRAIT.left * points, abs=0.3)
    assert max(end for _, _, end in boxes) == pytest.approx(
        (layout.PORTRAIT.width - layout.PORTRAIT.right) * points, abs=0.5)


def test_a_plan_with_2030_targets_gets_the_part_seed_002_has(district, tmp_path):
    _, texts = docx_texts(build(tmp_path, "docx", "--issued-on", "2023-07-12"))
    heading = "1. Kết quả thực hiện các mục tiêu cụ thể đến năm 2025, định hướng đến năm 2030"
    assert heading in texts
    start = texts.index("* Đến năm 2025:")
    later = texts.index("* Định hướng đến năm 2030:")
    assert start < later < texts.index("(có Biểu 01 kèm theo)")
    # Only the rows with a 2030 target, against it: 60,00% of cadres are women, the 2030 target is 30%.
    assert texts[later + 1] == "+ Tỷ lệ cán bộ nữ: 60,00%/30,00% (03/05 đồng chí), đạt 200,00% mục tiêu đề ra."
    assert texts[later + 2] == "(có Biểu 01 kèm theo)"
    text = " ".join(pdf_text(build(tmp_path, "pdf", "--issued-on", "2023-07-12")).split())
    assert "* Định hướng đến năm 2030:" in text and "Tỷ lệ cán bộ nữ: 60,00%/30,00%" in text
