"""The fetch: figures from the records, each organization and person counted once, inside the scope."""
import datetime as dt

import pytest

from cadre.models import CareerEvent, Organization, PartyStatistics, Population
from documents.facts import PARTY_BUILDING
from documents.fetch import (
    career_events,
    commune_leadership,
    compositions,
    existing_organizations,
    facts_with_report,
    members_of_year,
    movement_over,
    organization_counts,
    party_statistics,
)
from tests.documents.samples import sample_spec
from tests.factories import add_position, make_official, make_organization

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2023, 5, 15)


@pytest.fixture
def district():
    province = make_organization("LC", "TINH", name="Đảng bộ tỉnh Lai Châu")
    district = make_organization("LC.PT", "HUYEN", province, name="Huyện ủy Phong Thổ")
    orgs = {"LC": province, "LC.PT": district}

    def add(code, kind, parent, **fields):
        orgs[code] = make_organization(code, kind, orgs[parent], **fields)

    add("LC.PT.MS", "XA", "LC.PT", form="DANG_BO", name="Đảng bộ xã Mường So")
    add("LC.PT.TT", "XA", "LC.PT", form="DANG_BO", name="Đảng bộ thị trấn Phong Thổ")
    add("LC.PT.SP", "XA", "LC.PT", form="CHI_BO_CO_SO", name="Chi bộ xã Sì Lở Lầu")
    add("LC.PT.CA", "CO_QUAN", "LC.PT", form="DANG_BO", name="Đảng bộ Công an huyện")
    add("LC.PT.PNV", "CO_QUAN", "LC.PT", form="CHI_BO_CO_SO", name="Chi bộ Phòng Nội vụ")
    add("LC.PT.MS.B1", "CHI_BO", "LC.PT.MS", form="AP", name="Chi bộ bản Nà Củng")
    add("LC.PT.MS.B2", "CHI_BO", "LC.PT.MS", form="AP", name="Chi bộ bản Khổng Lào")
    add("LC.PT.MS.TH", "CHI_BO", "LC.PT.MS", form="NGANH", name="Chi bộ trường học")
    add("LC.PT.TT.K1", "CHI_BO", "LC.PT.TT", form="AP", name="Chi bộ khu 1")
    add("LC.PT.CA.1", "CHI_BO", "LC.PT.CA", form="NGANH", name="Chi bộ đội 1")
    # Gone before the as-of date: merged into Mường So.
    add("LC.PT.CU", "XA", "LC.PT", form="DANG_BO", name="Đảng bộ xã Cũ", ceased_on=dt.date(2022, 1, 1))
    add("LC.PT.CU.B", "CHI_BO", "LC.PT.CU", form="AP", name="Chi bộ bản cũ", ceased_on=dt.date(2022, 1, 1))
    # Founded after the as-of date.
    add("LC.PT.MS.B3", "CHI_BO", "LC.PT.MS", form="AP", name="Chi bộ bản mới", founded_on=dt.date(2024, 1, 1))
    return orgs


def test_organizations_are_counted_as_they_exist_on_the_as_of_date(district):
    counts = organization_counts(existing_organizations(district["LC.PT"], AS_OF))
    assert (counts.grassroots, counts.agency_committees, counts.commune_committees,
            counts.grassroots_cells) == (5, 1, 2, 2)
    assert (counts.cells, counts.hamlet_cells_in_communes, counts.other_cells_in_communes) == (5, 3, 1)
    assert (counts.communes_with_cells, counts.cells_in_agencies, counts.agencies_with_cells) == (2, 1, 1)
    assert (counts.communes, counts.townships) == (2, 1)


def test_a_district_total_and_its_communes_statistics_are_not_added_together(district):
    PartyStatistics.objects.create(organization=district["LC.PT"], year=2023, members=500, probationary=20, female=150,
                                   admitted=30, removed=2)
    PartyStatistics.objects.create(organization=district["LC.PT.MS"], year=2023, members=120, female=40)
    PartyStatistics.objects.create(organization=district["LC.PT.MS"], year=2021, members=100, admitted=10, removed=1)
    PartyStatistics.objects.create(organization=district["LC.PT.TT"], year=2021, members=90, admitted=12, removed=0)
    PartyStatistics.objects.create(organization=district["LC"], year=2023, members=9000)  # outside the scope
    statistics = party_statistics(district["LC.PT"], 2023)
    members = members_of_year(statistics, 2023)
    assert (members.year, members.members, members.probationary, members.female) == (2023, 500, 20, 150)
    movement = movement_over(statistics, 2021, 2023)
    assert (movement.first_year, movement.last_year, movement.admitted, movement.removed) == (2021, 2023, 52, 3)


