"""A user limited to a subtree keeps it: the scope root, the border, new officials, and no leaks.

The attacker's attempts of the security review are kept as tests: a district's
staff moving, detaching, re-kinding or ceasing their own district with one
ToChuc row, creating or moving organizations across the border, creating an
official nobody in the district could see, and learning who owns a CCCD or a
code in another district.
"""
import datetime as dt

import pytest
from django.urls import reverse

from cadre.exchange.workbook_validation import CITIZEN_ID_USED_ELSEWHERE
from cadre.models import ImportBatch, Official, Organization
from cadre.organization_rules import root_locked_message
from tests.cadre.test_workbook_import import problems, run_import, workbook_bytes
from tests.factories import add_position, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db

OUTSIDE_PARENT = "Cấp trên “LC.B” ngoài phạm vi quản lý của bạn: không được tạo tổ chức hoặc chuyển tổ chức ra ngoài phạm vi."
UNUSABLE_CODE = ("không dùng được: không phải cán bộ mới trong sheet CanBo, "
                 "cũng không phải cán bộ trong phạm vi quản lý của bạn.")
NEEDS_POSITION = ("Cán bộ mới phải có ít nhất một chức vụ tại tổ chức trong phạm vi quản lý của bạn: "
                  "thêm dòng trong sheet ChucVu cho mã “N1” trong cùng tệp.")

DISTRICT_A = ["LC.A", "Huyện ủy A", "HUYEN", "LC", None, None, None]
NEW_OFFICIAL = ["N1", "Lường Văn Sơn", "Nam", "28/02/1990", "Thái", None, None, None]


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def staff_a(tree):
    return make_user("staff_a", tree["LC.A"])


@pytest.fixture
def other_district_official(tree):
    """An official of district B whose name and code must never reach district A."""
    official = make_official("BX-7731", full_name="Vàng A Chư", citizen_id="001080000999")
    add_position(official, tree["LC.B.X1"], "CT_UBND_XA", dt.date(2019, 1, 1))
    return official


def organization_rows():
    return sorted(Organization.objects.values_list(
        "code", "name", "kind", "parent__code", "path", "form", "founded_on", "ceased_on"
    ))


# --- A: the scope root and the border of the subtree --------------------------------------


@pytest.mark.parametrize(
    "row, column, message",
    [
        pytest.param(["LC.A", "Huyện ủy A", "HUYEN", "LC.B", None, None, None], "Mã cấp trên",
                     root_locked_message("LC.A"), id="move-root-under-another-district"),
        pytest.param(["LC.A", "Huyện ủy A", "HUYEN", None, None, None, None], "Mã cấp trên",
                     root_locked_message("LC.A"), id="detach-root"),
        pytest.param(["LC.A", "Huyện ủy A", "XA", "LC", None, None, None], "Loại",
                     root_locked_message("LC.A"), id="re-kind-root"),
        pytest.param(["LC.A", "Huyện ủy A", "HUYEN", "LC", None, None, "01/01/2024"], "Ngày giải thể",
                     root_locked_message("LC.A"), id="cease-root"),
        pytest.param(["LC.A", "Huyện ủy A", "HUYEN", "LC", None, "01/01/1990", None], "Ngày thành lập",
                     root_locked_message("LC.A"), id="re-date-root"),
        pytest.param(["LC.A", "Huyện ủy A (mới)", "HUYEN", "LC", None, None, None], "Tên",
                     root_locked_message("LC.A"), id="rename-root"),
        pytest.param(["LC.A", "Huyện ủy A", "HUYEN", "LC", None, None, None, "LC.A.X1"], "Kế thừa từ",
                     root_locked_message("LC.A"), id="give-root-a-predecessor"),
        pytest.param(["LC.B.X9", "Xã X9 B", "XA", "LC.B", "DANG_BO", None, None], "Mã cấp trên",
                     OUTSIDE_PARENT, id="create-under-another-district"),
        pytest.param(["LC.A.X1", "Xã X1 A", "XA", "LC.B", "DANG_BO", None, None], "Mã cấp trên",
                     OUTSIDE_PARENT, id="move-commune-to-another-district"),
        pytest.param(["LC.A.X1", "Xã X1 A", "XA", None, "DANG_BO", None, None], "Mã cấp trên",
                     "Tổ chức “LC.A.X1” phải có cấp trên trong phạm vi quản lý của bạn: "
                     "không được để trống mã cấp trên.", id="detach-commune"),
        pytest.param(["LC.B", "Huyện ủy B", "HUYEN", "LC.A", None, None, None], "Mã",
                     "Tổ chức “LC.B” ngoài phạm vi quản lý của người nhập.", id="pull-another-district-in"),
    ],
)
def test_a_district_user_cannot_change_the_scope_root_or_cross_the_border(tree, staff_a, row, column, message):
    before = organization_rows()

    result = run_import({"ToChuc": [row], "CanBo": []}, user=staff_a)

    assert problems(result) == [("ToChuc", 2, column, message)]
    assert organization_rows() == before
    assert not ImportBatch.objects.exists()


