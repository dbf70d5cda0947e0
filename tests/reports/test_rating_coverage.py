"""Rating figures never mislead: the default rating year is the latest one enough of the population was
rated in (settings.RATING_COVERAGE_MIN), and every rating figure shows, and marks, how many were rated."""
import datetime as dt
import json
import re
from html import unescape

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from documents.sentences import row_clause
from reports.exporters.report_json import report_as_dict
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from tests.factories import add_position, add_rating, make_district_tree, make_official, make_user
from tests.reports.plans import build, make_plan

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 3, 31)
TODAY = dt.date(2026, 12, 1)
PARAMS = {"org": "LC.A", "plan": "T-01/HU", "as_of": "31/03/2026", "baseline": "31/12/2020"}
DASHBOARD = reverse("dashboard")
RATING_LABEL = "Hoàn thành tốt nhiệm vụ trở lên"
LOW = "chưa đủ số liệu đánh giá"


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def plan(tree):
    return make_plan([
        {"label": RATING_LABEL, "indicator": "DG_TOT", "targets": [{"year": 2025, "value": 90}]},
        {"label": "Cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "min": 20}]},
    ])


def commune(tree, people: int, rated: dict[int, int], organization: str = "LC.A.X1") -> list:
    """`people` commune cadres holding a title since 2020; the first rated[year] of them rated that year."""
    persons = []
    for _ in range(people):
        person = make_official()
        add_position(person, tree[organization], "PCT_UBND_XA", dt.date(2020, 1, 1))
        persons.append(person)
    for year, count in rated.items():
        for person in persons[:count]:
            add_rating(person, year, "HTTNV")
    return persons


def request_for(org="LC.A", rating_years=None):
    return check_request(
        organization=load_organization(org), plan=load_plan("T-01/HU"), as_of=AS_OF, rating_years=rating_years,
        baseline=dt.date(2020, 12, 31), baseline_rating_years=None, target_year=None, today=TODAY,
    )


def rating_row(report):
    return next(row for row in report.tables[0].rows if row.indicator == "DG_TOT")


@pytest.fixture
def staff(client, tree):
    client.force_login(make_user("huyen-a", tree["LC.A"]))
    return client


def cell_texts(html: str, label: str) -> list[str]:
    """The cells of the table row whose label is `label`, as text (tags removed, spaces collapsed)."""
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?" + re.escape(label) + r".*?</tr>", html, re.S).group(0)
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]


def cell_classes(html: str, label: str) -> list[str]:
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?" + re.escape(label) + r".*?</tr>", html, re.S).group(0)
    return re.findall(r'<td class="([^"]*)"', row)


# --- the default rating year -------------------------------------------------------------------


def test_one_rating_of_a_new_year_does_not_make_it_the_default(tree, plan):
    commune(tree, 10, {2024: 9, 2025: 1})
    request = request_for()
    assert request.rating_years == (2024,)
    assert (request.rating_year_choice.year, request.rating_year_choice.covered) == (2024, True)
    row = rating_row(build("LC.A", AS_OF, baseline=dt.date(2020, 12, 31)))
    assert (row.current.count, row.current.total) == (9, 9)
    assert (row.current.coverage.rated, row.current.coverage.population) == (9, 10)
    assert row.current.coverage.is_sufficient


def test_a_year_with_80_percent_rated_is_the_default(tree, plan):
    commune(tree, 10, {2024: 9, 2025: 8})
    assert request_for().rating_years == (2025,)


def test_the_required_share_is_a_setting(tree, plan, settings):
    commune(tree, 10, {2024: 9, 2025: 8})
    settings.RATING_COVERAGE_MIN = 0.9
    assert request_for().rating_years == (2024,)
    settings.RATING_COVERAGE_MIN = 0.95
    request = request_for()
    # No year reaches 95 %: the year before the as-of year, said so.
    assert request.rating_years == (2025,)
    assert request.rating_year_choice.covered is False


