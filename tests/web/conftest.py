"""Two districts of one province, people in both, and clients for each role."""
import datetime as dt

import pytest

from accounts.models import Role
from cadre.models import CareerEvent, PartyStatistics, PlanningEntry, PositionTitle
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user


@pytest.fixture(autouse=True)
def _import_inline(settings):
    """Imports run in the request, so tests see their result at once."""
    settings.IMPORT_IN_BACKGROUND = False


@pytest.fixture
def tree(db):
    return make_district_tree("LC")


@pytest.fixture
def people(tree):
    duc = make_official("A1", full_name="Nguyễn Văn Đức", citizen_id="001080000123", party_joined_on=dt.date(2005, 3, 2))
    add_position(duc, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 2))
    add_position(duc, tree["LC.A.X1"], "CT_HDND_XA", dt.date(2021, 6, 1))
    add_position(duc, tree["LC.A.X2"], "PCT_UBND_XA", dt.date(2015, 1, 1), dt.date(2019, 12, 31))
    add_qualification(duc, "CHUYEN_MON", "TRUNG_CAP", dt.date(2008, 6, 1))
    add_qualification(duc, "CHUYEN_MON", "DAI_HOC", dt.date(2012, 6, 1))
    add_qualification(duc, "LY_LUAN", "TRUNG_CAP", dt.date(2016, 6, 1))
    add_rating(duc, 2023, "HTTNV")
    add_rating(duc, 2024, "HTXSNV")
    hoa = make_official("A2", full_name="Lò Thị Hoa", gender="NU", ethnicity="Thái", birth_date=dt.date(1995, 5, 5))
    add_position(hoa, tree["LC.A.PNV"], "PHO_PHONG", dt.date(2022, 1, 1))
    add_rating(hoa, 2024, "HTNV")
    an = make_official("A3", full_name="Trần Văn An", birth_date=dt.date(1970, 2, 2))
    add_position(an, tree["LC.A.X2"], "CC_VPTK", dt.date(2018, 1, 1))
    chu = make_official("B1", full_name="Vàng A Chư", ethnicity="Mông")
    add_position(chu, tree["LC.B.X1"], "CT_UBND_XA", dt.date(2019, 1, 1))
    moved = make_official("AB", full_name="Giàng Thị Mai", gender="NU", ethnicity="Mông")
    add_position(moved, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2015, 1, 1), dt.date(2020, 12, 31))
    add_position(moved, tree["LC.B.X2"], "BT_DU", dt.date(2021, 1, 1))
    CareerEvent.objects.create(
        official=moved, kind="DIEU_DONG", date=dt.date(2021, 1, 1),
        from_organization=tree["LC.A.X2"], to_organization=tree["LC.B.X2"],
    )
    PlanningEntry.objects.create(
        official=duc, title=PositionTitle.objects.get(code="PBT_HU"), organization=tree["LC.A"], term="2025-2030",
        approved_on=dt.date(2023, 4, 1),
    )
    PartyStatistics.objects.create(organization=tree["LC.A.X1"], year=2024, members=120, female=30)
    PartyStatistics.objects.create(organization=tree["LC.A.X2"], year=2024, members=80, female=20)
    PartyStatistics.objects.create(organization=tree["LC.A.X1"], year=2023, members=110, female=25)
    PartyStatistics.objects.create(organization=tree["LC.B.X1"], year=2024, members=90, female=20)
    return {"duc": duc, "hoa": hoa, "an": an, "chu": chu, "moved": moved}


@pytest.fixture
def staff_a(tree):
    return make_user("staff_a", tree["LC.A"], first_name="Minh", last_name="Hà")


@pytest.fixture
def reviewer(tree):
    return make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
