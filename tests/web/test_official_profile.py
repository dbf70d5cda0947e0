"""The profile: personal data and a readable career history, inside the scope, in constant queries."""
import datetime as dt

from django.urls import reverse

from cadre.models import CareerEvent
from tests.factories import add_position, add_qualification, add_rating


def profile_url(official):
    return reverse("cadre:official_detail", args=[official.pk])


def test_the_profile_shows_personal_data_with_vietnamese_dates(staff_client, people):
    body = staff_client.get(profile_url(people["duc"])).content.decode()
    assert "Nguyễn Văn Đức" in body
    assert "01/01/1980" in body and "001080000123" in body and "02/03/2005" in body


def test_the_career_history_lists_positions_with_open_ended_ones_as_nay(staff_client, people):
    response = staff_client.get(profile_url(people["duc"]))
    body = response.content.decode()
    assert "02/01/2020 – nay" in body
    assert "01/01/2015 – 31/12/2019" in body
    labels = [(p.title.code, p.end_date) for p in response.context["profile"].positions]
    assert labels == [("CT_HDND_XA", None), ("BT_DU", None), ("PCT_UBND_XA", dt.date(2019, 12, 31))]


def test_the_profile_lists_qualifications_ratings_and_planning(staff_client, people):
    body = staff_client.get(profile_url(people["duc"])).content.decode()
    assert "Đại học" in body and "01/06/2012" in body
    assert "Hoàn thành xuất sắc nhiệm vụ" in body and "2024" in body
    assert "Phó Bí thư Huyện ủy" in body and "2025-2030" in body and "01/04/2023" in body


def test_positions_outside_the_scope_are_hidden_and_the_profile_says_so(staff_client, people):
    response = staff_client.get(profile_url(people["moved"]))
    body = response.content.decode()
    assert [p.organization.code for p in response.context["profile"].positions] == ["LC.A.X2"]
    assert "Có 1 chức vụ tại tổ chức ngoài phạm vi" in body
    assert "Điều động" in body and "Xã X2 B" in body  # the event follows the person


def test_an_official_outside_the_scope_answers_404(staff_client, people):
    assert staff_client.get(profile_url(people["chu"])).status_code == 404


def test_the_profile_issues_the_same_queries_however_many_records(staff_client, people, tree, django_assert_num_queries):
    official = people["an"]
    staff_client.get(profile_url(official))

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(profile_url(official)).status_code == 200
        return len(context)

    before = count_queries()
    for year in range(2000, 2020):
        add_rating(official, year, "HTTNV")
        add_position(official, tree["LC.A.X1"], "UV_BCH_XA", dt.date(year, 1, 1), dt.date(year, 12, 31))
        add_qualification(official, "TIN_HOC", f"Chứng chỉ {year}", dt.date(year, 5, 5))
        CareerEvent.objects.create(official=official, kind="KHEN_THUONG", date=dt.date(year, 9, 2))
    # 1 session, 2 user, 3 scope organization, 4 official with ethnic group and hometown,
    # 5 positions in scope, 6 all positions count, 7 qualifications, 8 ratings, 9 events,
    # 10 planning in scope, 11 change history, 12 demo banner
    with django_assert_num_queries(12):
        staff_client.get(profile_url(official))
    assert count_queries() == before


def test_the_profile_lists_recent_changes_in_words(staff_client, staff_a, people):
    from cadre.services.officials import evaluation_add, official_update

    official_update(user=staff_a, official=people["duc"], full_name="Nguyễn Văn Đức Anh", hometown_text="Bản Lướt")
    evaluation_add(user=staff_a, official=people["duc"], year=2025, rating="HTTNV")
    body = staff_client.get(profile_url(people["duc"])).content.decode()
    # Outside a request (here: a service called directly) the entries are a command's, without a user.
    assert ("Hệ thống đổi Họ và tên từ Nguyễn Văn Đức thành Nguyễn Văn Đức Anh; đổi Quê quán từ (trống) "
            "thành Bản Lướt lúc ") in body
    assert "Hệ thống thêm đánh giá, xếp loại A1 | 2025 lúc " in body
    assert body.count("(lệnh quản trị)</li>") == 2