def test_a_refused_organization_row_stops_the_whole_workbook(tree, staff_a):
    before = organization_rows()
    rows = {
        "ToChuc": [DISTRICT_A, ["LC.A.X3", "Xã X3 A", "XA", "LC.A", "DANG_BO", None, None],
                   ["LC.A.X1", "Xã X1 A", "XA", "LC.B", "DANG_BO", None, None]],
        "CanBo": [NEW_OFFICIAL],
        "ChucVu": [["N1", "LC.A.X2", "CT_UBND_XA", "01/01/2020", None]],
    }

    result = run_import(rows, user=staff_a)

    assert problems(result) == [("ToChuc", 4, "Mã cấp trên", OUTSIDE_PARENT)]
    assert organization_rows() == before
    assert not Official.objects.filter(code="N1").exists()


def test_a_district_user_still_manages_the_organizations_below_the_root(tree, staff_a):
    rows = {"ToChuc": [
        DISTRICT_A,  # the root, unchanged, as the district's own export has it
        ["LC.A.X3", "Xã X3 A", "XA", "LC.A", "DANG_BO", None, None],
        ["LC.A.X3.C1", "Chi bộ thôn 1", "CHI_BO", "LC.A.X3", None, None, None],
        ["LC.A.X2", "Xã X2 A (đổi tên)", "XA", "LC.A.X1", "DANG_BO", None, "01/01/2024"],
    ], "CanBo": []}

    result = run_import(rows, user=staff_a)

    assert result.ok, result.problems
    assert result.summary["ToChuc"] == {"created": 2, "updated": 1, "unchanged": 1, "deleted": 0}
    x2 = Organization.objects.get(code="LC.A.X2")
    assert (x2.name, x2.parent.code, x2.ceased_on) == ("Xã X2 A (đổi tên)", "LC.A.X1", dt.date(2024, 1, 1))
    assert Organization.objects.get(code="LC.A.X3.C1").is_within(tree["LC.A"])


def test_a_superuser_may_move_detach_re_kind_and_cease_a_district(tree):
    root = make_user("root", None, is_superuser=True, is_staff=True)
    rows = {"ToChuc": [
        ["LC.A", "Huyện ủy A", "HUYEN", "LC.B", None, None, "01/01/2024"],
        ["LC.B.X9", "Xã X9 B", "XA", "LC.B", "DANG_BO", None, None],
        ["LC.B", "Thị ủy B", "TINH", None, None, None, None],
    ], "CanBo": []}

    result = run_import(rows, user=root)

    assert result.ok, result.problems
    a, b = Organization.objects.get(code="LC.A"), Organization.objects.get(code="LC.B")
    assert (a.parent, a.ceased_on, b.parent, b.kind) == (b, dt.date(2024, 1, 1), None, "TINH")
    assert Organization.objects.get(code="LC.A.X1").is_within(b)


# --- B: a new official must be placed inside the scope ---------------------------------------


def test_a_new_official_without_a_position_in_the_scope_is_refused(tree, staff_a):
    result = run_import({"ToChuc": [], "CanBo": [NEW_OFFICIAL]}, user=staff_a)

    assert problems(result) == [("CanBo", 2, "Mã cán bộ", NEEDS_POSITION)]
    assert not Official.objects.filter(code="N1").exists()


def test_a_new_official_with_a_position_outside_the_scope_is_refused(tree, staff_a):
    rows = {"ToChuc": [], "CanBo": [NEW_OFFICIAL], "ChucVu": [["N1", "LC.B.X1", "CT_UBND_XA", "01/01/2020", None]]}

    result = run_import(rows, user=staff_a)

    assert problems(result) == [
        ("ChucVu", 2, "Mã tổ chức", "Tổ chức “LC.B.X1” ngoài phạm vi quản lý của người nhập.")]
    assert not Official.objects.filter(code="N1").exists()


def test_a_new_official_with_a_position_in_the_scope_is_created(tree, staff_a):
    rows = {"ToChuc": [], "CanBo": [NEW_OFFICIAL], "ChucVu": [["N1", "LC.A.X1", "CT_UBND_XA", "01/01/2020", None]]}

    result = run_import(rows, user=staff_a)

    assert result.ok, result.problems
    assert Official.objects.visible_to(staff_a).filter(code="N1").exists()


def test_the_whole_database_may_create_an_official_without_a_position(tree):
    result = run_import({"ToChuc": [], "CanBo": [NEW_OFFICIAL]})

    assert result.ok, result.problems
    assert Official.objects.filter(code="N1").exists()