def test_the_population_is_that_of_the_scope_on_31_december_of_the_year(tree, plan):
    commune(tree, 10, {2024: 9, 2025: 1})
    # Another district rates everyone in 2025: not the population of LC.A.
    commune(tree, 30, {2025: 30}, organization="LC.B.X1")
    assert request_for("LC.A").rating_years == (2024,)
    assert request_for("LC.B").rating_years == (2025,)
    # A person who left before 31 December 2025 is not in that year's population: 2 of 2 rated.
    stays = commune(tree, 2, {2025: 2}, organization="LC.A.X2")
    leaving = make_official()
    add_position(leaving, tree["LC.A.X2"], "PCT_UBND_XA", dt.date(2020, 1, 1), dt.date(2025, 6, 30))
    choice = request_for("LC.A.X2").rating_year_choice
    assert (choice.year, choice.covered) == (2025, True)
    # Had they stayed, 2 of 3 (67 %) would not be enough.
    add_position(leaving, tree["LC.A.X2"], "PCT_UBND_XA", dt.date(2025, 7, 1))
    choice = request_for("LC.A.X2").rating_year_choice
    assert (choice.year, choice.covered) == (2025, False)
    assert len(stays) == 2


def test_given_years_are_kept_and_need_no_query(tree, plan, django_assert_num_queries):
    commune(tree, 10, {2024: 9, 2025: 1})
    organization, loaded = load_organization("LC.A"), load_plan("T-01/HU")
    with django_assert_num_queries(0):
        request = check_request(
            organization=organization, plan=loaded, as_of=AS_OF, rating_years=(2025,),
            baseline=dt.date(2020, 12, 31), baseline_rating_years=None, target_year=None, today=TODAY,
        )
    assert request.rating_years == (2025,) and request.rating_year_choice is None


def test_the_setting_is_checked_at_start_up(monkeypatch):
    from config.env import env_share as _share

    monkeypatch.setenv("RATING_COVERAGE_MIN", "0.75")
    assert _share("RATING_COVERAGE_MIN", "0.8") == 0.75
    for wrong, message in [("80%", "RATING_COVERAGE_MIN phải là một số từ 0 đến 1, ví dụ 0.8, không phải “80%”."),
                           ("80", "RATING_COVERAGE_MIN phải lớn hơn 0 và không quá 1, ví dụ 0.8, không phải “80”."),
                           ("0", "RATING_COVERAGE_MIN phải lớn hơn 0 và không quá 1, ví dụ 0.8, không phải “0”.")]:
        monkeypatch.setenv("RATING_COVERAGE_MIN", wrong)
        with pytest.raises(ImproperlyConfigured) as error:
            _share("RATING_COVERAGE_MIN", "0.8")
        assert str(error.value) == message


# --- the pages -----------------------------------------------------------------------------------


def test_the_report_page_uses_and_states_the_rule_and_shows_coverage(staff, tree, plan):
    commune(tree, 10, {2024: 9, 2025: 1})
    html = unescape(staff.get("/bao-cao/", PARAMS).content.decode())
    assert "Năm đánh giá 2024: năm gần nhất có ít nhất 80% cán bộ được đánh giá." in html
    cells = cell_texts(html, RATING_LABEL)
    # TT, label, baseline count (2020: nobody rated), %, target, current count, %, vs target, vs baseline, note
    assert cells[2] == f"0 trên 0 đã đánh giá 0/10 người — {LOW}"
    assert cells[5] == "9 trên 9 đã đánh giá 9/10 người"
    assert cells[9] == "Vượt"
    classes = cell_classes(html, RATING_LABEL)
    assert "coverage-low" in classes[2] and "coverage-low" not in classes[5]
    # The links to the lists carry the year that was used.
    assert "rating_years=2024" in html


def test_a_figure_resting_on_half_of_the_population_is_marked(staff, tree, plan):
    commune(tree, 10, {2024: 9, 2025: 5})
    html = unescape(staff.get("/bao-cao/", {**PARAMS, "rating_years": "2025"}).content.decode())
    cells = cell_texts(html, RATING_LABEL)
    assert cells[5] == f"5 trên 5 đã đánh giá 5/10 người — {LOW}"
    assert cells[9] == f"Vượt {LOW}"
    assert "coverage-low" in cell_classes(html, RATING_LABEL)[5]
    assert "Năm đánh giá 2025 (đã chọn)." in html
    # A person row has no coverage.
    assert "đã đánh giá" not in " ".join(cell_texts(html, "Cán bộ nữ"))


