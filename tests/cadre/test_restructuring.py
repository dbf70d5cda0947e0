"""The restructuring tool (cadre.services.restructuring): merger, split, refusals, scope, page and command."""
import datetime as dt
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from cadre.models import ChangeRecord, Organization, PlanningEntry, PositionRecord, PositionTitle, Succession
from cadre.services.restructuring import (
    CONFIRM_MESSAGE, RestructureRefused, RestructureRequest, plan_restructuring, restructure,
)
from tests.factories import add_position, make_district_tree, make_official, make_organization, make_user

pytestmark = pytest.mark.django_db

D = dt.date(2025, 7, 1)
EVE = dt.date(2025, 6, 30)


@pytest.fixture
def tree():
    orgs = make_district_tree("LC")
    orgs["LC.A.X1"].founded_on = dt.date(2000, 1, 1)
    orgs["LC.A.X1"].save()
    orgs["LC.A.X1.AP1"] = make_organization("LC.A.X1.AP1", "CHI_BO", orgs["LC.A.X1"], form="AP",
                                            name="Chi bộ ấp 1")
    orgs["LC.A.X1.AP0"] = make_organization("LC.A.X1.AP0", "CHI_BO", orgs["LC.A.X1"], form="AP",
                                            name="Chi bộ ấp 0", ceased_on=dt.date(2020, 1, 1))
    return orgs


@pytest.fixture
def people(tree):
    """Holders at X1 (with a hamlet cell) and X2; one position ended before D; planning at X2."""
    an, binh, chi, dung = (make_official(code, full_name=name) for code, name in (
        ("P1", "Nguyễn Văn An"), ("P2", "Trần Thị Bình"), ("P3", "Lê Văn Chí"), ("P4", "Phạm Dũng")))
    add_position(an, tree["LC.A.X1"], "BT_DU", dt.date(2020, 10, 1))
    add_position(binh, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2021, 5, 1), dt.date(2026, 12, 31))
    add_position(chi, tree["LC.A.X1.AP1"], "PBT_DU", dt.date(2022, 1, 1))
    add_position(dung, tree["LC.A.X2"], "BT_DU", dt.date(2015, 1, 1), dt.date(2020, 9, 30))
    PlanningEntry.objects.create(official=binh, title=PositionTitle.objects.get(code="BT_DU"),
                                 organization=tree["LC.A.X2"], term="2025-2030", approved_on=dt.date(2024, 3, 1))
    PlanningEntry.objects.create(official=chi, title=PositionTitle.objects.get(code="PBT_DU"),
                                 organization=tree["LC.A.X2"], term="2020-2025", approved_on=dt.date(2020, 3, 1),
                                 removed_on=dt.date(2024, 1, 1))
    return {"an": an, "binh": binh, "chi": chi, "dung": dung}


def merger(**changes) -> RestructureRequest:
    values = dict(old_codes=("LC.A.X1", "LC.A.X2"), new_code="LC.M", new_name="Đảng bộ xã M", kind="XA",
                  parent_code="LC", date=D, form="DANG_BO", category="XA", move_holders=True)
    values.update(changes)
    return RestructureRequest(**values)


def snapshot() -> dict:
    return {
        "organizations": sorted(Organization.objects.values_list("code", "ceased_on", "founded_on", "parent_id")),
        "successions": sorted(Succession.objects.values_list("successor_id", "predecessor_id")),
        "positions": sorted(PositionRecord.objects.values_list("pk", "organization_id", "start_date", "end_date")),
        "planning": sorted(PlanningEntry.objects.values_list("pk", "organization_id", "approved_on", "removed_on")),
        "audit": ChangeRecord.objects.count(),
    }


def positions_of(official) -> list[tuple]:
    return sorted(official.positions.values_list("organization__code", "title__code", "start_date", "end_date"))


# --- the merger ---------------------------------------------------------------------------------------


