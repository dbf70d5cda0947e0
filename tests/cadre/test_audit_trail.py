"""The audit trail: attributed entries from every path, and a table nobody can rewrite."""
import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cadre import audit
from cadre.models import ChangeRecord, ChangeSource
from cadre.services.officials import official_update
from tests.factories import add_position, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def duc(tree):
    official = make_official("A1", full_name="Nguyễn Văn Đức", birth_date=dt.date(1980, 3, 2))
    add_position(official, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    return official


def test_a_form_edit_is_attributed_to_its_user_with_the_values_before_and_after(client, tree, duc):
    staff = make_user("staff_a", tree["LC.A"])
    client.force_login(staff)
    response = client.post(reverse("cadre:official_update", args=[duc.pk]), {
        "code": "A1", "full_name": "Nguyễn Văn Đức", "gender": "NAM", "birth_date": "03/02/1980",
        "ethnic_group": duc.ethnic_group_id, "citizen_id": "", "hometown_organization": "", "hometown_text": "",
        "party_joined_on": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ChangeRecord.objects.get(entity="CanBo", action="update")
    assert (entry.user, entry.username, entry.source, entry.key, entry.official) == (
        staff, "staff_a", ChangeSource.FORM, "A1", duc)
    assert (entry.before, entry.after) == ({"birth_date": "1980-03-02"}, {"birth_date": "1980-02-03"})


def test_outside_a_request_an_entry_is_a_commands_unless_a_context_says_otherwise(tree, duc):
    official_update(user=make_user("root", None, is_superuser=True), official=duc, full_name="Nguyễn Văn Đăng")
    entry = ChangeRecord.objects.get()
    assert (entry.source, entry.user, entry.username) == (ChangeSource.COMMAND, None, "")

    person = make_user("importer", tree["LC.A"])
    with audit.audit_context(user=person, source=ChangeSource.IMPORT):
        official_update(user=person, official=duc, full_name="Nguyễn Văn Đức")
    latest = ChangeRecord.objects.order_by("-id").first()
    assert (latest.source, latest.user, latest.username) == (ChangeSource.IMPORT, person, "importer")
    assert (latest.before, latest.after) == ({"full_name": "Nguyễn Văn Đăng"}, {"full_name": "Nguyễn Văn Đức"})


def test_the_source_follows_the_address():
    assert audit.AuditMiddleware.source_of("/can-bo/1/sua/") == ChangeSource.FORM
    assert audit.AuditMiddleware.source_of("/admin/cadre/official/1/change/") == ChangeSource.ADMIN
    assert audit.AuditMiddleware.source_of("/api/bao-cao/") == ChangeSource.API


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_change_or_delete_an_entry(tree, duc):
    entry = audit.record(entity="CanBo", key="A1", action="update", before={"a": 1}, after={"a": 2}, official=duc)
    for statement in (
        "UPDATE cadre_changerecord SET after = '{}' WHERE id = %s",
        "DELETE FROM cadre_changerecord WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="chỉ được ghi thêm"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [entry.pk])
    with pytest.raises(DatabaseError, match="chỉ được ghi thêm"), transaction.atomic():
        ChangeRecord.objects.filter(pk=entry.pk).update(key="X")
    with pytest.raises(DatabaseError, match="chỉ được ghi thêm"), transaction.atomic():
        ChangeRecord.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert (entry.key, entry.after) == ("A1", {"a": 2})
