"""/api/v1/officials/<id>/<positions|qualifications|ratings|events|planning>/: the record pages' rules."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.exceptions import NotAuthenticated, NotFound

from api.errors import INVALID, MESSAGES
from api.permissions import READ_ONLY_ACCOUNT
from cadre.models import ChangeRecord, Evaluation, PositionRecord, QualificationRecord
from cadre.services.records import LAST_POSITION
from tests.api.records_world import records_world  # noqa: F401 (fixture)
from tests.factories import add_position

pytestmark = pytest.mark.django_db
NOT_FOUND = {"detail": MESSAGES[NotFound], "errors": {}}
FORBIDDEN = {"detail": READ_ONLY_ACCOUNT, "errors": {}}
RESOURCES = ("positions", "qualifications", "ratings", "events", "planning")


def url(resource, official, record=None):
    if record is None:
        return reverse(f"api:v1:official_{resource}", args=[official.pk])
    return reverse(f"api:v1:official_{resource}_detail", args=[official.pk, record.pk])


def test_each_list_has_the_records_of_the_official(records_world):  # noqa: F811
    person = records_world.officials["A"]
    client = records_world.client("staff_a")
    position, qualification = person.positions.get(), person.qualifications.get()
    rating, event, entry = person.evaluations.get(), person.events.get(), person.planning.get()
    expected = {
        "positions": {"id": position.pk, "title": "BT_DU", "title_name": "Bí thư Đảng ủy xã", "organization": "LC.A.X1",
                      "organization_name": "Xã X1 A", "start_date": "2019-01-01", "end_date": None, "version": 1},
        "qualifications": {"id": qualification.pk, "qualification_type": "CHUYEN_MON",
                           "qualification_type_name": qualification.qualification_type.name, "level": "DAI_HOC",
                           "level_name": "Đại học", "detail": "", "major": "", "obtained_on": "2010-06-30", "version": 1},
        "ratings": {"id": rating.pk, "year": 2023, "rating": "HTTNV", "rating_name": "Hoàn thành tốt nhiệm vụ",
                    "version": 1},
        "events": {"id": event.pk, "kind": "BO_NHIEM", "kind_name": "Bổ nhiệm", "date": "2019-01-01",
                   "from_organization": None, "from_text": "", "to_organization": "LC.A.X1", "to_text": "",
                   "note": "Quyết định 12", "version": 1},
        "planning": {"id": entry.pk, "title": "CT_UBND_XA", "title_name": entry.title.name, "organization": "LC.A.X1",
                     "organization_name": "Xã X1 A", "term": "2025-2030", "approved_on": "2024-02-01",
                     "removed_on": None, "version": 1},
    }
    for resource in RESOURCES:
        response = client.get(url(resource, person))
        assert response.json() == {"count": 1, "next": None, "previous": None, "results": [expected[resource]]}
        record = person.positions.get() if resource == "positions" else None
        if record is not None:
            assert client.get(url(resource, person, record)).json() == expected[resource]


def test_outside_the_scope_everything_is_404_and_anonymous_callers_401(records_world):  # noqa: F811
    mine, other = records_world.officials["A"], records_world.officials["B"]
    client = records_world.client("staff_a")
    for resource in RESOURCES:
        assert client.get(url(resource, other)).json() == NOT_FOUND
        assert client.post(url(resource, other), {}, format="json").json() == NOT_FOUND
        assert records_world.client(None).get(url(resource, mine)).json() == {
            "detail": MESSAGES[NotAuthenticated], "errors": {}}
    theirs = other.qualifications.get()
    assert client.patch(url("qualifications", other, theirs), {"major": "Luật"}, format="json").status_code == 404
    assert client.delete(url("qualifications", other, theirs)).status_code == 404
    # A record is found only under its own official, even by an administrator.
    admin = records_world.client("admin")
    assert admin.get(url("qualifications", mine, theirs)).json() == NOT_FOUND
    # Positions held elsewhere are not shown: B's official holds one in A, but A's user sees only that one.
    add_position(other, records_world.tree["LC.A.X2"], "CC_VPTK", dt.date(2021, 1, 1))
    rows = client.get(url("positions", other)).json()["results"]
    assert [row["organization"] for row in rows] == ["LC.A.X2"]
    assert client.get(url("positions", other, other.positions.get(organization__code="LC.B.X1"))).json() == NOT_FOUND


def test_reviewers_are_refused_every_write(records_world):  # noqa: F811
    person = records_world.officials["A"]
    client = records_world.client("reviewer")
    assert client.get(url("ratings", person)).status_code == 200
    rating = person.evaluations.get()
    for response in (
        client.post(url("ratings", person), {"year": 2024, "rating": "HTNV"}, format="json"),
        client.patch(url("ratings", person, rating), {"rating": "HTNV"}, format="json"),
        client.delete(url("ratings", person, rating)),
        client.post(reverse("api:v1:official_position_end", args=[person.pk, person.positions.get().pk]),
                    {"end_date": "2024-01-01"}, format="json"),
    ):
        assert response.status_code == 403 and response.json() == FORBIDDEN
    assert Evaluation.objects.get(pk=rating.pk).rating == "HTTNV"


def test_a_record_is_added_with_the_page_rules_and_leaves_an_audit_entry(records_world):  # noqa: F811
    person = records_world.officials["A"]
    client = records_world.client("staff_a")
    response = client.post(url("qualifications", person), {
        "qualification_type": "LY_LUAN", "level": "TRUNG_CAP", "obtained_on": "2018-12-20", "major": "",
    }, format="json")
    assert response.status_code == 201, response.json()
    record = QualificationRecord.objects.get(official=person, qualification_type__code="LY_LUAN")
    assert response.json() == {"id": record.pk, "qualification_type": "LY_LUAN",
                               "qualification_type_name": record.qualification_type.name, "level": "TRUNG_CAP",
                               "level_name": record.level.name, "detail": "", "major": "", "obtained_on": "2018-12-20",
                               "version": 1}
    entry = ChangeRecord.objects.get(entity="TrinhDo", action="create")
    assert (entry.source, entry.username, entry.official_id) == ("api", "staff_a", person.pk)


def test_an_empty_body_and_wrong_values_get_vietnamese_messages(records_world):  # noqa: F811
    person = records_world.officials["A"]
    client = records_world.client("staff_a")
    required = ["Trường này là bắt buộc."]
    expected = {
        "positions": {"title": required, "organization": ["Chọn tổ chức."], "start_date": required},
        "qualifications": {"qualification_type": required, "obtained_on": required},
        "ratings": {"year": required, "rating": required},
        "events": {"kind": required, "date": required},
        "planning": {"title": required, "organization": ["Chọn tổ chức."], "term": required},
    }
    for resource in RESOURCES:
        response = client.post(url(resource, person), {}, format="json")
        assert response.status_code == 400
        assert response.json() == {"detail": INVALID, "errors": expected[resource]}, resource
        assert "This field" not in response.content.decode()
    wrong = client.post(url("qualifications", person), {
        "qualification_type": "CHUYEN_MON", "level": "TRUNG_CAP_LLCT", "obtained_on": "2018-02-30"}, format="json")
    assert wrong.json() == {"detail": INVALID, "errors": {
        "level": ["Không có trình độ “TRUNG_CAP_LLCT” trong thang bậc của loại trình độ đã chọn."],
        "obtained_on": ["Ngày không tồn tại: “2018-02-30”."],
    }}
    twice = client.post(url("ratings", person), {"year": 2023, "rating": "HTNV"}, format="json")
    assert twice.json() == {"detail": INVALID, "errors": {
        "year": ["Cán bộ đã có xếp loại năm 2023: mỗi năm chỉ một xếp loại."]}}
    outside = client.post(url("positions", person), {
        "title": "CC_VPTK", "organization": "LC.B.X1", "start_date": "2020-01-01", "end_date": "2019-01-01"},
        format="json")
    assert outside.json() == {"detail": INVALID, "errors": {
        "organization": ["Tổ chức có mã “LC.B.X1” không có hoặc nằm ngoài phạm vi của bạn."],
        "end_date": ["Đến ngày không được trước Từ ngày."],
    }}
    assert QualificationRecord.objects.filter(official=person).count() == 1
    assert Evaluation.objects.filter(official=person).count() == 1 and person.positions.count() == 1


def test_a_change_is_saved_over_the_version_read_and_refused_over_a_newer_one(records_world):  # noqa: F811
    person = records_world.officials["A"]
    rating = person.evaluations.get()
    client = records_world.client("staff_a")
    saved = client.patch(url("ratings", person, rating), {"rating": "HTXSNV", "version": 1}, format="json")
    assert saved.status_code == 200
    assert saved.json() == {"id": rating.pk, "year": 2023, "rating": "HTXSNV",
                            "rating_name": "Hoàn thành xuất sắc nhiệm vụ", "version": 2}
    stale = client.put(url("ratings", person, rating), {"year": 2023, "rating": "HTNV", "version": 1}, format="json")
    assert stale.status_code == 409
    entry = ChangeRecord.objects.get(entity="DanhGia", action="update")
    moment = timezone.localtime(entry.created_at)
    assert stale.json() == {
        "detail": f"Xếp loại đã được staff_a sửa lúc {moment:%H:%M} ngày {moment:%d/%m/%Y}: Xếp loại HTTNV → HTXSNV. "
                  "Thay đổi của bạn chưa được lưu; hãy xem lại rồi lưu lại.",
        "errors": {}, "current_version": 2,
    }
    deleted_stale = client.delete(url("ratings", person, rating) + "?version=1")
    assert deleted_stale.status_code == 409 and deleted_stale.json()["current_version"] == 2
    rating.refresh_from_db()
    assert (rating.rating, rating.version) == ("HTXSNV", 2)


def test_delete_removes_the_record_but_never_the_last_position_in_scope(records_world):  # noqa: F811
    person = records_world.officials["A"]
    client = records_world.client("staff_a")
    qualification = person.qualifications.get()
    assert client.delete(url("qualifications", person, qualification) + "?version=1").status_code == 204
    assert not QualificationRecord.objects.filter(pk=qualification.pk).exists()
    entry = ChangeRecord.objects.get(entity="TrinhDo", action="delete")
    assert entry.before["level"] == "DAI_HOC" and entry.source == "api"
    last = person.positions.get()
    refused = client.delete(url("positions", person, last))
    assert refused.status_code == 400
    assert refused.json() == {"detail": INVALID, "errors": {"non_field_errors": [LAST_POSITION]}}
    assert PositionRecord.objects.filter(pk=last.pk).exists()
    assert client.delete(url("qualifications", person, qualification)).json() == NOT_FOUND


def test_a_position_is_ended_on_a_date(records_world):  # noqa: F811
    person = records_world.officials["A"]
    position = person.positions.get()
    end = reverse("api:v1:official_position_end", args=[person.pk, position.pk])
    client = records_world.client("staff_a")
    early = client.post(end, {"end_date": "2018-12-31", "version": 1}, format="json")
    assert early.status_code == 400 and early.json() == {"detail": INVALID, "errors": {"end_date": [
        "Ngày kết thúc không được trước ngày bắt đầu giữ chức vụ (01/01/2019)."]}}
    ended = client.post(end, {"end_date": "2024-06-30", "version": 1}, format="json")
    assert ended.status_code == 200
    position.refresh_from_db()
    assert (position.end_date, position.version) == (dt.date(2024, 6, 30), 2)
    assert ended.json()["end_date"] == "2024-06-30" and ended.json()["version"] == 2
    assert client.post(end, {"end_date": "2024-07-31", "version": 1}, format="json").status_code == 409
    other = records_world.officials["B"]
    outside = reverse("api:v1:official_position_end", args=[other.pk, other.positions.get().pk])
    assert client.post(outside, {"end_date": "2024-06-30"}, format="json").json() == NOT_FOUND


def test_the_number_of_queries_does_not_grow_with_the_page(records_world):  # noqa: F811
    person = records_world.officials["A"]
    for year in range(2010, 2020):
        Evaluation.objects.create(official=person, year=year, rating="HTNV")
        add_position(person, records_world.tree["LC.A.X2"], "CC_VPTK", dt.date(year, 1, 1), dt.date(year, 6, 1))
    client = records_world.client("staff_a")
    for resource in ("ratings", "positions"):
        counts = []
        for size in (1, 50):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(resource, person), {"page_size": size}).status_code == 200
            counts.append(len(queries))
        # the official in scope, count, the page with what it names
        assert counts == [3, 3], resource
