"""The officials list: search, filters, Vietnamese order, pages, exports, constant queries."""
import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cadre.models import Official, Population, QualificationLevel
from tests.factories import add_position, make_official

URL = reverse("cadre:official_list")


def names(response):
    return [row.official.full_name for row in response.context["rows"]]


def test_the_list_shows_only_officials_who_held_a_position_in_the_users_district(staff_client, people):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(["Nguyễn Văn Đức", "Lò Thị Hoa", "Trần Văn An", "Giàng Thị Mai"])
    assert "Vàng A Chư" not in response.content.decode()


def test_names_are_sorted_by_given_name_then_family_name(staff_client, people):
    response = staff_client.get(URL)
    assert names(response) == ["Trần Văn An", "Nguyễn Văn Đức", "Lò Thị Hoa", "Giàng Thị Mai"]


def test_search_without_diacritics_finds_the_name_and_d_matches_dj(staff_client, people):
    response = staff_client.get(URL, {"q": "nguyen van duc"})
    assert names(response) == ["Nguyễn Văn Đức"]
    assert names(staff_client.get(URL, {"q": "thi hoa"})) == ["Lò Thị Hoa"]


def test_search_finds_by_citizen_id_and_by_code(staff_client, people):
    assert names(staff_client.get(URL, {"q": "001080000123"})) == ["Nguyễn Văn Đức"]
    assert names(staff_client.get(URL, {"q": "a2"})) == ["Lò Thị Hoa"]


def test_search_does_not_reach_outside_the_scope(staff_client, people):
    response = staff_client.get(URL, {"q": "vang a chu"})
    assert names(response) == []
    assert "Không có cán bộ nào phù hợp" in response.content.decode()


def test_the_row_shows_current_positions_units_and_highest_qualifications(staff_client, people):
    response = staff_client.get(URL, {"q": "duc"})
    row = response.context["rows"][0]
    assert row.positions == ["Bí thư Đảng ủy xã", "Chủ tịch HĐND xã"]
    assert row.units == ["Xã X1 A"]
    assert row.professional == "Đại học"
    assert row.theory == "Trung cấp"
    assert row.is_party_member is True
    table = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert "Bí thư Đảng ủy xã" in table and "Phó Chủ tịch UBND xã" not in table


def test_each_row_links_to_the_profile(staff_client, people):
    # The list builds profile links from its own URL instead of reversing one per row.
    response = staff_client.get(URL)
    html = response.content.decode()
    for row in response.context["rows"]:
        assert f'href="{reverse("cadre:official_detail", args=[row.official.pk])}"' in html


def test_the_rating_filter_reads_the_chosen_year_only(reviewer_client, people):
    from tests.factories import add_rating

    add_rating(people["an"], 2023, "HTXSNV")
    assert names(reviewer_client.get(URL, {"nam_danh_gia": 2024, "xep_loai": "HTXSNV"})) == ["Nguyễn Văn Đức"]
    assert names(reviewer_client.get(URL, {"nam_danh_gia": 2023, "xep_loai": "HTXSNV"})) == ["Trần Văn An"]
    assert names(reviewer_client.get(URL, {"nam_danh_gia": 2024, "xep_loai": "HTNV"})) == ["Lò Thị Hoa"]