def test_members_fall_back_to_the_latest_year_with_statistics(district):
    PartyStatistics.objects.create(organization=district["LC.PT.MS"], year=2021, members=100)
    assert members_of_year(party_statistics(district["LC.PT"], 2023), 2023).year == 2021
    assert members_of_year(party_statistics(district["LC.PT"], 2020), 2020) is None


def test_compositions_count_each_person_once_with_the_engine_conditions(district):
    woman = make_official(gender="NU", birth_date=dt.date(1995, 1, 1), ethnicity="Thái")
    add_position(woman, district["LC.PT.MS"], "BT_DU", dt.date(2020, 1, 1))
    add_position(woman, district["LC.PT.MS"], "CT_HDND_XA", dt.date(2020, 1, 1))  # kiêm nhiệm: one person
    man = make_official(birth_date=dt.date(1970, 1, 1))
    add_position(man, district["LC.PT.TT"], "CT_UBND_XA", dt.date(2019, 1, 1))
    left = make_official()
    add_position(left, district["LC.PT.TT"], "PCT_UBND_XA", dt.date(2015, 1, 1), dt.date(2022, 12, 31))
    population = Population.objects.prefetch_related("titles").get(code="CB_XA")
    group, = compositions(district["LC.PT"], AS_OF, [population], None)
    assert (group.total, group.female, group.minority, group.young, group.young_age) == (2, 1, 1, 1, 35)


def test_rotations_and_transfers_are_counted_by_direction_inside_the_period(district):
    official = make_official()
    add_position(official, district["LC.PT.MS"], "PBT_DU", dt.date(2019, 1, 1))

    def event(kind, day, source, target):
        CareerEvent.objects.create(official=official, kind=kind, date=day, from_organization=district[source],
                                   to_organization=district[target])

    event("LUAN_CHUYEN", dt.date(2021, 3, 1), "LC.PT", "LC.PT.MS")
    event("LUAN_CHUYEN", dt.date(2022, 3, 1), "LC.PT.MS", "LC.PT.TT")
    event("DIEU_DONG", dt.date(2022, 6, 1), "LC.PT.MS.B1", "LC.PT.CA")  # a cell counts as its commune
    event("DIEU_DONG", dt.date(2020, 6, 1), "LC.PT", "LC.PT.MS")  # before the period
    event("BO_NHIEM", dt.date(2023, 1, 1), "LC.PT", "LC.PT")
    events = career_events(district["LC.PT"], dt.date(2021, 1, 1), AS_OF)
    tallies = {tally.kind: (tally.total, dict(tally.by_direction)) for tally in events.tallies}
    assert tallies == {
        "LUAN_CHUYEN": (2, {"huyen_xa": 1, "xa_xa": 1}),
        "DIEU_DONG": (1, {"xa_huyen": 1}),
        "BO_NHIEM": (1, {}),
    }


def test_commune_leadership_counts_secretaries_who_also_chair_and_those_from_elsewhere(district):
    both = make_official(hometown_organization=district["LC.PT.TT"])
    add_position(both, district["LC.PT.MS"], "BT_DU", dt.date(2020, 1, 1))
    add_position(both, district["LC.PT.MS"], "CT_HDND_XA", dt.date(2020, 1, 1))
    local = make_official(hometown_organization=district["LC.PT.TT"])
    add_position(local, district["LC.PT.TT"], "BT_DU", dt.date(2020, 1, 1))
    chair = make_official()
    add_position(chair, district["LC.PT.TT"], "CT_UBND_XA", dt.date(2020, 1, 1))
    leadership = commune_leadership(district["LC.PT"], AS_OF, existing_organizations(district["LC.PT"], AS_OF))
    assert (leadership.communes, leadership.secretaries, leadership.secretary_chairs_council,
            leadership.secretary_chairs_committee, leadership.secretaries_not_local) == (3, 2, 1, 0, 1)


def test_the_party_building_facts_include_the_district_committees(district):
    member = make_official(gender="NU")
    add_position(member, district["LC.PT"], "UV_BCH_HU", dt.date(2020, 10, 1))
    add_position(member, district["LC.PT"], "UV_BTV_HU", dt.date(2020, 10, 1))
    spec = sample_spec(kind=PARTY_BUILDING, as_of=AS_OF, plan_code="")
    facts = facts_with_report(spec, Organization.objects.get(code="LC.PT"), None, None)
    assert [(group.name, group.total, group.female) for group in facts.committees] == [
        ("Ban Chấp hành Đảng bộ huyện", 1, 1), ("Ban Thường vụ Huyện ủy", 1, 1)]
    assert facts.report is None and facts.compositions == ()


