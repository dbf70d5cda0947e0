"""/api/v1/officials/: the officials page's list and filters, the profile, create, update, retire, restore."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.exceptions import NotAuthenticated, NotFound

from api.errors import INVALID, MESSAGES
from api.permissions import READ_ONLY_ACCOUNT
from cadre.models import ChangeRecord, Official, PlanningEntry, PositionRecord
from tests.api.records_world import records_world  # noqa: F401 (fixture)
from tests.factories import add_position, make_official

pytestmark = pytest.mark.django_db
LIST = reverse("api:v1:officials")
NOT_FOUND = {"detail": MESSAGES[NotFound], "errors": {}}
FORBIDDEN = {"detail": READ_ONLY_ACCOUNT, "errors": {}}


def official_body(person, **extra):
    person.refresh_from_db()
    return {
        "id": person.pk, "code": person.code, "full_name": person.full_name, "gender": person.gender,
        "birth_date": person.birth_date.isoformat(), "ethnic_group": person.ethnic_group.name,
        "citizen_id": person.citizen_id,
        "hometown_organization": person.hometown_organization.code if person.hometown_organization else None,
        "hometown_text": person.hometown_text,
        "party_joined_on": person.party_joined_on.isoformat() if person.party_joined_on else None,
        "retired_on": person.retired_on.isoformat() if person.retired_on else None,
        "retired_reason": person.retired_reason, "version": person.version, **extra,
    }


def position_body(record):
    record.refresh_from_db()
    return {"id": record.pk, "title": record.title.code, "title_name": record.title.name,
            "organization": record.organization.code, "organization_name": record.organization.name,
            "start_date": record.start_date.isoformat(),
            "end_date": record.end_date.isoformat() if record.end_date else None, "version": record.version}


NEW = {
    "code": "A2", "full_name": "  Hoàng   Thị Mai ", "gender": "NU", "birth_date": "1990-04-12", "ethnic_group": "Thái",
    "citizen_id": "012345678901", "party_joined_on": "2015-05-19",
    "position": {"title": "PBT_DU", "organization": "LC.A.X1", "start_date": "2024-01-02"},
}


# --- list ------------------------------------------------------------------------------------------------


def test_the_list_has_the_scope_with_the_positions_held_and_the_page_columns(records_world):  # noqa: F811
    person = records_world.officials["A"]
    response = records_world.client("staff_a").get(LIST)
    assert response.status_code == 200
    assert response.json() == {"count": 1, "next": None, "previous": None, "results": [official_body(
        person, current_positions=[position_body(person.positions.get())], professional="Đại học",
        political_theory="")]}


def test_the_list_takes_the_page_filters_by_english_names_and_codes(records_world):  # noqa: F811
    tree = records_world.tree
    woman = make_official("A3", full_name="Giàng Thị Dua", gender="NU", ethnicity="Mông", birth_date=dt.date(1998, 1, 1))
    add_position(woman, tree["LC.A.X2"], "CC_VPTK", dt.date(2020, 1, 1))
    gone = make_official("A4", full_name="Người Đã Chuyển")
    add_position(gone, tree["LC.A.X2"], "CC_VPTK", dt.date(2010, 1, 1), dt.date(2015, 1, 1))
    client = records_world.client("reviewer")

    def codes(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200, response.json()
        return [row["code"] for row in response.json()["results"]]

    assert codes(organization="LC.A.X2") == ["A4", "A3"]  # by given name: Chuyển, Dua
    assert codes(organization="LC.A", title="CC_VPTK") == ["A3"]
    assert codes(population="CB_CHU_CHOT_XA") == ["A1", "B1"]
    assert codes(gender="NU") == ["A3"]
    assert codes(ethnic_group="dtts") == ["A3"] and codes(ethnic_group="mông") == ["A3"]
    assert codes(age_band="duoi-30", on="2025-01-01") == ["A3"]
    assert codes(level="CHUYEN_MON:DAI_HOC") == ["A1", "B1"]
    assert codes(party_member="true") == ["A1", "B1"]
    assert codes(rating="HTTNV", rating_year=2023) == ["A1", "B1"]
    assert codes(q="lo van") == ["A1", "B1"] and codes(q="a1") == ["A1"]
    assert codes(title="CC_VPTK", on="2012-06-01") == ["A4"]
    positions = client.get(LIST, {"organization": "LC.A.X2", "on": "2012-06-01"}).json()["results"]
    assert [row["current_positions"] for row in positions] == [[position_body(gone.positions.get())], []]


def test_bad_filters_are_refused_by_their_names(records_world):  # noqa: F811
    response = records_world.client("staff_a").get(LIST, {
        "organization": "LC.B", "on": "2025-13-01", "level": "DAI_HOC", "gender": "X", "party_member": "có",
        "rating_year": "20x", "ethnic_group": "Klingon", "title": "KHONG_CO",
    })
    assert response.status_code == 400
    assert response.json() == {"detail": INVALID, "errors": {
        "ethnic_group": ["Không có dân tộc “Klingon” trong danh mục (ghi tên, ví dụ Thái, hoặc dtts: mọi dân tộc thiểu số)."],
        "level": ["Không có trình độ “DAI_HOC”: ghi loại và trình độ, ví dụ CHUYEN_MON:DAI_HOC."],
        "party_member": ["Ghi true (là đảng viên) hoặc false (chưa là đảng viên)."],
        "on": ["Ngày phải có dạng YYYY-MM-DD (hoặc dd/mm/yyyy), ví dụ 2025-07-01."],
        "organization": ["Tổ chức có mã “LC.B” không có hoặc nằm ngoài phạm vi của bạn."],
        "title": ["Chức vụ có mã “KHONG_CO” không có."],
        "gender": ["Giới tính “X” không có; chỉ có NAM, NU."],
        "rating_year": ["Năm đánh giá phải là một năm, ví dụ 2024."],
    }}


def test_the_number_of_queries_does_not_grow_with_the_page(records_world):  # noqa: F811
    for number in range(5):
        add_position(make_official(f"A9{number}"), records_world.tree["LC.A.X2"], "CC_VPTK", dt.date(2020, 1, 1))
    client = records_world.client("staff_a")
    counts = []
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST, {"page_size": size, "organization": "LC.A"}).status_code == 200
        counts.append(len(queries))
    # the ethnic groups of the page's filter, the organization filter's choice, count, the page, positions held,
    # main qualifications
    assert counts == [6, 6]


# --- profile ---------------------------------------------------------------------------------------------


def test_the_profile_has_the_records_in_scope_and_404_outside(records_world):  # noqa: F811
    person = records_world.officials["A"]
    client = records_world.client("staff_a")
    body = client.get(reverse("api:v1:official", args=[person.pk])).json()
    position = person.positions.get()
    assert body["official"] == official_body(person)
    assert body["current_positions"] == [position.pk] and body["positions"] == [position_body(position)]
    assert body["hidden_position_count"] == 0 and body["age"] == timezone.localdate().year - 1980 - (
        (timezone.localdate().month, timezone.localdate().day) < (5, 2))
    assert [(q["qualification_type"], q["level"]) for q in body["qualifications"]] == [("CHUYEN_MON", "DAI_HOC")]
    assert body["ratings"] == [{"id": person.evaluations.get().pk, "year": 2023, "rating": "HTTNV",
                                "rating_name": "Hoàn thành tốt nhiệm vụ", "version": 1}]
    assert [e["kind"] for e in body["events"]] == ["BO_NHIEM"] and [p["term"] for p in body["planning"]] == ["2025-2030"]
    other = records_world.officials["B"]
    assert client.get(reverse("api:v1:official", args=[other.pk])).json() == NOT_FOUND
    assert records_world.client(None).get(reverse("api:v1:official", args=[person.pk])).json() == {
        "detail": MESSAGES[NotAuthenticated], "errors": {}}


# --- create ----------------------------------------------------------------------------------------------


def test_an_official_is_created_with_a_first_position_and_the_audit_trail_says_api(records_world):  # noqa: F811
    response = records_world.client("staff_a").post(LIST, NEW, format="json")
    assert response.status_code == 201, response.json()
    person = Official.objects.get(code="A2")
    assert (person.full_name, person.gender, person.birth_date, person.ethnic_group.name, person.citizen_id) == (
        "Hoàng Thị Mai", "NU", dt.date(1990, 4, 12), "Thái", "012345678901")
    position = PositionRecord.objects.get(official=person)
    assert (position.title.code, position.organization.code, position.start_date) == (
        "PBT_DU", "LC.A.X1", dt.date(2024, 1, 2))
    body = response.json()
    assert body["official"] == official_body(person) and body["positions"] == [position_body(position)]
    entries = ChangeRecord.objects.filter(official=person).order_by("id")
    assert [(e.entity, e.action, e.source, e.username) for e in entries] == [
        ("CanBo", "create", "api", "staff_a"), ("ChucVu", "create", "api", "staff_a")]


def test_an_empty_body_gets_a_vietnamese_message_for_every_field(records_world):  # noqa: F811
    response = records_world.client("staff_a").post(LIST, {}, format="json")
    assert response.status_code == 400
    required = ["Trường này là bắt buộc."]
    assert response.json() == {"detail": INVALID, "errors": {
        "position": ["Ghi chức vụ đầu tiên của cán bộ: {\"title\", \"organization\", \"start_date\"}."],
        "code": required, "full_name": required, "gender": required, "birth_date": required, "ethnic_group": required,
    }}
    assert "This field" not in response.content.decode()


def test_wrong_values_are_refused_field_by_field_with_the_page_rules(records_world):  # noqa: F811
    response = records_world.client("staff_a").post(LIST, {
        **NEW, "code": "A1", "gender": "X", "birth_date": "2020-02-30", "ethnic_group": "Klingon",
        "citizen_id": ["1"], "hometown_organization": "LC.B.X1", "nickname": "Mai",
        "position": {"title": "KHONG_CO", "organization": "LC.B.X1", "start_date": "2099-01-01"},
    }, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": INVALID, "errors": {
        "citizen_id": ["Giá trị phải là chữ, số hoặc true/false, không phải danh sách hay đối tượng."],
        "nickname": ["Không có trường này."],
        "code": ["Mã cán bộ này đã có trong hệ thống."],
        "gender": ["“X” không phải là một lựa chọn; chỉ có: NAM, NU."],
        "birth_date": ["Ngày không tồn tại: “2020-02-30”."],
        "ethnic_group": ["Không có dân tộc “Klingon” trong danh mục (ghi tên, ví dụ Kinh, Thái, Mông)."],
        "hometown_organization": ["Tổ chức có mã “LC.B.X1” không có hoặc nằm ngoài phạm vi của bạn."],
        "position.title": ["Không có chức vụ có mã “KHONG_CO”."],
        "position.organization": ["Tổ chức có mã “LC.B.X1” không có hoặc nằm ngoài phạm vi của bạn."],
        "position.start_date": ["Ngày ở tương lai (sau hôm nay): “01/01/2099”."],
    }}
    assert not Official.objects.filter(full_name="Hoàng Thị Mai").exists()


def test_a_second_holder_of_a_one_person_title_needs_the_confirmation(records_world):  # noqa: F811
    client = records_world.client("staff_a")
    body = {**NEW, "position": {"title": "BT_DU", "organization": "LC.A.X1", "start_date": "2024-01-02"}}
    refused = client.post(LIST, body, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"detail": INVALID, "errors": {
        "position.confirmed": ["Xã X1 A đã có Bí thư Đảng ủy xã Lò Văn A từ 01/01/2019; vẫn lưu?"]}}
    confirmed = client.post(LIST, {**body, "position": {**body["position"], "confirmed": True}}, format="json")
    assert confirmed.status_code == 201
    assert PositionRecord.objects.filter(title__code="BT_DU", organization__code="LC.A.X1").count() == 2


def test_reviewers_may_not_create_and_anonymous_callers_must_authenticate(records_world):  # noqa: F811
    response = records_world.client("reviewer").post(LIST, NEW, format="json")
    assert response.status_code == 403 and response.json() == FORBIDDEN
    assert records_world.client(None).post(LIST, NEW, format="json").status_code == 401
    assert not Official.objects.filter(code="A2").exists()


# --- update ----------------------------------------------------------------------------------------------


def test_a_patch_changes_what_it_names_and_a_stale_version_is_refused_with_what_changed(records_world):  # noqa: F811
    person = records_world.officials["A"]
    url = reverse("api:v1:official", args=[person.pk])
    client = records_world.client("staff_a")
    saved = client.patch(url, {"full_name": "Lò Văn An", "version": 1}, format="json")
    assert saved.status_code == 200, saved.json()
    person.refresh_from_db()
    assert (person.full_name, person.version, person.party_joined_on) == ("Lò Văn An", 2, dt.date(2005, 3, 4))
    assert saved.json()["official"] == official_body(person)
    stale = client.patch(url, {"hometown_text": "Bản Lướt", "version": 1}, format="json")
    assert stale.status_code == 409
    entry = ChangeRecord.objects.get(official=person, action="update")
    assert (entry.source, entry.before, entry.after) == ("api", {"full_name": "Lò Văn A"}, {"full_name": "Lò Văn An"})
    moment = timezone.localtime(entry.created_at)
    assert stale.json() == {
        "detail": f"Hồ sơ đã được staff_a sửa lúc {moment:%H:%M} ngày {moment:%d/%m/%Y}: Họ và tên Lò Văn A → Lò Văn An. "
                  "Thay đổi của bạn chưa được lưu; hãy xem lại rồi lưu lại.",
        "errors": {}, "current_version": 2,
    }
    person.refresh_from_db()
    assert person.hometown_text == "" and person.version == 2


def test_a_put_replaces_everything_and_keeps_the_code(records_world):  # noqa: F811
    person = records_world.officials["A"]
    response = records_world.client("staff_a").put(reverse("api:v1:official", args=[person.pk]), {
        "code": "ZZ", "full_name": "Lò Văn A", "gender": "NAM", "birth_date": "02/05/1980", "ethnic_group": "Kinh",
        "version": 1,
    }, format="json")
    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert (person.code, person.party_joined_on, person.version) == ("A1", None, 2)


def test_update_refusals_400_403_404(records_world):  # noqa: F811
    person, other = records_world.officials["A"], records_world.officials["B"]
    url = reverse("api:v1:official", args=[person.pk])
    bad = records_world.client("staff_a").patch(url, {"party_joined_on": "1970-01-01", "version": "x"}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {"detail": INVALID, "errors": {
        "version": ["Phiên bản của biểu mẫu không hợp lệ; hãy mở lại trang."],
        "party_joined_on": ["Ngày vào Đảng (01/01/1970) phải sau ngày sinh."],
    }}
    assert records_world.client("reviewer").patch(url, {"full_name": "X"}, format="json").json() == FORBIDDEN
    outside = records_world.client("staff_a").patch(reverse("api:v1:official", args=[other.pk]), {"full_name": "X"},
                                                     format="json")
    assert outside.status_code == 404 and outside.json() == NOT_FOUND
    assert records_world.client(None).patch(url, {"full_name": "X"}, format="json").status_code == 401
    for each in (person, other):
        each.refresh_from_db()
        assert each.version == 1


# --- retire and restore ------------------------------------------------------------------------------------


def test_retire_ends_what_is_held_and_restore_reopens_it(records_world):  # noqa: F811
    person = records_world.officials["A"]
    client = records_world.client("staff_a")
    retired = client.post(reverse("api:v1:official_retire", args=[person.pk]),
                          {"retired_on": "2025-03-01", "reason": "Nghỉ hưu"}, format="json")
    assert retired.status_code == 200, retired.json()
    person.refresh_from_db()
    assert retired.json() == official_body(person)
    assert (person.retired_on, person.retired_reason) == (dt.date(2025, 3, 1), "Nghỉ hưu")
    assert person.positions.get().end_date == dt.date(2025, 2, 28)
    assert PlanningEntry.objects.get(official=person).removed_on == dt.date(2025, 3, 1)
    again = client.post(reverse("api:v1:official_retire", args=[person.pk]),
                        {"retired_on": "2025-03-01", "reason": "Nghỉ hưu"}, format="json")
    assert again.status_code == 400 and again.json() == {"detail": INVALID, "errors": {
        "retired_on": ["Cán bộ Lò Văn A đã thôi theo dõi từ ngày 01/03/2025."]}}
    restored = client.post(reverse("api:v1:official_restore", args=[person.pk]))
    assert restored.status_code == 200
    person.refresh_from_db()
    assert restored.json() == {"official": official_body(person), "reopened": [
        "A1 | LC.A.X1 | BT_DU | 2019-01-01", "A1 | CT_UBND_XA | LC.A.X1 | 2025-2030",
    ], "left": []}, restored.json()
    assert person.retired_on is None and person.positions.get().end_date is None
    twice = client.post(reverse("api:v1:official_restore", args=[person.pk]))
    assert twice.status_code == 400 and twice.json() == {"detail": INVALID, "errors": {"non_field_errors": [
        "Cán bộ Lò Văn A đang được theo dõi: không có gì để khôi phục."]}}


def test_retire_refusals_400_403_404_401(records_world):  # noqa: F811
    person, other = records_world.officials["A"], records_world.officials["B"]
    url = reverse("api:v1:official_retire", args=[person.pk])
    empty = records_world.client("staff_a").post(url, {}, format="json")
    assert empty.status_code == 400 and empty.json() == {"detail": INVALID, "errors": {
        "retired_on": ["Nhập ngày thôi theo dõi (dd/mm/yyyy)."], "reason": ["Ghi lý do thôi theo dõi."]}}
    assert records_world.client("reviewer").post(url, {}, format="json").json() == FORBIDDEN
    assert records_world.client("staff_a").post(reverse("api:v1:official_retire", args=[other.pk]), {
        "retired_on": "2025-03-01", "reason": "x"}, format="json").json() == NOT_FOUND
    assert records_world.client("staff_a").post(reverse("api:v1:official_restore", args=[other.pk])).status_code == 404
    assert records_world.client("reviewer").post(reverse("api:v1:official_restore", args=[person.pk])).status_code == 403
    assert records_world.client(None).post(url, {}, format="json").status_code == 401
    other.refresh_from_db()
    assert other.retired_on is None