# --- C: nothing about other scopes leaks -----------------------------------------------------


def test_a_cccd_of_another_district_gets_one_message_that_names_no_one(tree, staff_a, other_district_official):
    rows = {
        "ToChuc": [],
        "CanBo": [[*NEW_OFFICIAL[:5], "001080000999", None, None]],
        "ChucVu": [["N1", "LC.A.X1", "CT_UBND_XA", "01/01/2020", None]],
    }

    result = run_import(rows, user=staff_a)

    assert problems(result) == [("CanBo", 2, "Số CCCD", CITIZEN_ID_USED_ELSEWHERE)]
    assert not Official.objects.filter(code="N1").exists()


def test_a_cccd_inside_the_district_names_its_owner(tree, staff_a):
    own = make_official("A1", citizen_id="001080000123")
    add_position(own, tree["LC.A.X2"], "CC_VPTK", dt.date(2018, 1, 1))
    rows = {
        "ToChuc": [],
        "CanBo": [[*NEW_OFFICIAL[:5], "001080000123", None, None]],
        "ChucVu": [["N1", "LC.A.X1", "CT_UBND_XA", "01/01/2020", None]],
    }

    result = run_import(rows, user=staff_a)

    assert problems(result) == [("CanBo", 2, "Số CCCD", "Số CCCD “001080000123” đã thuộc về cán bộ “A1”.")]


def test_a_record_row_cannot_tell_an_official_of_another_district_from_an_unknown_code(
    tree, staff_a, other_district_official
):
    rows = {"ToChuc": [], "CanBo": [], "DanhGia": [["BX-7731", 2022, "HTNV"], ["ZZ-0000", 2022, "HTNV"]]}

    result = run_import(rows, user=staff_a)

    assert problems(result) == [
        ("DanhGia", 2, "Mã cán bộ", f"Mã cán bộ “BX-7731” {UNUSABLE_CODE}"),
        ("DanhGia", 3, "Mã cán bộ", f"Mã cán bộ “ZZ-0000” {UNUSABLE_CODE}"),
    ]
    assert not other_district_official.evaluations.exists()


def test_a_code_of_another_district_is_only_said_to_be_used(tree, staff_a, other_district_official):
    rows = {
        "ToChuc": [],
        "CanBo": [["BX-7731", "Lường Văn Sơn", "Nam", "28/02/1990", "Thái", None, None, None]],
        "ChucVu": [["BX-7731", "LC.A.X1", "CT_UBND_XA", "01/01/2020", None]],
    }

    result = run_import(rows, user=staff_a)

    assert problems(result) == [
        ("CanBo", 2, "Mã cán bộ", "Mã cán bộ “BX-7731” đã được dùng, hãy chọn mã khác."),
        ("ChucVu", 2, "Mã cán bộ", f"Mã cán bộ “BX-7731” {UNUSABLE_CODE}"),
    ]
    other_district_official.refresh_from_db()
    assert other_district_official.full_name == "Vàng A Chư"
    assert other_district_official.positions.count() == 1


# --- the import page shows the row's message -------------------------------------------------


@pytest.fixture
def page_client(client, settings, staff_a):
    settings.IMPORT_IN_BACKGROUND = False
    client.force_login(staff_a)
    return client


def upload(client, rows):
    data = workbook_bytes(rows)
    data.name = "tep.xlsx"
    return client.post(reverse("cadre:import_upload"), {"workbook": data}, follow=True)


def test_the_import_page_refuses_moving_the_district_and_says_why(tree, page_client):
    before = organization_rows()

    response = upload(page_client, {"ToChuc": [["LC.A", "Huyện ủy A", "HUYEN", "LC.B", None, None, None]], "CanBo": []})

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["job"].ok is False
    assert root_locked_message("LC.A") in body
    assert "chưa có dữ liệu nào được ghi" in body
    assert organization_rows() == before


def test_the_import_page_names_no_official_of_another_district(tree, page_client, other_district_official):
    response = upload(page_client, {
        "ToChuc": [],
        "CanBo": [[*NEW_OFFICIAL[:5], "001080000999", None, None]],
        "ChucVu": [["N1", "LC.A.X1", "CT_UBND_XA", "01/01/2020", None]],
        "DanhGia": [["BX-7731", 2022, "HTNV"]],
    })

    body = response.content.decode()
    assert CITIZEN_ID_USED_ELSEWHERE in body
    assert "Vàng A Chư" not in body
    assert body.count("BX-7731") == 1  # only where the user's own DanhGia row is quoted back
    assert f"Mã cán bộ “BX-7731” {UNUSABLE_CODE}" in body
    assert not Official.objects.filter(code="N1").exists()
