"""The report page, the list behind every figure, and the downloads."""
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from tests.factories import make_user
from tests.reports.test_every_indicator import district, plan_with_every_indicator  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

PARAMS = {"org": "LC.A", "plan": "T-01/HU", "as_of": "15/05/2023", "rating_years": "2022", "baseline": "31/12/2020"}


@pytest.fixture
def plan(district):  # noqa: F811
    return plan_with_every_indicator()


@pytest.fixture
def staff(client, district):  # noqa: F811
    client.force_login(make_user("huyen-a", district["LC.A"]))
    return client


def links(html, name):
    """Every href to the named page, unescaped."""
    return [unescape(href) for href in re.findall(r'href="([^"]*/bao-cao/%s[^"]*)"' % name, html)]


def test_the_report_page_asks_for_a_login(client, plan):
    response = client.get("/bao-cao/", PARAMS)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or "/dang-nhap/" in response["Location"]


def test_the_form_searches_only_the_organizations_the_user_may_see(staff, plan):
    """No list of the subtree in the page: a text field whose search answers with the user's own subtree."""
    html = staff.get("/bao-cao/").content.decode()
    options = re.findall(r'<option value="([^"]+)"', html)
    assert [code for code in options if code.startswith("LC")] == []
    assert "T-01/HU" in options
    field = re.search(r'<input[^>]*name="org"[^>]*>', html).group(0)
    assert 'data-search-url="/to-chuc/tim/"' in field and 'data-date-field="id_as_of"' in field
    codes = [match["code"] for match in staff.get("/to-chuc/tim/", {"q": "lc"}).json()["results"]]
    assert codes[0] == "LC.A" and sorted(codes[1:]) == ["LC.A.PNV", "LC.A.X1", "LC.A.X2"]
    assert "bieu-table" not in html


def test_the_organization_is_typed_as_its_code_or_chosen_as_name_and_code(staff, plan):
    by_code = staff.get("/bao-cao/", {**PARAMS, "org": "lc.a"}).content.decode()
    by_label = staff.get("/bao-cao/", {**PARAMS, "org": "Huyện ủy A (LC.A)"}).content.decode()
    assert "bieu-table" in by_code and "bieu-table" in by_label
    assert 'value="Huyện ủy A (LC.A)"' in unescape(by_label)


def test_an_organization_outside_the_scope_keeps_what_was_typed_with_the_error(staff, plan):
    html = unescape(staff.get("/bao-cao/", {**PARAMS, "org": "Huyện ủy B (LC.B)"}).content.decode())
    assert 'value="Huyện ủy B (LC.B)"' in html
    assert "Tổ chức không có trong phạm vi của bạn." in html and "bieu-table" not in html


def test_invalid_parameters_are_shown_next_to_their_fields_in_vietnamese(staff, plan):
    html = staff.get("/bao-cao/", {**PARAMS, "org": "LC.B", "as_of": "2023/05/15", "rating_years": "20x"}).content.decode()
    fields = re.findall(r'<div class="field[^"]*">(.*?)</div>', html, re.S)
    errors = [
        (re.search(r'for="id_(\w+)"', field).group(1), unescape(message))
        for field in fields for message in re.findall(r'role="alert">([^<]+)<', field)
    ]
    assert errors == [
        ("org", "Tổ chức không có trong phạm vi của bạn."),
        ("as_of", "Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2020."),
        ("rating_years", "Năm đánh giá phải có dạng 2022 hoặc 2021-2022, không phải “20x”."),
    ]
    assert "bieu-table" not in html


def test_a_baseline_after_the_as_of_date_and_an_unknown_target_year_are_refused(staff, plan):
    html = staff.get("/bao-cao/", {**PARAMS, "baseline": "31/12/2023", "target_year": "2035"}).content.decode()
    assert "Ngày của cột năm gốc (31/12/2023) phải không sau ngày báo cáo (15/5/2023)." in unescape(html)
    assert "Kế hoạch T-01/HU không có mục tiêu cho năm 2035" in unescape(html)


