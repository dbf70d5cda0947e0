import pytest
from django.urls import reverse

from tests.factories import make_district_tree, make_official, make_user, add_position
import datetime as dt

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body and "Mật khẩu" in body


def test_pages_require_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_wrong_password_keeps_the_username_and_explains(client):
    make_user("staff1", None)
    response = client.post(reverse("login"), {"username": "staff1", "password": "sai"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="staff1"' in body
    assert "mật khẩu chính xác" in body


def test_after_login_the_home_page_shows_the_users_scope(client):
    tree = make_district_tree("LC")
    add_position(make_official("A1"), tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    add_position(make_official("B1"), tree["LC.B.X1"], "BT_DU", dt.date(2020, 1, 1))
    make_user("staff1", tree["LC.A"])
    response = client.post(reverse("login"), {"username": "staff1", "password": "pw-test-123"}, follow=True)
    body = response.content.decode()
    assert "Huyện ủy A" in body
    assert response.context["official_count_text"] == "1"
    assert response.context["organization_count_text"] == "4"
