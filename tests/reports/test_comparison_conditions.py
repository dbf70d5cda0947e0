"""The comparison of a plan whose rows use conditions (and a table over a population object): every unit's
figures are exactly its own report's, from statements grouped by unit, so the number of queries depends
on neither the number of units nor the number of officials. The world is tests/reports/test_conditions.py's
(province LC, districts LC.A and LC.B; D = 2023-05-15)."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.models import Evaluation, Organization, PlanningEntry, PositionTitle, Succession
from reports.exporters.report_json import report_as_dict
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from reports.services import comparison_build, report_build
from tests.factories import add_position, add_qualification, make_official, make_organization
from tests.reports.plans import make_plan
from tests.reports.test_conditions import BASELINE, D, EVERY_KIND, START, add_officials, row, world  # noqa: F401

pytestmark = pytest.mark.django_db

KEY_POSTS = {"positions": ["BT_DU", "CT_HDND_XA", "CT_UBND_XA"], "unit_kind": "XA"}
TABLES = [
    {"number": "Biểu 01", "title": "ĐIỀU KIỆN", "population": "CB_XA", "rows": [
        *EVERY_KIND,
        row("Nữ (chỉ tiêu)", indicator="NU"),
        row("Đánh giá tốt", indicator="DG_TOT"),
        row("Xã có cán bộ trẻ", indicator="DV_CO_TRE", params={"age_under": 40}),
    ]},
    {"number": "Biểu 02", "title": "CHỦ CHỐT", "population": KEY_POSTS, "rows": [
        row("Nữ", indicator="NU"),
        row("LLCT trung cấp trở lên", indicator="LLCT_TRUNG_CAP"),
        row("Giữ CT HĐND xã trong phạm vi", {"holds": {"positions": ["CT_HDND_XA"], "at": "scope"}}),
        row("Không giữ BT trong phạm vi", {"not": {"holds": {"positions": ["BT_DU"], "at": "scope"}}},
            compare=["delta_points"]),
        row("Ngoài đơn vị", {"hometown": {"outside": "same_unit"}}),
        row("Xã có cán bộ nữ", indicator="DV_CO_NU"),
        row("Xã có BT kiêm CT HĐND", {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}},
            population={"positions": ["BT_DU"], "unit_kind": "XA"}, unit=True),
        row("Quy hoạch", indicator="TONG_SO", population={"planned_for": ["BT_DU"], "terms": ["2025-2030"]},
            multiple_of={"positions": ["CT_UBND_XA"]}),
    ]},
]
CODE = "SS-DK/HU"


def service_arguments(organization: Organization) -> dict:
    request = check_request(organization=organization, plan=load_plan(CODE), as_of=D, rating_years=None,
                            baseline=BASELINE, baseline_rating_years=None, target_year=None,
                            today=dt.date(2030, 1, 1))
    return request.as_service_arguments()


def enrich(world):
    """Planning entries, ratings and a person holding council posts in two communes of LC.A."""
    secretary = PositionTitle.objects.get(code="BT_DU")
    for person, organization in (("p3", "LC.A.X1"), ("p4", "LC.A.X2"), ("p5", "LC.B.X1")):
        PlanningEntry.objects.create(official=world[person], title=secretary, organization=world[organization],
                                     term="2025-2030", approved_on=dt.date(2021, 1, 1))
    for person in ("p1", "p2", "p3"):
        Evaluation.objects.create(official=world[person], year=2022, rating="HTTNV")
    both = make_official("HAI-XA", full_name="Hà Thị Hai Xã", gender="NU", birth_date=dt.date(1995, 5, 1))
    add_position(both, world["LC.A.X1"], "BT_DU", START)
    add_position(both, world["LC.A.X2"], "CT_HDND_XA", START)
    add_qualification(both, "LY_LUAN", "TRUNG_CAP", dt.date(2019, 1, 1))
    b_secretary = make_official("B-BT", full_name="Lò Văn Bê", hometown_organization=world["LC.B.X2"])
    add_position(b_secretary, world["LC.B.X2"], "BT_DU", START)
    add_position(b_secretary, world["LC.B.X2"], "CT_HDND_XA", START)


def assert_every_unit_gets_its_own_report(organization: Organization) -> None:
    comparison = comparison_build(**service_arguments(organization))
    assert report_as_dict(comparison.report) == report_as_dict(report_build(**service_arguments(organization)))
    assert comparison.units
    for unit, report in comparison.units:
        assert report_as_dict(report) == report_as_dict(report_build(**service_arguments(unit))), unit.code


@pytest.mark.parametrize("scope", ["LC.A", "LC"])
def test_every_unit_gets_exactly_its_own_report(world, scope):
    enrich(world)
    make_plan(tables=TABLES, code=CODE)
    assert_every_unit_gets_its_own_report(load_organization(scope))


def test_the_units_differ_where_the_scope_of_each_unit_decides(world):
    """p2 is secretary of X2 and chairs the council of X1: in X1's report he holds CT_HDND_XA in the scope,
    in X2's he does not; HAI-XA the other way round. The district counts both."""
    enrich(world)
    make_plan(tables=TABLES, code=CODE)
    comparison = comparison_build(**service_arguments(load_organization("LC.A")))
    row = {unit.code: next(r for r in report.tables[1].rows if r.label == "Giữ CT HĐND xã trong phạm vi")
           for unit, report in comparison.units}
    # X1: p1, p2, p3 (CT_UBND_XA), HAI-XA (BT_DU); X2: p2 (BT_DU), p4, HAI-XA (CT_HDND_XA)
    assert {code: (r.current.count, r.current.total) for code, r in row.items()} == {
        "LC.A.X1": (2, 4), "LC.A.X2": (1, 3), "LC.A.PNV": (0, 0),
    }


