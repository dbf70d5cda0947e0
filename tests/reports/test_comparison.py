"""The comparison: the same report for every organization directly below the scope, from grouped queries."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.models import Evaluation, Organization
from reports.exporters.report_json import report_as_dict
from reports.fetch import comparison_units, load_plan
from reports.services import comparison_build, report_build
from tests.factories import add_position, make_official, make_organization, make_user
from tests.reports.test_sample_tan_hong import sample  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def arguments(request: dict, organization: Organization) -> dict:
    return {
        "organization": organization, "plan": load_plan(request["plan"]),
        "as_of": dt.date.fromisoformat(request["as_of"]), "rating_years": request["rating_years"],
        "baseline": dt.date.fromisoformat(request["baseline"]),
        "baseline_rating_years": request["baseline_rating_years"], "target_year": request["target_year"],
    }


def test_every_unit_gets_exactly_its_own_report(sample):  # noqa: F811
    district = Organization.objects.get(code=sample["org"])
    communes = list(Organization.objects.filter(parent=district, kind="XA").order_by("path"))
    # A person holding commune cadre titles in two communes on the date, rated in the window: counted
    # in both communes (as each commune's own report does) and once in the district.
    both = make_official("HAI-XA", gender="NU", birth_date=dt.date(1995, 5, 1))
    add_position(both, communes[0], "CT_HLHPN_XA", dt.date(2021, 1, 1))
    add_position(both, communes[1], "BT_DOAN_XA", dt.date(2021, 1, 1))
    Evaluation.objects.create(official=both, year=2022, rating="HTXSNV")

    comparison = comparison_build(**arguments(sample, district))

    assert report_as_dict(comparison.report) == report_as_dict(report_build(**arguments(sample, district)))
    assert [unit.code for unit, _ in comparison.units] == [u.code for u in comparison_units(district, dt.date(2023, 6, 30))]
    assert {unit.code for unit, _ in comparison.units} >= {c.code for c in communes}
    for unit, report in comparison.units:
        assert report_as_dict(report) == report_as_dict(report_build(**arguments(sample, unit))), unit.code
    first, second = (dict(comparison.units)[c] for c in communes[:2])
    own = report_build(**arguments(sample, communes[0]))
    assert first.tables[0].rows[0].current.total == own.tables[0].rows[0].current.total
    female = next(r for r in first.tables[0].rows if r.indicator == "NU")
    assert female.current.count >= 1 and second.tables[0].rows[0].current.total >= 1


def test_the_number_of_queries_does_not_grow_with_the_number_of_units(sample):  # noqa: F811
    district = Organization.objects.get(code=sample["org"])

    def queries() -> int:
        arguments_now = arguments(sample, district)  # the plan is loaded outside the count
        with CaptureQueriesContext(connection) as captured:
            comparison_build(**arguments_now)
        return len(captured)

    before = queries()
    for number in range(5):
        commune = make_organization(f"DT.TH.N{number}", "XA", district, name=f"Xã Mới {number}")
        official = make_official(f"NEW-{number}")
        add_position(official, commune, "CT_UBND_XA", dt.date(2020, 1, 1))
    assert queries() == before


def test_qualification_conditions_are_looked_up_per_person_in_the_grouped_statements(sample):  # noqa: F811
    """A grouped statement looks each person's qualification up (a LIMIT 1 subquery on the person): never an
    EXISTS, which PostgreSQL runs there as a hash of every qualification record of the type in the database
    when it expects many groups (docs/performance.md, "Query shapes that scale with the scope")."""
    district = Organization.objects.get(code=sample["org"])
    arguments_now = arguments(sample, district)
    with CaptureQueriesContext(connection) as captured:
        comparison_build(**arguments_now)
    grouped = [query["sql"] for query in captured if query["sql"].startswith("SELECT CASE")
               and '"cadre_qualificationrecord"' in query["sql"]]
    assert grouped, "the plan has qualification rows: a grouped persons statement reads qualifications"
    for sql in grouped:
        assert 'EXISTS(SELECT 1 AS "a" FROM "cadre_qualificationrecord"' not in sql
        assert sql.count('FROM "cadre_qualificationrecord"') == sql.count("LIMIT 1")


def test_units_ceased_before_the_date_and_party_cells_are_not_compared(sample):  # noqa: F811
    district = Organization.objects.get(code=sample["org"])
    make_organization("DT.TH.CU", "XA", district, name="Xã đã sáp nhập", ceased_on=dt.date(2022, 12, 31))
    make_organization("DT.TH.CB", "CHI_BO", district, name="Chi bộ Công an huyện", form="NGANH")
    codes = [unit.code for unit in comparison_units(district, dt.date(2023, 6, 30))]
    assert "DT.TH.CU" not in codes and "DT.TH.CB" not in codes
    assert "DT.TH.CU" in [unit.code for unit in comparison_units(district, dt.date(2022, 6, 30))]


# --- the page -------------------------------------------------------------------------------------


def page_params(request: dict) -> dict:
    return {
        "org": request["org"], "plan": request["plan"], "as_of": request["as_of"],
        "rating_years": str(request["rating_years"][0]), "baseline": request["baseline"],
        "baseline_rating_years": str(request["baseline_rating_years"][0]), "target_year": request["target_year"],
    }


def test_the_page_shows_each_unit_with_its_own_figures_and_links(client, sample):  # noqa: F811
    import re
    from html import unescape
    from urllib.parse import parse_qs, urlparse

    from reports.presentation import two_places_text

    district = Organization.objects.get(code=sample["org"])
    client.force_login(make_user("staff", district))
    response = client.get("/bao-cao/so-sanh/", page_params(sample))
    assert response.status_code == 200
    html = response.content.decode()
    comparison = comparison_build(**arguments(sample, district))
    first_table = comparison.report.tables[0]
    section = html.split('id="so-sanh-')[1]
    listed = re.findall(r'<th scope="row" class="unit">(?:<a href="([^"]+)">)?([^<]+)', section)
    expected_units = [(unit, report) for unit, report in comparison.units
                      if report.tables[0].rows[0].current.total or report.tables[0].rows[0].baseline.total]
    assert [unescape(name) for _, name in listed] == [district.name] + [unit.name for unit, _ in expected_units]
    unit, report = expected_units[0]
    link = parse_qs(urlparse(unescape(listed[1][0])).query)
    assert urlparse(unescape(listed[1][0])).path == "/bao-cao/" and link["org"] == [unit.code]
    # The unit's row shows its own percent of the first indicator, and its link lists exactly its count.
    row = report.tables[0].rows[1]
    unit_row = section.split(f'">{unit.name}</a>')[1].split("</tr>")[0]
    percent = two_places_text(row.current.percent).replace(".", ",")
    assert f">{percent}</a><span class=\"of\">{row.current.count}/{row.current.total}</span>" in unit_row
    counted = unescape(re.findall(r'href="([^"]*/bao-cao/danh-sach/[^"]*)"', unit_row)[1])
    assert parse_qs(urlparse(counted).query)["org"] == [unit.code]
    listed_page = client.get(counted)
    assert listed_page.status_code == 200
    assert len(listed_page.context["counted"].persons) == row.current.count
    assert first_table.title in html


def test_the_page_refuses_an_organization_outside_the_scope(client, sample):  # noqa: F811
    other = make_organization("DT.XX", "HUYEN", Organization.objects.get(code="DT"), name="Huyện ủy khác")
    client.force_login(make_user("other", other))
    response = client.get("/bao-cao/so-sanh/", page_params(sample))
    assert response.status_code == 200
    assert "Tổ chức không có trong phạm vi của bạn." in response.content.decode()
    assert response.context["comparison"] is None


def test_the_comparison_downloads_as_a_workbook_with_one_row_per_unit(client, sample):  # noqa: F811
    from io import BytesIO

    from openpyxl import load_workbook

    from cadre.vietnamese import two_places

    district = Organization.objects.get(code=sample["org"])
    client.force_login(make_user("staff", district))
    response = client.get("/bao-cao/so-sanh/tai-ve/", page_params(sample))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="so-sanh-DT.TH-02-NQ-HU-2023-06-30.xlsx"'
    workbook = load_workbook(BytesIO(response.content))
    comparison = comparison_build(**arguments(sample, district))
    assert workbook.sheetnames == [table.number for table in comparison.report.tables]
    sheet = workbook[comparison.report.tables[0].number]
    table, units = next(comparison.tables())
    names = [sheet.cell(row=row, column=1).value for row in range(6, 6 + 1 + len(units))]
    assert names == [district.name] + [unit.name for unit, _ in units]
    unit, unit_table = units[0]
    first = unit_table.rows[1]
    assert [sheet.cell(row=7, column=c).value for c in (2, 3, 4)] == [
        unit_table.rows[0].current.total, first.current.count, float(two_places(first.current.percent)),
    ]
    assert sheet.cell(row=7, column=4).fill.fgColor.rgb.endswith(
        {"dat": "E3F4E8", "vuot": "E0ECFB", "chua_dat": "FDECEA"}[first.status])
    assert sheet.cell(row=4, column=3).value.startswith(table.rows[1].label)
    assert client.get("/bao-cao/so-sanh/tai-ve/", {**page_params(sample), "as_of": "x"}).status_code == 404


def test_the_api_gives_the_report_and_each_units_report(sample):  # noqa: F811
    from rest_framework.test import APIClient

    district = Organization.objects.get(code=sample["org"])
    client = APIClient()
    client.force_authenticate(make_user("staff", district))
    body = client.get("/api/so-sanh/", page_params(sample)).json()
    comparison = comparison_build(**arguments(sample, district))
    assert body == {
        "report": report_as_dict(comparison.report),
        "units": [report_as_dict(report) for _, report in comparison.units],
    }
    assert body["units"][0]["organization"] == comparison.units[0][0].code