def test_a_window_of_two_years_counts_person_years(staff, tree, plan):
    commune(tree, 10, {2024: 9, 2025: 1})
    html = unescape(staff.get("/bao-cao/", {**PARAMS, "rating_years": "2024-2025"}).content.decode())
    assert cell_texts(html, RATING_LABEL)[5] == f"10 trên 10 đã đánh giá 10/20 lượt người — {LOW}"


def test_the_json_keeps_its_contract(tree, plan):
    commune(tree, 10, {2024: 9, 2025: 5})
    report = report_as_dict(build("LC.A", AS_OF, rating_years=(2025,), baseline=dt.date(2020, 12, 31)))
    row = next(row for row in report["tables"][0]["rows"] if row["indicator"] == "DG_TOT")
    assert set(row) == {"label", "indicator", "baseline", "current", "target", "vs_target", "vs_baseline", "status"}
    assert row["current"] == {"count": 5, "total": 5, "percent": "100.00"}


def test_the_api_uses_the_default_year(tree, plan):
    commune(tree, 10, {2024: 9, 2025: 1})
    client = APIClient()
    client.force_authenticate(make_user("api", tree["LC.A"]))
    response = client.get(reverse("api:report"), {"org": "LC.A", "plan": "T-01/HU", "as_of": "2026-03-31",
                                                  "baseline": "2020-12-31"})
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["rating_years"] == [2024]
    row = next(row for row in body["tables"][0]["rows"] if row["indicator"] == "DG_TOT")
    assert row["current"] == {"count": 9, "total": 9, "percent": "100.00"}


def test_the_dashboard_uses_2024_and_shows_coverage(staff, tree, plan):
    commune(tree, 10, {2024: 9, 2025: 1})
    response = staff.get(DASHBOARD, {"ngay": "31/03/2026"})
    html = unescape(response.content.decode())
    assert response.context["report"].rating_years == (2024,)
    assert "Năm đánh giá 2024: năm gần nhất có ít nhất 80% cán bộ được đánh giá." in html
    cells = cell_texts(html, RATING_LABEL)
    # label, baseline count, %, target, current count, %, vs target, vs baseline, status
    assert cells[4] == "9 đã đánh giá 9/10 người"
    assert cells[1] == f"0 đã đánh giá 0/10 người — {LOW}"
    assert cells[8] == "Vượt"


def test_the_dashboard_follows_the_setting(staff, tree, plan, settings):
    commune(tree, 10, {2024: 9, 2025: 8})
    assert staff.get(DASHBOARD, {"ngay": "31/03/2026"}).context["report"].rating_years == (2025,)
    settings.RATING_COVERAGE_MIN = 0.9
    response = staff.get(DASHBOARD, {"ngay": "31/03/2026"})
    assert response.context["report"].rating_years == (2024,)
    assert "Năm đánh giá 2024: năm gần nhất có ít nhất 90% cán bộ được đánh giá." in unescape(response.content.decode())


def test_the_attack_one_rating_no_longer_shows_100_percent_exceeded_as_the_year(staff, tree, plan):
    """The reported case: one 2025 rating for one person of 91 switched the dashboard to 2025, "1 — 100,00% — Vượt"."""
    people = commune(tree, 91, {2024: 91})
    add_rating(people[0], 2025, "HTXSNV")
    response = staff.get(DASHBOARD, {"ngay": "31/03/2026"})
    assert response.context["report"].rating_years == (2024,)
    assert unescape(response.content.decode()).count("đã đánh giá 91/91 người") == 1
    # Asked for 2025 on purpose, the figure says how little it rests on.
    html = unescape(staff.get("/bao-cao/", {**PARAMS, "rating_years": "2025"}).content.decode())
    assert cell_texts(html, RATING_LABEL)[5] == f"1 trên 1 đã đánh giá 1/91 người — {LOW}"