def test_a_merger_with_holders_moved_writes_every_row_and_its_audit_entry(tree, people):
    start = ChangeRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    plan = restructure(None, merger())

    new = Organization.objects.get(code="LC.M")
    assert (new.name, new.kind, new.form, new.category, new.parent.code, new.founded_on, new.ceased_on) == (
        "Đảng bộ xã M", "XA", "DANG_BO", "XA", "LC", D, None)
    assert sorted(new.predecessors.values_list("code", flat=True)) == ["LC.A.X1", "LC.A.X2"]
    ceased = dict(Organization.objects.filter(code__startswith="LC.A.X").values_list("code", "ceased_on"))
    # The old communes and their existing cell cease on D; a cell ceased in 2020 keeps its date; parents kept.
    assert ceased == {"LC.A.X1": D, "LC.A.X2": D, "LC.A.X1.AP1": D, "LC.A.X1.AP0": dt.date(2020, 1, 1)}
    assert Organization.objects.get(code="LC.A.X1.AP1").parent.code == "LC.A.X1"
    assert Organization.objects.get(code="LC.A.PNV").ceased_on is None

    assert positions_of(people["an"]) == [
        ("LC.A.X1", "BT_DU", dt.date(2020, 10, 1), EVE), ("LC.M", "BT_DU", D, None)]
    assert positions_of(people["binh"]) == [  # a future end is kept at the new unit
        ("LC.A.X2", "CT_UBND_XA", dt.date(2021, 5, 1), EVE), ("LC.M", "CT_UBND_XA", D, dt.date(2026, 12, 31))]
    assert positions_of(people["chi"]) == [
        ("LC.A.X1.AP1", "PBT_DU", dt.date(2022, 1, 1), EVE), ("LC.M", "PBT_DU", D, None)]
    assert positions_of(people["dung"]) == [("LC.A.X2", "BT_DU", dt.date(2015, 1, 1), dt.date(2020, 9, 30))]
    assert sorted(PlanningEntry.objects.values_list("official__code", "organization__code", "term", "approved_on",
                                                    "removed_on")) == [
        ("P2", "LC.A.X2", "2025-2030", dt.date(2024, 3, 1), D),
        ("P2", "LC.M", "2025-2030", D, None),
        ("P3", "LC.A.X2", "2020-2025", dt.date(2020, 3, 1), dt.date(2024, 1, 1)),
    ]
    assert PositionRecord.objects.get(official=people["an"], organization__code="LC.A.X1").version == 2

    entries = list(ChangeRecord.objects.filter(pk__gt=start).order_by("pk").values_list(
        "entity", "action", "key", "source", "before", "after"))
    by_kind = {}
    for entity, action, *_ in entries:
        by_kind[(entity, action)] = by_kind.get((entity, action), 0) + 1
    assert by_kind == {("ToChuc", "update"): 3, ("ToChuc", "create"): 1, ("ChucVu", "update"): 3,
                       ("ChucVu", "create"): 3, ("QuyHoach", "update"): 1, ("QuyHoach", "create"): 1}
    assert {source for _, _, _, source, _, _ in entries} == {"command"}
    created = ChangeRecord.objects.get(pk__gt=start, entity="ToChuc", action="create")
    assert (created.key, created.after["predecessors"], created.after["founded_on"]) == (
        "LC.M", ["LC.A.X1", "LC.A.X2"], "2025-07-01")
    ended = ChangeRecord.objects.get(pk__gt=start, entity="ToChuc", action="update", key="LC.A.X1")
    assert (ended.before, ended.after) == ({"ceased_on": None}, {"ceased_on": "2025-07-01"})
    an_ended = ChangeRecord.objects.get(pk__gt=start, entity="ChucVu", action="update", official=people["an"])
    assert (an_ended.before, an_ended.after) == ({"end_date": None}, {"end_date": "2025-06-30"})
    assert plan.summary == ("3 tổ chức giải thể từ ngày 01/07/2025; 1 tổ chức được thành lập (LC.M); "
                            "2 quan hệ kế thừa; 3 chức vụ chuyển sang đơn vị mới; 1 quy hoạch chuyển sang đơn vị mới.")


