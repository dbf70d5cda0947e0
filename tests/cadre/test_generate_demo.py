"""generate_demo: a realistic, deterministic demo province, and nothing else touched.

One demo set of 1,000 officials is generated for the module (inside a
transaction rolled back at the end); each test runs in a savepoint on top of
it, so tests that regenerate or add data leave it as it was.
"""
import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import override_settings

from accounts.models import Role, User
from cadre.demo import DemoRefused, delete_demo_data, demo_users_text, generate_demo
from cadre.models import (
    CareerEvent,
    Evaluation,
    Official,
    Organization,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
)
from cadre.vietnamese import age_on
from tests.factories import add_position, make_official, make_organization

pytestmark = pytest.mark.django_db

OFFICIALS = 1000
SEED = 7
COMMUNE_CADRES = ["BT_DU", "PBT_DU", "CT_HDND_XA", "PCT_HDND_XA", "CT_UBND_XA", "PCT_UBND_XA",
                  "CT_MTTQ_XA", "BT_DOAN_XA", "CT_HLHPN_XA", "CT_HND_XA", "CT_HCCB_XA"]
LAST_DAY = dt.date(2025, 12, 31)
REFORM = dt.date(2025, 7, 1)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS), django_db_blocker.unblock(), transaction.atomic():
        summary = generate_demo(officials=OFFICIALS, seed=SEED)
        yield summary
        transaction.set_rollback(True)


def digest() -> str:
    """A fingerprint of the officials and their positions, ratings and qualifications."""
    hasher = hashlib.sha256()
    rows = [
        Official.objects.order_by("code").values_list(
            "code", "full_name", "gender", "birth_date", "ethnic_group__name", "citizen_id", "party_joined_on"
        ),
        PositionRecord.objects.order_by("official__code", "organization__code", "title__code", "start_date")
        .values_list("official__code", "organization__code", "title__code", "start_date", "end_date"),
        Evaluation.objects.order_by("official__code", "year").values_list("official__code", "year", "rating"),
        QualificationRecord.objects.order_by("official__code", "qualification_type__code", "obtained_on", "detail")
        .values_list("official__code", "qualification_type__code", "level__code", "detail", "obtained_on"),
    ]
    for queryset in rows:
        for row in queryset:
            hasher.update(repr(row).encode())
    return hasher.hexdigest()


def test_it_creates_exactly_the_requested_number_of_officials(demo):
    assert Official.objects.count() == OFFICIALS
    assert sum(d.officials for d in demo.districts) == OFFICIALS
    assert not Official.objects.filter(positions__isnull=True).exists()


def test_it_creates_a_province_with_districts_communes_agencies_and_cells():
    province = Organization.objects.get(kind="TINH")
    assert (province.code, province.name) == ("LC", "Đảng bộ tỉnh Lai Châu")
    districts = list(Organization.objects.filter(kind="HUYEN").order_by("code"))
    assert len(districts) >= 2
    assert {d.code for d in districts} >= {"LC.PT", "LC.TD"}
    for district in districts:
        assert district.parent == province
        communes = district.children.filter(kind="XA")
        assert communes.count() >= 5
        assert set(communes.values_list("form", flat=True)) == {"DANG_BO"}
        assert district.children.filter(kind="CO_QUAN", form="DANG_BO").exists()
        assert district.children.filter(kind="CO_QUAN", form="CHI_BO_CO_SO").exists()
    assert Organization.objects.filter(kind="CHI_BO", form="AP", parent__kind="XA").exists()
    assert Organization.objects.filter(kind="CHI_BO", form="NGANH", parent__kind="CO_QUAN").exists()
    # Merges: communes that ceased and the one founded from them.
    assert Organization.objects.filter(kind="XA", ceased_on__isnull=False).exists()
    assert Organization.objects.filter(kind="XA", founded_on__isnull=False).exists()


def test_every_organization_is_demo_data_with_its_path():
    assert not Organization.objects.filter(is_demo=False).exists()
    for organization in Organization.objects.select_related("parent"):
        parent_path = organization.parent.path if organization.parent else "/"
        assert organization.path == f"{parent_path}{organization.pk}/"


