"""Organizations over time: succession (Kế thừa từ) and category (Nhóm), through the workbook, the admin
and the organization tree."""
import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from cadre.exchange.workbook_export import export_workbook
from cadre.exchange.workbook_import import import_workbook
from cadre.models import ChangeRecord, ImportBatch, Organization, Succession
from cadre.models.organizations import predecessor_closure
from tests.cadre.test_workbook_import import base_rows, problems, workbook_bytes
from tests.factories import make_organization, make_user

pytestmark = pytest.mark.django_db

JULY = "01/07/2025"


def org(code, name, kind="XA", parent="LC.PT", founded=None, ceased=None, predecessors=None, category=None):
    return [code, name, kind, parent, "DANG_BO" if kind == "XA" else None, founded, ceased, predecessors, category]


def restructured_rows() -> dict[str, list[list]]:
    """A and B merge into M on 1 July 2025; S splits into S1 and S2 the same day."""
    rows = base_rows()
    rows["ToChuc"] += [
        org("LC.PT.A", "Đảng bộ xã A", founded="01/01/2000", ceased=JULY, category="XA"),
        org("LC.PT.B", "Đảng bộ thị trấn B", ceased=JULY, category="thi_tran"),
        org("LC.PT.M", "Đảng bộ xã M", founded=JULY, predecessors=" lc.pt.a ; LC.PT.B, ", category="Xã"),
        org("LC.PT.S", "Đảng bộ xã S", ceased=JULY),
        org("LC.PT.S1", "Đảng bộ phường S1", founded=JULY, predecessors="LC.PT.S", category="PHUONG"),
        org("LC.PT.S2", "Đảng bộ xã S2", founded=JULY, predecessors="lc.pt.s", category="XA"),
        org("LC.PT.VP", "Văn phòng Huyện ủy", kind="CO_QUAN", category="DANG"),
    ]
    return rows


def edges() -> set[tuple[str, str]]:
    return set(Succession.objects.values_list("successor__code", "predecessor__code"))


