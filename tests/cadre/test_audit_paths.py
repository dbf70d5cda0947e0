"""Every write path and every download leaves an attributed entry; the audit page and the profile read them."""
import datetime as dt
import json
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Role, User
from cadre import audit
from cadre.models import ChangeRecord, ChangeSource, Evaluation, Official
from documents.models import Submission
from tests.documents.test_pages import make_document, tree  # noqa: F401 (fixture: district tree with a plan)
from tests.factories import add_position, make_official, make_user
from tests.web.workbooks import corrected_workbook

pytestmark = pytest.mark.django_db

REPORT_QUERY = {"org": "LC.A", "plan": "01-ĐA/HU", "as_of": "15/05/2023", "baseline": "31/12/2020"}


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.IMPORT_IN_BACKGROUND = False


@pytest.fixture
def duc(tree):  # noqa: F811
    official = make_official("A1", full_name="Nguyễn Văn Đức", birth_date=dt.date(1980, 3, 2))
    add_position(official, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    return official


@pytest.fixture
def staff(tree):  # noqa: F811
    return make_user("staff1", tree["LC.A"], first_name="A", last_name="Nguyễn Văn")


@pytest.fixture
def root():
    return make_user("root", None, is_superuser=True, is_staff=True, role=Role.ADMIN)


def at(entry) -> str:
    moment = timezone.localtime(entry.created_at)
    return f"lúc {moment:%H:%M} ngày {moment:%d/%m/%Y}"


def fields_of(entry) -> tuple:
    return (entry.entity, entry.key, entry.action, entry.source, entry.user, entry.username, entry.official,
            entry.organization_path, entry.before, entry.after)


# --- writes ---------------------------------------------------------------------------------------------------


def test_a_form_edit_reads_in_words_on_the_profile(client, tree, duc, staff):  # noqa: F811
    client.force_login(staff)
    response = client.post(reverse("cadre:official_update", args=[duc.pk]), {
        "code": "A1", "full_name": "Nguyễn Văn Đức", "gender": "NAM", "birth_date": "03/02/1980",
        "ethnic_group": duc.ethnic_group_id, "citizen_id": "", "hometown_organization": "", "hometown_text": "",
        "party_joined_on": "",
    })
    assert response.status_code == 302
    entry = ChangeRecord.objects.get(entity="CanBo", action="update")
    assert fields_of(entry) == ("CanBo", "A1", "update", ChangeSource.FORM, staff, "staff1", duc, "",
                                {"birth_date": "1980-03-02"}, {"birth_date": "1980-02-03"})
    page = client.get(reverse("cadre:official_detail", args=[duc.pk])).content.decode()
    assert (f"<li>Nguyễn Văn A đổi Ngày sinh từ 02/03/1980 thành 03/02/1980 {at(entry)} "
            f"(trang nhập liệu)</li>") in page


def _admin_form_data(client, url) -> dict:
    """The admin change form as it is shown: its fields and every inline's management form, no inline rows."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_an_admin_edit_is_attributed_with_its_values_and_its_inline_rows(client, tree, duc, root):  # noqa: F811
    client.force_login(root)
    url = reverse("admin:cadre_official_change", args=[duc.pk])
    data = _admin_form_data(client, url)
    data.update({"full_name": "Nguyễn Văn Đăng", "birth_date": "03/02/1980",
                 "evaluations-TOTAL_FORMS": "1", "evaluations-0-year": "2025", "evaluations-0-rating": "HTNV"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    duc.refresh_from_db()
    assert (duc.full_name, duc.birth_date) == ("Nguyễn Văn Đăng", dt.date(1980, 2, 3))
    official_entry = ChangeRecord.objects.get(entity="CanBo")
    assert fields_of(official_entry) == (
        "CanBo", "A1", "update", ChangeSource.ADMIN, root, "root", duc, "",
        {"full_name": "Nguyễn Văn Đức", "birth_date": "1980-03-02"},
        {"full_name": "Nguyễn Văn Đăng", "birth_date": "1980-02-03"},
    )
    rating = Evaluation.objects.get(official=duc, year=2025)
    rating_entry = ChangeRecord.objects.get(entity="DanhGia")
    assert fields_of(rating_entry) == ("DanhGia", "A1 | 2025", "create", ChangeSource.ADMIN, root, "root", duc, "",
                                       None, {"official": "A1", "year": 2025, "rating": "HTNV"})
    assert rating.rating == "HTNV"


def test_an_admin_deletion_keeps_the_values(client, tree, root):  # noqa: F811
    from cadre.models import PartyStatistics

    stats = PartyStatistics.objects.create(organization=tree["LC.A.X1"], year=2024, members=120, female=30)
    client.force_login(root)
    response = client.post(reverse("admin:cadre_partystatistics_delete", args=[stats.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not PartyStatistics.objects.exists()
    entry = ChangeRecord.objects.get(entity="DangVien")  # named as the workbook's sheet, like an import's entries
    assert (entry.entity, entry.key, entry.action, entry.source, entry.user, entry.organization_path, entry.after) == (
        "DangVien", "LC.A.X1 | 2024", "delete", ChangeSource.ADMIN, root, tree["LC.A.X1"].path, None)
    assert entry.before["members"] == 120 and entry.before["organization"] == "LC.A.X1"


def test_a_password_change_is_said_and_never_shown(client, staff):
    client.force_login(staff)
    response = client.post(reverse("password_change"), {
        "old_password": "pw-test-123", "new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!",
    })
    assert response.status_code == 302
    entry = ChangeRecord.objects.get(entity="NguoiDung")
    assert (entry.entity, entry.key, entry.action, entry.user, entry.before, entry.after) == (
        "NguoiDung", "staff1", "update", staff, None, {"password": "(đã đổi)"})
    assert "pbkdf2" not in json.dumps(entry.after) and "md5" not in json.dumps(entry.after)


def test_an_import_from_the_page_places_every_entry(client, tree, staff, tmp_path):  # noqa: F811
    client.force_login(staff)
    with open(corrected_workbook(tmp_path / "dung.xlsx"), "rb") as handle:
        job = client.post(reverse("cadre:import_upload"), {"workbook": handle}, follow=True).context["job"]
    client.post(reverse("cadre:import_commit", args=[job.token]))
    son = Official.objects.get(code="N100")
    entries = {(e.entity, e.action): e for e in ChangeRecord.objects.filter(official=son)}
    created = entries[("CanBo", "create")]
    assert (created.source, created.user, created.username, created.key) == (ChangeSource.IMPORT, staff, "staff1",
                                                                             "N100")
    position = entries[("ChucVu", "create")]
    assert (position.source, position.user, position.organization_path) == (
        ChangeSource.IMPORT, staff, tree["LC.A.X1"].path)
    assert position.after["organization"] == "LC.A.X1" and position.batch_id is not None


def test_the_import_command_writes_entries_without_a_user(tree, tmp_path):  # noqa: F811
    call_command("import_workbook", str(corrected_workbook(tmp_path / "dung.xlsx")))
    entry = ChangeRecord.objects.get(entity="CanBo", key="N101")
    assert (entry.source, entry.user, entry.username, entry.action, entry.official) == (
        ChangeSource.IMPORT, None, "", "create", Official.objects.get(code="N101"))


def test_a_plan_import_is_one_entry_created_then_replaced(tree, tmp_path):  # noqa: F811
    # The fixture imported 01-ĐA/HU (a command's write, no user).
    first = ChangeRecord.objects.get(entity="KeHoach")
    assert (first.key, first.action, first.source, first.user, first.organization_path, first.before) == (
        "01-ĐA/HU", "create", ChangeSource.COMMAND, None, tree["LC.A"].path, None)
    assert (first.after["tables"], first.after["rows"], first.after["targets"]) == (1, 2, 2)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({
        "code": "01-ĐA/HU", "title": "Đề án mới", "organization": "LC.A", "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "T", "population": "CB_XA",
                    "rows": [{"label": "Nữ", "indicator": "NU"}]}],
    }), encoding="utf-8")
    call_command("import_plan", str(plan_file))
    replaced = ChangeRecord.objects.filter(entity="KeHoach").latest("id")
    assert (replaced.action, replaced.before["title"], replaced.after["title"], replaced.after["rows"]) == (
        "update", "Đề án xây dựng đội ngũ cán bộ cấp xã", "Đề án mới", 1)


def test_sending_and_accepting_a_report_are_entries(client, tree, staff):  # noqa: F811
    reviewer = make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)
    document = make_document(tree, number="408-BC/HU")
    client.force_login(staff)
    assert client.post(reverse("documents:submit", args=[document.pk]), {"xac_nhan": "1"}).status_code == 302
    submission = Submission.objects.get()
    sent = ChangeRecord.objects.get(action="submit")
    assert (sent.entity, sent.key, sent.source, sent.user, sent.organization_path, sent.before) == (
        "VanBan", "Báo cáo số 408-BC/HU: Sơ kết đề án (lần 1)", ChangeSource.FORM, staff, tree["LC.A"].path, None)
    assert sent.after == {"sequence": 1, "as_of": "2023-05-15", "docx_name": submission.docx_name,
                          "pdf_name": submission.pdf_name}
    client.force_login(reviewer)
    client.post(reverse("documents:submission", args=[submission.pk]), {"action": "accept", "review_note": "Tốt"})
    accepted = ChangeRecord.objects.get(action="accept")
    assert (accepted.user, accepted.before, accepted.after) == (
        reviewer, {"state": "cho_tiep_nhan"}, {"state": "da_tiep_nhan", "review_note": "Tốt"})


# --- downloads ------------------------------------------------------------------------------------------------


def test_every_download_of_personal_data_is_logged(client, tree, duc, staff):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    client.force_login(staff)
    downloads = [
        (reverse("cadre:official_list_xlsx"), {"q": "duc"}, "Danh sách cán bộ (XLSX)"),
        (reverse("cadre:official_exchange_workbook"), {}, "Tệp trao đổi (XLSX)"),
        (reverse("reports:download", args=["xlsx"]), REPORT_QUERY, "Báo cáo (XLSX)"),
        (reverse("reports:download", args=["json"]), REPORT_QUERY, "Báo cáo (JSON)"),
        (reverse("reports:comparison_download"), REPORT_QUERY, "Bảng so sánh (XLSX)"),
        ("/api/bao-cao/", REPORT_QUERY, "Báo cáo (API JSON)"),
        ("/api/so-sanh/", REPORT_QUERY, "Bảng so sánh (API JSON)"),
        (reverse("documents:download", args=[document.pk, "docx"]), {},
         "Văn bản (DOCX): Báo cáo số 408-BC/HU: Sơ kết đề án"),
    ]
    for url, params, what in downloads:
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.content[:500])
        entry = ChangeRecord.objects.latest("id")
        assert (entry.entity, entry.key, entry.action, entry.user, entry.username) == (
            "TaiXuong", what, "export", staff, "staff1"), url
        assert entry.after == {name: value for name, value in params.items()} or "document" in entry.after
    report = ChangeRecord.objects.get(key="Báo cáo (XLSX)")
    assert (report.source, report.organization_path, report.after) == (ChangeSource.FORM, tree["LC.A"].path,
                                                                       REPORT_QUERY)
    assert ChangeRecord.objects.get(key="Báo cáo (API JSON)").source == ChangeSource.API
    assert ChangeRecord.objects.filter(action="export").count() == len(downloads)


def test_a_submission_download_is_logged(client, tree, staff):  # noqa: F811
    document = make_document(tree, number="408-BC/HU")
    client.force_login(staff)
    client.post(reverse("documents:submit", args=[document.pk]), {"xac_nhan": "1"})
    submission = Submission.objects.get()
    assert client.get(reverse("documents:submission_download", args=[submission.pk, "pdf"])).status_code == 200
    entry = ChangeRecord.objects.get(action="export")
    assert (entry.key, entry.user, entry.after, entry.organization_path) == (
        "Báo cáo đã gửi (PDF): Báo cáo số 408-BC/HU: Sơ kết đề án (lần 1)", staff, {"submission": submission.pk},
        tree["LC.A"].path)


def test_the_export_command_is_logged(tree, tmp_path):  # noqa: F811
    call_command("export_workbook", str(tmp_path / "x.xlsx"), "--org", "LC.A")
    entry = ChangeRecord.objects.get(action="export")
    assert (entry.key, entry.source, entry.user, entry.after, entry.organization_path) == (
        "Tệp trao đổi (XLSX)", ChangeSource.COMMAND, None, {"file": str(tmp_path / "x.xlsx"), "org": "LC.A"},
        tree["LC.A"].path)


# --- the audit page -------------------------------------------------------------------------------------------


@pytest.fixture
def entries(tree, duc, staff):  # noqa: F811
    """Entries of district A (an official's edit, an export) and of district B, by two people on two days."""
    # Entries written before (the tree fixture's plan import) are not part of these; the trail cannot be
    # emptied (PostgreSQL refuses DELETE), so the pages' rows are read without them.
    _EARLIER.clear()
    _EARLIER.update(ChangeRecord.objects.values_list("pk", flat=True))
    other = make_user("staff2", tree["LC.B"])
    with audit.audit_context(user=staff, source=ChangeSource.FORM):
        edit = audit.record(entity="CanBo", key="A1", action="update", before={"birth_date": "1980-03-02"},
                            after={"birth_date": "1980-02-03"}, official=duc)
        export = audit.record_export(staff, "Danh sách cán bộ (XLSX)", {"q": "duc"}, organization=tree["LC.A"])
    written_then = timezone.make_aware(dt.datetime(2026, 1, 5, 9, 30))
    with audit.audit_context(user=other, source=ChangeSource.FORM), mock.patch.object(timezone, "now",
                                                                                   return_value=written_then):
        b_entry = audit.record(entity="ToChuc", key="LC.B.X1", action="update", before={"name": "Xã 1"},
                               after={"name": "Xã Một"}, organization=tree["LC.B.X1"])
    b_entry.refresh_from_db()
    return {"edit": edit, "export": export, "b": b_entry, "staff2": other}


_EARLIER: set[int] = set()  # entries written before the `entries` fixture's


def rows_of(response) -> list[tuple]:
    return [(entry.pk, title, key, text) for entry, actor, title, key, text in response.context["rows"]
            if entry.pk not in _EARLIER]


def test_the_audit_page_names_each_actor_with_the_account(client, tree, entries, root):  # noqa: F811
    client.force_login(root)
    response = client.get(reverse("cadre:audit_log"))
    actors = {entry.pk: actor for entry, actor, *_ in response.context["rows"] if entry.pk not in _EARLIER}
    assert actors == {entries["edit"].pk: "Nguyễn Văn A (staff1)", entries["export"].pk: "Nguyễn Văn A (staff1)",
                      entries["b"].pk: "staff2"}
    assert "<td>Nguyễn Văn A (staff1)</td>" in response.content.decode()


def row(entry, title, key, text) -> tuple:
    return entry.pk, title, key, text


def test_the_audit_page_shows_every_entry_in_words_and_filters(client, tree, entries, root):  # noqa: F811
    client.force_login(root)
    url = reverse("cadre:audit_log")
    edit, export, b_entry = entries["edit"], entries["export"], entries["b"]
    edit_row = row(edit, "Cán bộ", "A1",
                   f"Nguyễn Văn A (staff1) đổi Ngày sinh từ 02/03/1980 thành 03/02/1980 {at(edit)} (trang nhập liệu)")
    export_row = row(export, "Tải xuống", "Danh sách cán bộ (XLSX)",
                     f"Nguyễn Văn A (staff1) tải xuống Danh sách cán bộ (XLSX) (q=duc) {at(export)} (trang nhập liệu)")
    b_row = row(b_entry, "Tổ chức", "LC.B.X1",
                "staff2 đổi Tên từ Xã 1 thành Xã Một (tổ chức LC.B.X1) lúc 09:30 ngày 05/01/2026 (trang nhập liệu)")
    response = client.get(url)
    assert response.status_code == 200
    assert sorted(rows_of(response)) == sorted([edit_row, export_row, b_row])
    assert edit_row[3] in response.content.decode()
    assert rows_of(client.get(url, {"nguoi_dung": entries["staff2"].pk})) == [b_row]
    assert rows_of(client.get(url, {"tu_ngay": "01/01/2026", "den_ngay": "05/01/2026"})) == [b_row]
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert sorted(rows_of(client.get(url, {"tu_ngay": today}))) == sorted([edit_row, export_row])
    assert sorted(rows_of(client.get(url, {"to_chuc": tree["LC.A"].pk}))) == sorted([edit_row, export_row])
    assert rows_of(client.get(url, {"to_chuc": tree["LC.B"].pk})) == [b_row]
    assert rows_of(client.get(url, {"doi_tuong": "TaiXuong"})) == [export_row]
    assert rows_of(client.get(url, {"thao_tac": "export", "nguon": "form"})) == [export_row]
    wrong = client.get(url, {"tu_ngay": "05/01/2026", "den_ngay": "01/01/2026"})
    assert wrong.status_code == 400 and "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in wrong.content.decode()


def test_a_district_administrator_sees_only_the_subtree(client, tree, entries):  # noqa: F811
    admin_a = make_user("admin_a", tree["LC.A"], role=Role.ADMIN, is_staff=True)
    client.force_login(admin_a)
    response = client.get(reverse("cadre:audit_log"))
    assert sorted(pk for pk, *_ in rows_of(response)) == sorted([entries["edit"].pk, entries["export"].pk])
    # Choosing district B's organization is not even possible.
    refused = client.get(reverse("cadre:audit_log"), {"to_chuc": tree["LC.B"].pk})
    assert refused.status_code == 400 and rows_of(refused) == rows_of(response)
    assert "Nhật ký" in client.get(reverse("cadre:official_list")).content.decode()


def test_staff_and_reviewers_get_403_and_no_link(client, tree, entries, staff):  # noqa: F811
    reviewer = make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)
    for person in (staff, reviewer):
        client.force_login(person)
        assert client.get(reverse("cadre:audit_log")).status_code == 403
        assert reverse("cadre:audit_log") not in client.get(reverse("cadre:official_list")).content.decode()


def test_nothing_can_change_or_delete_an_entry(client, tree, entries, root):  # noqa: F811
    client.force_login(root)
    assert client.post(reverse("cadre:audit_log"), {"id": entries["edit"].pk}).status_code == 405
    for name in ("admin:cadre_changerecord_change", "admin:cadre_changerecord_delete", "admin:cadre_changerecord_add"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[entries["edit"].pk] if not name.endswith("add") else [])
    assert client.get(f"/admin/cadre/changerecord/{entries['edit'].pk}/change/").status_code == 404
    assert client.post(f"/admin/cadre/changerecord/{entries['edit'].pk}/delete/", {"post": "yes"}).status_code == 404
    assert ChangeRecord.objects.exclude(pk__in=_EARLIER).count() == 3
    entries["edit"].refresh_from_db()
    assert entries["edit"].after == {"birth_date": "1980-02-03"}


# --- constant queries -----------------------------------------------------------------------------------------


def _add_entries(official, user, count):
    with audit.audit_context(user=user, source=ChangeSource.FORM):
        for number in range(count):
            audit.record(entity="CanBo", key=official.code, action="update", before={"full_name": f"X{number}"},
                         after={"full_name": f"Y{number}"}, official=official)


def test_the_profile_and_the_audit_page_cost_the_same_with_2_or_20_entries(
        client, tree, duc, staff, root, django_assert_num_queries):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profile_url, page_url = reverse("cadre:official_detail", args=[duc.pk]), reverse("cadre:audit_log")
    _add_entries(duc, staff, 2)
    client.force_login(root)
    client.get(profile_url)  # the session is read once before counting
    with CaptureQueriesContext(connection) as profile:
        assert client.get(profile_url).status_code == 200
    with CaptureQueriesContext(connection) as page:
        assert client.get(page_url).status_code == 200
    assert len(page.captured_queries) <= 8
    _add_entries(duc, make_user("staff3", tree["LC.A"]), 18)
    with django_assert_num_queries(len(profile.captured_queries)):
        response = client.get(profile_url)
    assert response.content.decode().count("<li>staff3 đổi Họ và tên") == 10  # the ten latest
    with django_assert_num_queries(len(page.captured_queries)):
        response = client.get(page_url)
    assert len(response.context["rows"]) == 20 + ChangeRecord.objects.exclude(entity="CanBo").count()