def test_every_commune_has_all_eleven_cadre_titles_held_on_30_june_2023():
    on = dt.date(2023, 6, 30)
    for district in Organization.objects.filter(kind="HUYEN"):
        communes = Organization.objects.filter(parent=district, kind="XA").existing_on(on)
        assert communes.exists()
        for commune in communes:
            held = set(PositionRecord.objects.filter(organization=commune).held_on(on)
                       .values_list("title__code", flat=True))
            assert set(COMMUNE_CADRES) <= held, commune.name


def test_no_record_ends_before_it_starts_or_lies_in_the_future():
    assert not PositionRecord.objects.filter(end_date__lt=F("start_date")).exists()
    assert not PositionRecord.objects.filter(Q(start_date__gt=LAST_DAY) | Q(end_date__gt=LAST_DAY)).exists()
    assert not PositionRecord.objects.filter(start_date__lt=dt.date(2010, 1, 1)).exists()
    assert not QualificationRecord.objects.filter(obtained_on__gt=LAST_DAY).exists()
    assert not CareerEvent.objects.exclude(date__range=(dt.date(2019, 1, 1), LAST_DAY)).exists()
    assert not PlanningEntry.objects.filter(Q(approved_on__gt=LAST_DAY) | Q(removed_on__gt=LAST_DAY)).exists()
    assert not Official.objects.filter(party_joined_on__gt=LAST_DAY).exists()
    # Everyone was 22 to 60 years old in 2024 and joined the party at 18 or later.
    assert not Official.objects.exclude(birth_date__range=(dt.date(1964, 1, 1), dt.date(2002, 12, 31))).exists()
    for birth, joined in Official.objects.filter(party_joined_on__isnull=False).values_list(
        "birth_date", "party_joined_on"
    ):
        assert age_on(birth, joined) >= 18


def test_some_officials_hold_concurrent_positions():
    on = dt.date(2023, 6, 30)
    holding_several = (
        PositionRecord.objects.held_on(on).values("official").annotate(n=Count("id")).filter(n__gte=2)
    )
    assert holding_several.count() > 50
    secretaries = PositionRecord.objects.held_on(on).filter(title__code="BT_DU").values("official")
    assert PositionRecord.objects.held_on(on).filter(official__in=secretaries, title__code="UV_BTV_XA").exists()


def test_ratings_are_one_per_year_for_years_in_office_and_mostly_good():
    assert not Evaluation.objects.values("official", "year").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert set(Evaluation.objects.values_list("year", flat=True)) == set(range(2019, 2026))
    counts = dict(Evaluation.objects.values_list("rating").annotate(n=Count("id")))
    total = sum(counts.values())
    assert max(counts, key=counts.get) == "HTTNV"
    assert 0.05 < counts["HTXSNV"] / total < 0.2
    assert 0.08 < counts["HTNV"] / total < 0.25
    assert counts.get("KHTNV", 0) / total < 0.05
    for evaluation in Evaluation.objects.order_by("?")[:200]:
        year = evaluation.year
        assert PositionRecord.objects.filter(
            official=evaluation.official_id, start_date__lte=dt.date(year, 12, 31)
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=dt.date(year, 6, 30))).exists()


def test_histories_have_ended_positions_moves_events_and_planning():
    assert PositionRecord.objects.filter(end_date__isnull=False).count() > 100
    moved_between_communes = CareerEvent.objects.filter(
        kind__in=["LUAN_CHUYEN", "DIEU_DONG"], from_organization__kind="XA", to_organization__kind="XA"
    )
    assert moved_between_communes.exists()
    kinds = set(CareerEvent.objects.values_list("kind", flat=True))
    assert kinds >= {"LUAN_CHUYEN", "DIEU_DONG", "BO_NHIEM", "KHEN_THUONG", "CU_DI_HOC"}
    assert set(PlanningEntry.objects.values_list("term", flat=True)) == {"2020-2025", "2025-2030"}
    ranked = QualificationRecord.objects.filter(qualification_type__is_ranked=True)
    assert not ranked.filter(level__isnull=True).exists()
    assert not QualificationRecord.objects.filter(qualification_type__is_ranked=False, detail="").exists()
    # Professional degrees improve over time: more university graduates in 2023 than in 2020.
    universities = ranked.filter(qualification_type__code="CHUYEN_MON", level__code="DAI_HOC")
    assert universities.filter(obtained_on__lte=dt.date(2023, 6, 30)).count() > universities.filter(
        obtained_on__lte=dt.date(2020, 12, 31)).count()