def test_the_dashboard_queries_do_not_grow_with_the_number_of_people(staff, tree, plan):
    commune(tree, 10, {2024: 9, 2025: 1})
    staff.get(DASHBOARD, {"ngay": "31/03/2026"})  # the session, compiled statements: warm
    with CaptureQueriesContext(connection) as small:
        first = staff.get(DASHBOARD, {"ngay": "31/03/2026"})
    commune(tree, 30, {2024: 30, 2025: 3}, organization="LC.A.X2")
    with CaptureQueriesContext(connection) as large:
        second = staff.get(DASHBOARD, {"ngay": "31/03/2026"})
    assert "đã đánh giá 9/10 người" in unescape(first.content.decode())
    assert "đã đánh giá 39/40 người" in unescape(second.content.decode())
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_comparison_shows_each_units_coverage(staff, tree, plan):
    commune(tree, 10, {2024: 9, 2025: 5})
    commune(tree, 4, {2025: 4}, organization="LC.A.X2")
    html = unescape(staff.get("/bao-cao/so-sanh/", {**PARAMS, "rating_years": "2025"}).content.decode())
    rows = {cells[0]: cells for cells in (cell_texts(html, name) for name in ("Xã X1 A", "Xã X2 A"))}
    assert rows["Xã X1 A"][2] == f"100,00 5/5 đã đánh giá 5/10 người — {LOW}"
    assert rows["Xã X2 A"][2] == "100,00 4/4 đã đánh giá 4/4 người"
    total = cell_texts(html, "Huyện ủy A")
    assert total[2] == f"100,00 9/9 đã đánh giá 9/14 người — {LOW}"


# --- the documents ---------------------------------------------------------------------------------


def test_a_sentence_about_a_thinly_rated_figure_says_how_many_were_rated(tree, plan):
    commune(tree, 10, {2024: 9, 2025: 5})
    thin = rating_row(build("LC.A", AS_OF, rating_years=(2025,), baseline=dt.date(2020, 12, 31)))
    assert row_clause(thin, (2025,)) == (
        f"{RATING_LABEL}: 100,00%/90,00% (05/05 lượt đánh giá năm 2025) (mới có 5/10 người được đánh giá), "
        "đạt 111,11% mục tiêu đề ra"
    )
    enough = rating_row(build("LC.A", AS_OF, rating_years=(2024,), baseline=dt.date(2020, 12, 31)))
    assert row_clause(enough, (2024,)) == (
        f"{RATING_LABEL}: 100,00%/90,00% (09/09 lượt đánh giá năm 2024), đạt 111,11% mục tiêu đề ra"
    )


def test_a_document_left_without_rating_years_stores_the_default_year_and_says_how_few_were_rated(staff, tree, plan):
    from documents.models import ReportDocument

    commune(tree, 10, {2024: 9, 2025: 1})
    data = {
        "kind": "SO_KET", "organization": tree["LC.A"].pk, "plan": plan.pk, "as_of": "31/03/2026",
        "rating_years": "", "baseline_as_of": "31/12/2020", "baseline_rating_years": "", "target_year": "",
        "events_from": "", "term": "", "number": "", "issued_on": "01/04/2026", "place": "", "superior_body": "",
        "issuing_body": "", "subject": "Sơ kết đề án", "signer_authority": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ", "signer_name": "Lò Văn Tả", "recipients": "Lưu Văn phòng Huyện ủy",
        "opening": "", "situation": "", "implementation": "", "strengths": "", "weaknesses": "", "causes": "",
        "lessons": "", "tasks": "", "proposals": "", "template": "",
    }
    response = staff.post(reverse("documents:create"), data)
    document = ReportDocument.objects.get()
    assert response.status_code == 302
    assert (document.rating_year_from, document.rating_year_to) == (2024, 2024)
    page = unescape(staff.get(response["Location"]).content.decode())
    assert f"{RATING_LABEL}: 100,00%/90,00% (09/09 lượt đánh giá năm 2024), đạt 111,11% mục tiêu đề ra" in page
    document.rating_year_from = document.rating_year_to = 2025
    document.save()
    page = unescape(staff.get(response["Location"]).content.decode())
    assert (f"{RATING_LABEL}: 100,00%/90,00% (01/01 lượt đánh giá năm 2025) (mới có 1/10 người được đánh giá), "
            "đạt 111,11% mục tiêu đề ra") in page
