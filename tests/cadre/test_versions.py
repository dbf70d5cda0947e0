"""No lost updates: two people edit the same row; the second save is refused, says who changed what, keeps what
was typed, and saves once resubmitted. The import and the admin advance the version too."""
import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse

from cadre.exchange import bulk_statements
from cadre.models import ChangeRecord, Official, PositionRecord, PositionTitle
from documents.models import ReportDocument
from tests.documents.test_pages import form_data as document_form_data
from tests.documents.test_pages import make_document
from tests.documents.test_pages import tree as document_tree  # noqa: F401 (fixture)
from tests.factories import add_position, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db

REVIEW = "Thay đổi của bạn chưa được lưu; hãy xem lại rồi lưu lại."


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def duc(tree):
    official = make_official("A1", full_name="Nguyễn Văn Đức", birth_date=dt.date(1980, 3, 2))
    add_position(official, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    return official


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_clients(tree):
    first = make_user("staff1", tree["LC.A"], first_name="An", last_name="Lê Văn")
    second = make_user("staff2", tree["LC.A"], first_name="B", last_name="Trần")
    return logged_in(first), logged_in(second)


def form_values(response) -> dict:
    form = response.context["form"]
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def body(response) -> str:
    return html.unescape(response.content.decode())


def test_a_stale_official_edit_is_refused_naming_who_changed_what_and_keeps_what_was_typed(two_clients, duc):
    a, b = two_clients
    url = reverse("cadre:official_update", args=[duc.pk])
    read_by_a, read_by_b = form_values(a.get(url)), form_values(b.get(url))
    assert read_by_a["version"] == read_by_b["version"] == 1

    saved = a.post(url, {**read_by_a, "birth_date": "03/02/1980"})
    assert saved.status_code == 302
    refused = b.post(url, {**read_by_b, "full_name": "Nguyễn Văn Đăng", "birth_date": "02/03/1980"})

    assert refused.status_code == 200
    page = body(refused)
    assert "Hồ sơ đã được staff2" not in page
    assert "Hồ sơ đã được Lê Văn An sửa lúc " in page
    assert "Ngày sinh 02/03/1980 → 03/02/1980. " + REVIEW in page
    duc.refresh_from_db()
    assert (duc.full_name, duc.birth_date, duc.version) == ("Nguyễn Văn Đức", dt.date(1980, 2, 3), 2)
    again = form_values(refused)
    assert (again["full_name"], again["birth_date"], again["version"]) == ("Nguyễn Văn Đăng", "02/03/1980", "2")
    assert ChangeRecord.objects.filter(entity="CanBo", action="update").count() == 1

    resubmitted = b.post(url, again)  # B has seen A's change and keeps their own values
    assert resubmitted.status_code == 302
    duc.refresh_from_db()
    assert (duc.full_name, duc.birth_date, duc.version) == ("Nguyễn Văn Đăng", dt.date(1980, 3, 2), 3)
    last = ChangeRecord.objects.filter(entity="CanBo").order_by("-id").first()
    assert (last.username, last.before, last.after) == (
        "staff2", {"full_name": "Nguyễn Văn Đức", "birth_date": "1980-02-03"},
        {"full_name": "Nguyễn Văn Đăng", "birth_date": "1980-03-02"})


def test_a_stale_position_edit_is_refused_then_saves(two_clients, duc):
    a, b = two_clients
    position = duc.positions.get()
    url = reverse("cadre:record_edit", args=[duc.pk, "chuc-vu", position.pk])
    read_by_a, read_by_b = form_values(a.get(url)), form_values(b.get(url))

    assert a.post(url, {**read_by_a, "end_date": "31/12/2024"}).status_code == 302
    refused = b.post(url, {**read_by_b, "start_date": "02/01/2020"})
    page = body(refused)
    assert refused.status_code == 200
    assert "Chức vụ đã được Lê Văn An sửa lúc " in page
    assert "Đến ngày (trống) → 31/12/2024. " + REVIEW in page
    position.refresh_from_db()
    assert (position.start_date, position.end_date, position.version) == (dt.date(2020, 1, 1), dt.date(2024, 12, 31), 2)
    again = form_values(refused)
    assert (again["start_date"], again["end_date"], again["version"]) == ("02/01/2020", "", "2")

    assert b.post(url, again).status_code == 302
    position.refresh_from_db()
    assert (position.start_date, position.end_date, position.version) == (dt.date(2020, 1, 2), None, 3)


def test_a_stale_document_edit_is_refused_then_saves(document_tree):
    tree = document_tree
    document = make_document(tree)
    a = logged_in(make_user("staff1", tree["LC.A"], first_name="An", last_name="Lê Văn"))
    b = logged_in(make_user("staff2", tree["LC.A"]))
    url = reverse("documents:edit", args=[document.pk])
    assert 'name="version" value="1"' in a.get(url).content.decode()

    assert a.post(url, document_form_data(tree, number="408-BC/HU", version="1")).status_code == 302
    refused = b.post(url, document_form_data(tree, signer_name="Hoàng Văn Hải", version="1"))
    page = body(refused)
    assert refused.status_code == 400
    assert "Văn bản đã được Lê Văn An" in page and REVIEW in page
    assert 'name="version" value="2"' in page and 'value="Hoàng Văn Hải"' in page
    document.refresh_from_db()
    assert (document.number, document.signer_name, document.version) == ("408-BC/HU", "Lò Văn Tả", 2)

    assert b.post(url, document_form_data(tree, signer_name="Hoàng Văn Hải", number="408-BC/HU", version="2")
                  ).status_code == 302
    document.refresh_from_db()
    assert (document.number, document.signer_name, document.version) == ("408-BC/HU", "Hoàng Văn Hải", 3)


def test_the_imports_bulk_update_advances_the_version(duc):
    position = duc.positions.get()
    bulk_statements.update(PositionRecord, [{"id": position.pk, "end_date": dt.date(2024, 1, 1)}], ["end_date"])
    bulk_statements.update(Official, [{"id": duc.pk, "full_name": "Nguyễn Văn Đăng"}], ["full_name"])
    position.refresh_from_db()
    duc.refresh_from_db()
    assert (position.end_date, position.version) == (dt.date(2024, 1, 1), 2)
    assert (duc.full_name, duc.version) == ("Nguyễn Văn Đăng", 2)


def test_a_form_read_before_an_import_is_refused(two_clients, duc):
    a, _ = two_clients
    url = reverse("cadre:official_update", args=[duc.pk])
    read = form_values(a.get(url))
    bulk_statements.update(Official, [{"id": duc.pk, "full_name": "Nguyễn Văn Đăng"}], ["full_name"])
    refused = a.post(url, {**read, "party_joined_on": "01/01/2010"})
    assert "Hồ sơ đã được người khác sửa sau khi bạn mở trang. " + REVIEW in body(refused)
    duc.refresh_from_db()
    assert (duc.full_name, duc.party_joined_on) == ("Nguyễn Văn Đăng", None)


def test_the_admin_refuses_a_stale_save_and_advances_the_version(tree, duc):
    admin = logged_in(make_user("root", None, is_superuser=True, is_staff=True))
    url = reverse("admin:cadre_official_change", args=[duc.pk])
    page = admin.get(url).content.decode()
    assert 'name="row_version" value="1"' in page
    data = {
        "code": "A1", "full_name": "Nguyễn Văn Đức", "gender": "NAM", "birth_date": "1980-03-02",
        "ethnic_group": duc.ethnic_group_id, "citizen_id": "", "hometown_organization": "", "hometown_text": "",
        "party_joined_on": "", "row_version": "1",
    }
    for prefix in ("positions", "qualifications", "evaluations", "events", "planning"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    Official.objects.filter(pk=duc.pk).update(version=2)  # someone saved meanwhile
    refused = admin.post(url, {**data, "full_name": "Nguyễn Văn Đăng"})
    assert refused.status_code == 200
    assert "Hồ sơ đã được người khác sửa sau khi bạn mở trang. " + REVIEW in body(refused)
    duc.refresh_from_db()
    assert duc.full_name == "Nguyễn Văn Đức"
    saved = admin.post(url, {**data, "full_name": "Nguyễn Văn Đăng", "row_version": "2"})
    assert saved.status_code == 302, body(saved)[:3000]
    duc.refresh_from_db()
    assert (duc.full_name, duc.version) == ("Nguyễn Văn Đăng", 3)


def test_a_script_without_a_version_still_advances_it(duc, tree):
    from cadre.services.officials import official_update

    official_update(user=make_user("root", None, is_superuser=True), official=duc, full_name="Nguyễn Văn Đăng")
    duc.refresh_from_db()
    assert duc.version == 2
    assert PositionTitle.objects.get(code="CT_UBND_XA").is_single_holder
    assert not PositionTitle.objects.get(code="PCT_UBND_XA").is_single_holder


def test_a_plan_edited_in_the_admin_over_a_newer_version_is_refused_with_who_changed_it(tree):
    from planning.models import Plan
    from planning.services import plan_import

    plan_import(data={
        "code": "01-ĐA/HU", "title": "Đề án xây dựng đội ngũ cán bộ", "organization": "LC.A", "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP", "population": "CB_XA", "rows": [
            {"label": "Đại học", "indicator": "CM_DAI_HOC", "targets": [{"year": 2025, "value": 50}]}]}],
    })
    plan = Plan.objects.get()
    first = logged_in(make_user("root", None, is_superuser=True, is_staff=True, first_name="An", last_name="Lê"))
    second = logged_in(make_user("root2", None, is_superuser=True, is_staff=True))
    url = reverse("admin:planning_plan_change", args=[plan.pk])
    assert 'name="row_version" value="1"' in first.get(url).content.decode()
    data = {
        "code": "01-ĐA/HU", "title": "Đề án xây dựng đội ngũ cán bộ", "organization": tree["LC.A"].pk,
        "issued_on": "2021-01-15", "row_version": "1", "tables-TOTAL_FORMS": "0", "tables-INITIAL_FORMS": "0",
    }
    assert first.post(url, {**data, "title": "Đề án (sửa lần 1)"}).status_code == 302
    refused = second.post(url, {**data, "title": "Đề án (sửa lần 2)"})
    assert refused.status_code == 200
    assert "Hồ sơ đã được Lê An sửa lúc " in body(refused)
    assert (": Trích yếu Đề án xây dựng đội ngũ cán bộ → Đề án (sửa lần 1). Thay đổi của bạn chưa được lưu; "
            "hãy xem lại rồi lưu lại.") in body(refused)
    assert 'value="Đề án (sửa lần 2)"' in body(refused)  # what the second editor typed is kept
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("Đề án (sửa lần 1)", 2)
    assert second.post(url, {**data, "title": "Đề án (sửa lần 2)", "row_version": "2"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("Đề án (sửa lần 2)", 3)
