"""The Word file opens in LibreOffice with the same pages (only where LibreOffice is installed)."""
import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from documents.compose import compose
from documents.docx_render import render_docx
from tests.documents.samples import sample_facts, sample_report, sample_spec, seed_002_table

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None,
                       reason="LibreOffice (soffice) không có trên máy (apt-get install libreoffice-writer-nogui)"),
]


def test_libreoffice_converts_the_word_file_with_portrait_text_and_landscape_bieu_pages(tmp_path):
    report = sample_report(tables=[seed_002_table("Biểu 01"), seed_002_table("Biểu 02")])
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(render_docx(compose(sample_spec(), sample_facts(report))))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=240)
    reader = PdfReader(io.BytesIO((tmp_path / "bao-cao.pdf").read_bytes()))
    orientations = ["landscape" if page.mediabox.width > page.mediabox.height else "portrait" for page in reader.pages]
    assert orientations[-2:] == ["landscape", "landscape"] and set(orientations[:-2]) == {"portrait"}
    first = " ".join(reader.pages[0].extract_text().split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first and "Số 408-BC/HU" in first
    assert "127,37" in " ".join(reader.pages[-2].extract_text().split())
