"""The Word and PDF exporters of a built report (what build_report --format docx|pdf writes)."""
import io

import pytest
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from documents.exporters import DOCUMENT_EXPORTERS
from reports.exporters.report_json import report_as_dict
from tests.factories import add_position, make_district_tree, make_official
from tests.reports.plans import build, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    import datetime as dt

    tree = make_district_tree("LC")
    for number, gender in enumerate(["NU", "NAM", "NAM"]):
        person = make_official(f"P{number}", gender=gender)
        add_position(person, tree["LC.A.X1"], "CT_UBND_XA", dt.date(2018, 1, 1))
    make_plan(code="01-ĐA/HU", organization="LC.A", rows=[
        {"label": "Tỷ lệ cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "value": 30}]}])
    return build("LC.A", dt.date(2023, 5, 15), plan="01-ĐA/HU", baseline=dt.date(2020, 12, 31))


def test_the_exporters_have_an_identifier_a_name_and_render(report):
    assert {identifier: exporter.verbose_name for identifier, exporter in DOCUMENT_EXPORTERS.items()} == {
        "docx": "Word (.docx)", "pdf": "PDF"}
    filename, content_type, content = DOCUMENT_EXPORTERS["docx"].render(report)
    assert filename == "du-thao-bao-cao-LC.A-2023-05-15.docx"
    assert content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    word = Document(io.BytesIO(content))
    assert [cell.text for cell in word.tables[0].rows[0].cells][1].startswith("ĐẢNG CỘNG SẢN VIỆT NAM")


def test_the_word_and_pdf_files_show_the_json_figures(report):
    figures = report_as_dict(report)["tables"][0]["rows"][1]["current"]
    assert figures["percent"] == "33.33"
    _, _, word_bytes = DOCUMENT_EXPORTERS["docx"].render(report)
    table = Document(io.BytesIO(word_bytes)).tables[2]
    row = next(row for row in table.rows if row.cells[1].text == "Tỷ lệ cán bộ nữ")
    assert [cell.text for cell in row.cells[5:8]] == ["1", "33,33", "111,11"]
    filename, content_type, pdf_bytes = DOCUMENT_EXPORTERS["pdf"].render(report)
    assert (filename, content_type) == ("du-thao-bao-cao-LC.A-2023-05-15.pdf", "application/pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert "Tỷ lệ cán bộ nữ: 33,33%/30,00% (01/03 đồng chí), đạt 111,11% mục tiêu đề ra." in text


@pytest.mark.parametrize("output_format", ["docx", "pdf"])
def test_build_report_writes_word_and_pdf(report, tmp_path, output_format):
    output = tmp_path / f"bao-cao.{output_format}"
    call_command("build_report", "--org", "LC.A", "--plan", "01-ĐA/HU", "--as-of", "2023-05-15",
                 "--baseline", "2020-12-31", "--format", output_format, "--output", str(output))
    content = output.read_bytes()
    assert content[:2] == b"PK" if output_format == "docx" else content[:5] == b"%PDF-"
