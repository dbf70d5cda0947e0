"""Benchmark: render a district report of about 15 pages with three Biểu as DOCX and as PDF.

    .venv/bin/python benchmarks/document_benchmark.py [--repeat 5] [--paragraphs 9]

The document is composed in memory (no database): the specimen figures of
documents/specimen.py, three Biểu of twelve rows like seed 002's Biểu 01, and
staff-written sections long enough for about fifteen pages. The script times
the two renderers (documents/docx_render.py, documents/pdf_render.py) only, as
the web page and the command line call them after the single fetch, and prints
the page count of the PDF, the first run and the median of the following runs.
It is a benchmark, not a test. Results are in docs/performance.md.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CADRE_EMBEDDED", "1")  # a local run: the key file .secret_key when SECRET_KEY is unset

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from documents.compose import compose  # noqa: E402
from documents.docx_render import render_docx  # noqa: E402
from documents.pdf_render import render_pdf  # noqa: E402
from documents.specimen import _row, specimen  # noqa: E402
from reports.structure import TOTAL_INDICATOR, TOTAL_LABEL, TOTAL_ROW_KEY, ReportTable, TargetBounds  # noqa: E402

PARAGRAPH = (
    "Cấp ủy cơ sở, nhất là người đứng đầu cấp ủy luôn quan tâm lãnh đạo, chỉ đạo nâng cao nhận thức, trách nhiệm "
    "về vai trò và tầm quan trọng của việc nâng cao chất lượng đội ngũ cán bộ, công chức cấp xã; **tích cực tuyên "
    "truyền** và vận động cán bộ, đảng viên, đoàn viên, hội viên và nhân dân thực hiện đổi mới phương thức lãnh đạo, "
    "đổi mới *tác phong, lề lối làm việc* của tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể."
)
SECTIONS = ("situation", "implementation", "strengths", "weaknesses", "causes", "lessons", "tasks", "proposals")


def bieu(number: str) -> ReportTable:
    """Twelve rows like seed 002's Biểu 01."""
    value = lambda v: TargetBounds(value=Decimal(v))  # noqa: E731
    rows = [
        _row(TOTAL_ROW_KEY, "", TOTAL_LABEL, TOTAL_INDICATOR, (183, 183), (190, 190), None),
        _row("1", "1", "Giáo dục Trung học phổ thông", "PT_THPT", (180, 183), (190, 190), value(100)),
        _row("2", "2", "Trình độ chuyên môn Trung cấp trở lên", "CM_TRUNG_CAP", (181, 183), (190, 190), value(100)),
        _row("3", "", "Trong đó trình độ Đại học trở lên", "CM_DAI_HOC", (48, 183), (121, 190), value(50), depth=1),
        _row("4", "3", "Trình độ Lý luận chính trị Trung cấp trở lên", "LLCT_TRUNG_CAP", (171, 183), (189, 190),
             value(100)),
        _row("5", "4", "Trong đó trình độ lý luận chính trị cao cấp", "LLCT_CAO_CAP", (12, 183), (14, 190), value(10)),
        _row("6", "5", "Trình độ Quản lý Nhà nước chuyên viên trở lên", "QLNN_CHUYEN_VIEN", (56, 183), (142, 190),
             value(70)),
        _row("7", "6", "Trình độ tin học đạt chuẩn", "TIN_HOC", (153, 183), (178, 190), value(100)),
        _row("8", "7", "Trình độ ngoại ngữ đạt chuẩn", "NGOAI_NGU", (125, 183), (155, 190), value(100)),
        _row("9", "8", "Được bồi dưỡng theo vị trí việc làm", "BOI_DUONG_VTVL", (178, 183), (190, 190), value(100)),
        _row("10", "9", "Tỷ lệ cán bộ nữ", "NU", (29, 183), (30, 190), value(15)),
        _row("11", "10", "Tỷ lệ cán bộ trẻ", "TRE", (110, 183), (88, 190),
             TargetBounds(min=Decimal(35), max=Decimal(40))),
    ]
    return ReportTable(key=number, number=number, title="Tổng hợp chất lượng cán bộ", population="CB_XA",
                       population_name="Cán bộ cấp xã", rows=tuple(rows))


def district_report(paragraphs: int):
    base = specimen()
    report = replace(base.facts.report, tables=tuple(bieu(f"Biểu {n:02d}") for n in (1, 2, 3)))
    text = "\n".join(("- " if index % 3 else "") + PARAGRAPH for index in range(paragraphs))
    spec = replace(base.spec, sections={**{key: text for key in SECTIONS},
                                        "opening": "Thực hiện Công văn số 1848-CV/BTCTU, Huyện ủy báo cáo như sau:"})
    return compose(spec, replace(base.facts, report=report))


def timed(function, document, repeat: int) -> tuple[float, float, float, bytes]:
    """Wall time of the first run, median wall time and median CPU time of the next runs, the output.

    The CPU time is what the render costs on an idle machine; the wall time also
    shows waiting for the processor when other work runs at the same time.
    """
    start = time.perf_counter()
    content = function(document)
    first = time.perf_counter() - start
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(document)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return first, statistics.median(walls), statistics.median(cpus), content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=7, help="paragraphs per staff section")
    options = parser.parse_args()
    load = os.getloadavg()
    document = district_report(options.paragraphs)
    docx_first, docx_median, docx_cpu, _ = timed(render_docx, document, options.repeat)
    pdf_first, pdf_median, pdf_cpu, pdf = timed(render_pdf, document, options.repeat)
    reader = PdfReader(io.BytesIO(pdf))
    landscape = sum(1 for page in reader.pages if page.mediabox.width > page.mediabox.height)
    print(f"PDF: {len(reader.pages)} pages ({len(reader.pages) - landscape} portrait, {landscape} landscape Biểu), "
          f"{len(pdf) // 1024} KiB; {len(document.body)} body paragraphs, {len(document.appendix)} Biểu")
    print(f"load average before: {' '.join(f'{value:.2f}' for value in load)} ({os.cpu_count()} CPUs)")
    print("| output | first run (wall) | median wall | median CPU | limit |")
    print("|---|---|---|---|---|")
    print(f"| DOCX | {docx_first:.2f} s | {docx_median:.2f} s | {docx_cpu:.2f} s | 1 s |")
    print(f"| PDF | {pdf_first:.2f} s | {pdf_median:.2f} s | {pdf_cpu:.2f} s | 5 s |")


if __name__ == "__main__":
    main()
