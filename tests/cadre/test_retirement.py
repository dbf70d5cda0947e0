"""Retiring and restoring officials: nothing is deleted, past figures stay, current lists and figures change."""
import datetime as dt
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from cadre.models import ChangeRecord, ChangeSource, Official, Organization, PlanningEntry, PositionRecord, PositionTitle
from tests.factories import add_position, make_district_tree, make_official, make_organization, make_user
from tests.reports.plans import build_json, current, make_plan

pytestmark = pytest.mark.django_db

RETIRED_ON = dt.date(2024, 7, 1)
LAST_DAY = dt.date(2024, 6, 30)


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def people(tree):
    duc = make_official("A1", full_name="Nguyễn Văn Đức")
    add_position(duc, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 2))
    # An end recorded ahead (the term's end): the retirement cuts it, the restore puts it back exactly.
    add_position(duc, tree["LC.A.X1"], "CT_HDND_XA", dt.date(2021, 6, 1), dt.date(2026, 6, 30))
    add_position(duc, tree["LC.A.X2"], "PCT_UBND_XA", dt.date(2015, 1, 1), dt.date(2019, 12, 31))
    PlanningEntry.objects.create(
        official=duc, title=PositionTitle.objects.get(code="PBT_HU"), organization=tree["LC.A"], term="2025-2030",
        approved_on=dt.date(2023, 4, 1),
    )
    an = make_official("A3", full_name="Trần Văn An")
    add_position(an, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2021, 1, 1))
    moved = make_official("AB", full_name="Giàng Thị Mai", gender="NU")
    add_position(moved, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2015, 1, 1), dt.date(2020, 12, 31))
    add_position(moved, tree["LC.B.X2"], "BT_DU", dt.date(2021, 1, 1))
    return {"duc": duc, "an": an, "moved": moved}


@pytest.fixture
def staff_a(tree):
    return make_user("staff_a", tree["LC.A"])


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


def retire(client, official, retired_on="01/07/2024", reason="Nghỉ hưu theo Quyết định số 12-QĐ/HU"):
    return client.post(reverse("cadre:official_retire", args=[official.pk]),
                       {"retired_on": retired_on, "reason": reason})


def restore(client, official):
    return client.post(reverse("cadre:official_restore", args=[official.pk]))


def ends(official):
    return sorted((p.title.code, p.start_date, p.end_date) for p in PositionRecord.objects.filter(official=official))


def list_names(client, **query):
    response = client.get(reverse("cadre:official_list"), query)
    assert response.status_code == 200
    return sorted(row.official.code for row in response.context["rows"])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- retiring ---------------------------------------------------------------------------


def test_retiring_ends_what_the_official_holds_on_the_date_and_records_each_change(staff_client, staff_a, people):
    duc = people["duc"]
    response = retire(staff_client, duc)
    assert response.status_code == 302
    assert response["Location"] == reverse("cadre:official_detail", args=[duc.pk])
    duc.refresh_from_db()
    assert (duc.retired_on, duc.retired_reason) == (RETIRED_ON, "Nghỉ hưu theo Quyết định số 12-QĐ/HU")
    assert ends(duc) == [
        ("BT_DU", dt.date(2020, 1, 2), LAST_DAY),
        ("CT_HDND_XA", dt.date(2021, 6, 1), LAST_DAY),
        ("PCT_UBND_XA", dt.date(2015, 1, 1), dt.date(2019, 12, 31)),  # already ended: untouched
    ]
    assert PlanningEntry.objects.get(official=duc).removed_on == RETIRED_ON
    assert Official.objects.count() == 3  # nothing deleted

    entry = ChangeRecord.objects.get(action="retire")
    bt, ct = (PositionRecord.objects.get(official=duc, title__code=code).pk for code in ("BT_DU", "CT_HDND_XA"))
    planning = PlanningEntry.objects.get(official=duc).pk
    assert (entry.entity, entry.key, entry.official, entry.user, entry.source) == (
        "CanBo", "A1", duc, staff_a, ChangeSource.FORM)
    assert entry.before == {
        "retired_on": None, "retired_reason": "",
        "positions": [{"id": bt, "key": "A1 | LC.A.X1 | BT_DU | 2020-01-02", "end_date": None},
                      {"id": ct, "key": "A1 | LC.A.X1 | CT_HDND_XA | 2021-06-01", "end_date": "2026-06-30"}],
        "planning": [{"id": planning, "key": "A1 | PBT_HU | LC.A | 2025-2030", "removed_on": None}],
    }
    assert entry.after == {
        "retired_on": "2024-07-01", "retired_reason": "Nghỉ hưu theo Quyết định số 12-QĐ/HU",
        "positions": [{"id": bt, "key": "A1 | LC.A.X1 | BT_DU | 2020-01-02", "end_date": "2024-06-30"},
                      {"id": ct, "key": "A1 | LC.A.X1 | CT_HDND_XA | 2021-06-01", "end_date": "2024-06-30"}],
        "planning": [{"id": planning, "key": "A1 | PBT_HU | LC.A | 2025-2030", "removed_on": "2024-07-01"}],
    }
    updates = sorted((e.entity, e.key, e.before, e.after) for e in ChangeRecord.objects.filter(action="update"))
    assert updates == [
        ("ChucVu", "A1 | LC.A.X1 | BT_DU | 2020-01-02", {"end_date": None}, {"end_date": "2024-06-30"}),
        ("ChucVu", "A1 | LC.A.X1 | CT_HDND_XA | 2021-06-01", {"end_date": "2026-06-30"}, {"end_date": "2024-06-30"}),
        ("QuyHoach", "A1 | PBT_HU | LC.A | 2025-2030", {"removed_on": None}, {"removed_on": "2024-07-01"}),
    ]
    assert all(e.user == staff_a and e.official == duc for e in ChangeRecord.objects.all())


