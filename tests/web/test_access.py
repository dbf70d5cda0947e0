"""Who may open what: login everywhere, read-only reviewers, 404 outside the scope."""
import pytest
from django.urls import reverse

from tests.factories import make_user


def page_urls(people):
    duc = people["duc"]
    return [
        reverse("home"),
        reverse("cadre:official_list"),
        reverse("cadre:official_detail", args=[duc.pk]),
        reverse("cadre:official_list_xlsx"),
        reverse("cadre:organization_tree"),
        reverse("dashboard"),
    ]


def edit_urls(people):
    duc = people["duc"]
    return [
        reverse("cadre:official_create"),
        reverse("cadre:official_update", args=[duc.pk]),
        reverse("cadre:record_add", args=[duc.pk, "chuc-vu"]),
        reverse("cadre:record_add", args=[duc.pk, "danh-gia"]),
        reverse("cadre:import_upload"),
    ]


def test_every_page_asks_for_a_login_first(client, people):
    for url in page_urls(people) + edit_urls(people):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_a_reviewer_reads_every_page(reviewer_client, people):
    for url in page_urls(people):
        assert reviewer_client.get(url).status_code == 200, url


def test_a_reviewer_gets_403_on_every_page_that_writes(reviewer_client, people):
    for url in edit_urls(people):
        assert reviewer_client.get(url).status_code == 403, url
        assert reviewer_client.post(url, {}).status_code == 403, url


def test_a_reviewer_sees_no_edit_create_or_import_buttons(reviewer_client, people):
    pages = [reverse("home"), reverse("cadre:official_list"), reverse("cadre:official_detail", args=[people["duc"].pk])]
    for url in pages:
        body = reviewer_client.get(url).content.decode()
        assert "Thêm cán bộ" not in body, url
        assert "Sửa thông tin" not in body, url
        assert "Nhập dữ liệu" not in body, url
        assert "+ Thêm" not in body, url


def test_staff_see_the_edit_buttons(staff_client, people):
    body = staff_client.get(reverse("cadre:official_detail", args=[people["duc"].pk])).content.decode()
    assert "Sửa thông tin" in body and "+ Thêm chức vụ" in body
    assert "Nhập dữ liệu" in staff_client.get(reverse("home")).content.decode()


def test_objects_of_another_district_answer_404_for_reading_and_writing(staff_client, people):
    chu = people["chu"]
    for url in [
        reverse("cadre:official_detail", args=[chu.pk]),
        reverse("cadre:official_update", args=[chu.pk]),
        reverse("cadre:record_add", args=[chu.pk, "danh-gia"]),
    ]:
        assert staff_client.get(url).status_code == 404, url


def test_the_navigation_shows_the_users_name_and_organization(staff_client, people):
    body = staff_client.get(reverse("cadre:official_list")).content.decode()
    assert "Hà Minh" in body and "Huyện ủy A" in body
    assert 'aria-current="page">Cán bộ<' in body


def test_a_user_without_an_organization_sees_no_officials(client, people):
    client.force_login(make_user("lost", None))
    response = client.get(reverse("cadre:official_list"))
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_the_navigation_reaches_the_report_and_document_pages(staff_client, people):
    body = staff_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("reports:report")}"' in body
    assert f'href="{reverse("documents:list")}"' in body
    assert staff_client.get(reverse("reports:report")).status_code == 200
    assert staff_client.get(reverse("documents:list")).status_code == 200


@pytest.mark.parametrize("code, committee", [
    ("LC", "Ban Tổ chức Tỉnh ủy LC"), ("LC.A", "Ban Tổ chức Huyện ủy A"), ("LC.A.X1", "Đảng ủy xã X1 A"),
])
def test_titles_and_footers_name_the_users_own_committee(client, tree, code, committee):
    client.force_login(make_user(f"user-{code}", tree[code]))
    for url in (reverse("home"), reverse("cadre:official_list"), reverse("guide")):
        body = client.get(url).content.decode()
        title = body.split("<title>")[1].split("</title>")[0]
        footer = body.split('<footer class="footer">')[1].split("</footer>")[0]
        assert title.endswith(f" · {committee}"), (url, title)
        assert footer == f"Hệ thống quản lý hồ sơ cán bộ và báo cáo · {committee}"
        if committee != "Ban Tổ chức Huyện ủy A":
            assert "Ban Tổ chức Huyện ủy" not in title + footer


def test_the_login_page_names_no_particular_committee(client, db):
    body = client.get(reverse("login")).content.decode()
    assert "· Ban Tổ chức cấp ủy</title>" in body and "Huyện ủy" not in body