def test_the_page_shows_the_tables_with_status_and_every_count_links_to_its_list(staff, plan,
                                                                                 django_assert_num_queries):
    # session, user, the user's organization; form: organization, plan, the plan for the report (6);
    # report: 2 columns x 3 aggregates (persons, ratings, units); rendering: demo banner and the plan
    # choices (the organization is a search field: no list of the subtree is read); the session saved with
    # the choices the next form starts with (reports/choices.py: 3).
    with django_assert_num_queries(3 + 2 + 6 + 2 * 3 + 2 + 3):
        response = staff.get("/bao-cao/", PARAMS)
    html = unescape(response.content.decode())
    assert "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ" in html
    assert "Thực hiện năm 2020" in html and "Thực hiện năm 2023" in html
    assert "So sánh năm 2023/năm 2020 (%)" in html
    assert "(Kèm theo Báo cáo số" in html
    # 23 rows; the total row links its count once per column, the others count and denominator.
    assert len(links(html, "danh-sach")) == 2 + 22 * 2 * 2
    assert len(links(html, "tai-ve")) == 4  # JSON, XLSX, DOCX, PDF


def test_every_list_behind_a_figure_has_as_many_entries_as_the_figure(staff, plan, client):
    report = json.loads(staff.get("/bao-cao/tai-ve/json/", PARAMS).content)
    figures = [
        (row[column]["count"], row[column]["total"])
        for row in report["tables"][0]["rows"] for column in ("baseline", "current")
    ]
    html = unescape(staff.get("/bao-cao/", PARAMS).content.decode())
    sizes = {}
    for link in links(html, "danh-sach"):
        query = {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}
        page = unescape(staff.get("/bao-cao/danh-sach/", query).content.decode())
        size = int(re.search(r"<strong>([\d.]+)</strong>", page).group(1).replace(".", ""))
        rows = len(re.findall(r'<tr>\s*<td class="num">\d+</td>', page))
        assert rows == size
        sizes[(query["row"], query["column"], query["part"])] = size
    listed = []
    for row_key in dict.fromkeys(key for key, _, _ in sizes):
        for column in ("nam-goc", "thuc-hien"):
            count = sizes[(row_key, column, "tu-so")]
            listed.append((count, sizes.get((row_key, column, "mau-so"), count)))
    assert listed == figures


def test_the_list_behind_a_rating_figure_shows_each_rating_with_its_year(staff, plan):
    html = unescape(staff.get("/bao-cao/", PARAMS).content.decode())
    rating_row = re.search(r"DG_TOT</td>\s*<td class=\"num\"><a href=\"([^\"]+)\"", html)
    query = {key: values[0] for key, values in parse_qs(urlparse(unescape(rating_row.group(1))).query).items()}
    page = unescape(staff.get("/bao-cao/danh-sach/", {**query, "column": "thuc-hien"}).content.decode())
    names = re.findall(r'<td class="num">\d+</td>\s*<td><a href="/can-bo/\d+/">([^<]+)</a></td>', page)
    ratings = re.findall(r"<td>(\d{4})</td><td>([^<]+)</td>", page)
    # Vietnamese name order: Chư, Hoa, Mai.
    assert names == ["Vàng A Chư", "Lý Thị Hoa", "Lò Thị Mai"]
    assert ratings == [("2022", "Hoàn thành tốt nhiệm vụ"), ("2022", "Hoàn thành tốt nhiệm vụ"),
                       ("2022", "Hoàn thành xuất sắc nhiệm vụ")]
    assert "3</strong>\n  lượt" in page


