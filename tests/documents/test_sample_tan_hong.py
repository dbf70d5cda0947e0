"""The Tân Hồng sample: every percentage in the text equals the Biểu table and the report JSON."""
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from docx import Document as read_docx

from cadre.vietnamese import format_decimal, parse_date
from documents.assembly import report_compose
from documents.docx_render import render_docx
from reports.exporters.report_json import report_as_dict
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from reports.services import report_build

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "samples" / "tan-hong"


@pytest.fixture
def composed():
    if not SAMPLE.is_dir():
        pytest.skip(f"the shared sample is not at {SAMPLE}")
    from cadre.exchange.workbook_import import import_workbook
    from tests.sample_workbook import corrected_sample  # two positions' dates put in order

    result = import_workbook(corrected_sample())
    assert result.ok, [str(problem) for problem in result.problems]
    call_command("import_plan", str(SAMPLE / "plan.json"))
    request = json.loads((SAMPLE / "request.json").read_text(encoding="utf-8"))
    checked = check_request(
        organization=load_organization(request["org"]), plan=load_plan(request["plan"]),
        as_of=parse_date(request["as_of"]), rating_years=tuple(request["rating_years"]),
        baseline=parse_date(request["baseline"]), baseline_rating_years=tuple(request["baseline_rating_years"]),
        target_year=request["target_year"],
    )
    report = report_build(**checked.as_service_arguments())
    return report_compose(report), report_as_dict(report)


def vn(text: str) -> str:
    """"40.82" (the JSON's style) -> "40,82" (the document's)."""
    return format_decimal(Decimal(text))


def clause_pattern(label: str) -> re.Pattern:
    """A row's clause starts a "+ " line or follows "; " (a "Trong đó" row)."""
    return re.compile(r"(?:^\+ |; )(?:trong đó )?" + re.escape(label.lower()) + ":")


def table_lines(document, number: str) -> list[str]:
    """The "+ …" lines told for one Biểu: after its heading, before "(có Biểu … kèm theo)"."""
    texts = [paragraph.text for paragraph in document.body]
    end = texts.index(f"(có {number} kèm theo)")
    start = max(i for i in range(end) if texts[i].startswith("Tính đến ngày"))
    return [text for text in texts[start:end] if text.startswith("+ ")]


def clause(document, number: str, label: str) -> str:
    """The part of the text that tells one row of one Biểu."""
    pattern = clause_pattern(label)
    found = [line for line in table_lines(document, number) if pattern.search(line.lower())]
    assert len(found) == 1, (label, found)
    line = found[0]
    rest = line[pattern.search(line.lower()).start():]
    return re.split(r"; trong đó ", rest.lstrip("+; "))[0]


def test_the_sample_report_json_is_the_expected_one(composed):
    _, report_json = composed
    assert report_json == json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))


def test_every_percentage_in_the_text_equals_the_table_and_the_json(composed):
    result, report_json = composed
    document = result.document
    checked = 0
    for table_json, table in zip(report_json["tables"], document.appendix):
        rows = {row.label.removeprefix("- "): row for row in table.rows}
        for row_json in table_json["rows"]:
            row = rows[row_json["label"]]
            current = row_json["current"]["percent"]
            baseline = row_json["baseline"]["percent"]
            # the table shows the JSON's figures
            assert row.cells[1] == (vn(baseline) if baseline else "-")
            assert row.cells[4] == (vn(current) if current else "-")
            if row_json["vs_target"]:
                assert row.cells[5] == " - ".join(vn(value) if value else "-" for value in row_json["vs_target"])
            if row_json["indicator"] == "TONG_SO":
                continue
            # and so does the text
            line = clause(document, table_json["number"], row_json["label"])
            if current is None:
                assert "chưa có số liệu" in line
                continue
            assert f": {vn(current)}%" in line
            percentages = re.findall(r"\d+(?:\.\d{3})*,\d{2}%", line)
            expected = [vn(current) + "%"]
            if row_json["target"]:
                expected += [vn(bound) + "%" for bound in row_json["target"].values()]
                ratios = [vn(value) + "%" for value in row_json["vs_target"] if value]
                if len(row_json["target"]) > 1:
                    # A range says the bound the figure is measured against (below: the minimum, above: the
                    # maximum; inside: none), never both ratios joined by a dash.
                    assert sorted(set(percentages) - set(expected)) in ([], *([ratio] for ratio in ratios)), line
                    percentages = [p for p in percentages if p not in ratios]
                else:
                    expected += ratios
            assert sorted(percentages) == sorted(expected), line
            checked += 1
    assert checked >= 8


def test_the_composition_shares_equal_the_womens_and_young_rows(composed):
    result, report_json = composed
    cadres = next(paragraph.text for paragraph in result.document.body
                  if paragraph.text.startswith("Tổng số cán bộ cấp xã"))
    rows = {row["indicator"]: row for row in report_json["tables"][0]["rows"]}
    assert f"nữ {rows['NU']['current']['count']:02d} đồng chí, chiếm {vn(rows['NU']['current']['percent'])}%" in cadres
    assert (f"dưới 35 tuổi {rows['TRE']['current']['count']:02d} đồng chí, "
            f"chiếm {vn(rows['TRE']['current']['percent'])}%") in cadres
    assert f"là {rows['TONG_SO']['current']['count']} đồng chí" in cadres


def test_the_word_file_shows_the_json_figures(composed):
    result, report_json = composed
    word = read_docx(io.BytesIO(render_docx(result.document)))
    bieu_tables = word.tables[2:]
    assert len(bieu_tables) == len(report_json["tables"])
    for table, table_json in zip(bieu_tables, report_json["tables"]):
        cells = {row.cells[1].text.removeprefix("- "): [cell.text for cell in row.cells] for row in table.rows[3:]}
        for row_json in table_json["rows"]:
            figure = row_json["current"]
            assert cells[row_json["label"]][5] == str(figure["count"] if row_json["indicator"] != "TONG_SO"
                                                      else figure["total"])
            assert cells[row_json["label"]][6] == (vn(figure["percent"]) if figure["percent"] else "-")


def test_the_sample_header_comes_from_the_organization_tree(composed):
    header = composed[0].document.header
    assert (header.superior_body, header.issuing_body) == ("ĐẢNG BỘ TỈNH ĐỒNG THÁP", "HUYỆN ỦY TÂN HỒNG")
    assert header.place_date.startswith("Tân Hồng, ngày")
    assert header.number_line == "Số       -BC/HU"  # the command line makes a draft