def test_party_statistics_are_consistent():
    rows = PartyStatistics.objects.select_related("organization")
    assert rows.exists()
    for row in rows:
        assert row.organization.kind in ("XA", "CO_QUAN")
        assert row.organization.form in ("DANG_BO", "CHI_BO_CO_SO")
        assert 2019 <= row.year <= 2025
        assert row.probationary <= row.members and row.female <= row.members
        assert row.organization.exists_on(dt.date(row.year, 12, 31))


def test_citizen_ids_have_12_digits_and_most_officials_have_one():
    ids = list(Official.objects.filter(citizen_id__isnull=False).values_list("citizen_id", flat=True))
    assert len(ids) > 0.9 * OFFICIALS
    assert all(len(i) == 12 and i.isdigit() for i in ids)
    assert len(set(ids)) == len(ids)


def test_demo_users_have_their_organization_role_and_password():
    districts = list(Organization.objects.filter(kind="HUYEN").order_by("pk"))
    province = Organization.objects.get(kind="TINH")
    new_communes = list(Organization.objects.filter(parent=province, kind="XA").order_by("pk"))
    expected = {
        "admin": (None, Role.ADMIN),
        "tinh1": (province, Role.DISTRICT_STAFF),
        "xa1": (new_communes[0], Role.DISTRICT_STAFF),
        "xa2": (new_communes[1], Role.DISTRICT_STAFF),
        "staff1": (districts[0], Role.DISTRICT_STAFF),
        "staff2": (districts[1], Role.DISTRICT_STAFF),
        "reviewer": (Organization.objects.get(kind="TINH"), Role.PROVINCIAL_REVIEWER),
    }
    for username, (organization, role) in expected.items():
        user = User.objects.get(username=username)
        assert (user.organization, user.role, user.is_staff) == (organization, role, role == Role.ADMIN)
        assert user.check_password(settings.DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="staff1").is_superuser
    text = demo_users_text()
    assert text.splitlines()[0] == "Tài khoản dùng thử:"
    assert f"admin / {settings.DEMO_PASSWORD} (quản trị)" in text
    assert f"staff1 / {settings.DEMO_PASSWORD} (cán bộ Ban Tổ chức, Huyện ủy Phong Thổ)" in text
    assert [line.split(" / ")[0].strip() for line in text.splitlines()[1:]] == [
        "admin", "tinh1", "xa1", "xa2", "reviewer", "staff1", "staff2"]
    assert f"tinh1 / {settings.DEMO_PASSWORD} (cán bộ Ban Tổ chức, Đảng bộ tỉnh Lai Châu)" in text
    assert (f"xa1 / {settings.DEMO_PASSWORD} (cán bộ Văn phòng Đảng ủy, {new_communes[0].name})" in text
            and new_communes[0].name == "Phường Phong Thổ")


def test_the_same_seed_gives_the_same_data_and_another_seed_differs():
    first = digest()
    generate_demo(officials=OFFICIALS, seed=SEED, reset=True)
    assert digest() == first
    generate_demo(officials=OFFICIALS, seed=SEED + 1, reset=True)
    assert Official.objects.count() == OFFICIALS
    assert digest() != first


def test_it_refuses_a_database_that_already_has_officials():
    with pytest.raises(CommandError, match="đã có 1.000 cán bộ. Dùng --reset"):
        call_command("generate_demo", "--officials", "300", stdout=StringIO())
    assert Official.objects.count() == OFFICIALS