def test_the_dry_run_lists_the_changes_and_writes_nothing(tree, people):
    before = snapshot()
    plan = plan_restructuring(None, merger())
    assert plan.ok and plan.notices == []
    assert [unit.code for unit in plan.ceased] == ["LC.A.X1", "LC.A.X1.AP1", "LC.A.X2"]
    assert [move.text for move in plan.positions] == [
        "Nguyễn Văn An (P1) — Bí thư Đảng ủy xã: kết thúc tại Xã X1 A ngày 30/06/2025; "
        "giữ tại đơn vị mới từ 01/07/2025",
        "Lê Văn Chí (P3) — Phó Bí thư Đảng ủy xã: kết thúc tại Chi bộ ấp 1 ngày 30/06/2025; "
        "giữ tại đơn vị mới từ 01/07/2025",
        "Trần Thị Bình (P2) — Chủ tịch UBND xã: kết thúc tại Xã X2 A ngày 30/06/2025; "
        "giữ tại đơn vị mới từ 01/07/2025 đến 31/12/2026",
    ]
    assert [move.entry.official.code for move in plan.planning] == ["P2"]
    assert snapshot() == before


def test_without_moving_holders_positions_stay_and_are_counted_as_a_notice(tree, people):
    plan = restructure(None, merger(move_holders=False))
    assert plan.notices == ["3 chức vụ đang giữ tại các tổ chức giải thể không được chuyển (chưa chọn chuyển "
                            "người giữ chức vụ): hãy kết thúc hoặc chuyển các chức vụ này sau."]
    assert positions_of(people["an"]) == [("LC.A.X1", "BT_DU", dt.date(2020, 10, 1), None)]
    assert not PositionRecord.objects.filter(organization__code="LC.M").exists()


def test_a_rename_is_one_old_unit_to_one_new(tree, people):
    restructure(None, merger(old_codes=("LC.A.X2",), new_code="LC.A.P2", new_name="Phường X2", parent_code="LC.A",
                             category="PHUONG"))
    renamed = Organization.objects.get(code="LC.A.P2")
    assert list(renamed.predecessors.values_list("code", flat=True)) == ["LC.A.X2"]
    assert positions_of(people["binh"]) == [
        ("LC.A.P2", "CT_UBND_XA", D, dt.date(2026, 12, 31)), ("LC.A.X2", "CT_UBND_XA", dt.date(2021, 5, 1), EVE)]


# --- a split --------------------------------------------------------------------------------------------


def test_a_split_is_two_runs_the_second_adds_the_succession_only(tree, people):
    restructure(None, merger(old_codes=("LC.A.X2",), new_code="LC.S1", new_name="Xã S1"))
    after_first = snapshot()
    plan = restructure(None, merger(old_codes=("LC.A.X2",), new_code="LC.S2", new_name="Xã S2"))
    assert [unit.code for unit in plan.already_ceased] == ["LC.A.X2"] and plan.ceased == []
    assert plan.positions == [] and plan.planning == []
    assert set(Succession.objects.values_list("successor__code", "predecessor__code")) == {
        ("LC.S1", "LC.A.X2"), ("LC.S2", "LC.A.X2")}
    assert Organization.objects.get(code="LC.A.X2").ceased_on == D
    assert snapshot()["positions"] == after_first["positions"]
    assert ChangeRecord.objects.count() == after_first["audit"] + 1  # the new unit only


