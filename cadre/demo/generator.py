"""Generating the demo province, district by district.

For each district, with its own random generator seeded from (seed, district
number): create the organizations (the old tree and the communes and wards
formed from it on 1 July 2025), fill the posts over 2010-2025, add the
civil servants and public employees up to the district's share of officials,
then committee seats, party membership, qualifications, ratings, career
events, planning and party statistics; write it all in batches and move on.
Only one district is held in memory at a time.

What the seed 000 plan (fixtures/seed_000_plan.json) needs besides is drawn
from a second generator per district: the communes whose party secretary also
chairs the People's Committee, civil-service grades (NGACH), committee
planning and refresher courses.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from cadre import data_versions
from cadre.db_maintenance import refresh_statistics
from cadre.demo import names
from cadre.demo.careers import Staffing, carry_over_staff, fill_staff
from cadre.demo.committees import add_committee_seats
from cadre.demo.dates import ONE_DAY, REFORM_DATE
from cadre.demo.evaluations import add_ratings
from cadre.demo.events import add_career_events, add_refresher_training
from cadre.demo.party import party_statistics, set_party_dates
from cadre.demo.people import CitizenIds, PersonMaker
from cadre.demo.planning import add_committee_planning, add_planning
from cadre.demo.plans import add_demo_plans
from cadre.demo.populations import ensure_report_populations
from cadre.demo.qualifications import add_civil_service_grade, add_qualifications
from cadre.demo.reset import delete_demo_data, demo_organizations, real_official_count
from cadre.demo.structure import build_district, create_province, district_names
from cadre.demo.users import ensure_demo_users
from cadre.demo.writer import Catalogs, write_people, write_statistics
from cadre.models import Official, Organization
from cadre.vietnamese import format_int

DEFAULT_OFFICIALS = 2000
DEFAULT_SEED = 2026
MIN_OFFICIALS = 300
OFFICIALS_PER_DISTRICT = 4000  # more districts as the data grows


class DemoRefused(Exception):
    """The database is not one the demo data may be written to; the message says why."""


@dataclass
class DistrictSummary:
    name: str
    code: str
    communes: int
    agencies: int
    cells: int
    officials: int
    new_communes: int = 0

    def line(self) -> str:
        return (f"{self.name} ({self.code}): {format_int(self.communes)} xã, thị trấn; "
                f"{format_int(self.agencies)} cơ quan, đơn vị; {format_int(self.cells)} chi bộ; "
                f"{format_int(self.officials)} cán bộ; từ 01/07/2025 sắp xếp thành "
                f"{format_int(self.new_communes)} xã, phường trực thuộc tỉnh")


@dataclass
class DemoSummary:
    province: str
    officials: int
    seed: int
    districts: list[DistrictSummary] = field(default_factory=list)
    new_communes: list[Organization] = field(default_factory=list)  # founded 1 July 2025, in order
    deleted: dict[str, int] | None = None
    plans: list[str] = field(default_factory=list)  # codes of the demo plans imported


def district_budgets(officials: int) -> list[int]:
    """Officials per district: at least two districts, about 4,000 officials each when large."""
    count = max(2, round(officials / OFFICIALS_PER_DISTRICT))
    share, extra = divmod(officials, count)
    return [share + (1 if number < extra else 0) for number in range(count)]


def check_database(*, reset: bool) -> None:
    """Refuse (DemoRefused) unless the demo data can be written without touching real data."""
    if reset:
        real = real_official_count()
        if real:
            raise DemoRefused(
                f"Cơ sở dữ liệu có {format_int(real)} cán bộ không thuộc dữ liệu mẫu. "
                "Không tạo dữ liệu mẫu trên cơ sở dữ liệu có dữ liệu thật; không có gì bị xóa."
            )
    else:
        existing = Official.objects.count()
        if existing:
            raise DemoRefused(
                f"Cơ sở dữ liệu đã có {format_int(existing)} cán bộ. Dùng --reset để xóa dữ liệu mẫu cũ "
                "và tạo lại (dữ liệu không phải dữ liệu mẫu không bị xóa)."
            )
        if Organization.objects.filter(is_demo=True).exists():
            raise DemoRefused("Cơ sở dữ liệu đã có tổ chức mẫu. Dùng --reset để xóa dữ liệu mẫu cũ và tạo lại.")
    code = names.PROVINCE_CODE
    clash = Organization.objects.filter(Q(code=code) | Q(code__startswith=f"{code}."))
    if clash.exclude(pk__in=demo_organizations()).exists():
        raise DemoRefused(
            f"Đã có tổ chức thật với mã “{code}” hoặc bắt đầu bằng “{code}.”; "
            "không tạo dữ liệu mẫu để tránh trùng mã."
        )


def generate_demo(*, officials: int = DEFAULT_OFFICIALS, seed: int = DEFAULT_SEED, reset: bool = False,
                  progress=None) -> DemoSummary:
    """Create the demo province with exactly `officials` officials; deterministic for a seed.

    `progress`, if given, is called with each district's summary as soon as it is written.
    """
    if officials < MIN_OFFICIALS:
        raise DemoRefused(f"Số cán bộ tối thiểu là {format_int(MIN_OFFICIALS)}.")
    with transaction.atomic():
        check_database(reset=reset)
        deleted = delete_demo_data() if reset else None
        province = create_province()
        summary = DemoSummary(province.name, officials, seed, deleted=deleted)
        catalogs = Catalogs.load()
        citizen_ids = CitizenIds()
        taken_codes = {province.code}
        budgets = district_budgets(officials)
        districts = []
        for number, (name, budget) in enumerate(zip(district_names(len(budgets)), budgets)):
            rng = random.Random(f"cadre-demo:{seed}:{number}")
            records_rng = random.Random(f"cadre-demo-records:{seed}:{number}")
            district, new_communes, district_summary = generate_district(
                rng, province, number, name, budget, taken_codes, catalogs, citizen_ids, records_rng
            )
            districts.append(district)
            summary.districts.append(district_summary)
            summary.new_communes += new_communes
            if progress is not None:
                progress(district_summary)
        ensure_demo_users(province, districts, summary.new_communes[:2])
        ensure_report_populations()
        summary.plans = add_demo_plans(province, districts, summary.new_communes)
        data_versions.bump_everything()  # written in bulk, without an audit entry per row
        refresh_statistics()  # once committed: SQLite's planner needs ANALYZE (cadre.db_maintenance)
    return summary


def joint_chairs(rng: random.Random, tree) -> frozenset:
    """The communes (of the district's time) whose party secretary also chairs the People's Committee: about
    one in seven (seed 000 line 70: 02/15)."""
    communes = [unit for unit in tree.communes if unit.founded != REFORM_DATE]
    count = max(1, round(len(communes) / 7))
    return frozenset(rng.sample(communes, min(count, len(communes))))


def generate_district(rng, province, number, name, budget, taken_codes, catalogs, citizen_ids, records_rng=None):
    """Create one district with exactly `budget` officials and write it; see the module docstring.

    `records_rng` is the second generator of the module docstring."""
    records_rng = records_rng or random.Random(f"cadre-demo-records:{number}")
    tree = build_district(rng, province, number, name, budget, taken_codes)
    communes_now = [u.organization for u in tree.communes if u.ceased is None]
    maker = PersonMaker(rng, tree.district.code, communes_now, citizen_ids)
    Staffing(rng, tree, maker, budget, secretary_chairs_committee=joint_chairs(records_rng, tree)).run()
    remaining = budget - len(maker.people)
    if remaining < 0:
        # Cannot happen with the sizing of structure.commune_count; say so loudly if it does.
        raise RuntimeError(f"{tree.district.code}: đã tạo {len(maker.people)} cán bộ, vượt số dự kiến {budget}.")
    fill_staff(rng, tree, maker, remaining)
    people = maker.people
    carry_over_staff(rng, tree, people)
    add_committee_seats(tree, people)
    set_party_dates(rng, people)
    agency_keys = {u.organization.pk: u.spec.key for u in tree.agencies}
    for person in people:
        add_qualifications(rng, person, agency_keys)
        add_ratings(rng, person)
        add_career_events(person)
    add_planning(rng, tree, people)
    add_committee_planning(records_rng, tree, people)
    for person in people:
        add_civil_service_grade(records_rng, person)
        add_refresher_training(records_rng, person)
    write_people(people, catalogs)
    write_statistics(party_statistics(rng, tree, people))
    before = REFORM_DATE - ONE_DAY  # the last day of the district
    summary = DistrictSummary(
        name=tree.district.name,
        code=tree.district.code,
        communes=sum(1 for u in tree.communes if u.exists_on(before)),
        agencies=sum(1 for u in tree.agencies if u.exists_on(before)),
        cells=tree.cells,
        officials=len(people),
        new_communes=len(tree.new_communes),
    )
    return tree.district, [u.organization for u in tree.new_communes], summary