def test_reset_refuses_and_deletes_nothing_when_real_officials_exist():
    real_unit = make_organization("HG", "TINH", name="Đảng bộ tỉnh Hà Giang")
    real = make_official("REAL-1")
    add_position(real, real_unit, "BT_HU", dt.date(2020, 1, 1))
    with pytest.raises(DemoRefused, match="1 cán bộ không thuộc dữ liệu mẫu"):
        generate_demo(officials=300, seed=1, reset=True)
    assert Official.objects.count() == OFFICIALS + 1
    assert Organization.objects.filter(is_demo=True).exists()


def test_deleting_demo_data_keeps_real_organizations_users_and_officials():
    real_unit = make_organization("HG", "TINH", name="Đảng bộ tỉnh Hà Giang")
    real = make_official("REAL-1")
    add_position(real, real_unit, "BT_HU", dt.date(2020, 1, 1))
    demo_district = Organization.objects.get(code="LC.PT")
    add_position(real, demo_district, "PBT_HU", dt.date(2015, 1, 1), dt.date(2019, 12, 31))

    deleted = delete_demo_data()

    assert deleted["officials"] == OFFICIALS
    assert list(Official.objects.values_list("code", flat=True)) == ["REAL-1"]
    assert list(PositionRecord.objects.values_list("title__code", flat=True)) == ["BT_HU"]
    assert list(Organization.objects.values_list("code", flat=True)) == ["HG"]
    assert User.objects.get(username="staff1").organization is None


def test_the_command_resets_and_prints_a_summary_in_vietnamese():
    out = StringIO()
    call_command("generate_demo", "--officials", "300", "--seed", "3", "--reset", stdout=out)
    text = out.getvalue()
    assert Official.objects.count() == 300
    assert f"Đã xóa dữ liệu mẫu cũ: {OFFICIALS:,} cán bộ".replace(",", ".") in text
    assert "- Huyện ủy Phong Thổ (LC.PT):" in text
    assert "Đã tạo Đảng bộ tỉnh Lai Châu: 2 huyện, 300 cán bộ" in text
    assert "Kế hoạch mẫu có chỉ tiêu: 15-NQ/TU, 01-ĐA/HU, 01-NQ/ĐU, 60-KH/HU." in text
    assert f"reviewer / {settings.DEMO_PASSWORD} (chuyên viên Ban Tổ chức Tỉnh ủy, Đảng bộ tỉnh Lai Châu)" in text


def test_it_refuses_fewer_officials_than_the_minimum():
    with pytest.raises(DemoRefused, match="tối thiểu là 300"):
        generate_demo(officials=299, seed=1, reset=True)


def test_if_empty_leaves_a_database_with_officials_alone_and_prints_the_users():
    before = digest()
    out = StringIO()
    call_command("generate_demo", "--officials", "300", "--if-empty", stdout=out)
    text = out.getvalue()
    assert digest() == before
    assert Official.objects.count() == OFFICIALS
    assert "Cơ sở dữ liệu đã có cán bộ; không tạo dữ liệu mẫu." in text
    assert f"staff1 / {settings.DEMO_PASSWORD}" in text


def test_if_empty_generates_into_an_empty_database():
    delete_demo_data()
    out = StringIO()
    call_command("generate_demo", "--officials", "300", "--seed", "3", "--if-empty", stdout=out)
    assert Official.objects.count() == 300
    assert "Đã tạo Đảng bộ tỉnh Lai Châu" in out.getvalue()


def test_it_adds_a_province_and_a_district_plan_with_targets(demo):
    from planning.models import Plan

    assert demo.plans == ["15-NQ/TU", "01-ĐA/HU", "01-NQ/ĐU", "60-KH/HU"]
    plans = {p.code: p for p in Plan.objects.select_related("organization")}
    assert set(plans) == {"15-NQ/TU", "01-ĐA/HU", "01-NQ/ĐU", "60-KH/HU"}
    assert plans["60-KH/HU"].organization.code == "LC.PT"
    assert plans["15-NQ/TU"].organization.code == "LC"
    assert plans["01-ĐA/HU"].organization.code == "LC.PT"
    shape = [
        (t.number, t.population.code, t.rows.count(), sum(r.targets.count() for r in t.rows.all()))
        for t in plans["15-NQ/TU"].tables.order_by("order")
    ]
    assert shape == [("Biểu 01", "CB_CHU_CHOT_XA", 7, 14), ("Biểu 02", "LANH_DAO_PHONG", 4, 8)]
    assert plans["15-NQ/TU"].tables.get(number="Biểu 01").rows.get(order=4).parent.indicator.code == "DG_TOT"