# --- refusals -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("changes, setup, message", [
    ({"old_codes": ("LC.A.X1", "LC.KHONG")}, None,
     "Không tìm thấy tổ chức cũ có mã “LC.KHONG” trong phạm vi quản lý của bạn."),
    ({"old_codes": ()}, None, "Chưa chọn tổ chức cũ: cần ít nhất một tổ chức được sắp xếp."),
    ({}, lambda t: Organization.objects.filter(code="LC.A.X2").update(ceased_on=dt.date(2025, 6, 1)),
     "Tổ chức “LC.A.X2” (Xã X2 A) đã giải thể từ ngày 01/06/2025, trước ngày sắp xếp 01/07/2025."),
    ({"new_code": "lc.b.x1"}, None, "Mã “lc.b.x1” đã được dùng cho một tổ chức khác: chọn mã khác cho tổ chức mới."),
    ({"parent_code": "LC.KHONG"}, None,
     "Không tìm thấy tổ chức cấp trên có mã “LC.KHONG” trong phạm vi quản lý của bạn."),
    ({"parent_code": "LC.B"}, lambda t: Organization.objects.filter(code="LC.B").update(ceased_on=D),
     "Cấp trên “LC.B” (Huyện ủy B) không tồn tại vào ngày 01/07/2025 (đã giải thể hoặc chưa thành lập)."),
    ({"parent_code": "LC.A.X1.AP1"}, None,
     "Cấp trên “LC.A.X1.AP1” là một tổ chức cũ được sắp xếp hoặc nằm trong tổ chức cũ: chọn cấp trên không giải thể."),
    ({"date": dt.date(1999, 12, 31)}, None,
     "Ngày sắp xếp 31/12/1999 trước ngày thành lập 01/01/2000 của tổ chức “LC.A.X1” (Xã X1 A)."),
    ({"category": "PHUONG", "kind": "CO_QUAN"}, None,
     "Nhóm “PHUONG” không dùng cho loại tổ chức Cơ quan, đơn vị."),
])
def test_each_refusal_says_why_and_writes_nothing(tree, people, changes, setup, message):
    if setup:
        setup(tree)
    before = snapshot()
    with pytest.raises(RestructureRefused) as refused:
        restructure(None, merger(**changes))
    assert refused.value.plan.errors == [message]
    assert snapshot() == before


def test_the_same_title_of_one_person_at_two_old_units_is_refused_as_a_duplicate(tree, people):
    add_position(people["an"], tree["LC.A.X2"], "BT_DU", dt.date(2024, 1, 1))
    before = snapshot()
    with pytest.raises(RestructureRefused) as refused:
        restructure(None, merger())
    assert refused.value.plan.errors == [
        "Nguyễn Văn An (P1) — Bí thư Đảng ủy xã: Cán bộ đã có chức vụ Bí thư Đảng ủy xã tại Đảng bộ xã M "
        "từ 01/07/2025: trùng thời gian với chức vụ này."]
    assert snapshot() == before


def test_a_second_holder_of_a_one_holder_title_is_a_notice_that_needs_confirming(tree, people):
    other = make_official("P5", full_name="Hoàng Văn Em")
    add_position(other, tree["LC.A.X2"], "BT_DU", dt.date(2021, 1, 1))
    plan = plan_restructuring(None, merger())
    assert plan.ok
    assert plan.notices == ["Hoàng Văn Em (P5) — Bí thư Đảng ủy xã: Đảng bộ xã M đã có Bí thư Đảng ủy xã "
                            "Nguyễn Văn An từ 01/07/2025; hãy kiểm tra lại."]
    before = snapshot()
    with pytest.raises(RestructureRefused) as refused:
        restructure(None, merger())
    assert refused.value.message == CONFIRM_MESSAGE
    assert snapshot() == before
    restructure(None, merger(), confirm=True)
    assert PositionRecord.objects.filter(organization__code="LC.M", title__code="BT_DU").count() == 2


# --- scope ----------------------------------------------------------------------------------------------


def test_a_district_user_restructures_inside_their_district(tree, people):
    staff = make_user("staff_a", tree["LC.A"])
    restructure(staff, merger(parent_code="LC.A", new_code="LC.A.M"))
    assert Organization.objects.get(code="LC.A.M").parent.code == "LC.A"