def test_a_retired_official_leaves_the_list_the_search_the_xlsx_the_home_count_and_the_tree(staff_client, people):
    assert list_names(staff_client) == ["A1", "A3", "AB"]
    retire(staff_client, people["duc"])
    assert list_names(staff_client) == ["A3", "AB"]
    assert list_names(staff_client, q="duc") == []
    assert list_names(staff_client, q="A1") == []
    # The list as of a date before the retirement still has them.
    assert list_names(staff_client, ngay="30/06/2024") == ["A1", "A3", "AB"]
    assert list_names(staff_client, ngay="01/07/2024") == ["A3", "AB"]

    sheet = load_workbook(BytesIO(staff_client.get(reverse("cadre:official_list_xlsx")).content)).active
    assert [row[2] for row in sheet.iter_rows(min_row=5, values_only=True)] == ["A3", "AB"]

    home = staff_client.get(reverse("home"))
    assert home.context["official_count_text"] == "2"
    tree_page = staff_client.get(reverse("cadre:organization_tree"))
    counts = {node.organization.code: node.official_count for node in tree_page.context["tree"].nodes}
    assert counts["LC.A.X1"] == 0
    assert counts["LC.A"] == 1  # Trần Văn An; Giàng Thị Mai holds nothing in district A today


def test_the_profile_still_opens_with_the_banner_and_the_restore_button(staff_client, people):
    retire(staff_client, people["duc"])
    response = staff_client.get(reverse("cadre:official_detail", args=[people["duc"].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đã thôi theo dõi từ 01/07/2024 (Nghỉ hưu theo Quyết định số 12-QĐ/HU)." in body
    assert f'action="{reverse("cadre:official_restore", args=[people["duc"].pk])}"' in body
    assert reverse("cadre:official_retire", args=[people["duc"].pk]) not in body


def test_a_report_before_the_retirement_date_counts_them_exactly_as_before_and_not_from_the_date(staff_client, people):
    make_plan([])
    before_day = build_json("LC.A.X1", LAST_DAY)
    earlier = build_json("LC.A", dt.date(2023, 1, 1))
    assert current(before_day)["Tổng số"] == (1, 1)
    assert current(build_json("LC.A.X1", RETIRED_ON))["Tổng số"] == (1, 1)
    retire(staff_client, people["duc"])
    assert build_json("LC.A.X1", LAST_DAY) == before_day
    assert build_json("LC.A", dt.date(2023, 1, 1)) == earlier
    assert current(build_json("LC.A.X1", RETIRED_ON))["Tổng số"] == (0, 0)
    assert current(build_json("LC.A", RETIRED_ON))["Tổng số"] == (1, 1)  # Trần Văn An stays


def test_the_api_report_follows_the_same_dates(staff_client, people):
    make_plan([])
    retire(staff_client, people["duc"])

    def total(as_of):
        response = staff_client.get(reverse("api:report"), {"org": "LC.A.X1", "plan": "T-01/HU", "as_of": as_of,
                                                             "baseline": "2020-12-31"})
        assert response.status_code == 200, response.content
        return current(response.json())["Tổng số"]

    assert total("2024-06-30") == (1, 1)
    assert total("2024-07-01") == (0, 0)


# --- restoring --------------------------------------------------------------------------


def test_restoring_reopens_exactly_what_the_retirement_ended(staff_client, staff_a, people):
    duc = people["duc"]
    before = ends(duc)
    retire(staff_client, duc)
    response = restore(staff_client, duc)
    assert response.status_code == 302
    assert messages_of(response)[-1] == (
        "Đã khôi phục cán bộ Nguyễn Văn Đức; mở lại 3 chức vụ, quy hoạch đã kết thúc khi cho thôi theo dõi.")
    duc.refresh_from_db()
    assert (duc.retired_on, duc.retired_reason) == (None, "")
    assert ends(duc) == before
    assert PlanningEntry.objects.get(official=duc).removed_on is None
    assert list_names(staff_client) == ["A1", "A3", "AB"]
    entry = ChangeRecord.objects.get(action="restore")
    assert (entry.key, entry.user, entry.before["retired_on"], entry.after["retired_on"]) == (
        "A1", staff_a, "2024-07-01", None)
    assert [p["end_date"] for p in entry.after["positions"]] == [None, "2026-06-30"]
    assert [p["end_date"] for p in entry.before["positions"]] == ["2024-06-30", "2024-06-30"]


def test_a_record_changed_after_the_retirement_is_left_as_it_is_and_named(staff_client, people):
    duc = people["duc"]
    retire(staff_client, duc)
    PositionRecord.objects.filter(official=duc, title__code="BT_DU").update(end_date=dt.date(2024, 5, 31))
    response = restore(staff_client, duc)
    assert messages_of(response)[-1] == (
        "Không mở lại (đã được sửa hoặc xóa sau khi cho thôi theo dõi): A1 | LC.A.X1 | BT_DU | 2020-01-02.")
    assert ends(duc)[:2] == [("BT_DU", dt.date(2020, 1, 2), dt.date(2024, 5, 31)),
                             ("CT_HDND_XA", dt.date(2021, 6, 1), dt.date(2026, 6, 30))]


# --- refusals ---------------------------------------------------------------------------


def _unchanged(official, positions):
    official.refresh_from_db()
    assert official.retired_on is None
    assert ends(official) == positions
    assert not ChangeRecord.objects.exists()


@pytest.mark.parametrize(("date", "reason", "message"), [
    ("01/06/2021", "Nghỉ hưu",
     "Ngày thôi theo dõi (01/06/2021) phải sau ngày bắt đầu chức vụ gần nhất của cán bộ (01/06/2021)."),
    ("15/03/2020", "Nghỉ hưu",
     "Ngày thôi theo dõi (15/03/2020) phải sau ngày bắt đầu chức vụ gần nhất của cán bộ (01/06/2021)."),
    ("", "Nghỉ hưu", "Nhập ngày thôi theo dõi (dd/mm/yyyy)."),
    ("31/02/2024", "Nghỉ hưu", "Ngày không tồn tại: “31/02/2024”."),
    ("2024/02/01", "Nghỉ hưu", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/09/1985."),
    ("01/07/2024", "   ", "Ghi lý do thôi theo dõi."),
])
def test_wrong_dates_and_a_missing_reason_are_refused_in_vietnamese(staff_client, people, date, reason, message):
    before = ends(people["duc"])
    response = retire(staff_client, people["duc"], retired_on=date, reason=reason)
    assert response.status_code == 200
    assert message in response.content.decode()
    _unchanged(people["duc"], before)


def test_a_future_date_is_refused(staff_client, people):
    before = ends(people["duc"])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = retire(staff_client, people["duc"], retired_on=tomorrow.strftime("%d/%m/%Y"))
    assert response.status_code == 200
    assert (f"Ngày thôi theo dõi ({tomorrow:%d/%m/%Y}) ở tương lai: chỉ ghi khi đã có quyết định, "
            "với ngày từ hôm nay trở về trước.") in response.content.decode()
    _unchanged(people["duc"], before)


def test_retiring_twice_is_refused_and_changes_nothing(staff_client, people):
    retire(staff_client, people["duc"])
    count = ChangeRecord.objects.count()
    response = retire(staff_client, people["duc"], retired_on="01/08/2024")
    assert response.status_code == 200
    assert "Cán bộ Nguyễn Văn Đức đã thôi theo dõi từ ngày 01/07/2024." in response.content.decode()
    people["duc"].refresh_from_db()
    assert people["duc"].retired_on == RETIRED_ON
    assert ChangeRecord.objects.count() == count
    page = staff_client.get(reverse("cadre:official_retire", args=[people["duc"].pk]))
    assert "Cán bộ Nguyễn Văn Đức đã thôi theo dõi từ ngày 01/07/2024." in page.content.decode()
    assert "<form method=\"post\" class=\"form-card\"" not in page.content.decode()


def test_restoring_an_official_who_is_followed_is_refused(staff_client, people):
    before = ends(people["an"])
    response = restore(staff_client, people["an"])
    assert response.status_code == 302
    assert messages_of(response) == ["Cán bộ Trần Văn An đang được theo dõi: không có gì để khôi phục."]
    _unchanged(people["an"], before)


def test_an_official_holding_a_position_in_another_district_is_not_retired_by_this_one(staff_client, people):
    before = ends(people["moved"])
    response = retire(staff_client, people["moved"])
    assert response.status_code == 200
    assert ("Cán bộ đang giữ chức vụ hoặc đang trong quy hoạch tại tổ chức ngoài phạm vi của bạn (Xã X2 B): "
            "việc cho thôi theo dõi do đơn vị quản lý tổ chức đó hoặc cấp trên thực hiện.") in response.content.decode()
    _unchanged(people["moved"], before)


def test_a_reviewer_is_refused_and_another_district_gets_404(client, tree, people):
    reviewer = make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)
    client.force_login(reviewer)
    assert client.get(reverse("cadre:official_retire", args=[people["duc"].pk])).status_code == 403
    assert retire(client, people["duc"]).status_code == 403
    assert restore(client, people["duc"]).status_code == 403
    client.force_login(make_user("staff_b", tree["LC.B"]))
    assert client.get(reverse("cadre:official_retire", args=[people["duc"].pk])).status_code == 404
    assert retire(client, people["duc"]).status_code == 404
    assert restore(client, people["duc"]).status_code == 404
    people["duc"].refresh_from_db()
    assert people["duc"].retired_on is None
    assert not ChangeRecord.objects.exists()


def test_a_reviewer_sees_the_banner_but_no_buttons(client, tree, staff_a, people):
    client.force_login(staff_a)
    retire(client, people["duc"])
    client.force_login(make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    body = client.get(reverse("cadre:official_detail", args=[people["duc"].pk])).content.decode()
    assert "Đã thôi theo dõi từ 01/07/2024" in body
    assert reverse("cadre:official_restore", args=[people["duc"].pk]) not in body


# --- the admin ----------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user("root", None, role=Role.ADMIN, is_superuser=True, is_staff=True))
    return client


def test_the_admin_cannot_delete_an_official(superuser_client, people):
    url = reverse("admin:cadre_official_delete", args=[people["duc"].pk])
    assert superuser_client.get(url).status_code == 403
    assert superuser_client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:cadre_official_changelist")
    response = superuser_client.post(changelist, {
        "action": "delete_selected", "_selected_action": [people["duc"].pk], "post": "yes"})
    assert Official.objects.filter(pk=people["duc"].pk).exists()
    assert PositionRecord.objects.filter(official=people["duc"]).count() == 3
    assert "delete_selected" not in superuser_client.get(changelist).content.decode()
    assert response.status_code in (200, 302)


def test_the_admin_list_leaves_retired_officials_out_unless_asked(client, staff_a, people):
    client.force_login(staff_a)
    retire(client, people["duc"])
    superuser_client = client
    client.force_login(make_user("root", None, role=Role.ADMIN, is_superuser=True, is_staff=True))
    url = reverse("admin:cadre_official_changelist")

    def codes(**query):
        return sorted(o.code for o in superuser_client.get(url, query).context["cl"].result_list)

    assert codes() == ["A3", "AB"]
    assert codes(theo_doi="thoi") == ["A1"]
    assert codes(theo_doi="tat-ca") == ["A1", "A3", "AB"]
    body = superuser_client.get(reverse("admin:cadre_official_change", args=[people["duc"].pk])).content.decode()
    assert "Nghỉ hưu theo Quyết định số 12-QĐ/HU" in body


def test_the_admin_refuses_to_delete_an_organization_with_history_and_says_why(superuser_client, tree, people):
    commune = tree["LC.A.X1"]
    url = reverse("admin:cadre_organization_delete", args=[commune.pk])
    for response in (superuser_client.get(url), superuser_client.post(url, {"post": "yes"})):
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:cadre_organization_change", args=[commune.pk])
        assert messages_of(response)[-1] == (
            "Không xóa được tổ chức “Xã X1 A” (LC.A.X1) vì còn dữ liệu gắn với tổ chức: 2 chức vụ đảm nhiệm. "
            "Tổ chức đã giải thể hoặc sáp nhập thì ghi “Ngày giải thể”, không xóa."
        )
    district = tree["LC.A"]
    response = superuser_client.post(reverse("admin:cadre_organization_delete", args=[district.pk]), {"post": "yes"})
    assert messages_of(response)[-1].startswith(
        "Không xóa được tổ chức “Huyện ủy A” (LC.A) vì còn dữ liệu gắn với tổ chức: 3 tổ chức cấp dưới; 1 quy hoạch.")
    assert Organization.objects.filter(pk__in=[commune.pk, district.pk]).count() == 2


def test_the_bulk_delete_of_organizations_lists_what_refers_to_them_and_deletes_nothing(superuser_client, tree, people):
    commune = tree["LC.A.X1"]
    response = superuser_client.post(reverse("admin:cadre_organization_changelist"), {
        "action": "delete_selected", "_selected_action": [commune.pk], "post": "yes"})
    assert response.status_code == 200
    assert "Xã X1 A (LC.A.X1): 2 chức vụ đảm nhiệm" in response.content.decode()
    assert Organization.objects.filter(pk=commune.pk).exists()


def test_an_organization_nothing_refers_to_can_still_be_deleted(superuser_client, tree):
    mistake = make_organization("LC.A.NHAM", "CO_QUAN", tree["LC.A"], name="Tạo nhầm")
    response = superuser_client.post(reverse("admin:cadre_organization_delete", args=[mistake.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=mistake.pk).exists()


def test_a_retired_official_gets_no_open_position_or_planning_until_restored(staff_client, tree, people):
    duc = people["duc"]
    retire(staff_client, duc)
    positions, plans = PositionRecord.objects.count(), PlanningEntry.objects.count()
    title = PositionTitle.objects.get(code="PCT_HDND_XA")
    message = ("Cán bộ đã thôi theo dõi từ 01/07/2024: ngày kết thúc phải trước ngày đó. "
               "Muốn ghi nhận chức vụ, quy hoạch mới, hãy khôi phục theo dõi trước.")
    for end in ("", "15/08/2024"):
        response = staff_client.post(reverse("cadre:record_add", args=[duc.pk, "chuc-vu"]), {
            "title": title.pk, "organization": tree["LC.A.X1"].pk, "start_date": "01/08/2024", "end_date": end})
        assert response.status_code == 200
        assert response.context["form"].errors["end_date"] == [message]
    response = staff_client.post(reverse("cadre:record_add", args=[duc.pk, "quy-hoach"]), {
        "title": title.pk, "organization": tree["LC.A.X1"].pk, "term": "2025-2030", "approved_on": "01/05/2024",
        "removed_on": ""})
    assert response.context["form"].errors["removed_on"] == [message]
    assert (PositionRecord.objects.count(), PlanningEntry.objects.count()) == (positions, plans)

    # A position that ended before the retirement is history and may still be recorded.
    response = staff_client.post(reverse("cadre:record_add", args=[duc.pk, "chuc-vu"]), {
        "title": title.pk, "organization": tree["LC.A.X1"].pk, "start_date": "01/01/2010", "end_date": "31/12/2014"})
    assert response.status_code == 302
    assert PositionRecord.objects.count() == positions + 1