def exported(organization=None) -> io.BytesIO:
    buffer = io.BytesIO()
    export_workbook(organization, buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def restructured():
    result = import_workbook(workbook_bytes(restructured_rows()))
    assert result.ok, result.problems
    return {organization.code: organization for organization in Organization.objects.all()}


# --- the workbook --------------------------------------------------------------------------------------


def test_a_merger_and_a_split_are_stored_exactly(restructured):
    assert edges() == {
        ("LC.PT.M", "LC.PT.A"), ("LC.PT.M", "LC.PT.B"), ("LC.PT.S1", "LC.PT.S"), ("LC.PT.S2", "LC.PT.S"),
    }
    assert {code: organization.category for code, organization in restructured.items()} == {
        "LC": "", "LC.PT": "", "LC.TD": "", "LC.PT.MUONGSO": "", "LC.PT.S": "",
        "LC.PT.A": "XA", "LC.PT.B": "THI_TRAN", "LC.PT.M": "XA", "LC.PT.S1": "PHUONG", "LC.PT.S2": "XA",
        "LC.PT.VP": "DANG",
    }
    assert list(restructured["LC.PT.S"].successors.order_by("code").values_list("code", flat=True)) == [
        "LC.PT.S1", "LC.PT.S2",
    ]
    created = ChangeRecord.objects.get(entity="ToChuc", key="LC.PT.M")
    assert (created.before, created.after["predecessors"], created.after["category"]) == (
        None, ["LC.PT.A", "LC.PT.B"], "XA",
    )


def test_export_then_import_changes_nothing(restructured):
    before = (edges(), list(Organization.objects.order_by("code").values()), ChangeRecord.objects.count())

    result = import_workbook(exported())

    assert result.ok, result.problems
    assert (result.batch, result.changes) == (None, [])
    assert all(not (counts["created"] or counts["updated"] or counts["deleted"]) for counts in result.summary.values())
    assert (edges(), list(Organization.objects.order_by("code").values()), ChangeRecord.objects.count()) == before


def test_the_export_writes_the_codes_and_the_category():
    from openpyxl import load_workbook

    assert import_workbook(workbook_bytes(restructured_rows())).ok
    sheet = load_workbook(exported())["ToChuc"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert [cell.value for cell in sheet[1]][7:] == ["Kế thừa từ", "Nhóm"]
    assert rows["LC.PT.M"][7:] == ("LC.PT.A, LC.PT.B", "XA")
    assert rows["LC.PT.A"][7:] == (None, "XA")


def test_changing_the_predecessors_rewrites_the_edges_and_is_audited(restructured):
    rows = restructured_rows()
    rows["ToChuc"][6][7] = "LC.PT.A"  # M: formed from A alone
    rows["ToChuc"][9][7] = None  # S2: no predecessor any more

    result = import_workbook(workbook_bytes(rows))

    assert result.ok, result.problems
    assert edges() == {("LC.PT.M", "LC.PT.A"), ("LC.PT.S1", "LC.PT.S")}
    assert result.summary["ToChuc"] == {"created": 0, "updated": 2, "unchanged": 9, "deleted": 0}
    assert [line.text for line in result.changes] == [
        "Kế thừa từ: LC.PT.A, LC.PT.B → LC.PT.A",
        "Kế thừa từ: LC.PT.S → (trống)",
    ]
    entry = ChangeRecord.objects.get(entity="ToChuc", key="LC.PT.M", action="update")
    assert (entry.before["predecessors"], entry.after["predecessors"]) == (["LC.PT.A", "LC.PT.B"], ["LC.PT.A"])


def test_without_the_column_the_stored_succession_stays(restructured):
    rows = {"ToChuc": [row[:7] for row in restructured_rows()["ToChuc"]], "CanBo": []}
    headers = {"ToChuc": ["Mã", "Tên", "Loại", "Mã cấp trên", "Hình thức", "Ngày thành lập", "Ngày giải thể"]}

    result = import_workbook(workbook_bytes(rows, headers))

    assert result.ok and result.batch is None, result.problems
    assert len(edges()) == 4
    assert Organization.objects.get(code="LC.PT.S1").category == "PHUONG"


def assert_refused(rows, expected, user=None):
    batches, entries, stored = ImportBatch.objects.count(), ChangeRecord.objects.count(), edges()
    organizations = list(Organization.objects.order_by("code").values())
    result = import_workbook(workbook_bytes(rows), user=user)
    assert problems(result) == expected
    assert (ImportBatch.objects.count(), ChangeRecord.objects.count(), edges()) == (batches, entries, stored)
    assert list(Organization.objects.order_by("code").values()) == organizations


@pytest.mark.parametrize("row, column, message", [
    (org("LC.PT.N", "Xã N", predecessors="LC.PT.MUONGSO; LC.PT.KHONGCO"), "Kế thừa từ",
     "Mã tổ chức tiền thân “LC.PT.KHONGCO” không có trong sheet ToChuc và chưa có trong cơ sở dữ liệu."),
    (org("LC.PT.N", "Xã N", predecessors="lc.pt.n"), "Kế thừa từ", "Tổ chức “LC.PT.N” không thể kế thừa từ chính nó."),
    (org("LC.PT.N", "Xã N", category="HUYEN_MOI"), "Nhóm",
     "Nhóm không hợp lệ: “HUYEN_MOI” (chấp nhận: DANG, MTTQ_DOAN_THE, NHA_NUOC, SU_NGHIEP_GD, SU_NGHIEP_KHAC, "
     "XA, PHUONG, THI_TRAN)."),
    (org("LC.PT.N", "Xã N", category="NHA_NUOC"), "Nhóm",
     "Nhóm “NHA_NUOC” không dùng cho loại tổ chức XA (Xã, thị trấn); chấp nhận: XA, PHUONG, THI_TRAN."),
    (org("LC.PT.N", "Sở N", kind="CO_QUAN", category="PHUONG"), "Nhóm",
     "Nhóm “PHUONG” không dùng cho loại tổ chức CO_QUAN (Cơ quan, đơn vị); chấp nhận: DANG, MTTQ_DOAN_THE, "
     "NHA_NUOC, SU_NGHIEP_GD, SU_NGHIEP_KHAC."),
    (org("LC.PT.N", "Huyện N", kind="HUYEN", parent="LC", category="XA"), "Nhóm",
     "Nhóm “XA” không dùng cho loại tổ chức HUYEN (Huyện); loại này không có nhóm, hãy để trống."),
])
def test_each_bad_cell_is_refused_on_its_row_and_column_and_nothing_is_written(row, column, message):
    rows = base_rows()
    rows["ToChuc"].append(row)
    assert_refused(rows, [("ToChuc", 6, column, message)])
    assert not Organization.objects.exists()


def test_a_successor_founded_before_its_predecessor_ceased_is_refused(restructured):
    rows = restructured_rows()
    rows["ToChuc"][6][5] = "30/06/2025"  # M founded the day before A and B cease

    assert_refused(rows, [
        ("ToChuc", 8, "Kế thừa từ", "Tổ chức “LC.PT.M” thành lập ngày 30/06/2025 trước ngày giải thể của tổ chức "
                                    "tiền thân “LC.PT.A” (01/07/2025)."),
        ("ToChuc", 8, "Kế thừa từ", "Tổ chức “LC.PT.M” thành lập ngày 30/06/2025 trước ngày giải thể của tổ chức "
                                    "tiền thân “LC.PT.B” (01/07/2025)."),
    ])


def test_a_predecessor_ceasing_later_in_the_database_is_refused_too(restructured):
    # A row naming a stored predecessor: its stored end date counts.
    rows = {"ToChuc": [org("LC.PT.N", "Xã N", founded="01/01/2025", predecessors="LC.PT.S")], "CanBo": []}
    assert_refused(rows, [
        ("ToChuc", 2, "Kế thừa từ", "Tổ chức “LC.PT.N” thành lập ngày 01/01/2025 trước ngày giải thể của tổ chức "
                                    "tiền thân “LC.PT.S” (01/07/2025)."),
    ])


def test_a_cycle_through_the_file_and_the_database_is_refused(restructured):
    # The database says M was formed from A; the file says A was formed from M.
    rows = {"ToChuc": [org("LC.PT.A", "Đảng bộ xã A", founded="01/01/2000", ceased=JULY, category="XA",
                           predecessors="LC.PT.M")], "CanBo": []}
    assert_refused(rows, [
        ("ToChuc", 2, "Kế thừa từ", "Kế thừa từ tạo thành vòng lặp: LC.PT.A → LC.PT.M → LC.PT.A."),
    ])


def test_a_cycle_inside_the_file_is_refused_on_each_of_its_rows():
    rows = base_rows()
    rows["ToChuc"] += [org("LC.PT.P", "Xã P", predecessors="LC.PT.Q"), org("LC.PT.Q", "Xã Q", predecessors="LC.PT.P")]
    assert_refused(rows, [
        ("ToChuc", 6, "Kế thừa từ", "Kế thừa từ tạo thành vòng lặp: LC.PT.P → LC.PT.Q → LC.PT.P."),
        ("ToChuc", 7, "Kế thừa từ", "Kế thừa từ tạo thành vòng lặp: LC.PT.Q → LC.PT.P → LC.PT.Q."),
    ])


def test_district_staff_cannot_name_a_predecessor_outside_their_district(restructured):
    tam_duong = make_organization("LC.TD.BANGIANG", "XA", restructured["LC.TD"], ceased_on=dt.date(2025, 7, 1))
    user = make_user("phongtho", restructured["LC.PT"])
    rows = {"ToChuc": [org("LC.PT.N", "Xã N", founded=JULY, predecessors=f"LC.PT.A, {tam_duong.code.lower()}")],
            "CanBo": []}

    assert_refused(rows, [
        ("ToChuc", 2, "Kế thừa từ", "Tổ chức tiền thân “LC.TD.BANGIANG” ngoài phạm vi quản lý của người nhập."),
    ], user=user)

    rows["ToChuc"][0][7] = "LC.PT.A"  # inside the district: allowed
    assert import_workbook(workbook_bytes(rows), user=user).ok
    assert ("LC.PT.N", "LC.PT.A") in edges()


# --- the model -----------------------------------------------------------------------------------------


def test_the_database_refuses_a_category_of_another_kind_and_self_succession():
    commune = make_organization("X", "XA", category="PHUONG")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organization("Y", "XA", category="DANG")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organization("Z", "HUYEN", category="XA")
    with pytest.raises(IntegrityError), transaction.atomic():
        Succession.objects.create(successor=commune, predecessor=commune)
    assert list(Organization.objects.values_list("code", flat=True)) == ["X"]


def test_history_does_not_vanish(restructured):
    with pytest.raises(ProtectedError):
        restructured["LC.PT.A"].delete()
    with pytest.raises(ProtectedError):
        restructured["LC.PT.M"].delete()
    assert len(edges()) == 4


def test_the_predecessor_closure_is_recursive_in_one_query(restructured, django_assert_num_queries):
    later = make_organization("LC.PT.Z", "XA", restructured["LC.PT"])
    Succession.objects.create(successor=later, predecessor=restructured["LC.PT.M"])
    Succession.objects.create(successor=later, predecessor=restructured["LC.PT.S1"])
    with django_assert_num_queries(1):
        closure = predecessor_closure([later.pk])
    codes = {organization.pk: code for code, organization in restructured.items()}
    assert {codes[pk] for pk in closure} == {"LC.PT.M", "LC.PT.A", "LC.PT.B", "LC.PT.S1", "LC.PT.S"}


# --- the organization tree -------------------------------------------------------------------------------


TREE = reverse("cadre:organization_tree")


def test_the_tree_shows_what_a_unit_was_formed_from_and_what_it_became(client, restructured):
    other = make_organization("LC.TD.C", "XA", restructured["LC.TD"], name="Đảng bộ xã C (Tam Đường)",
                              ceased_on=dt.date(2025, 7, 1))
    Succession.objects.create(successor=restructured["LC.PT.M"], predecessor=other)
    client.force_login(make_user("phongtho", restructured["LC.PT"]))

    page = client.get(TREE, {"goc": restructured["LC.PT"].pk}).content.decode()

    a, b, m = (restructured[code].pk for code in ("LC.PT.A", "LC.PT.B", "LC.PT.M"))
    assert (f'Hình thành từ: <a href="{TREE}?goc={b}">Đảng bộ thị trấn B</a>, '
            f'<a href="{TREE}?goc={a}">Đảng bộ xã A</a>, Đảng bộ xã C (Tam Đường) (01/07/2025)') in page
    assert f'Đã sáp nhập vào: <a href="{TREE}?goc={m}">Đảng bộ xã M</a> từ 01/07/2025' in page
    s1, s2 = restructured["LC.PT.S1"].pk, restructured["LC.PT.S2"].pk
    assert (f'Đã sáp nhập vào: <a href="{TREE}?goc={s1}">Đảng bộ phường S1</a>, '
            f'<a href="{TREE}?goc={s2}">Đảng bộ xã S2</a> từ 01/07/2025') in page
    assert f"?goc={other.pk}" not in page  # outside the district: named, never linked


@pytest.mark.parametrize("count", [2, 20])
def test_the_tree_costs_the_same_queries_for_2_or_20_successions(client, count, django_assert_num_queries):
    province = make_organization("LC", "TINH")
    for number in range(count):
        old = make_organization(f"LC.O{number}", "XA", province, ceased_on=dt.date(2025, 7, 1))
        new = make_organization(f"LC.N{number}", "XA", province, founded_on=dt.date(2025, 7, 1))
        Succession.objects.create(successor=new, predecessor=old)
    client.force_login(make_user("tinh", province))
    # session, user, scope organization, organizations, positions, statistics, succession edges, demo banner
    with django_assert_num_queries(8):
        page = client.get(TREE).content.decode()
    assert page.count("Hình thành từ:") == page.count("Đã sáp nhập vào:") == count


# --- the admin -----------------------------------------------------------------------------------------


@pytest.fixture
def admin_a(client):
    from django.contrib.auth.models import Permission

    from accounts.models import Role
    from tests.factories import make_district_tree

    tree = make_district_tree("LC")
    staff = make_user("staff_a", tree["LC.A"], role=Role.ADMIN, is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="cadre"))
    client.force_login(staff)
    return client, tree


def merged_form(tree, predecessors, **fields):
    return {"code": "LC.A.M", "name": "Xã M", "kind": "XA", "parent": tree["LC.A"].pk, "form": "DANG_BO",
            "category": "XA", "founded_on": "01/07/2025", "formed_from": predecessors, **fields}


def test_the_admin_records_a_merger_with_its_predecessors_and_audits_them(admin_a):
    client, tree = admin_a
    Organization.objects.filter(code__in=["LC.A.X1", "LC.A.X2"]).update(ceased_on=dt.date(2025, 7, 1))

    response = client.post(reverse("admin:cadre_organization_add"),
                           merged_form(tree, [tree["LC.A.X1"].pk, tree["LC.A.X2"].pk]))

    assert response.status_code == 302
    assert edges() == {("LC.A.M", "LC.A.X1"), ("LC.A.M", "LC.A.X2")}
    entry = ChangeRecord.objects.get(key="LC.A.M", action="update")
    assert (entry.before, entry.after) == ({"predecessors": []}, {"predecessors": ["LC.A.X1", "LC.A.X2"]})
    filters = client.get(reverse("admin:cadre_organization_changelist")).content.decode()
    assert "?category__exact=PHUONG" in filters


def test_the_admin_refuses_a_predecessor_outside_the_scope_or_ceasing_after_the_founding(admin_a):
    client, tree = admin_a
    Organization.objects.filter(code="LC.A.X1").update(ceased_on=dt.date(2025, 8, 1))

    outside = client.post(reverse("admin:cadre_organization_add"), merged_form(tree, [tree["LC.B.X1"].pk]))
    late = client.post(reverse("admin:cadre_organization_add"), merged_form(tree, [tree["LC.A.X1"].pk]))
    wrong_kind = client.post(reverse("admin:cadre_organization_add"), merged_form(tree, [], category="DANG"))

    assert list(outside.context["adminform"].form.errors) == ["formed_from"]
    assert late.context["adminform"].form.errors == {"formed_from": [
        "Tổ chức “LC.A.M” thành lập ngày 01/07/2025 trước ngày giải thể của tổ chức tiền thân “LC.A.X1” (01/08/2025)."
    ]}
    assert "Nhóm này không dùng cho loại tổ chức đã chọn" in str(wrong_kind.context["adminform"].form.errors)
    assert not Organization.objects.filter(code="LC.A.M").exists() and edges() == set()


def test_the_admin_keeps_a_predecessor_the_user_cannot_see(admin_a):
    client, tree = admin_a
    merged = make_organization("LC.A.M", "XA", tree["LC.A"], name="Xã M")
    Succession.objects.create(successor=merged, predecessor=tree["LC.B.X1"])
    Succession.objects.create(successor=merged, predecessor=tree["LC.A.X1"])

    response = client.post(reverse("admin:cadre_organization_change", args=[merged.pk]),
                           merged_form(tree, [tree["LC.A.X2"].pk], founded_on="", category=""))

    assert response.status_code == 302
    assert edges() == {("LC.A.M", "LC.B.X1"), ("LC.A.M", "LC.A.X2")}


def test_the_admin_refuses_a_cycle_of_succession(admin_a):
    client, tree = admin_a
    x1 = tree["LC.A.X1"]
    merged = make_organization("LC.A.M", "XA", tree["LC.A"], name="Xã M")
    Succession.objects.create(successor=merged, predecessor=x1)
    form = {"code": x1.code, "name": x1.name, "kind": "XA", "parent": tree["LC.A"].pk, "form": "",
            "category": "", "formed_from": [merged.pk]}

    response = client.post(reverse("admin:cadre_organization_change", args=[x1.pk]), form)

    assert response.context["adminform"].form.errors == {"formed_from": [
        "Kế thừa từ tạo thành vòng lặp: tổ chức này đã là tiền thân của một tổ chức được chọn."]}
    assert edges() == {("LC.A.M", "LC.A.X1")}


def test_deleting_an_organization_with_succession_says_why_it_is_refused(restructured):
    from cadre.organization_rules import organization_delete_refusal

    assert organization_delete_refusal(restructured["LC.PT.S"]) == (
        "Không xóa được tổ chức “Đảng bộ xã S” (LC.PT.S) vì còn dữ liệu gắn với tổ chức: "
        "2 tổ chức hình thành từ tổ chức này. Tổ chức đã giải thể hoặc sáp nhập thì ghi “Ngày giải thể”, không xóa."
    )
    assert organization_delete_refusal(restructured["LC.PT.M"]).endswith(
        "vì còn dữ liệu gắn với tổ chức: 2 tổ chức tiền thân (kế thừa từ). "
        "Tổ chức đã giải thể hoặc sáp nhập thì ghi “Ngày giải thể”, không xóa."
    )