@pytest.mark.parametrize("changes, message", [
    ({"old_codes": ("LC.A",), "parent_code": "LC.A"},
     "Tổ chức “LC.A” là tổ chức gốc trong phạm vi quản lý của bạn: chỉ quản trị viên cấp cao nhất (superuser) "
     "mới được sửa mã, tên, loại, cấp trên, hình thức, ngày thành lập hoặc ngày giải thể của tổ chức này.\n"
     "Cấp trên “LC.A” là một tổ chức cũ được sắp xếp hoặc nằm trong tổ chức cũ: chọn cấp trên không giải thể."),
    ({"old_codes": ("LC.A.X1", "LC.B.X1"), "parent_code": "LC.A"},
     "Không tìm thấy tổ chức cũ có mã “LC.B.X1” trong phạm vi quản lý của bạn."),
    ({"parent_code": "LC"}, "Không tìm thấy tổ chức cấp trên có mã “LC” trong phạm vi quản lý của bạn."),
])
def test_a_district_user_is_refused_on_their_root_and_outside(tree, people, changes, message):
    staff = make_user("staff_a", tree["LC.A"])
    before = snapshot()
    with pytest.raises(RestructureRefused) as refused:
        restructure(staff, merger(**changes))
    assert refused.value.plan.errors == message.split("\n")
    assert snapshot() == before


# --- the page -------------------------------------------------------------------------------------------


def page_data(tree, **changes) -> dict:
    data = {"old": "Xã X1 A (LC.A.X1)\nlc.a.x2", "new_code": "LC.A.M", "new_name": "Đảng bộ xã M",
            "kind": "XA", "form": "DANG_BO", "category": "XA", "parent": tree["LC.A"].pk, "date": "01/07/2025",
            "move_holders": "on"}
    data.update(changes)
    return data


def test_the_page_checks_first_then_commits(tree, people):
    client = Client()
    client.force_login(make_user("staff_a", tree["LC.A"]))
    url = reverse("cadre:organization_restructure")
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    # No list of the scope's organizations: the old units are typed or searched within the scope.
    old_field = re.search(r'<textarea[^>]*name="old"[^>]*>', body).group(0)
    search_field = re.search(r'<input[^>]*id="old-search"[^>]*>', body).group(0)
    parent_field = re.search(r'<input[^>]*name="parent"[^>]*>', body).group(0)
    assert 'id="id_old"' in old_field
    assert 'data-search-url="/to-chuc/tim/"' in search_field and 'data-append-to="id_old"' in search_field
    assert 'data-search-url="/to-chuc/tim/"' in parent_field  # the parent is searched within the scope
    assert "<option" not in body.split('name="old"')[1].split("</textarea>")[0]
    assert "Xã X1 A" not in body and "Xã X1 B" not in body

    before = snapshot()
    checked = client.post(url, page_data(tree))
    assert checked.status_code == 200
    body = checked.content.decode()
    assert "Các thay đổi sẽ thực hiện" in body
    assert ("3 tổ chức giải thể từ ngày 01/07/2025; 1 tổ chức được thành lập (LC.A.M); 2 quan hệ kế thừa; "
            "3 chức vụ chuyển sang đơn vị mới; 1 quy hoạch chuyển sang đơn vị mới.") in body
    assert "Nguyễn Văn An (P1) — Bí thư Đảng ủy xã: kết thúc tại Xã X1 A ngày 30/06/2025" in body
    assert 'name="thuc_hien"' in body
    assert snapshot() == before

    done = client.post(url, {**page_data(tree), "thuc_hien": "1"})
    new = Organization.objects.get(code="LC.A.M")
    assert (done.status_code, done["Location"]) == (302, reverse("cadre:organization_tree") + f"?goc={new.pk}")
    assert sorted(new.predecessors.values_list("code", flat=True)) == ["LC.A.X1", "LC.A.X2"]
    assert ("LC.A.M", "BT_DU", D, None) in positions_of(people["an"])
    written = ChangeRecord.objects.filter(entity__in=["ToChuc", "ChucVu", "QuyHoach"], source="form")
    assert set(written.values_list("username", flat=True)) == {"staff_a"}
    assert written.count() == 12  # 3 ceased, 1 created, 3 + 3 positions, 1 + 1 planning