def test_reset_replaces_the_demo_plans_and_leaves_a_real_plan_of_the_same_code_alone():
    from planning.models import Plan
    from planning.services import plan_import

    delete_demo_data()
    assert not Plan.objects.exists()  # the demo plans went with their demo organizations
    real_unit = make_organization("HG", "TINH", name="Đảng bộ tỉnh Hà Giang")
    plan_import(data={
        "code": "15-NQ/TU", "title": "Nghị quyết thật", "organization": "HG", "issued_on": "2021-05-01",
        "tables": [{"number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "CB_XA",
                    "rows": [{"label": "Nữ", "indicator": "NU", "targets": [{"year": 2025, "min": 20}]}]}],
    })
    summary = generate_demo(officials=300, seed=3)
    assert summary.plans == ["01-ĐA/HU", "01-NQ/ĐU", "60-KH/HU"]
    real = Plan.objects.get(code="15-NQ/TU")
    assert (real.title, real.organization_id) == ("Nghị quyết thật", real_unit.pk)
    assert Plan.objects.get(code="01-ĐA/HU").organization.code == "LC.PT"


# --- The 2025 restructuring: districts dissolved, communes merged under the province --------------------

def test_districts_their_agencies_and_the_old_communes_cease_on_1_july_2025():
    districts = Organization.objects.filter(kind="HUYEN")
    assert districts.count() >= 2
    assert set(districts.values_list("ceased_on", flat=True)) == {REFORM}
    below = Organization.objects.filter(parent__kind="HUYEN")
    assert below.filter(kind="XA").exists() and below.filter(kind="CO_QUAN").exists()
    # Every commune and agency of a district has ceased by then (the 2020 mergers earlier, the rest on the day).
    assert not below.filter(Q(ceased_on__isnull=True) | Q(ceased_on__gt=REFORM)).exists()
    assert below.filter(kind="XA", ceased_on=REFORM).count() >= 10
    assert not Organization.objects.filter(ceased_on__isnull=True, parent__ceased_on=REFORM).exists()


def test_every_new_commune_is_formed_from_communes_that_ceased_that_day():
    province = Organization.objects.get(kind="TINH")
    new = list(Organization.objects.filter(parent=province, kind="XA").prefetch_related("predecessors"))
    districts = Organization.objects.filter(kind="HUYEN").count()
    assert len(new) >= 2 * districts
    for commune in new:
        assert (commune.founded_on, commune.ceased_on, commune.form) == (REFORM, None, "DANG_BO"), commune.name
        predecessors = list(commune.predecessors.all())
        assert len(predecessors) >= 2 or len(new) > 2 * districts and len(predecessors) == 1, commune.name
        assert len(predecessors) <= 4
        assert {(p.kind, p.ceased_on, p.parent.kind) for p in predecessors} == {("XA", REFORM, "HUYEN")}
    # Each commune of 30 June 2025 went into exactly one new commune or ward.
    last_day_communes = set(Organization.objects.filter(kind="XA", ceased_on=REFORM).values_list("pk", flat=True))
    merged = [p.pk for commune in new for p in commune.predecessors.all()]
    assert sorted(merged) == sorted(last_day_communes)
    assert {c.category for c in new} == {"PHUONG", "XA"}
    assert Organization.objects.get(kind="XA", name="Phường Phong Thổ").parent == province


def test_no_position_at_an_old_unit_lasts_past_30_june_2025():
    old_units = Organization.objects.filter(ceased_on__isnull=False)
    at_old = PositionRecord.objects.filter(organization__in=old_units)
    assert at_old.filter(end_date=REFORM - dt.timedelta(days=1)).count() > 200
    assert not at_old.filter(Q(end_date__isnull=True) | Q(end_date__gte=F("organization__ceased_on"))).exists()
    assert not PositionRecord.objects.filter(organization__founded_on__gt=F("start_date")).exists()


