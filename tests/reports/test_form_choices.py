"""The report, comparison and composer forms start with the user's organization, the newest plan that
applies to it and sensible dates, and then with the user's last choices (issue 14, a working day)."""
import datetime as dt
import re
from html import unescape

import pytest

from cadre.vietnamese import format_date_input
from tests.factories import make_user
from tests.reports.test_every_indicator import district, plan_with_every_indicator  # noqa: F401 (fixture)
from tests.reports.test_pages import PARAMS

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, district):  # noqa: F811
    plan_with_every_indicator()
    client.force_login(make_user("huyen-a", district["LC.A"]))
    return client


def field_values(html: str) -> dict[str, str]:
    html = unescape(html)
    values = {name: value for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', html)}
    values.update(re.findall(r'<select[^>]*name="(\w+)"[^>]*>.*?<option value="([^"]*)" selected', html, flags=re.S))
    return values


def test_the_report_form_starts_with_the_users_organization_the_newest_plan_and_today(staff):
    values = field_values(staff.get("/bao-cao/").content.decode())
    assert values["org"] == "Huyện ủy A (LC.A)"
    assert values["plan"] == "T-01/HU"
    assert values["as_of"] == format_date_input(dt.date.today())
    assert values["baseline"] == "31/12/2020"  # the plan was issued in 2021


def test_the_report_and_comparison_forms_start_with_the_last_choices(staff):
    assert staff.get("/bao-cao/", PARAMS).status_code == 200
    for page in ("/bao-cao/", "/bao-cao/so-sanh/"):
        values = field_values(staff.get(page).content.decode())
        assert (values["org"], values["plan"], values["as_of"], values["rating_years"], values["baseline"]) == (
            "Huyện ủy A (LC.A)", "T-01/HU", "15/05/2023", "2022", "31/12/2020"), page


def test_refused_parameters_are_not_remembered(staff):
    staff.get("/bao-cao/", {**PARAMS, "as_of": "31/02/2023"})
    assert field_values(staff.get("/bao-cao/").content.decode())["as_of"] == format_date_input(dt.date.today())


def test_the_composer_starts_with_the_last_choices(staff):
    staff.get("/bao-cao/", PARAMS)
    values = field_values(staff.get("/van-ban/moi/").content.decode())
    assert (values["organization"], values["as_of"], values["baseline_as_of"]) == (
        "Huyện ủy A (LC.A)", "15/05/2023", "31/12/2020")