def test_on_postgresql_the_search_has_a_trigram_index(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'cadre_official_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "search_text gin_trgm_ops" in definition


def test_search_words_shorter_than_a_trigram_still_match(staff_client, people):
    # pg_trgm cannot use the index for one or two letters; PostgreSQL scans instead.
    assert names(staff_client.get(URL, {"q": "a2"})) == ["Lò Thị Hoa"]
    assert names(staff_client.get(URL, {"q": "ab"})) == ["Giàng Thị Mai"]


def test_the_organization_filter_keeps_the_subtree(staff_client, people, tree):
    response = staff_client.get(URL, {"to_chuc": tree["LC.A.X2"].pk})
    assert sorted(names(response)) == ["Giàng Thị Mai", "Nguyễn Văn Đức", "Trần Văn An"]


def test_an_organization_outside_the_scope_is_not_a_valid_filter(staff_client, people, tree):
    response = staff_client.get(URL, {"to_chuc": tree["LC.B.X1"].pk})
    assert "to_chuc" in response.context["form"].errors


def test_the_population_filter_counts_those_holding_one_of_its_titles_today(staff_client, people):
    commune_cadres = Population.objects.get(code="CB_XA")
    assert names(staff_client.get(URL, {"doi_tuong": commune_cadres.pk})) == ["Nguyễn Văn Đức"]
    on_2016 = staff_client.get(URL, {"doi_tuong": commune_cadres.pk, "ngay": "01/06/2016"})
    assert sorted(names(on_2016)) == ["Giàng Thị Mai", "Nguyễn Văn Đức"]


def test_the_position_gender_ethnicity_and_age_filters(staff_client, people):
    from cadre.models import PositionTitle

    assert names(staff_client.get(URL, {"chuc_vu": PositionTitle.objects.get(code="PHO_PHONG").pk})) == ["Lò Thị Hoa"]
    assert names(staff_client.get(URL, {"gioi_tinh": "NU"})) == ["Lò Thị Hoa", "Giàng Thị Mai"]
    assert names(staff_client.get(URL, {"dan_toc": "dtts"})) == ["Lò Thị Hoa", "Giàng Thị Mai"]
    assert names(staff_client.get(URL, {"do_tuoi": "duoi-30", "ngay": "01/01/2024"})) == ["Lò Thị Hoa"]
    assert names(staff_client.get(URL, {"do_tuoi": "50-59", "ngay": "01/01/2024"})) == ["Trần Văn An"]


def test_the_qualification_party_and_rating_filters(staff_client, people):
    university = QualificationLevel.objects.get(qualification_type__code="CHUYEN_MON", code="DAI_HOC")
    assert names(staff_client.get(URL, {"trinh_do": university.pk})) == ["Nguyễn Văn Đức"]
    assert names(staff_client.get(URL, {"trinh_do": university.pk, "ngay": "01/01/2010"})) == []
    assert names(staff_client.get(URL, {"dang_vien": "co"})) == ["Nguyễn Văn Đức"]
    assert "Nguyễn Văn Đức" not in names(staff_client.get(URL, {"dang_vien": "khong"}))
    assert names(staff_client.get(URL, {"nam_danh_gia": 2024, "xep_loai": "HTXSNV"})) == ["Nguyễn Văn Đức"]
    assert names(staff_client.get(URL, {"nam_danh_gia": 2023, "xep_loai": "HTXSNV"})) == []


def test_pages_hold_the_chosen_number_of_rows(staff_client, tree):
    for number in range(30):
        add_position(make_official(f"P{number:03d}"), tree["LC.A.X1"], "CC_VPTK", dt.date(2020, 1, 1))
    first = staff_client.get(URL, {"so_dong": 25})
    assert len(first.context["rows"]) == 25
    second = staff_client.get(URL, {"so_dong": 25, "trang": 2})
    assert len(second.context["rows"]) == 5
    assert "Trang 2 / 2" in second.content.decode()


def test_a_filtered_list_pages_in_name_order_too(staff_client, tree):
    for number in range(30):
        add_position(make_official(f"P{number:03d}", gender="NU"), tree["LC.A.X1"], "CC_VPTK", dt.date(2020, 1, 1))
    expected = list(Official.objects.in_name_order().values_list("code", flat=True))
    first = staff_client.get(URL, {"so_dong": 25, "gioi_tinh": "NU"})
    second = staff_client.get(URL, {"so_dong": 25, "gioi_tinh": "NU", "trang": 2})
    assert [row.official.code for row in first.context["rows"] + second.context["rows"]] == expected
    assert first.context["page"].paginator.count == 30


@pytest.mark.parametrize("page_size", [25, 100])
@pytest.mark.parametrize("filters, small_result, queries", [({}, 2000, 13), ({"gioi_tinh": "NAM"}, 2000, 13), ({"gioi_tinh": "NAM"}, 10, 14)])
def test_the_list_issues_the_same_queries_whatever_the_page_size(
    staff_client, tree, django_assert_num_queries, monkeypatch, page_size, filters, small_result, queries
):
    from cadre.selectors.official_list import OfficialPaginator

    monkeypatch.setattr(OfficialPaginator, "SMALL_RESULT", small_result)
    for number in range(120):
        official = make_official(f"P{number:03d}")
        add_position(official, tree["LC.A.X1"], "CC_VPTK", dt.date(2020, 1, 1))
        add_position(official, tree["LC.A.X2"], "UV_BCH_XA", dt.date(2021, 1, 1))
    staff_client.get(URL)  # warm the session
    # 1 session, 2 user, 3 user's organization (the scope), 4 ethnic group choices,
    # 5 the count: of the scope's position holders without filters, else the ids of the
    #   filtered officials (at most SMALL_RESULT + 1) [and then their count when there are more],
    # 6 page of officials with their ethnic group, 7 positions held today in the scope,
    # 8 professional and theory qualifications, 9 demo banner, then the other filter
    # choices: 10 organizations, 11 populations, 12 titles, 13 qualification levels
    with django_assert_num_queries(queries):
        response = staff_client.get(URL, {"so_dong": page_size, **filters})
    assert len(response.context["rows"]) == page_size
    expected = list(Official.objects.filter(code__startswith="P").in_name_order().values_list("code", flat=True))
    assert [row.official.code for row in response.context["rows"]] == expected[:page_size]


def test_the_xlsx_export_holds_every_filtered_official_with_the_list_columns(staff_client, people):
    response = staff_client.get(reverse("cadre:official_list_xlsx"), {"gioi_tinh": "NU"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(BytesIO(response.content)).active
    assert [cell.value for cell in sheet[4]] == [
        "STT", "Họ và tên", "Mã", "Giới tính", "Ngày sinh", "Dân tộc", "Chức vụ hiện tại", "Đơn vị",
        "Trình độ CM", "LLCT", "Đảng viên",
    ]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert rows == [
        [1, "Lò Thị Hoa", "A2", "Nữ", "05/05/1995", "Thái", "Phó trưởng phòng, ban, ngành huyện", "Phòng Nội vụ A", None, None, None],
        [2, "Giàng Thị Mai", "AB", "Nữ", "01/01/1980", "Mông", None, None, None, None, None],
    ]


def test_the_xlsx_export_marks_party_members_and_qualifications(staff_client, people):
    response = staff_client.get(reverse("cadre:official_list_xlsx"), {"q": "duc"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert [cell.value for cell in sheet[5]][6:] == ["Bí thư Đảng ủy xã; Chủ tịch HĐND xã", "Xã X1 A", "Đại học", "Trung cấp", "Có"]


def test_the_exchange_workbook_export_holds_the_scope_only(staff_client, people):
    response = staff_client.get(reverse("cadre:official_exchange_workbook"))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    codes = [row[0] for row in workbook["CanBo"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(codes) == ["A1", "A2", "A3", "AB"]


def test_a_list_longer_than_the_export_limit_says_it_was_cut(staff_client, people, monkeypatch):
    from cadre.views import officials as views

    monkeypatch.setattr(views, "EXPORT_LIMIT", 2)
    sheet = load_workbook(BytesIO(staff_client.get(reverse("cadre:official_list_xlsx")).content)).active
    assert "chỉ 2 người đầu tiên" in sheet["A2"].value
    assert [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)] == ["Trần Văn An", "Nguyễn Văn Đức"]


def test_columns_sort_by_whitelisted_keys_both_ways_and_unknown_keys_fall_back_to_names(staff_client, people):
    by_name = ["Trần Văn An", "Nguyễn Văn Đức", "Lò Thị Hoa", "Giàng Thị Mai"]
    assert names(staff_client.get(URL, {"sap_xep": "-ten"})) == list(reversed(by_name))
    codes = [row.official.code for row in staff_client.get(URL, {"sap_xep": "ma"}).context["rows"]]
    assert codes == sorted(codes)
    assert [row.official.code for row in staff_client.get(URL, {"sap_xep": "-ma"}).context["rows"]] == sorted(codes)[::-1]
    births = [row.official.birth_date for row in staff_client.get(URL, {"sap_xep": "ngay_sinh"}).context["rows"]]
    assert births == sorted(births)
    for unknown in ("password", "-search_text", "ten;drop", "--ten"):
        response = staff_client.get(URL, {"sap_xep": unknown})
        assert response.status_code == 200 and names(response) == by_name and response.context["sort"] == "ten"


def test_the_header_links_sort_the_other_way_and_say_which_way(staff_client, people):
    body = staff_client.get(URL, {"sap_xep": "ten", "gioi_tinh": "NU"}).content.decode()
    assert ('<th scope="col" aria-sort="ascending"><a class="sort" href="?sap_xep=-ten&amp;gioi_tinh=NU">'
            'Họ và tên<span aria-hidden="true"> ▲</span></a></th>') in body
    assert '<th scope="col" aria-sort="none"><a class="sort" href="?sap_xep=ngay_sinh&amp;gioi_tinh=NU">Ngày sinh' in body
    body = staff_client.get(URL, {"sap_xep": "-ngay_sinh"}).content.decode()
    assert '<th scope="col" aria-sort="descending"><a class="sort" href="?sap_xep=ngay_sinh">Ngày sinh' in body
    assert '<input type="hidden" name="sap_xep" value="-ngay_sinh">' in body


def test_the_pager_links_the_first_last_and_nearby_pages(staff_client, tree):
    for number in range(60):
        add_position(make_official(f"P{number:03d}"), tree["LC.A.X1"], "CC_VPTK", dt.date(2020, 1, 1))
    body = staff_client.get(URL, {"so_dong": 25, "trang": 2, "sap_xep": "ma"}).content.decode()
    pager = body.split('<nav class="pager"')[1].split("</nav>")[0]
    assert '<a href="?so_dong=25&amp;trang=1&amp;sap_xep=ma" class="pager-end">« Trang đầu</a>' in pager
    assert '<span aria-current="page" class="pager-current">2</span>' in pager
    assert '<a href="?so_dong=25&amp;trang=3&amp;sap_xep=ma" aria-label="Trang 3">3</a>' in pager
    assert '<a href="?so_dong=25&amp;trang=3&amp;sap_xep=ma" class="pager-end">Trang cuối »</a>' in pager
    assert "Trang 2 / 3" in pager


def test_sorting_keeps_the_query_count(staff_client, tree, django_assert_num_queries):
    for number in range(30):
        add_position(make_official(f"P{number:03d}"), tree["LC.A.X1"], "CC_VPTK", dt.date(2020, 1, 1))
    staff_client.get(URL)  # warm the session
    with django_assert_num_queries(13):  # the same 13 queries as test_the_list_issues_the_same_queries…
        response = staff_client.get(URL, {"so_dong": 25, "sap_xep": "-ngay_sinh"})
    births = [row.official.birth_date for row in response.context["rows"]]
    assert births == sorted(births, reverse=True)


def test_a_rating_filter_without_a_year_says_which_year_it_used(staff_client, people):
    body = staff_client.get(URL, {"xep_loai": "HTXSNV", "ngay": "15/03/2025"}).content.decode()
    assert ("Lọc theo xếp loại năm 2024: chưa chọn “Năm đánh giá” nên dùng năm trước năm của ngày tính "
            "(15/03/2025).") in body
    assert "Lọc theo xếp loại năm" not in staff_client.get(
        URL, {"xep_loai": "HTXSNV", "nam_danh_gia": 2023}).content.decode()
    assert "Lọc theo xếp loại năm" not in staff_client.get(URL).content.decode()


def test_an_impossible_date_in_the_filter_says_the_day_does_not_exist(staff_client, people):
    response = staff_client.get(URL, {"ngay": "31/02/2023"})
    assert response.context["form"].errors["ngay"] == ["Ngày không tồn tại: “31/02/2023”."]
    assert "Ngày không tồn tại: “31/02/2023”." in response.content.decode()