def test_one_holder_of_a_single_holder_title_per_unit_on_sample_dates():
    for on in (dt.date(2020, 12, 31), dt.date(2023, 6, 30), REFORM - dt.timedelta(days=1), REFORM, LAST_DAY):
        held = (PositionRecord.objects.held_on(on).filter(title__is_single_holder=True)
                .values("organization", "title").annotate(n=Count("id")))
        assert held.exists()
        assert not held.filter(n__gt=1).exists(), (on, list(held.filter(n__gt=1).values_list("title__code", "organization__code", "organization__kind")[:5]))


def test_the_new_communes_are_staffed_by_those_who_carry_on_some_newcomers_and_some_leave():
    new = Organization.objects.filter(founded_on=REFORM, kind="XA")
    for commune in new:
        held = set(PositionRecord.objects.filter(organization=commune).held_on(LAST_DAY)
                   .values_list("title__code", flat=True))
        assert {"BT_DU", "CT_HDND_XA", "CT_UBND_XA", "PBT_DU", "PCT_UBND_XA"} <= held, commune.name
    after = PositionRecord.objects.filter(organization__in=new, start_date=REFORM).exclude(title__code__startswith="UV_")
    carried = after.filter(official__positions__end_date=REFORM - dt.timedelta(days=1)).values("official").distinct()
    newcomers = after.exclude(official__positions__start_date__lt=REFORM).values("official").distinct()
    assert carried.count() > 5 * newcomers.count() > 0
    # Former district leaders head new communes.
    assert after.filter(title__code="BT_DU", official__positions__title__code__in=["BT_HU", "PBT_HU", "CT_UBND_HUYEN",
                                                                                  "PCT_UBND_HUYEN"]).exists()
    held_before = set(PositionRecord.objects.held_on(REFORM - dt.timedelta(days=1)).values_list("official", flat=True))
    held_after = set(PositionRecord.objects.held_on(REFORM).values_list("official", flat=True))
    assert len(held_before - held_after) > 0.05 * len(held_before)
    assert CareerEvent.objects.filter(date=REFORM, note="Sắp xếp, sáp nhập đơn vị", to_organization__in=new).exists()
    assert CareerEvent.objects.filter(date=REFORM, to_organization=None, note="Sắp xếp, sáp nhập đơn vị").exists()
    # Everyone in office in 2024 and 2025 has a rating: the default rating year of a report finds them.
    for year in (2024, 2025):
        in_office = PositionRecord.objects.held_on(dt.date(year, 6, 30)).exclude(title__code__startswith="UV_")
        people = set(in_office.values_list("official", flat=True))
        rated = set(Evaluation.objects.filter(year=year, official__in=people).values_list("official", flat=True))
        assert len(rated) == len(people) > 0


def test_the_commune_plan_belongs_to_a_new_ward_whose_predecessors_have_a_2020_baseline():
    from planning.models import Plan

    plan = Plan.objects.select_related("organization").get(code="01-NQ/ĐU")
    ward = plan.organization
    assert (ward.name, ward.founded_on, ward.parent.kind) == ("Phường Phong Thổ", REFORM, "TINH")
    assert plan.issued_on == dt.date(2025, 9, 20)
    assert sorted(plan.tables.values_list("number", "population__code")) == [
        ("Biểu 01", "CB_XA"), ("Biểu 02", "CC_XA")]
    years = {tuple(sorted(row.targets.values_list("year", flat=True))) for table in plan.tables.all()
             for row in table.rows.all()}
    assert years == {(2025, 2030)}
    # The 2020 baseline of the ward is its predecessors: commune cadres held posts there on 31/12/2020.
    baseline = dt.date(2020, 12, 31)
    predecessors = ward.predecessors.all()
    assert predecessors.count() >= 2 and all(p.exists_on(baseline) for p in predecessors)
    cadres = PositionRecord.objects.filter(organization__in=predecessors, title__code__in=COMMUNE_CADRES).held_on(baseline)
    assert cadres.values("official").distinct().count() >= 2 * len(COMMUNE_CADRES) - 2
    assert User.objects.get(username="xa1").organization == ward