def test_the_page_refuses_a_unit_outside_the_scope_and_shows_service_refusals(tree, people):
    client = Client()
    client.force_login(make_user("staff_a", tree["LC.A"]))
    url = reverse("cadre:organization_restructure")
    before = snapshot()
    outside = client.post(url, {**page_data(tree, old="LC.A.X1\nXã X1 B (LC.B.X1)\nLC.A"), "thuc_hien": "1"})
    assert outside.status_code == 200
    body = outside.content.decode()
    # Another district's unit and the user's own root are refused alike, by the codes typed, which stay.
    assert "Tổ chức đã chọn không có trong phạm vi quản lý của bạn: “LC.B.X1”, “LC.A”." in body
    assert re.search(r'<textarea[^>]*name="old"[^>]*>\s*LC.A.X1\nXã X1 B \(LC.B.X1\)\nLC.A</textarea>', body)
    assert snapshot() == before
    by_id = client.post(url, {**page_data(tree, old=[str(tree["LC.B.X1"].pk)]), "thuc_hien": "1"})
    assert f"Tổ chức đã chọn không có trong phạm vi quản lý của bạn: “{tree['LC.B.X1'].pk}”." in by_id.content.decode()
    Organization.objects.filter(code="LC.A.X2").update(ceased_on=dt.date(2025, 6, 1))
    before = snapshot()
    refused = client.post(url, {**page_data(tree), "thuc_hien": "1"})
    body = refused.content.decode()
    assert "Không sắp xếp được: chưa ghi gì" in body
    assert "Tổ chức “LC.A.X2” (Xã X2 A) đã giải thể từ ngày 01/06/2025, trước ngày sắp xếp 01/07/2025." in body
    assert 'name="thuc_hien"' not in body
    assert snapshot() == before


