"""The admin speaks Vietnamese only: Django's missing strings are in locale/vi (compiled .mo committed)."""
import json
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_district_tree, make_user

pytestmark = pytest.mark.django_db

ENGLISH = ["GET FULL NAME", "Get full name", "Show counts", "Hide counts", "Reset password", "Set password",
           "Choose all", "by selecting them", "Error:", "Row version", "If disabled", "Skip to main content",
           "Toggle theme", "Filter navigation items", "Password-based authentication", "Enabled", "Disabled"]


@pytest.fixture
def root_client(client):
    tree = make_district_tree()
    client.force_login(make_user("root", None, is_superuser=True, is_staff=True))
    client.tree = tree
    return client


def english_in(html: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in html]


def test_every_list_and_add_page_of_the_admin_is_vietnamese(root_client):
    checked = 0
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        for url in (reverse("admin:%s_%s_changelist" % info), reverse("admin:%s_%s_add" % info)):
            response = root_client.get(url)
            if response.status_code == 403:
                continue  # records kept by the application (history): no add page
            assert response.status_code == 200, url
            assert english_in(response.content.decode()) == [], url
            checked += 1
    assert checked > 10


def test_the_user_pages_and_the_password_page_are_vietnamese(root_client):
    user = make_user("staff_x", root_client.tree["LC.A"], first_name="Minh", last_name="Hà")
    listing = root_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert english_in(listing) == []
    assert "Họ và tên" in listing and "Hà Minh" in listing
    change = root_client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()
    assert english_in(change) == [] and "Đặt lại mật khẩu" in change
    password = root_client.get(f"/admin/accounts/user/{user.pk}/password/").content.decode()
    assert english_in(password) == []
    assert "Khi tắt, mật khẩu hiện tại của người dùng này sẽ bị xóa." in password


def test_the_admin_scripts_catalog_is_vietnamese(root_client):
    script = root_client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog['Choose %s by selecting them and then select the "Choose" arrow button.'] == (
        "Chọn %s bằng cách đánh dấu rồi bấm nút mũi tên “Chọn”.")
    assert catalog["Remove all %s"] == "Bỏ tất cả %s"
    assert catalog["Sunday"] == "Chủ nhật"
