"""The Django admin for data entry: Vietnamese, searchable, scoped."""
import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Role
from cadre.models import Official
from tests.factories import add_position, add_rating, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def officials(tree):
    a = make_official("A1", full_name="Nguyễn Văn Đức")
    add_position(a, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    add_rating(a, 2022, "HTTNV")
    b = make_official("B1", full_name="Lò Thị Hoa", gender="NU")
    add_position(b, tree["LC.B.X1"], "CT_UBND_XA", dt.date(2020, 1, 1))
    return a, b


@pytest.fixture
def superuser_client(client):
    admin = make_user("root", None, role=Role.ADMIN, is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


@pytest.fixture
def staff_a_client(client, tree):
    """A system administrator limited to district A (the admin admits no district staff)."""
    staff = make_user("staff_a", tree["LC.A"], role=Role.ADMIN, is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="cadre"))
    client.force_login(staff)
    return client


def changelist_codes(response):
    return sorted(o.code for o in response.context["cl"].result_list)


def test_the_admin_speaks_vietnamese(superuser_client, officials):
    response = superuser_client.get(reverse("admin:cadre_official_changelist"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chọn cán bộ để thay đổi" in body
    assert "Tìm theo họ tên (không cần dấu), mã cán bộ hoặc số CCCD." in body


def test_search_ignores_diacritics(superuser_client, officials):
    response = superuser_client.get(reverse("admin:cadre_official_changelist"), {"q": "nguyen van duc"})
    assert changelist_codes(response) == ["A1"]
    response = superuser_client.get(reverse("admin:cadre_official_changelist"), {"q": "DUC"})
    assert changelist_codes(response) == ["A1"]


def test_filters_by_gender_and_current_position_group(superuser_client, officials):
    url = reverse("admin:cadre_official_changelist")
    assert changelist_codes(superuser_client.get(url, {"gender__exact": "NU"})) == ["B1"]
    assert changelist_codes(superuser_client.get(url, {"category": "CB_XA"})) == ["A1", "B1"]


def test_the_official_page_has_inline_records(superuser_client, officials):
    response = superuser_client.get(reverse("admin:cadre_official_change", args=[officials[0].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for heading in ["Quá trình giữ chức vụ", "Trình độ đào tạo", "Đánh giá, xếp loại", "Quy hoạch"]:
        assert heading in body


def test_district_staff_see_only_their_district_in_the_admin(staff_a_client, tree, officials):
    response = staff_a_client.get(reverse("admin:cadre_official_changelist"))
    assert changelist_codes(response) == ["A1"]
    response = staff_a_client.get(reverse("admin:cadre_organization_changelist"))
    assert changelist_codes(response) == ["LC.A", "LC.A.PNV", "LC.A.X1", "LC.A.X2"]


def test_an_official_of_another_district_is_not_found(staff_a_client, officials):
    response = staff_a_client.get(reverse("admin:cadre_official_change", args=[officials[1].pk]))
    assert response.status_code == 302  # the admin redirects with "không tồn tại"
    assert Official.objects.filter(pk=officials[1].pk).exists()


def test_organizations_are_listed_as_a_tree(superuser_client, tree):
    response = superuser_client.get(reverse("admin:cadre_organization_changelist"))
    assert changelist_codes(response) == sorted(tree)
    order = [o.code for o in response.context["cl"].result_list]
    assert order.index("LC.A") < order.index("LC.A.X1") < order.index("LC.B")


def test_adding_an_official_with_a_position_through_the_admin(superuser_client, tree):
    from cadre.models import EthnicGroup, PositionTitle

    data = {
        "code": "N1", "full_name": "Vàng Thị Mai", "gender": "NU", "birth_date": "15/03/1990",
        "ethnic_group": EthnicGroup.objects.get(name="Mông").pk, "citizen_id": "",
        "hometown_text": "", "party_joined_on": "",
        "positions-TOTAL_FORMS": "1", "positions-INITIAL_FORMS": "0",
        "positions-0-title": PositionTitle.objects.get(code="CT_HLHPN_XA").pk,
        "positions-0-organization": tree["LC.A.X2"].pk,
        "positions-0-start_date": "01/07/2021", "positions-0-end_date": "",
    }
    for prefix in ["qualifications", "evaluations", "events", "planning"]:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    response = superuser_client.post(reverse("admin:cadre_official_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    official = Official.objects.get(code="N1")
    assert official.birth_date == dt.date(1990, 3, 15)
    assert official.citizen_id is None
    assert official.search_text == "vang thi mai n1"
    assert [(p.title.code, p.organization.code, p.start_date) for p in official.positions.all()] == [
        ("CT_HLHPN_XA", "LC.A.X2", dt.date(2021, 7, 1))]


def test_the_admin_marks_demo_data(superuser_client, tree):
    from cadre.models import Organization

    url = reverse("admin:cadre_official_changelist")
    assert "Dữ liệu mẫu (demo)" not in superuser_client.get(url).content.decode()
    Organization.objects.filter(code="LC").update(is_demo=True)
    assert "Dữ liệu mẫu (demo) — không phải số liệu thật." in superuser_client.get(url).content.decode()
