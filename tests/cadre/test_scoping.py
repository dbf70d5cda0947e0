"""The one scoping mechanism, exercised with two districts."""
import datetime as dt

import pytest

from accounts.models import Role
from cadre.models import CareerEvent, Evaluation, Official, Organization, PartyStatistics, PlanningEntry, PositionRecord, PositionTitle, QualificationRecord
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def people(tree):
    """One official in each district, and one who moved from A to B."""
    in_a = make_official("A1", full_name="Lò Văn An")
    add_position(in_a, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    add_rating(in_a, 2022, "HTTNV")
    add_qualification(in_a, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
    in_b = make_official("B1", full_name="Tòng Thị Bình", gender="NU")
    add_position(in_b, tree["LC.B.PNV"], "TRUONG_PHONG", dt.date(2019, 1, 1))
    add_rating(in_b, 2022, "HTXSNV")
    moved = make_official("AB", full_name="Vàng A Chư")
    add_position(moved, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2015, 1, 1), dt.date(2020, 12, 31))
    add_position(moved, tree["LC.B.X1"], "CT_UBND_XA", dt.date(2021, 1, 1))
    CareerEvent.objects.create(official=moved, kind="DIEU_DONG", date=dt.date(2021, 1, 1),
                               from_organization=tree["LC.A.X2"], to_organization=tree["LC.B.X1"])
    PartyStatistics.objects.create(organization=tree["LC.A.X1"], year=2022, members=120, female=30)
    PartyStatistics.objects.create(organization=tree["LC.B.X1"], year=2022, members=90, female=20)
    PlanningEntry.objects.create(official=in_a, title=PositionTitle.objects.get(code="PBT_HU"),
                                 organization=tree["LC.A"], term="2025-2030")
    return {"a": in_a, "b": in_b, "moved": moved}


def codes(queryset, field="code"):
    return sorted(queryset.values_list(field, flat=True))


def test_organizations_within_a_district_are_its_subtree(tree):
    assert codes(Organization.objects.within(tree["LC.A"])) == ["LC.A", "LC.A.PNV", "LC.A.X1", "LC.A.X2"]
    assert codes(Organization.objects.within(tree["LC"])) == sorted(tree)


def test_officials_are_inside_every_district_they_held_a_position_in(tree, people):
    assert codes(Official.objects.within(tree["LC.A"])) == ["A1", "AB"]
    assert codes(Official.objects.within(tree["LC.B"])) == ["AB", "B1"]
    assert codes(Official.objects.within(tree["LC"])) == ["A1", "AB", "B1"]
    assert codes(Official.objects.within(tree["LC.B.PNV"])) == ["B1"]


def test_an_official_with_two_positions_in_scope_appears_once(tree, people):
    add_position(people["a"], tree["LC.A.X1"], "CT_HDND_XA", dt.date(2021, 1, 1))
    assert codes(Official.objects.within(tree["LC.A"])) == ["A1", "AB"]


def test_positions_are_scoped_by_where_they_were_held(tree, people):
    assert codes(PositionRecord.objects.within(tree["LC.B"]), "official__code") == ["AB", "B1"]
    assert PositionRecord.objects.within(tree["LC.B"]).filter(official__code="AB").get().organization.code == "LC.B.X1"


def test_person_records_follow_the_official(tree, people):
    assert codes(Evaluation.objects.within(tree["LC.A"]), "official__code") == ["A1"]
    assert codes(Evaluation.objects.within(tree["LC.B"]), "official__code") == ["B1"]
    assert codes(QualificationRecord.objects.within(tree["LC.B"]), "official__code") == []
    assert codes(CareerEvent.objects.within(tree["LC.A"]), "official__code") == ["AB"]


def test_organization_records_are_scoped_by_their_organization(tree, people):
    assert codes(PartyStatistics.objects.within(tree["LC.A"]), "organization__code") == ["LC.A.X1"]
    assert codes(PlanningEntry.objects.within(tree["LC.B"]), "official__code") == []


def test_users_see_their_own_district_only(tree, people):
    staff_a = make_user("staff_a", tree["LC.A"])
    staff_b = make_user("staff_b", tree["LC.B"])
    reviewer = make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)
    assert codes(Official.objects.visible_to(staff_a)) == ["A1", "AB"]
    assert codes(Official.objects.visible_to(staff_b)) == ["AB", "B1"]
    assert codes(Official.objects.visible_to(reviewer)) == ["A1", "AB", "B1"]
    assert codes(Organization.objects.visible_to(staff_b)) == ["LC.B", "LC.B.PNV", "LC.B.X1", "LC.B.X2"]


def test_a_superuser_without_organization_sees_everything(tree, people):
    admin = make_user("root", None, role=Role.ADMIN, is_superuser=True)
    assert Official.objects.visible_to(admin).count() == 3


def test_a_user_without_organization_sees_nothing(tree, people):
    lost = make_user("lost", None)
    assert Official.objects.visible_to(lost).count() == 0
    assert Organization.objects.visible_to(lost).count() == 0


def test_moving_a_district_moves_its_whole_subtree(tree, people):
    other = Organization.objects.create(code="HG", name="Đảng bộ tỉnh khác", kind="TINH")
    district = tree["LC.A"]
    district.parent = other
    district.save()
    assert codes(Organization.objects.within(other)) == ["HG", "LC.A", "LC.A.PNV", "LC.A.X1", "LC.A.X2"]
    assert codes(Official.objects.within(tree["LC"])) == ["AB", "B1"]
    commune = Organization.objects.get(code="LC.A.X1")
    assert commune.path == f"/{other.pk}/{district.pk}/{commune.pk}/"


def test_an_organization_cannot_move_below_itself(tree):
    province = tree["LC"]
    province.parent = tree["LC.A.X1"]
    with pytest.raises(ValueError, match="không thể là cấp trên của chính nó"):
        province.save()
