"""The Tân Hồng sample of shared/samples: workbook + plan + request must give exactly expected.json."""
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import make_user

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "samples" / "tan-hong"


@pytest.fixture
def sample():
    if not SAMPLE.is_dir():
        pytest.skip(f"the shared sample is not at {SAMPLE}")
    from cadre.exchange.workbook_import import import_workbook
    from tests.sample_workbook import corrected_sample  # two positions' dates put in order

    result = import_workbook(corrected_sample())
    assert result.ok, [str(problem) for problem in result.problems]
    call_command("import_plan", str(SAMPLE / "plan.json"))
    return json.loads((SAMPLE / "request.json").read_text(encoding="utf-8"))


def command_arguments(request: dict, output: Path, output_format: str = "json") -> list[str]:
    def years(values):
        return f"{values[0]}-{values[-1]}" if len(values) > 1 else str(values[0])

    return [
        "build_report", "--org", request["org"], "--plan", request["plan"], "--as-of", request["as_of"],
        "--rating-years", years(request["rating_years"]), "--baseline", request["baseline"],
        "--baseline-rating-years", years(request["baseline_rating_years"]),
        "--target-year", str(request["target_year"]), "--format", output_format, "--output", str(output),
    ]


def test_the_sample_report_is_exactly_the_expected_json(sample, tmp_path):
    output = tmp_path / "report.json"
    call_command(*command_arguments(sample, output))
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    assert json.loads(output.read_text(encoding="utf-8")) == expected


def test_the_sample_report_with_default_years_is_the_same(sample, tmp_path):
    """The request's years are the defaults: the year before the as-of year, the baseline's year, the first target year."""
    output = tmp_path / "report.json"
    call_command("build_report", "--org", sample["org"], "--plan", sample["plan"], "--as-of", sample["as_of"],
                 "--baseline", sample["baseline"], "--format", "json", "--output", str(output))
    assert json.loads(output.read_text(encoding="utf-8")) == json.loads((SAMPLE / "expected.json").read_text("utf-8"))


def test_the_sample_xlsx_shows_the_same_figures_as_the_json(sample, tmp_path):
    output = tmp_path / "report.xlsx"
    call_command(*command_arguments(sample, output, "xlsx"))
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == [table["number"] for table in expected["tables"]]
    for table in expected["tables"]:
        sheet = workbook[table["number"]]
        for offset, row in enumerate(table["rows"]):
            values = [sheet.cell(row=8 + offset, column=column).value for column in range(3, 8)]
            assert values[0] == row["baseline"]["count"]
            assert values[1] == float(row["baseline"]["percent"])
            assert values[3] == row["current"]["count"]
            assert values[4] == float(row["current"]["percent"])


def test_every_list_behind_a_sample_figure_is_as_long_as_the_figure(sample, client):
    """A reviewer can check any figure: the list behind it has exactly that many entries."""
    client.force_login(make_user("tan-hong", None, is_superuser=True))
    params = {"org": sample["org"], "plan": sample["plan"], "as_of": sample["as_of"],
              "rating_years": "2022", "baseline": sample["baseline"], "baseline_rating_years": "2020",
              "target_year": str(sample["target_year"])}
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    html = unescape(client.get("/bao-cao/", params).content.decode())
    checked = 0
    tables = re.findall(r'<section class="bieu".*?</section>', html, re.S)
    assert len(tables) == len(expected["tables"])
    for table_html, table in zip(tables, expected["tables"]):
        rows = re.findall(r'<tr class="row[^"]*">.*?</tr>', table_html, re.S)
        assert len(rows) == len(table["rows"])
        for row_html, row in zip(rows, table["rows"]):
            hrefs = re.findall(r'href="([^"]*/bao-cao/danh-sach/[^"]*)"', row_html)
            for href in hrefs:
                query = {key: values[0] for key, values in parse_qs(urlparse(href).query).items()}
                page = unescape(client.get("/bao-cao/danh-sach/", query).content.decode())
                column = "baseline" if query["column"] == "nam-goc" else "current"
                figure = row[column]["count"] if query["part"] == "tu-so" else row[column]["total"]
                size = int(re.search(r"<strong>([\d.]+)</strong>", page).group(1).replace(".", ""))
                entries = len(re.findall(r'<tr>\s*<td class="num">\d+</td>', page))
                assert (size, entries) == (figure, figure), (row["label"], query)
                checked += 1
    # Every row has a count link per column; every row but "Tổng số" a denominator link too.
    assert checked == sum(2 + (0 if r["indicator"] == "TONG_SO" else 2) for t in expected["tables"] for r in t["rows"])