def test_planning_counts_people_in_planning_on_the_date_once_per_term_and_level(district):
    from cadre.models import PlanningEntry, PositionTitle

    def plan(official, title, organization, term="2025-2030", **dates):
        PlanningEntry.objects.create(official=official, title=PositionTitle.objects.get(code=title),
                                     organization=district[organization], term=term, **dates)

    young_woman = make_official(gender="NU", birth_date=dt.date(1992, 1, 1))
    plan(young_woman, "UV_BCH_HU", "LC.PT", approved_on=dt.date(2022, 1, 1))
    plan(young_woman, "UV_BTV_HU", "LC.PT", approved_on=dt.date(2022, 1, 1))  # the same person, once
    older = make_official(birth_date=dt.date(1970, 1, 1))
    plan(older, "BT_DU", "LC.PT.MS.B1")  # a cell counts as its commune
    removed = make_official()
    plan(removed, "BT_DU", "LC.PT.MS", approved_on=dt.date(2021, 1, 1), removed_on=dt.date(2022, 1, 1))
    later = make_official()
    plan(later, "BT_DU", "LC.PT.TT", approved_on=dt.date(2024, 1, 1))
    from documents.fetch import planning_groups

    groups = planning_groups(district["LC.PT"], AS_OF)
    assert [(g.term, g.level, g.total, g.female, g.young) for g in groups] == [
        ("2025-2030", "huyen", 1, 1, 1), ("2025-2030", "xa", 1, 0, 0)]


def test_the_fetch_runs_the_same_number_of_queries_however_many_people_there_are(district):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    spec = sample_spec(kind=PARTY_BUILDING, as_of=AS_OF, plan_code="")
    scope = Organization.objects.get(code="LC.PT")

    def queries():
        with CaptureQueriesContext(connection) as context:
            facts_with_report(spec, scope, None, None)
        return len(context.captured_queries)

    def add_people(number):
        for _ in range(number):
            official = make_official()
            add_position(official, district["LC.PT.MS"], "PBT_DU", dt.date(2020, 1, 1))
            CareerEvent.objects.create(official=official, kind="LUAN_CHUYEN", date=dt.date(2022, 1, 1),
                                       from_organization=district["LC.PT"], to_organization=district["LC.PT.MS.B1"])

    add_people(1)
    few = queries()
    add_people(15)
    assert queries() == few


def test_events_are_counted_from_the_chosen_date_the_baseline_or_the_start_of_the_term():
    from documents.fetch import period_start

    assert period_start(sample_spec(events_from=dt.date(2021, 6, 1))) == dt.date(2021, 6, 1)
    assert period_start(sample_spec(events_from=None)) == dt.date(2021, 1, 1)  # the day after 31/12/2020
    assert period_start(sample_spec(events_from=None, baseline_as_of=None, term="2020 - 2025")) == dt.date(2020, 1, 1)
    assert period_start(sample_spec(events_from=None, baseline_as_of=None, term="")) == dt.date(2023, 1, 1)


def test_seed_000s_member_total_comes_from_an_imported_dangvien_sheet(district):
    """"… với tổng số 4.809 đảng viên" from a workbook, not from the admin: import, fetch, compose."""
    from cadre.exchange.workbook_import import import_workbook
    from documents.compose import compose
    from tests.cadre.test_workbook_party_statistics import statistics_only

    result = import_workbook(statistics_only([
        ["LC.PT", 2023, "4.809", 150, 1499, 320, 17],
        ["LC.PT.MS", 2023, 900, 20, 300, 40, 2],  # a commune's own row is not added to the district total
        ["LC.PT.MS", 2021, 850, 15, 280, 30, 1],
    ]))
    assert result.ok, result.problems

    spec = sample_spec(kind=PARTY_BUILDING, as_of=AS_OF, plan_code="")
    facts = facts_with_report(spec, Organization.objects.get(code="LC.PT"), None, None)

    assert (facts.members.year, facts.members.members, facts.members.probationary, facts.members.female) == (
        2023, 4809, 150, 1499)
    assert "với tổng số 4.809 đảng viên (150 đảng viên dự bị và 1.499 đảng viên nữ)." in compose(spec, facts).all_text()
