"""A user who is not a superuser and belongs to no organization sees no data (cadre.scoping.NoScope): not on
the list, not in an export. A superuser without an organization is the only one who reads everything."""
import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role
from cadre.models import ChangeRecord
from tests.factories import add_position, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def orphan(client):
    tree = make_district_tree("LC")
    person = make_official("A1", full_name="Cán Bộ Một")
    add_position(person, tree["LC.A.X1"], "BT_DU", dt.date(2019, 1, 1))
    user = make_user("moi", None, role=Role.PROVINCIAL_REVIEWER)
    client.force_login(user)
    return client


def test_the_exchange_workbook_is_refused_without_an_organization(orphan):
    response = orphan.get(reverse("cadre:official_exchange_workbook"))
    assert response.status_code == 403
    assert ChangeRecord.objects.filter(entity="TaiXuong").count() == 0


def test_the_background_exchange_export_is_refused_without_an_organization(orphan):
    response = orphan.post(reverse("cadre:official_exchange_workbook_job"))
    assert response.status_code == 403


def test_the_list_is_empty_without_an_organization(orphan):
    page = orphan.get(reverse("cadre:official_list")).content.decode()
    assert "Cán Bộ Một" not in page
