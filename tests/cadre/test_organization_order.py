"""Organizations are offered in tree order, each unit's units in Vietnamese alphabetical order."""
import datetime as dt

import pytest
from django.urls import reverse

from cadre.forms import organization_choices
from cadre.organization_order import in_tree_order
from cadre.vietnamese import text_sort_key
from reports.fetch import comparison_units
from tests.factories import make_organization, make_user

pytestmark = pytest.mark.django_db


def test_text_sort_key_follows_the_vietnamese_alphabet():
    words = ["Mường So", "Đào San", "Bum Nưa", "Dào San", "Bản Lang", "Ăn Khê", "An Bình"]
    assert sorted(words, key=text_sort_key) == ["An Bình", "Ăn Khê", "Bản Lang", "Bum Nưa", "Dào San", "Đào San",
                                                "Mường So"]


@pytest.fixture
def district():
    province = make_organization("LC", "TINH", name="Đảng bộ tỉnh Lai Châu")
    district = make_organization("LC.PT", "HUYEN", province, name="Huyện ủy Phong Thổ")
    # Created out of order: primary keys (and so the paths) are not alphabetical.
    for code, kind, name in [("MS", "XA", "Xã Mường So"), ("VP", "CO_QUAN", "Văn phòng Huyện ủy"),
                             ("DS", "XA", "Xã Đào San"), ("BL", "XA", "Xã Bản Lang"),
                             ("PT", "XA", "Phường Phong Thổ"), ("BN", "XA", "Xã Bum Nưa")]:
        make_organization(f"LC.PT.{code}", kind, district, name=name)
    make_organization("LC.PT.BL.CB1", "CHI_BO", district.children.get(code="LC.PT.MS"), name="Chi bộ bản Nà Củng")
    return district


ALPHABETICAL = ["Xã Bản Lang", "Xã Bum Nưa", "Xã Đào San", "Xã Mường So", "Phường Phong Thổ"]


def test_the_tree_keeps_its_shape_and_siblings_are_alphabetical(district):
    user = make_user("staff", district)
    names = [org.name for org in in_tree_order(organization_choices(user))]
    assert names == ["Huyện ủy Phong Thổ", "Xã Bản Lang", "Xã Bum Nưa", "Xã Đào San", "Xã Mường So",
                     "Chi bộ bản Nà Củng", "Phường Phong Thổ", "Văn phòng Huyện ủy"]


def test_the_comparison_lists_the_communes_alphabetically_then_the_agencies(district):
    units = comparison_units(district, dt.date(2024, 1, 1))
    assert [unit.name for unit in units] == [*ALPHABETICAL, "Văn phòng Huyện ủy"]


def test_every_drop_down_offers_the_communes_alphabetically(client, district):
    user = make_user("staff", district)
    client.force_login(user)
    body = client.get(reverse("cadre:official_list")).content.decode()
    options = body.split('<select name="to_chuc"')[1].split("</select>")[0]
    positions = [options.index(name) for name in ALPHABETICAL]
    assert positions == sorted(positions)
    # The organization fields are searched (the home town, a position's unit, the report's organization):
    # their list of matches is alphabetical at each level too.
    found = client.get(reverse("cadre:organization_search"), {"q": "lc.pt.", "loai": "XA"}).json()["results"]
    assert [match["name"] for match in found] == ALPHABETICAL