def test_the_list_behind_a_unit_figure_shows_the_units_and_who_makes_them_count(staff, plan):
    html = unescape(staff.get("/bao-cao/", PARAMS).content.decode())
    unit_row = re.search(r"DV_CO_NU</td>\s*<td class=\"num\"><a href=\"([^\"]+)\"", html)
    query = {key: values[0] for key, values in parse_qs(urlparse(unescape(unit_row.group(1))).query).items()}
    page = unescape(staff.get("/bao-cao/danh-sach/", query).content.decode())
    assert re.findall(r"<td>(Xã [^<]+)</td>", page) == ["Xã X1 A"]
    mai = re.search(r'<a href="/can-bo/(\d+)/">Lò Thị Mai</a> \(P1, 01/03/1980\): Bí thư Đảng ủy xã', page)
    from cadre.models import Official

    assert mai and int(mai.group(1)) == Official.objects.get(code="P1").pk


def test_the_lists_behind_figures_write_every_date_as_dd_mm_yyyy_and_link_names_to_profiles(staff, plan):
    from cadre.models import Official

    html = unescape(staff.get("/bao-cao/", PARAMS).content.decode())
    for link in links(html, "danh-sach"):
        query = {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}
        page = unescape(staff.get("/bao-cao/danh-sach/", query).content.decode())
        body = page.split("<h1>", 1)[1]
        dates = re.findall(r"\b\d{1,2}/\d{1,2}/\d{4}\b", body)
        assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", date) for date in dates), (query, dates)
        for pk, name in re.findall(r'<a href="/can-bo/(\d+)/">([^<]+)</a>', body):
            assert Official.objects.get(pk=pk).full_name == name


def test_a_list_of_another_districts_figure_is_not_found(client, district, plan):  # noqa: F811
    client.force_login(make_user("huyen-b", district["LC.B"]))
    response = client.get("/bao-cao/danh-sach/", {**PARAMS, "table": "1", "row": "tong-so", "column": "thuc-hien",
                                                   "part": "tu-so"})
    assert response.status_code == 404


def test_a_list_for_a_row_that_is_not_in_the_report_is_not_found(staff, plan):
    for extra in ({"table": "999", "row": "tong-so"}, {"table": "x"}, {"row": "999999"}, {"column": "x"}):
        query = {**PARAMS, "table": str(plan.tables.get().pk), "row": "tong-so", "column": "thuc-hien",
                 "part": "tu-so", **extra}
        assert staff.get("/bao-cao/danh-sach/", query).status_code == 404


def test_the_downloads_are_the_json_xlsx_and_word_of_the_same_report(staff, plan):
    response = staff.get("/bao-cao/tai-ve/json/", PARAMS)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-LC.A-T-01-HU-2023-05-15.json"'
    assert json.loads(response.content)["tables"][0]["rows"][0]["current"] == {
        "count": 4, "total": 4, "percent": "100.00"}
    response = staff.get("/bao-cao/tai-ve/xlsx/", PARAMS)
    assert response.content[:2] == b"PK"
    response = staff.get("/bao-cao/tai-ve/docx/", PARAMS)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response.content[:2] == b"PK"
    assert staff.get("/bao-cao/tai-ve/csv/", PARAMS).status_code == 404


def test_a_list_takes_the_same_number_of_queries_however_many_persons_it_lists(staff, plan, district,
                                                                              django_assert_num_queries):
    from tests.reports.test_every_indicator import _add_commune_cadres

    query = {**PARAMS, "table": str(plan.tables.get().pk), "row": "tong-so", "column": "thuc-hien", "part": "tu-so"}
    # session, user, the user's organization; form: organization, plan, the plan for the report (6);
    # the persons, their positions on the date; demo banner.
    with django_assert_num_queries(3 + 2 + 6 + 2 + 1):
        small = staff.get("/bao-cao/danh-sach/", query)
    _add_commune_cadres(district, 12)
    with django_assert_num_queries(3 + 2 + 6 + 2 + 1):
        large = staff.get("/bao-cao/danh-sach/", query)
    assert "<strong>4</strong>" in small.content.decode()
    assert "<strong>16</strong>" in large.content.decode()
