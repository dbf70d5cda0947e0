"""Scope over time (domain.md, "Restructuring and succession"): a report for an organization on a date
before it was formed counts the scope of its predecessors on that date; each rating year over the scope on
its own 31 December. Every figure below is counted by hand from the data built in the fixture."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.models import Evaluation, Organization, Population, Succession
from cadre.scoping import scope_q, scope_roots
from planning.models import Indicator
from reports.exporters.report_json import report_as_dict
from reports.fetch import counted_persons, counted_ratings, counted_units, load_plan
from reports.parameters import ReportParameterErrors, check_request
from reports.services import comparison_build, report_build
from tests.factories import add_position, make_official, make_organization, make_user
from tests.reports.plans import make_plan

pytestmark = pytest.mark.django_db

CHANGE = dt.date(2025, 7, 1)
BEFORE = CHANGE - dt.timedelta(days=1)
BASELINE = dt.date(2020, 12, 31)
NOW = dt.date(2026, 6, 30)
PLAN = "T-01/TU"


def succession(successor, *predecessors):
    for predecessor in predecessors:
        Succession.objects.create(successor=successor, predecessor=predecessor)


@pytest.fixture
def world():
    """Province SC; districts D1 and D2 (ceased on the change); communes A and C under D1, B under D2,
    S under D1 (all ceased); after the change: M (from A and B, across the two districts) and S1, S2
    (both from S, a split), directly under the province."""
    province = make_organization("SC", "TINH", name="Đảng bộ tỉnh SC")
    d1 = make_organization("SC.D1", "HUYEN", province, name="Huyện ủy D1", ceased_on=CHANGE)
    d2 = make_organization("SC.D2", "HUYEN", province, name="Huyện ủy D2", ceased_on=CHANGE)
    old = {"form": "DANG_BO", "ceased_on": CHANGE}
    a = make_organization("SC.D1.A", "XA", d1, name="Xã A", **old)
    c = make_organization("SC.D1.C", "XA", d1, name="Xã C", **old)
    s = make_organization("SC.D1.S", "XA", d1, name="Xã S", **old)
    b = make_organization("SC.D2.B", "XA", d2, name="Xã B", **old)
    new = {"form": "DANG_BO", "founded_on": CHANGE}
    m = make_organization("SC.M", "XA", province, name="Xã M", **new)
    s1 = make_organization("SC.S1", "XA", province, name="Xã S1", **new)
    s2 = make_organization("SC.S2", "XA", province, name="Xã S2", **new)
    succession(m, a, b)
    succession(s1, s)
    succession(s2, s)

    old_term = dt.date(2018, 1, 1)
    p1 = make_official("P1", full_name="An Thị Một", gender="NU")
    add_position(p1, a, "BT_DU", old_term, BEFORE)
    add_position(p1, m, "BT_DU", CHANGE)
    p2 = make_official("P2", full_name="Bùi Văn Hai", gender="NAM")
    add_position(p2, b, "CT_UBND_XA", old_term, BEFORE)
    p3 = make_official("P3", full_name="Cao Thị Ba", gender="NU")  # two titles in A and B: one person
    add_position(p3, a, "PBT_DU", dt.date(2019, 1, 1), BEFORE)
    add_position(p3, b, "CT_HDND_XA", dt.date(2019, 1, 1), BEFORE)
    p4 = make_official("P4", full_name="Đỗ Văn Bốn", gender="NAM")  # C: not M's
    add_position(p4, c, "BT_DU", old_term, BEFORE)
    p5 = make_official("P5", full_name="Hà Thị Năm", gender="NU")  # M's only
    add_position(p5, m, "CT_UBND_XA", CHANGE)
    q1 = make_official("Q1", full_name="Kim Văn Sáu", gender="NAM")  # S: both S1's and S2's baseline
    add_position(q1, s, "BT_DU", old_term, BEFORE)
    q2 = make_official("Q2", full_name="Lê Thị Bảy", gender="NU")
    add_position(q2, s1, "BT_DU", CHANGE)

    for person, year, rating in [
        (p1, 2024, "HTXSNV"), (p2, 2024, "HTTNV"), (p3, 2024, "KHTNV"), (p4, 2024, "HTXSNV"),
        (p1, 2025, "HTXSNV"), (p5, 2025, "HTTNV"), (p2, 2025, "HTXSNV"),
    ]:
        Evaluation.objects.create(official=person, year=year, rating=rating)

    make_plan(organization="SC", code=PLAN, rows=[
        {"label": "Cán bộ nữ", "indicator": "NU"},
        {"label": "Hoàn thành tốt nhiệm vụ trở lên", "indicator": "DG_TOT"},
        {"label": "Xã có cán bộ nữ", "indicator": "DV_CO_NU"},
    ])
    return {o.code: o for o in Organization.objects.all()} | {
        "persons": {person.code: person for person in (p1, p2, p3, p4, p5, q1, q2)}
    }


def build(organization, as_of=NOW, rating_years=(2024, 2025), baseline=BASELINE, baseline_rating_years=(2020,)):
    request = check_request(
        organization=organization, plan=load_plan(PLAN), as_of=as_of, rating_years=rating_years,
        baseline=baseline, baseline_rating_years=baseline_rating_years, target_year=None, today=dt.date(2026, 12, 1),
    )
    return report_build(**request.as_service_arguments())


def figures(report) -> dict[str, tuple]:
    """{label: ((baseline count, total), (current count, total))} of the first table."""
    return {
        row["label"]: ((row["baseline"]["count"], row["baseline"]["total"]),
                       (row["current"]["count"], row["current"]["total"]))
        for row in report_as_dict(report)["tables"][0]["rows"]
    }


def codes(persons) -> list[str]:
    return [person.official.code for person in persons]


# --- scope_roots and scope_q ------------------------------------------------------------------------


def test_scope_roots_of_an_existing_organization_is_itself_without_a_query(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert scope_roots(world["SC.M"], NOW) == [world["SC.M"]]
        assert scope_roots(world["SC"], BASELINE) == [world["SC"]]


def test_scope_roots_before_a_merger_are_the_predecessors_in_two_queries(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert scope_roots(world["SC.M"], BASELINE) == [world["SC.D1.A"], world["SC.D2.B"]]
    assert scope_roots(world["SC.S1"], BASELINE) == [world["SC.D1.S"]]
    assert scope_roots(world["SC.S2"], BASELINE) == [world["SC.D1.S"]]


def test_an_organization_without_predecessors_has_no_scope_before_it_was_founded():
    lone = make_organization("LONE", "XA", founded_on=CHANGE)
    assert scope_roots(lone, BASELINE) == []
    # A ceased organization is not continued by its successors: no scope after its end either.
    gone = make_organization("GONE", "XA", ceased_on=CHANGE)
    assert scope_roots(gone, NOW) == []
    assert list(Organization.objects.filter(scope_q([]))) == []


def test_two_successive_mergers_reach_back_to_the_first_communes():
    province = make_organization("SX", "TINH")
    a, b, c = (make_organization(f"SX.{code}", "XA", province) for code in "ABC")
    for organization in (a, b):
        organization.ceased_on = dt.date(2021, 1, 1)
        organization.save()
    c.ceased_on = CHANGE
    c.save()
    m1 = make_organization("SX.M1", "XA", province, founded_on=dt.date(2021, 1, 1), ceased_on=CHANGE)
    m2 = make_organization("SX.M2", "XA", province, founded_on=CHANGE)
    succession(m1, a, b)
    succession(m2, m1, c)
    assert scope_roots(m2, dt.date(2020, 12, 31)) == [a, b, c]
    assert scope_roots(m2, dt.date(2022, 12, 31)) == [c, m1]  # in tree order (c was created first)
    holders = [make_official(f"SX{code}", gender="NU") for code in "ABC"]
    for holder, organization in zip(holders, (a, b, c)):
        add_position(holder, organization, "BT_DU", dt.date(2018, 1, 1), dt.date(2020, 12, 31))
    make_plan(organization="SX", code=PLAN, rows=[{"label": "Cán bộ nữ", "indicator": "NU"}])
    report = build(m2, rating_years=(2025,), baseline=dt.date(2020, 12, 31))
    assert figures(report)["Cán bộ nữ"] == ((3, 3), (0, 0))


# --- the report figures ------------------------------------------------------------------------------


def test_a_merged_commune_compares_now_with_the_baseline_of_its_predecessors(world):
    report = figures(build(world["SC.M"]))
    # Baseline 31/12/2020 over A and B (two former districts): P1, P2, P3 (P3 holds titles in both, once);
    # women P1, P3. Now over M: P1, P5, both women.
    assert report["Tổng số"] == ((3, 3), (2, 2))
    assert report["Cán bộ nữ"] == ((2, 3), (2, 2))
    # Units: A and B existed on the baseline date, each with a woman (P1/P3 in A, P3 in B); now M.
    assert report["Xã có cán bộ nữ"] == ((2, 2), (1, 1))


def test_a_rating_window_across_the_change_uses_each_years_own_scope(world):
    report = report_as_dict(build(world["SC.M"]))
    row = next(r for r in report["tables"][0]["rows"] if r["label"] == "Hoàn thành tốt nhiệm vụ trở lên")
    # 2024 over A and B: P1 HTXSNV, P2 HTTNV, P3 KHTNV (P4 is C's). 2025 over M: P1 HTXSNV, P5 HTTNV
    # (P2's 2025 rating is not M's: P2 held nothing in M on 31/12/2025). 4 good of 5.
    assert (row["current"]["count"], row["current"]["total"]) == (4, 5)


def test_each_part_of_a_split_counts_the_whole_predecessor_at_baseline(world):
    s1, s2 = figures(build(world["SC.S1"])), figures(build(world["SC.S2"]))
    assert s1["Tổng số"] == ((1, 1), (1, 1))  # Q1 at S; Q2 at S1 now
    assert s2["Tổng số"] == ((1, 1), (0, 0))


def test_the_province_across_the_change_counts_each_person_once(world):
    report = figures(build(world["SC"]))
    # 2020: P1, P2, P3 (twice titled), P4, Q1 = 5, women P1, P3. Now: P1, P5 (M), Q2 (S1) = 3, all women.
    assert report["Tổng số"] == ((5, 5), (3, 3))
    assert report["Cán bộ nữ"] == ((2, 5), (3, 3))
    # Communes existing on 31/12/2020: A, B, C, S; with a woman: A, B. Now: M, S1, S2; with a woman: M, S1.
    assert report["Xã có cán bộ nữ"] == ((2, 4), (2, 3))


def test_an_organization_with_no_scope_on_the_baseline_is_refused_in_vietnamese(world):
    lone = make_organization("SC.LONE", "XA", world["SC"], name="Xã Lẻ", founded_on=CHANGE)
    with pytest.raises(ReportParameterErrors) as problem:
        build(lone, rating_years=(2025,))
    assert problem.value.errors == [
        ("baseline", "Xã Lẻ không tồn tại vào ngày năm gốc 31/12/2020 (chưa thành lập hoặc đã giải thể) và không "
                     "kế thừa từ tổ chức nào tồn tại khi đó, nên không có số liệu; hãy chọn ngày khác "
                     "hoặc khai báo tổ chức tiền thân (Kế thừa từ)."),
        ("baseline_rating_years", "Xã Lẻ không tồn tại vào năm đánh giá năm gốc 2020 (chưa thành lập hoặc đã giải "
                                  "thể) và không kế thừa từ tổ chức nào tồn tại khi đó, nên không có số liệu; hãy "
                                  "chọn ngày khác hoặc khai báo tổ chức tiền thân (Kế thừa từ)."),
    ]
    # The merged commune with the same dates is valid: its baseline is over its predecessors.
    assert build(world["SC.M"]).organization == "SC.M"


# --- drill-down: each list holds exactly the persons counted ----------------------------------------


def test_drill_down_lists_hold_exactly_the_persons_counted(world):
    viewer = make_user("tinh", world["SC"])
    table = load_plan(PLAN).tables.get()
    population = Population.objects.prefetch_related("titles").get(code="CB_XA")
    female = Indicator.objects.get(code="NU")
    good = Indicator.objects.get(code="DG_TOT")
    units_indicator = Indicator.objects.get(code="DV_CO_NU")
    common = {"viewer": viewer, "population": population, "scope": world["SC.M"]}
    assert table.population_id == population.pk

    # Vietnamese name order (by given name): Ba (P3), Hai (P2), Một (P1), Năm (P5).
    baseline = counted_persons(**common, on=BASELINE)
    assert codes(baseline) == ["P3", "P2", "P1"]
    assert [position.organization.code for position in baseline[0].positions] == ["SC.D1.A", "SC.D2.B"]
    assert codes(counted_persons(**common, on=BASELINE, indicator=female)) == ["P3", "P1"]
    assert codes(counted_persons(**common, on=NOW)) == ["P1", "P5"]

    ratings = counted_ratings(**common, years=[2024, 2025])
    assert [(entry.official.code, entry.year) for entry in ratings] == [
        ("P3", 2024), ("P2", 2024), ("P1", 2024), ("P1", 2025), ("P5", 2025),
    ]
    # Each rating with the positions held in its own year's scope on 31 December (P1: A in 2024, M in 2025).
    assert [[p.organization.code for p in entry.positions] for entry in ratings] == [
        ["SC.D1.A", "SC.D2.B"], ["SC.D2.B"], ["SC.D1.A"], ["SC.M"], ["SC.M"],
    ]
    assert [(entry.official.code, entry.year) for entry in counted_ratings(**common, years=[2024, 2025],
                                                                            indicator=good)] == [
        ("P2", 2024), ("P1", 2024), ("P1", 2025), ("P5", 2025),
    ]

    units = counted_units(**common, on=BASELINE, indicator=units_indicator, params={})
    assert [(unit.organization.code, codes(unit.persons)) for unit in units] == [
        ("SC.D1.A", ["P3", "P1"]), ("SC.D2.B", ["P3"]),
    ]


def test_a_merged_communes_own_user_sees_every_person_and_unit_its_baseline_counts(world):
    """M's staff read M's 2020 baseline, counted over A and B: the lists behind those figures show A's and
    B's people (P2 never worked in M and is still listed), and nothing of C, which is not M's history."""
    viewer = make_user("xa-m", world["SC.M"])
    population = Population.objects.prefetch_related("titles").get(code="CB_XA")
    common = {"viewer": viewer, "population": population, "scope": world["SC.M"]}

    assert codes(counted_persons(**common, on=BASELINE)) == ["P3", "P2", "P1"]
    assert [(entry.official.code, entry.year) for entry in counted_ratings(**common, years=[2024, 2025])] == [
        ("P3", 2024), ("P2", 2024), ("P1", 2024), ("P1", 2025), ("P5", 2025),
    ]
    units = counted_units(**common, on=BASELINE, indicator=Indicator.objects.get(code="DV_CO_NU"), params={})
    assert [(unit.organization.code, codes(unit.persons)) for unit in units] == [
        ("SC.D1.A", ["P3", "P1"]), ("SC.D2.B", ["P3"]),
    ]


def test_a_commune_user_reaches_back_only_through_its_own_history(world):
    """S1's staff see S's people before the split (S1 was formed from S), never A's, B's or C's; and
    outside a list of figures, pages keep the subtree as it is today."""
    from cadre.models import Official

    viewer = make_user("xa-s1", world["SC.S1"])
    assert sorted(Official.objects.visible_on(viewer, [BASELINE]).values_list("code", flat=True)) == ["Q1", "Q2"]
    assert sorted(Official.objects.visible_on(viewer, [NOW]).values_list("code", flat=True)) == ["Q2"]
    assert sorted(Official.objects.visible_to(viewer).values_list("code", flat=True)) == ["Q2"]
    population = Population.objects.prefetch_related("titles").get(code="CB_XA")
    # A report of S1 on the baseline counts Q1 (S's secretary); asked with M as the scope by S1's user,
    # the list stays empty: M is not S1's, so its history is not S1's either.
    assert codes(counted_persons(viewer=viewer, population=population, scope=world["SC.S1"], on=BASELINE)) == ["Q1"]
    assert codes(counted_persons(viewer=viewer, population=population, scope=world["SC.M"], on=BASELINE)) == []


# --- the comparison -----------------------------------------------------------------------------------


def test_the_province_comparison_shows_each_new_commune_with_its_predecessors_baseline(world):
    arguments = {"organization": world["SC"], "plan": load_plan(PLAN), "as_of": NOW, "rating_years": (2024, 2025),
                 "baseline": BASELINE, "baseline_rating_years": (2020,), "target_year": None}
    comparison = comparison_build(**arguments)
    assert sorted(unit.code for unit, _ in comparison.units) == ["SC.M", "SC.S1", "SC.S2"]
    for unit, report in comparison.units:
        assert report_as_dict(report) == report_as_dict(report_build(**{**arguments, "organization": unit})), unit.code
    by_code = {unit.code: figures(report) for unit, report in comparison.units}
    assert by_code["SC.M"]["Tổng số"] == ((3, 3), (2, 2))
    assert by_code["SC.M"]["Hoàn thành tốt nhiệm vụ trở lên"][1] == (4, 5)
    assert by_code["SC.M"]["Xã có cán bộ nữ"] == ((2, 2), (1, 1))
    # The split: both parts count all of S (Q1) at baseline.
    assert by_code["SC.S1"]["Tổng số"] == ((1, 1), (1, 1))
    assert by_code["SC.S2"]["Tổng số"] == ((1, 1), (0, 0))


# --- query counts -------------------------------------------------------------------------------------


def _merged_commune(prefix: str, parts: int):
    province = make_organization(prefix, "TINH")
    merged = make_organization(f"{prefix}.M", "XA", province, founded_on=CHANGE)
    for number in range(parts):
        part = make_organization(f"{prefix}.{number}", "XA", province, ceased_on=CHANGE)
        succession(merged, part)
        holder = make_official(f"{prefix}{number}", gender="NU")
        add_position(holder, part, "BT_DU", dt.date(2018, 1, 1), BEFORE)
        Evaluation.objects.create(official=holder, year=2024, rating="HTXSNV")
    return merged


def test_the_number_of_queries_does_not_grow_with_the_number_of_predecessors(world):
    small, large = _merged_commune("QA", 2), _merged_commune("QB", 20)

    def queries(organization) -> tuple[int, dict]:
        plan = load_plan(PLAN)
        with CaptureQueriesContext(connection) as captured:
            report = report_build(organization=organization, plan=plan, as_of=NOW, rating_years=(2024, 2025),
                                  baseline=BASELINE, baseline_rating_years=(2020,), target_year=None)
        return len(captured), figures(report)

    small_count, small_figures = queries(small)
    large_count, large_figures = queries(large)
    assert small_count == large_count
    assert small_figures["Tổng số"][0] == (2, 2) and large_figures["Tổng số"][0] == (20, 20)


# --- documents ----------------------------------------------------------------------------------------


def test_document_facts_of_a_merged_commune_take_each_year_over_its_own_scope(world):
    from cadre.models import PartyStatistics
    from documents.facts import PARTY_BUILDING, DocumentSpec
    from documents.fetch import facts_with_report

    m, a, b, c = world["SC.M"], world["SC.D1.A"], world["SC.D2.B"], world["SC.D1.C"]
    PartyStatistics.objects.create(organization=a, year=2023, members=100, admitted=5, removed=1)
    PartyStatistics.objects.create(organization=b, year=2023, members=80, admitted=4, removed=0)
    PartyStatistics.objects.create(organization=c, year=2023, members=70, admitted=9, removed=9)  # not M's
    PartyStatistics.objects.create(organization=a, year=2025, members=99, admitted=50, removed=50)  # A ceased
    PartyStatistics.objects.create(organization=m, year=2025, members=200, admitted=3, removed=2)
    spec = DocumentSpec(
        kind=PARTY_BUILDING, organization_code=m.code, organization_name="Đảng ủy xã M", organization_kind="XA",
        superior_body="ĐẢNG BỘ TỈNH SC", issuing_body="ĐẢNG ỦY XÃ M", place="M", number="", issued_on=None,
        subject="", signer_authority="", signer_title="", signer_name="", recipients=(),
        as_of=dt.date(2025, 12, 31), events_from=dt.date(2023, 1, 1),
    )
    facts = facts_with_report(spec, m, None, None)
    # 2023 over A and B (180 members, 9 admitted, 1 removed); 2025 over M only (A's late row is not M's).
    assert (facts.members.year, facts.members.members) == (2025, 200)
    assert (facts.movement.first_year, facts.movement.last_year) == (2023, 2025)
    assert (facts.movement.admitted, facts.movement.removed) == (12, 3)


def test_the_dashboard_composition_of_a_merged_commune_before_the_change_is_its_predecessors(world):
    from reports.composition import composition

    viewer = make_user("tinh", world["SC"])
    population = Population.objects.get(code="CB_XA")
    before = composition(user=viewer, population=population, on=BASELINE, organization=world["SC.M"])
    now = composition(user=viewer, population=population, on=NOW, organization=world["SC.M"])
    # P1, P2, P3 (A and B) on the baseline; P1, P5 now.
    assert (before.total, before.genders) == (3, [("Nam", 1), ("Nữ", 2)])
    assert (now.total, now.genders) == (2, [("Nam", 0), ("Nữ", 2)])
