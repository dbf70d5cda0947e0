"""The Django admin for data entry: Vietnamese, searchable, scoped."""
import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Role
from cadre.models import Official
from tests.factories import add_position, add_rating, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def officials(tree):
    a = make_official("A1", full_name="Nguyễn Văn Đức")
    add_position(a, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    add_rating(a, 2022, "HTTNV")
    b = make_official("B1", full_name="Lò Thị Hoa", gender="NU")
    add_position(b, tree["LC.B.X1"], "CT_UBND_XA", dt.date(2020, 1, 1))
    return a, b


@pytest.fixture
def superuser_client(client):
    admin = make_user("root", None, role=Role.ADMIN, is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


@pytest.fixture
def staff_a_client(client, tree):
    """A system administrator limited to district A (the admin admits no district staff)."""
    staff = make_user("staff_a", tree["LC.A"], role=Role.ADMIN, is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="cadre"))
    client.force_login(staff)
    return client


def changelist_codes(response):
    return sorted(o.code for o in response.context["cl"].result_list)


def test_the_admin_speaks_vietnamese(superuser_client, officials):
    response = superuser_client.get(reverse("admin:cadre_official_changelist"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chọn cán bộ để thay đổi" in body
    assert "Tìm theo họ tên (không cần dấu), mã cán bộ hoặc số CCCD." in body


def test_search_ignores_diacritics(superuser_client, officials):
    response = superuser_client.get(reverse("admin:cadre_official_changelist"), {"q": "nguyen van duc"})
    assert changelist_codes(response) == ["A1"]
    response = superuser_client.get(reverse("admin:cadre_official_changelist"), {"q": "DUC"})
    assert changelist_codes(response) == ["A1"]


def test_filters_by_gender_and_current_position_group(superuser_client, officials):
    url = reverse("admin:cadre_official_changelist")
    assert changelist_codes(superuser_client.get(url, {"gender__exact": "NU"})) == ["B1"]
    assert changelist_codes(superuser_client.get(url, {"category": "CB_XA"})) == ["A1", "B1"]


def test_the_official_page_has_inline_records(superuser_client, officials):
    response = superuser_client.get(reverse("admin:cadre_official_change", args=[officials[0].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for heading in ["Quá trình giữ chức vụ", "Trình độ đào tạo", "Đánh giá, xếp loại", "Quy hoạch"]:
        assert heading in body


def test_district_staff_see_only_their_district_in_the_admin(staff_a_client, tree, officials):
    response = staff_a_client.get(reverse("admin:cadre_official_changelist"))
    assert changelist_codes(response) == ["A1"]
    response = staff_a_client.get(reverse("admin:cadre_organization_changelist"))
    assert changelist_codes(response) == ["LC.A", "LC.A.PNV", "LC.A.X1", "LC.A.X2"]


def test_an_official_of_another_district_is_not_found(staff_a_client, officials):
    response = staff_a_client.get(reverse("admin:cadre_official_change", args=[officials[1].pk]))
    assert response.status_code == 302  # the admin redirects with "không tồn tại"
    assert Official.objects.filter(pk=officials[1].pk).exists()


def test_organizations_are_listed_as_a_tree(superuser_client, tree):
    response = superuser_client.get(reverse("admin:cadre_organization_changelist"))
    assert changelist_codes(response) == sorted(tree)
    order = [o.code for o in response.context["cl"].result_list]
    assert order.index("LC.A") < order.index("LC.A.X1") < order.index("LC.B")


def test_adding_an_official_with_a_position_through_the_admin(superuser_client, tree):
    from cadre.models import EthnicGroup, PositionTitle

    data = {
        "code": "N1", "full_name": "Vàng Thị Mai", "gender": "NU", "birth_date": "15/03/1990",
        "ethnic_group": EthnicGroup.objects.get(name="Mông").pk, "citizen_id": "",
        "hometown_text": "", "party_joined_on": "",
        "positions-TOTAL_FORMS": "1", "positions-INITIAL_FORMS": "0",
        "positions-0-title": PositionTitle.objects.get(code="CT_HLHPN_XA").pk,
        "positions-0-organization": tree["LC.A.X2"].pk,
        "positions-0-start_date": "01/07/2021", "positions-0-end_date": "",
    }
    for prefix in ["qualifications", "evaluations", "events", "planning"]:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    response = superuser_client.post(reverse("admin:cadre_official_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    official = Official.objects.get(code="N1")
    assert official.birth_date == dt.date(1990, 3, 15)
    assert official.citizen_id is None
    assert official.search_text == "vang thi mai n1"
    assert [(p.title.code, p.organization.code, p.start_date) for p in official.positions.all()] == [
        ("CT_HLHPN_XA", "LC.A.X2", dt.date(2021, 7, 1))]


def test_the_admin_marks_demo_data(superuser_client, tree):
    from cadre.models import Organization

    url = reverse("admin:cadre_official_changelist")
    assert "Dữ liệu mẫu (demo)" not in superuser_client.get(url).content.decode()
    Organization.objects.filter(code="LC").update(is_demo=True)
    assert "Dữ liệu mẫu (demo) — không phải số liệu thật." in superuser_client.get(url).content.decode()


# --- who is admitted, and what a scoped admin may do --------------------------------------------


def organization_rows():
    from cadre.models import Organization

    return sorted(Organization.objects.values_list("code", "name", "kind", "parent__code", "path", "ceased_on"))


def organization_form(org, **changes):
    data = {
        "code": org.code, "name": org.name, "kind": org.kind, "parent": org.parent_id or "", "form": org.form,
        "founded_on": "", "ceased_on": "",
    }
    return {**data, **changes}


@pytest.mark.parametrize("role", [Role.DISTRICT_STAFF, Role.PROVINCIAL_REVIEWER])
def test_district_staff_and_reviewers_get_no_admin_whatever_their_flags(client, tree, role):
    user = make_user("staff_x", tree["LC.A"], role=role, is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)

    for url in ("/admin/", reverse("admin:cadre_organization_changelist"),
                reverse("admin:cadre_organization_change", args=[tree["LC.A"].pk])):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
    response = client.post(reverse("admin:cadre_organization_change", args=[tree["LC.A"].pk]),
                           organization_form(tree["LC.A"], parent=tree["LC.B"].pk))
    assert response.status_code == 302
    tree["LC.A"].refresh_from_db()
    assert tree["LC.A"].parent == tree["LC"]
    assert 'href="/admin/"' not in client.get(reverse("home")).content.decode()


def test_district_staff_cannot_log_in_to_the_admin(client, tree):
    make_user("staff_x", tree["LC.A"], is_staff=True)
    response = client.post("/admin/login/", {"username": "staff_x", "password": "pw-test-123"})
    assert response.status_code == 200
    assert "Trang quản trị chỉ dành cho quản trị hệ thống." in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_admins_see_the_admin_link(client, tree):
    admin_a = make_user("admin_a", tree["LC.A"], role=Role.ADMIN, is_staff=True)
    admin_a.user_permissions.set(Permission.objects.filter(codename__in=["view_organization", "change_organization"]))
    client.force_login(admin_a)
    assert 'href="/admin/">Quản trị</a>' in client.get(reverse("home")).content.decode()
    assert client.get("/admin/").status_code == 200


def test_an_admitted_account_without_any_permission_gets_no_link_to_an_empty_admin(client, tree):
    client.force_login(make_user("admin_bare", tree["LC.A"], role=Role.ADMIN, is_staff=True))
    assert 'href="/admin/"' not in client.get(reverse("home")).content.decode()
    assert client.get("/admin/").context["app_list"] == []


def test_a_scoped_admin_does_not_reach_another_district(staff_a_client, tree):
    b = tree["LC.B.X1"]
    response = staff_a_client.get(reverse("admin:cadre_organization_change", args=[b.pk]))
    assert response.status_code == 302  # "không tồn tại"
    response = staff_a_client.post(reverse("admin:cadre_organization_change", args=[b.pk]),
                                   organization_form(b, name="Đã sửa"))
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.name == "Xã X1 B"


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"parent": ""}, id="detach"),
        pytest.param({"kind": "XA"}, id="re-kind"),
        pytest.param({"ceased_on": "01/01/2024"}, id="cease"),
        pytest.param({"founded_on": "01/01/1990"}, id="re-date"),
        pytest.param({"name": "Huyện ủy A mới"}, id="rename"),
    ],
)
def test_a_scoped_admin_cannot_change_their_scope_root(staff_a_client, tree, changes):
    before = organization_rows()
    root = tree["LC.A"]

    response = staff_a_client.post(reverse("admin:cadre_organization_change", args=[root.pk]),
                                   organization_form(root, **changes))

    assert response.status_code == 403  # the root is shown read only
    assert organization_rows() == before


def test_a_scoped_admin_sees_their_scope_root_read_only(staff_a_client, tree):
    before = organization_rows()
    url = reverse("admin:cadre_organization_change", args=[tree["LC.A"].pk])
    response = staff_a_client.get(url)
    assert response.status_code == 200
    assert 'name="parent"' not in response.content.decode() and "Huyện ủy A" in response.content.decode()
    response = staff_a_client.post(url, organization_form(tree["LC.A"], parent=tree["LC.B"].pk))
    assert response.status_code == 403
    assert organization_rows() == before


def test_the_rule_refuses_a_root_change_even_past_the_admin_permissions(tree):
    """The form itself (any future page using it) applies the rule, not only the admin's permissions."""
    from cadre.admin import OrganizationAdminForm
    from cadre.organization_rules import root_locked_message

    root = tree["LC.A"]
    form_class = type("Form", (OrganizationAdminForm,), {
        "user": make_user("admin_a", root, role=Role.ADMIN, is_staff=True),
        "Meta": type("Meta", (), {"model": type(root), "fields": ["code", "name", "kind", "parent", "ceased_on"]}),
    })
    form = form_class(instance=root, data={"code": "LC.A", "name": "Huyện ủy A", "kind": "HUYEN",
                                           "parent": tree["LC"].pk, "ceased_on": "01/01/2024"})
    assert form.errors == {"ceased_on": [root_locked_message("LC.A")]}


def test_a_scoped_admin_cannot_move_a_commune_out_or_create_one_outside(staff_a_client, tree):
    from cadre.models import Organization

    before = organization_rows()
    x1 = tree["LC.A.X1"]
    response = staff_a_client.post(reverse("admin:cadre_organization_change", args=[x1.pk]),
                                   organization_form(x1, parent=tree["LC.B"].pk))
    assert response.status_code == 200 and "parent" in response.context["adminform"].form.errors
    response = staff_a_client.post(reverse("admin:cadre_organization_add"), {
        "code": "LC.B.X9", "name": "Xã X9", "kind": "XA", "parent": tree["LC.B"].pk, "form": "DANG_BO",
    })
    assert response.status_code == 200 and "parent" in response.context["adminform"].form.errors
    response = staff_a_client.post(reverse("admin:cadre_organization_add"), {
        "code": "MOI", "name": "Tổ chức không cấp trên", "kind": "HUYEN", "parent": "", "form": "",
    })
    assert response.context["adminform"].form.errors == {"parent": [
        "Tổ chức “MOI” phải có cấp trên trong phạm vi quản lý của bạn: không được để trống mã cấp trên."]}
    assert organization_rows() == before
    response = staff_a_client.post(reverse("admin:cadre_organization_add"), {
        "code": "LC.A.X3", "name": "Xã X3 A", "kind": "XA", "parent": tree["LC.A"].pk, "form": "DANG_BO",
    })
    assert response.status_code == 302
    assert Organization.objects.get(code="LC.A.X3").is_within(tree["LC.A"])


def test_a_scoped_admin_cannot_delete_their_scope_root(staff_a_client, tree):
    from cadre.models import Organization

    root = tree["LC.A"]
    response = staff_a_client.post(reverse("admin:cadre_organization_delete", args=[root.pk]), {"post": "yes"})
    assert response.status_code == 403
    response = staff_a_client.post(reverse("admin:cadre_organization_changelist"),
                                   {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"})
    assert Organization.objects.filter(pk=root.pk).exists()


def test_a_scoped_admin_cannot_edit_catalogs_or_users(staff_a_client, tree):
    from accounts.models import User
    from cadre.models import EthnicGroup

    staff_a_client.get("/admin/")  # admitted
    group = EthnicGroup.objects.get(name="Mông")
    response = staff_a_client.post(reverse("admin:cadre_ethnicgroup_change", args=[group.pk]),
                                   {"code": group.code, "name": "Đã sửa", "aliases": "", "is_minority": "on"})
    assert response.status_code == 403
    group.refresh_from_db()
    assert group.name == "Mông"
    assert staff_a_client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    response = staff_a_client.post(reverse("admin:accounts_user_add"), {
        "username": "evil", "password1": "Rat-kho-doan-123", "password2": "Rat-kho-doan-123",
        "role": Role.ADMIN, "organization": tree["LC"].pk,
    })
    assert response.status_code == 403
    assert not User.objects.filter(username="evil").exists()


# --- history and sent documents are read only --------------------------------------------------


@pytest.fixture
def batch():
    from cadre.models import ChangeRecord, ImportBatch

    batch = ImportBatch.objects.create(file_name="tep.xlsx", summary={})
    ChangeRecord.objects.create(batch=batch, entity="CanBo", key="A1", action="create", before=None, after={})
    return batch


def test_nobody_deletes_or_changes_import_history_through_the_admin(superuser_client, batch):
    from cadre.models import ChangeRecord, ImportBatch

    response = superuser_client.post(reverse("admin:cadre_importbatch_delete", args=[batch.pk]), {"post": "yes"})
    assert response.status_code == 403
    response = superuser_client.post(reverse("admin:cadre_importbatch_changelist"),
                                     {"action": "delete_selected", "_selected_action": [batch.pk], "post": "yes"})
    assert response.status_code == 200  # no such action: the list is shown again
    response = superuser_client.post(reverse("admin:cadre_importbatch_change", args=[batch.pk]),
                                     {"file_name": "doi.xlsx", "summary": "{}"})
    assert response.status_code == 403
    assert list(ImportBatch.objects.values_list("file_name", flat=True)) == ["tep.xlsx"]
    assert ChangeRecord.objects.filter(batch=batch).count() == 1
    assert superuser_client.get(reverse("admin:cadre_importbatch_change", args=[batch.pk])).status_code == 200


def test_a_scoped_admin_sees_only_their_own_imports(staff_a_client, batch):
    response = staff_a_client.get(reverse("admin:cadre_importbatch_change", args=[batch.pk]))
    assert response.status_code == 302


@pytest.fixture
def sent_document(tree):
    from documents.models import ReportDocument, Submission

    document = ReportDocument.objects.create(organization=tree["LC.A"], as_of=dt.date(2024, 6, 30),
                                             number="408-BC/HU", subject="Sơ kết đề án")
    Submission.objects.create(document=document, sequence=1, title_text=document.title_text, as_of=document.as_of,
                              docx_name="a.docx", docx=b"word", pdf_name="a.pdf", pdf=b"pdf")
    return document


def test_a_sent_document_cannot_be_changed_or_deleted_in_the_admin(superuser_client, sent_document):
    from documents.models import ReportDocument, Submission

    url = reverse("admin:documents_reportdocument_change", args=[sent_document.pk])
    response = superuser_client.post(url, {"organization": sent_document.organization_id, "kind": sent_document.kind,
                                           "as_of": "30/06/2024", "number": "999-BC/HU", "subject": "Đổi"})
    assert response.status_code == 403
    response = superuser_client.post(reverse("admin:documents_reportdocument_delete", args=[sent_document.pk]),
                                     {"post": "yes"})
    assert response.status_code == 403
    sent_document.refresh_from_db()
    assert (sent_document.number, sent_document.subject) == ("408-BC/HU", "Sơ kết đề án")
    submission = Submission.objects.get()
    response = superuser_client.post(reverse("admin:documents_submission_change", args=[submission.pk]),
                                     {"docx_name": "khac.docx"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert (submission.docx_name, bytes(submission.docx)) == ("a.docx", b"word")
    assert ReportDocument.objects.count() == 1


def test_a_scoped_admin_adds_officials_through_the_application_not_the_admin(staff_a_client, tree):
    """An official enters a scope through a position there; the admin's add form asks for none."""
    before = Official.objects.count()
    assert staff_a_client.get(reverse("admin:cadre_official_add")).status_code == 403
    response = staff_a_client.post(reverse("admin:cadre_official_add"), {
        "code": "NEW1", "full_name": "Người Mới", "gender": "NAM", "birth_date": "01/01/1990",
        "ethnic_group": 1,
    })
    assert response.status_code == 403
    assert Official.objects.count() == before
    assert staff_a_client.get(reverse("cadre:official_create")).status_code == 200


def test_the_admin_link_shows_only_to_those_who_can_use_the_admin(client, tree):
    # Committee staff (even with is_staff) and reviewers: no link, and the admin refuses them.
    for user in (make_user("staff_x", tree["LC.A"], is_staff=True),
                 make_user("reviewer_x", tree["LC"], role=Role.PROVINCIAL_REVIEWER, is_staff=True)):
        client.force_login(user)
        assert 'href="/admin/"' not in client.get(reverse("home")).content.decode()
        assert client.get("/admin/").status_code == 302
    # An administrator account without the staff flag is not admitted either.
    client.force_login(make_user("admin_no_staff", tree["LC.A"], role=Role.ADMIN))
    assert 'href="/admin/"' not in client.get(reverse("home")).content.decode()
    assert client.get("/admin/").status_code == 302
    # An inactive administrator: no link (and no session in practice).
    client.force_login(make_user("admin_gone", tree["LC.A"], role=Role.ADMIN, is_staff=True))
    User = get_user_model()
    User.objects.filter(username="admin_gone").update(is_active=False)
    assert client.get(reverse("home")).status_code == 302
