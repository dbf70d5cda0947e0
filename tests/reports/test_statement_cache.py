"""The aggregate statements are compiled once per shape and run again for other dates (reports/fetch.py)."""
import datetime as dt

import pytest

from planning.models import PlanRow
from reports import fetch, indicators
from planning.models import Indicator
from tests.reports.plans import build_json, current, make_plan
from tests.reports.test_every_indicator import (  # noqa: F401 (district is a fixture)
    AS_OF,
    BASELINE,
    EXPECTED,
    district,
    plan_with_every_indicator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def compilations(monkeypatch):
    """A fresh cache, no re-compiling check, and the list of statements compiled."""
    monkeypatch.setattr(fetch, "CHECK_CACHED_STATEMENTS", False)
    fetch.clear_statements()
    compiled = []
    compile_statement = fetch._compile

    def counting(*args):
        compiled.append(args[0].model.__name__)
        return compile_statement(*args)

    monkeypatch.setattr(fetch, "_compile", counting)
    yield compiled
    fetch.clear_statements()


def figures(report: dict) -> dict:
    return {
        row["label"]: ((row["baseline"]["count"], row["baseline"]["total"]),
                       (row["current"]["count"], row["current"]["total"]))
        for row in report["tables"][0]["rows"]
    }


def test_both_columns_and_later_reports_reuse_the_statements(district, compilations):  # noqa: F811
    plan_with_every_indicator()
    report = build_json("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE)
    # Baseline and current share the person, rating (windows of one year) and unit statements.
    assert compilations == ["Official", "Evaluation", "Organization"]
    assert figures(report) == EXPECTED

    compilations.clear()
    later = build_json("LC.A", dt.date(2022, 1, 1), rating_years=(2021,), baseline=dt.date(2019, 6, 30))
    assert compilations == []
    fetch.clear_statements()
    assert later == build_json("LC.A", dt.date(2022, 1, 1), rating_years=(2021,), baseline=dt.date(2019, 6, 30))


def test_a_window_of_another_length_or_another_scope_gets_its_own_statements(district, compilations):  # noqa: F811
    plan_with_every_indicator()
    build_json("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE)
    compilations.clear()
    three_years = build_json("LC.A", AS_OF, rating_years=(2020, 2021, 2022), baseline=BASELINE)
    assert compilations == ["Evaluation"]
    # 2020: Mai, Chư (good), Hùng; 2021: none; 2022: Mai, Chư, Hoa (good), Hùng.
    assert current(three_years)["DG_TOT"] == (5, 7)

    compilations.clear()
    other_district = build_json("LC.B", AS_OF, rating_years=(2022,), baseline=BASELINE)
    assert compilations == ["Official", "Evaluation", "Organization"]
    assert current(other_district)["Tổng số"] == (1, 1)
    assert current(other_district)["NU"] == (1, 1)


def test_a_changed_definition_is_not_served_a_kept_statement(district, compilations):  # noqa: F811
    make_plan([
        {"label": "Đại học", "indicator": "CM_DAI_HOC"},
        {"label": "Trẻ", "indicator": "TRE", "params": {"age_under": 35}},
        {"label": "Tốt", "indicator": "DG_TOT"},
    ])
    before = current(build_json("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE))
    assert (before["Đại học"], before["Trẻ"], before["Tốt"]) == (
        EXPECTED["CM_DAI_HOC"][1], EXPECTED["TRE"][1], EXPECTED["DG_TOT"][1])

    Indicator.objects.filter(code="CM_DAI_HOC").update(
        min_level=Indicator.objects.get(code="CM_SAU_DAI_HOC").min_level)
    Indicator.objects.filter(code="DG_TOT").update(ratings="HTXSNV")
    PlanRow.objects.filter(label="Trẻ").update(params={"age_under": 30})
    after = current(build_json("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE))
    assert (after["Đại học"], after["Trẻ"], after["Tốt"]) == (
        EXPECTED["CM_SAU_DAI_HOC"][1], EXPECTED["TRE_30"][1], EXPECTED["DG_XUAT_SAC"][1])


def test_the_check_catches_a_key_that_misses_a_definition(district, compilations, monkeypatch):  # noqa: F811
    monkeypatch.setattr(indicators, "definition_key", lambda indicator, params: indicator.kind)
    make_plan([{"label": "Nữ", "indicator": "NU"}], code="T-01/HU")
    build_json("LC.A", AS_OF, baseline=BASELINE)
    make_plan([{"label": "Đảng viên", "indicator": "DANG_VIEN"}], code="T-02/HU")
    monkeypatch.setattr(fetch, "CHECK_CACHED_STATEMENTS", True)
    with pytest.raises(AssertionError, match="differs from its new compilation"):
        build_json("LC.A", AS_OF, plan="T-02/HU", baseline=BASELINE)


def test_a_compiled_statement_is_the_one_aggregate_would_run(district):  # noqa: F811
    """fetch._compile repeats what QuerySet.aggregate() does: same SQL, same counts."""
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from cadre.models import Organization
    from cadre.models import Population

    population = Population.objects.prefetch_related("titles").get(code="CB_XA")
    scope = Organization.objects.get(code="LC.A")
    young = Indicator.objects.get(code="TRE")
    graduate = Indicator.objects.select_related("qualification_type", "min_level").get(code="CM_DAI_HOC")
    queryset = indicators.members(population, scope, AS_OF)
    aggregates = {
        "total": Count("pk"),
        "row_0": Count("pk", filter=indicators.person_condition_q(young, young.parameters(), AS_OF)),
        "row_1": Count("pk", filter=indicators.person_condition_q(graduate, {}, AS_OF)),
    }
    with CaptureQueriesContext(connection) as by_aggregate:
        expected = queryset.aggregate(**aggregates)
    statement = fetch._compile(queryset, aggregates, queryset.db)
    with CaptureQueriesContext(connection) as by_statement, connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        counts = dict(zip([column[0] for column in cursor.description], cursor.fetchone()))
    assert [query["sql"] for query in by_statement] == [query["sql"] for query in by_aggregate]
    assert counts == expected == {"total": 4, "row_0": EXPECTED["TRE"][1][0], "row_1": EXPECTED["CM_DAI_HOC"][1][0]}
