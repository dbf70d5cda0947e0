"""Integrity is enforced by the database itself, not only by forms."""
import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from cadre.models import (
    EthnicGroup,
    Evaluation,
    Official,
    Organization,
    PartyStatistics,
    PlanningEntry,
    Population,
    PositionRecord,
    PositionTitle,
    QualificationLevel,
    QualificationRecord,
    QualificationType,
)
from tests.factories import add_position, add_qualification, add_rating, make_official, make_organization

pytestmark = pytest.mark.django_db


def violates(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def commune():
    return make_organization("X", "XA")


def test_catalogs_are_seeded():
    assert EthnicGroup.objects.count() == 54
    assert list(EthnicGroup.objects.filter(is_minority=False).values_list("name", flat=True)) == ["Kinh"]
    assert PositionTitle.objects.filter(category="CB_XA").count() == 11
    assert PositionTitle.objects.filter(category="CC_XA").count() == 6
    ranks = dict(QualificationLevel.objects.filter(qualification_type__code="LY_LUAN").values_list("code", "rank"))
    assert ranks == {"SO_CAP": 1, "TRUNG_CAP": 2, "CAO_CAP": 3, "CU_NHAN": 3}
    assert list(QualificationType.objects.filter(is_ranked=False).values_list("code", flat=True)) == [
        "TIN_HOC", "NGOAI_NGU", "BOI_DUONG_VTVL"]
    populations = {p.code: sorted(t.code for t in p.titles.all()) for p in Population.objects.all()}
    assert populations["CB_CHU_CHOT_XA"] == ["BT_DU", "CT_HDND_XA", "CT_UBND_XA", "PBT_DU"]
    assert len(populations["CB_XA"]) == 11
    assert populations["LANH_DAO_PHONG"] == ["PHO_PHONG", "TRUONG_PHONG"]
    assert len(populations) == 7


def test_ethnic_groups_match_their_other_names():
    index = EthnicGroup.objects.by_name()
    assert index[EthnicGroup.match_key("H'Mông")].name == "Mông"
    assert index[EthnicGroup.match_key("khmer")].name == "Khmer"
    assert index[EthnicGroup.match_key("Ha Nhi")].name == "Hà Nhì"


def test_a_position_cannot_end_before_it_starts(commune):
    official = make_official()
    violates(lambda: add_position(official, commune, "BT_DU", dt.date(2021, 1, 1), dt.date(2020, 1, 1)))


def test_the_same_position_is_not_recorded_twice(commune):
    official = make_official()
    add_position(official, commune, "BT_DU", dt.date(2021, 1, 1))
    violates(lambda: add_position(official, commune, "BT_DU", dt.date(2021, 1, 1)))


def test_concurrent_positions_are_allowed(commune):
    official = make_official()
    add_position(official, commune, "BT_DU", dt.date(2021, 1, 1))
    add_position(official, commune, "CT_HDND_XA", dt.date(2021, 1, 1))
    assert official.positions.count() == 2


def test_one_rating_per_person_per_year():
    official = make_official()
    add_rating(official, 2022, "HTTNV")
    violates(lambda: add_rating(official, 2022, "HTNV"))


def test_a_rating_must_be_one_of_the_four_levels():
    official = make_official()
    violates(lambda: Evaluation.objects.create(official=official, year=2022, rating="GIOI"))


def test_citizen_id_has_twelve_digits_and_is_unique():
    violates(lambda: make_official(citizen_id="12345"))
    violates(lambda: make_official(citizen_id="12345678901a"))
    make_official(citizen_id="001088012345")
    violates(lambda: make_official(citizen_id="001088012345"))
    make_official(citizen_id=None)
    make_official(citizen_id=None)  # several officials without CCCD


def test_official_codes_are_unique():
    make_official("CB1")
    violates(lambda: make_official("CB1"))


def test_party_admission_comes_after_birth():
    violates(lambda: make_official(birth_date=dt.date(1990, 1, 1), party_joined_on=dt.date(1989, 1, 1)))


def test_a_ranked_qualification_is_unique_per_level_and_date():
    official = make_official()
    add_qualification(official, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
    violates(lambda: add_qualification(official, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1)))
    add_qualification(official, "TIN_HOC", "Chứng chỉ cơ bản", dt.date(2010, 1, 1))
    violates(lambda: add_qualification(official, "TIN_HOC", "Chứng chỉ cơ bản", dt.date(2010, 1, 1)))


def test_a_qualification_needs_a_level_or_a_text():
    official = make_official()
    violates(lambda: QualificationRecord.objects.create(
        official=official, qualification_type=QualificationType.objects.get(code="TIN_HOC"), obtained_on=dt.date(2010, 1, 1)))


def test_an_organization_cannot_cease_before_it_was_founded():
    violates(lambda: make_organization("Y", "XA", founded_on=dt.date(2020, 1, 1), ceased_on=dt.date(2019, 1, 1)))


def test_organization_kind_and_form_are_checked():
    violates(lambda: Organization.objects.create(code="Z", name="Z", kind="THON"))
    violates(lambda: Organization.objects.create(code="Z2", name="Z", kind="XA", form="HOP_TAC_XA"))


def test_planning_term_is_two_years(commune):
    official = make_official()
    title = PositionTitle.objects.get(code="BT_DU")
    violates(lambda: PlanningEntry.objects.create(official=official, title=title, organization=commune, term="2025"))
    PlanningEntry.objects.create(official=official, title=title, organization=commune, term="2025-2030")


def test_party_statistics_are_consistent(commune):
    violates(lambda: PartyStatistics.objects.create(organization=commune, year=2022, members=10, probationary=11))
    violates(lambda: PartyStatistics.objects.create(organization=commune, year=2022, members=10, female=11))
    PartyStatistics.objects.create(organization=commune, year=2022, members=10, female=4)
    violates(lambda: PartyStatistics.objects.create(organization=commune, year=2022, members=12))


def test_deleting_an_organization_with_history_is_refused(commune):
    add_position(make_official(), commune, "BT_DU", dt.date(2021, 1, 1))
    with pytest.raises(ProtectedError):
        commune.delete()


def test_deleting_a_catalog_entry_in_use_is_refused(commune):
    add_position(make_official(), commune, "BT_DU", dt.date(2021, 1, 1))
    with pytest.raises(ProtectedError):
        PositionTitle.objects.get(code="BT_DU").delete()
    with pytest.raises(ProtectedError):
        EthnicGroup.objects.get(name="Kinh").delete()


def test_deleting_an_official_deletes_their_own_records(commune):
    official = make_official()
    add_position(official, commune, "BT_DU", dt.date(2021, 1, 1))
    add_rating(official, 2022, "HTTNV")
    official.delete()
    assert PositionRecord.objects.count() == 0
    assert Evaluation.objects.count() == 0


def test_saving_an_official_keeps_the_search_and_sort_keys():
    official = make_official("CB9", full_name="Đặng Thị Ánh", citizen_id="001088012345")
    assert official.search_text == "dang thi anh cb9 001088012345"
    official.full_name = "Đặng Thị Ánh Dương"
    official.save(update_fields=["full_name"])
    official.refresh_from_db()
    assert official.search_text.startswith("dang thi anh duong")
    assert list(Official.objects.search("anh duong").values_list("code", flat=True)) == ["CB9"]