def test_a_unit_formed_from_two_communes_is_compared_over_its_predecessors(world):
    """M, formed on 2023-01-01 from X1 and X2 (which go on), counts both at the baseline: its scope overlaps
    theirs, so it is grouped apart (the same statements once more), and still gets its own report."""
    enrich(world)
    merged = make_organization("LC.A.M", "XA", world["LC.A"], form="DANG_BO", founded_on=dt.date(2023, 1, 1))
    for predecessor in (world["LC.A.X1"], world["LC.A.X2"]):
        Succession.objects.create(successor=merged, predecessor=predecessor)
    make_plan(tables=TABLES, code=CODE)
    assert_every_unit_gets_its_own_report(load_organization("LC.A"))


def comparison_queries(scope: str) -> int:
    arguments = service_arguments(load_organization(scope))  # the plan is loaded outside the count
    with CaptureQueriesContext(connection) as captured:
        comparison_build(**arguments)
    return len(captured)


def test_the_number_of_queries_depends_on_neither_units_nor_officials(world):
    enrich(world)
    make_plan(tables=TABLES, code=CODE)
    two_units = comparison_queries("LC")  # LC.A and LC.B
    for number in range(4):
        district = make_organization(f"LC.N{number}", "HUYEN", world["LC"], name=f"Huyện Mới {number}")
        for commune_number in range(2):
            commune = make_organization(f"{district.code}.X{commune_number}", "XA", district, form="DANG_BO",
                                        name=f"Xã {commune_number} Huyện Mới {number}")
            person = make_official(f"N{number}{commune_number}", gender="NU", hometown_organization=commune)
            add_position(person, commune, "BT_DU", START)
            add_position(person, commune, "CT_HDND_XA", START)
            add_qualification(person, "LY_LUAN", "SO_CAP", dt.date(2015, 1, 1))
    assert len([unit for unit, _ in comparison_build(**service_arguments(load_organization("LC"))).units]) == 6
    assert comparison_queries("LC") == two_units
    few_officials = comparison_queries("LC.A")
    add_officials(world, 100, 0)
    hundred = comparison_queries("LC.A")
    add_officials(world, 1000, 100)
    assert comparison_queries("LC.A") == hundred == few_officials
    assert_every_unit_gets_its_own_report(load_organization("LC.A"))


def test_the_grouped_statements_look_each_persons_records_up_one_by_one(world):
    """In a grouped statement a person's qualifications, events and other positions are looked up by a LIMIT 1
    subquery on the person, never an EXISTS, which PostgreSQL runs there as a hash of every such record in
    the database (docs/performance.md, "Query shapes that scale with the scope")."""
    enrich(world)
    make_plan(tables=TABLES, code=CODE)
    arguments = service_arguments(load_organization("LC.A"))
    with CaptureQueriesContext(connection) as captured:
        comparison_build(**arguments)
    grouped = [query["sql"] for query in captured if query["sql"].startswith("SELECT CASE")]
    conditions = [sql for sql in grouped if '"cadre_careerevent"' in sql]
    assert conditions, "the rows with conditions are counted by grouped statements"
    for sql in grouped:
        for table in ("cadre_qualificationrecord", "cadre_careerevent"):
            assert f'EXISTS(SELECT 1 AS "a" FROM "{table}"' not in sql
    assert any('FROM "cadre_careerevent"' in sql and "LIMIT 1" in sql for sql in conditions)


def test_the_grouped_statements_are_compiled_once_and_run_again_for_the_other_column(world, monkeypatch):
    from reports import fetch

    monkeypatch.setattr(fetch, "CHECK_CACHED_STATEMENTS", False)
    fetch.clear_statements()
    compiled = []
    compile_grouped = fetch._compile_grouped

    def counting(*args):
        compiled.append(args[0].model.__name__)
        return compile_grouped(*args)

    monkeypatch.setattr(fetch, "_compile_grouped", counting)
    runs = []
    run_grouped = fetch._aggregate_by_unit

    def running(model, key, *args):
        runs.append(key)
        return run_grouped(model, key, *args)

    monkeypatch.setattr(fetch, "_aggregate_by_unit", running)
    enrich(world)
    make_plan(tables=TABLES, code=CODE)
    first = comparison_build(**service_arguments(load_organization("LC.A")))
    # The baseline and the current column run the same statements (the current one a few more: the sizes
    # of the populations the multiples need): each compiled once.
    assert len(compiled) == len(set(runs)) < len(runs)
    count = len(compiled)
    again = comparison_build(**service_arguments(load_organization("LC.A")))
    assert len(compiled) == count
    assert [report_as_dict(report) for _, report in again.units] == [report_as_dict(report) for _, report in first.units]
    fetch.clear_statements()
