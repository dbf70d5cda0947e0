"""/api/v1/audit/: the audit trail for system administrators, scoped and filtered like the audit page."""
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.exceptions import NotAuthenticated
from rest_framework.fields import DateTimeField

from accounts.models import Role
from api.errors import INVALID, MESSAGES
from cadre.audit_log import entry_text
from cadre.models import ChangeRecord
from tests.api.records_world import client_of, records_world  # noqa: F401 (fixture)
from tests.factories import make_user

pytestmark = pytest.mark.django_db
AUDIT = reverse("api:v1:audit")
ADMINS_ONLY = {"detail": "Chỉ quản trị hệ thống xem được nhật ký thay đổi.", "errors": {}}


@pytest.fixture
def trail(records_world):  # noqa: F811
    """Changes made through the API: a rating in each district, one name in district A."""
    for district in ("A", "B"):
        person = records_world.officials[district]
        client = records_world.client(f"staff_{district.lower()}")
        response = client.post(reverse("api:v1:official_ratings", args=[person.pk]), {"year": 2024, "rating": "HTNV"},
                               format="json")
        assert response.status_code == 201
    person = records_world.officials["A"]
    assert records_world.client("staff_a").patch(reverse("api:v1:official", args=[person.pk]),
                                                 {"full_name": "Lò Văn An"}, format="json").status_code == 200
    return records_world


def test_administrators_read_the_whole_trail_in_words(trail):
    response = trail.client("admin").get(AUDIT)
    assert response.status_code == 200
    entries = list(ChangeRecord.objects.order_by("-created_at", "-id"))
    assert len(entries) == 3
    assert response.json() == {"count": 3, "next": None, "previous": None, "results": [{
        "id": entry.pk, "created_at": DateTimeField().to_representation(entry.created_at),
        "username": entry.username, "source": "api", "entity": entry.entity, "key": entry.key, "action": entry.action,
        "official": entry.official_id, "before": entry.before, "after": entry.after, "batch": None,
        "text": entry_text(entry),
    } for entry in entries]}
    assert [row["entity"] for row in response.json()["results"]] == ["CanBo", "DanhGia", "DanhGia"]


def test_an_administrator_of_a_district_reads_the_district_only(trail):
    admin_a = make_user("admin_a", trail.tree["LC.A"], role=Role.ADMIN, is_staff=True)
    rows = client_of(admin_a).get(AUDIT).json()["results"]
    assert [(row["entity"], row["username"]) for row in rows] == [("CanBo", "staff_a"), ("DanhGia", "staff_a")]


def test_filters_entity_action_user_official_dates(trail):
    client = trail.client("admin")

    def count(**params):
        response = client.get(AUDIT, params)
        assert response.status_code == 200, response.json()
        return response.json()["count"]

    person = trail.officials["B"]
    assert count(entity="DanhGia") == 2 and count(action="update") == 1 and count(user="staff_b") == 1
    assert count(official=person.pk) == 1 and count(entity="DanhGia", user="staff_a") == 1
    assert count(**{"from": "2000-01-01", "to": "2100-12-31"}) == 3 and count(**{"to": "2000-01-01"}) == 0


def test_bad_filters_are_named_in_vietnamese(trail):
    response = trail.client("admin").get(AUDIT, {"entity": "Khac", "action": "x", "official": "a", "from": "2025-02-01",
                                                 "to": "2025-01-01"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == INVALID and sorted(body["errors"]) == ["action", "entity", "official", "to"]
    assert body["errors"]["official"] == ["Mã số cán bộ phải là số nguyên dương."]
    assert body["errors"]["to"] == ["“to” (đến ngày) phải sau hoặc bằng “from” (từ ngày)."]
    assert body["errors"]["action"][0].startswith("Thao tác “x” không có; chỉ có: create, update")


def test_everybody_else_is_refused(trail):
    for name in ("staff_a", "reviewer"):
        response = trail.client(name).get(AUDIT)
        assert response.status_code == 403 and response.json() == ADMINS_ONLY
    # A staff account of the admin role without is_staff cannot use the admin site, nor read the trail.
    other = get_user_model().objects.create_user("admin_role", password="x", role=Role.ADMIN,
                                                 organization=trail.tree["LC"])
    assert client_of(other).get(AUDIT).status_code == 403
    assert trail.client(None).get(AUDIT).json() == {"detail": MESSAGES[NotAuthenticated], "errors": {}}
    assert trail.client("admin").post(AUDIT, {}, format="json").status_code == 405


def test_the_number_of_queries_does_not_grow_with_the_page(trail):
    client = trail.client("admin")
    counts = []
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(AUDIT, {"page_size": size}).status_code == 200
        counts.append(len(queries))
    # count, the page with its users
    assert counts == [2, 2]