def test_reviewers_may_not_open_the_page_and_editors_see_the_link(tree):
    reviewer = Client()
    reviewer.force_login(make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    assert reviewer.get(reverse("cadre:organization_restructure")).status_code == 403
    assert reviewer.post(reverse("cadre:organization_restructure"), page_data(tree)).status_code == 403
    assert "Sắp xếp đơn vị" not in reviewer.get(reverse("cadre:organization_tree")).content.decode()
    editor = Client()
    editor.force_login(make_user("staff_a", tree["LC.A"]))
    assert reverse("cadre:organization_restructure") in editor.get(reverse("cadre:organization_tree")).content.decode()


# --- the command ----------------------------------------------------------------------------------------


COMMAND = ["--old", "LC.A.X1,LC.A.X2", "--new-code", "LC.M", "--new-name", "Xã M", "--kind", "XA", "--parent",
           "LC", "--date", "2025-07-01", "--move-holders", "--form", "DANG_BO"]


def test_the_command_dry_run_lists_and_writes_nothing(tree, people, capsys):
    before = snapshot()
    call_command("restructure", *COMMAND, "--dry-run")
    out = capsys.readouterr().out
    assert "3 tổ chức giải thể từ ngày 01/07/2025" in out
    assert "  Giải thể: LC.A.X1.AP1 (Chi bộ ấp 1)" in out
    assert "  Thành lập: LC.M (Xã M), cấp trên LC, kế thừa từ LC.A.X1, LC.A.X2" in out
    assert out.rstrip().endswith("Chạy thử: chưa ghi gì vào cơ sở dữ liệu.")
    assert snapshot() == before


def test_the_command_commits_and_refuses_with_a_non_zero_exit(tree, people, capsys):
    call_command("restructure", *COMMAND)
    assert "Đã sắp xếp: 3 tổ chức giải thể" in capsys.readouterr().out
    assert sorted(Organization.objects.get(code="LC.M").predecessors.values_list("code", flat=True)) == [
        "LC.A.X1", "LC.A.X2"]
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        call_command("restructure", *COMMAND)
    assert str(refused.value) == ("Không sắp xếp được, chưa ghi gì:\n"
                                  "- Mã “LC.M” đã được dùng cho một tổ chức khác: chọn mã khác cho tổ chức mới.")
    with pytest.raises(CommandError) as bad_date:
        call_command("restructure", *COMMAND[:-5], "--date", "31/02/2025")
    assert str(bad_date.value) == "--date: Ngày không tồn tại: “31/02/2025”."
    assert snapshot() == before


def test_the_page_asks_to_confirm_the_notices_before_it_commits(tree, people):
    add_position(make_official("P5", full_name="Hoàng Văn Em"), tree["LC.A.X2"], "BT_DU", dt.date(2021, 1, 1))
    client = Client()
    client.force_login(make_user("staff_a", tree["LC.A"]))
    url = reverse("cadre:organization_restructure")
    checked = client.post(url, page_data(tree)).content.decode()
    assert "Đảng bộ xã M đã có Bí thư Đảng ủy xã Nguyễn Văn An từ 01/07/2025; hãy kiểm tra lại." in checked
    assert 'name="xac_nhan"' in checked
    before = snapshot()
    unconfirmed = client.post(url, {**page_data(tree), "thuc_hien": "1"})
    assert unconfirmed.status_code == 200 and CONFIRM_MESSAGE in unconfirmed.content.decode()
    assert snapshot() == before
    confirmed = client.post(url, {**page_data(tree), "thuc_hien": "1", "xac_nhan": "1"})
    assert confirmed.status_code == 302
    assert PositionRecord.objects.filter(organization__code="LC.A.M", title__code="BT_DU").count() == 2


def test_a_concurrent_write_during_the_commit_undoes_everything(tree, people, monkeypatch):
    from cadre.services import restructuring

    def collide(plan):
        Organization.objects.filter(code="LC.A.X1").update(ceased_on=D)
        Organization.objects.create(code="LC.M", name="Trùng", kind="XA")  # another user's unit, meanwhile

    before = snapshot()
    monkeypatch.setattr(restructuring, "_write", lambda plan: (collide(plan), Organization.objects.create(
        code="LC.M", name="Đảng bộ xã M", kind="XA")))
    with pytest.raises(RestructureRefused) as refused:
        restructure(None, merger())
    assert refused.value.message == restructuring.CONCURRENT_MESSAGE
    assert snapshot() == before


def test_the_old_units_field_reads_codes_and_search_lines_once_each(tree):
    from django import forms as django_forms

    from cadre.forms import OrganizationCodesField

    field = OrganizationCodesField(queryset=Organization.objects.filter(code__startswith="LC.A."))
    chosen = field.clean("Xã X1 A (LC.A.X1)\r\nlc.a.x2, LC.A.X1; \n\n  LC.A.X2  ")
    assert [unit.code for unit in chosen] == ["LC.A.X1", "LC.A.X2"]
    for typed, message in [
        ("", "Chọn ít nhất một tổ chức."),
        ("LC.A.X1\nLC.B.X1\nnot\x00code", "Không có trong phạm vi quản lý của bạn: “LC.B.X1”, “not\x00code”."),
        ("\n".join(f"LC.A.X{i}" for i in range(201)), "Chọn nhiều nhất 200 tổ chức một lần."),
        ("x" * 500, f"Không có trong phạm vi quản lý của bạn: “{'x' * 60}”."),
    ]:
        with pytest.raises(django_forms.ValidationError) as refused:
            field.clean(typed)
        assert refused.value.messages == [message]
    assert field.prepare_value(chosen) == "Xã X1 A (LC.A.X1)\nXã X2 A (LC.A.X2)"
