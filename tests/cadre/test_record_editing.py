"""District staff correct, delete and end an official's records on the profile: scoped, editors only, audited."""
import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from cadre.models import (
    CareerEvent, ChangeRecord, Evaluation, PlanningEntry, PositionRecord, PositionTitle, QualificationLevel,
    QualificationRecord,
)
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_district_tree("LC")


@pytest.fixture
def duc(tree):
    official = make_official("A1", full_name="Nguyễn Văn Đức")
    add_position(official, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 1))
    add_qualification(official, "CHUYEN_MON", "DAI_HOC", dt.date(2012, 6, 1))
    add_rating(official, 2024, "HTXSNV")
    CareerEvent.objects.create(official=official, kind="BO_NHIEM", date=dt.date(2020, 1, 1),
                               to_organization=tree["LC.A.X1"], note="QĐ 12")
    PlanningEntry.objects.create(official=official, title=PositionTitle.objects.get(code="BT_HU"),
                                 organization=tree["LC.A"], term="2025-2030", approved_on=dt.date(2023, 4, 1))
    return official


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(tree):
    return logged_in(make_user("staff_a", tree["LC.A"]))


def edit_url(official, kind, record):
    return reverse("cadre:record_edit", args=[official.pk, kind, record.pk])


def delete_url(official, kind, record):
    return reverse("cadre:record_delete", args=[official.pk, kind, record.pk])


def form_values(response) -> dict:
    form = response.context["form"]
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def body(response) -> str:
    return html.unescape(response.content.decode())


def test_the_profile_offers_edit_delete_and_end_per_record_to_editors_only(staff, tree, duc):
    page = body(staff.get(reverse("cadre:official_detail", args=[duc.pk])))
    for kind, record in (("chuc-vu", duc.positions.get()), ("trinh-do", duc.qualifications.get()),
                         ("danh-gia", duc.evaluations.get()), ("su-kien", duc.events.get()),
                         ("quy-hoach", duc.planning.get())):
        assert f'href="{edit_url(duc, kind, record)}"' in page, kind
        assert f'href="{delete_url(duc, kind, record)}"' in page, kind
    assert f'href="{reverse("cadre:position_end", args=[duc.pk, duc.positions.get().pk])}"' in page
    reviewer = logged_in(make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    read_only = body(reviewer.get(reverse("cadre:official_detail", args=[duc.pk])))
    assert "/sua/" not in read_only.replace(f'/can-bo/{duc.pk}/sua/', "") and "/xoa/" not in read_only


def test_editing_a_position_writes_the_change_and_an_update_entry(staff, duc, tree):
    position = duc.positions.get()
    url = edit_url(duc, "chuc-vu", position)
    data = {**form_values(staff.get(url)), "end_date": "31/12/2024"}
    response = staff.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("cadre:official_detail", args=[duc.pk])
    position.refresh_from_db()
    assert (position.end_date, position.version) == (dt.date(2024, 12, 31), 2)
    entry = ChangeRecord.objects.get()
    assert (entry.entity, entry.key, entry.action, entry.username, entry.official) == (
        "ChucVu", "A1 | LC.A.X1 | BT_DU | 2020-01-01", "update", "staff_a", duc)
    assert (entry.before, entry.after) == ({"end_date": None}, {"end_date": "2024-12-31"})


def test_editing_each_other_kind(staff, duc, tree):
    qualification = duc.qualifications.get()
    url = edit_url(duc, "trinh-do", qualification)
    level = QualificationLevel.objects.get(qualification_type__code="CHUYEN_MON", code="THAC_SI")
    assert staff.post(url, {**form_values(staff.get(url)), "level": level.pk, "major": "Luật"}).status_code == 302
    qualification.refresh_from_db()
    assert (qualification.level, qualification.major) == (level, "Luật")

    rating = duc.evaluations.get()
    url = edit_url(duc, "danh-gia", rating)
    assert staff.post(url, {**form_values(staff.get(url)), "rating": "HTTNV"}).status_code == 302  # same year: not a duplicate
    assert list(Evaluation.objects.filter(official=duc).values_list("year", "rating")) == [(2024, "HTTNV")]

    event = duc.events.get()
    url = edit_url(duc, "su-kien", event)
    assert staff.post(url, {**form_values(staff.get(url)), "note": "QĐ 12-QĐ/HU"}).status_code == 302
    event.refresh_from_db()
    assert event.note == "QĐ 12-QĐ/HU"

    entry = duc.planning.get()
    url = edit_url(duc, "quy-hoach", entry)
    assert staff.post(url, {**form_values(staff.get(url)), "removed_on": "01/06/2024"}).status_code == 302
    entry.refresh_from_db()
    assert entry.removed_on == dt.date(2024, 6, 1)

    entries = list(ChangeRecord.objects.order_by("id").values_list("entity", "action", "before", "after"))
    assert entries == [
        ("TrinhDo", "update", {"level": "DAI_HOC", "major": ""}, {"level": "THAC_SI", "major": "Luật"}),
        ("DanhGia", "update", {"rating": "HTXSNV"}, {"rating": "HTTNV"}),
        ("SuKien", "update", {"note": "QĐ 12"}, {"note": "QĐ 12-QĐ/HU"}),
        ("QuyHoach", "update", {"removed_on": None}, {"removed_on": "2024-06-01"}),
    ]


def test_an_edit_keeps_the_forms_rules(staff, duc):
    add_rating(duc, 2023, "HTNV")
    rating = duc.evaluations.get(year=2024)
    url = edit_url(duc, "danh-gia", rating)
    response = staff.post(url, {**form_values(staff.get(url)), "year": 2023})
    assert "Cán bộ đã có xếp loại năm 2023" in body(response)
    rating.refresh_from_db()
    assert (rating.year, rating.version) == (2024, 1)
    assert not ChangeRecord.objects.exists()


def test_deleting_asks_first_then_deletes_and_keeps_every_value_in_the_entry(staff, duc):
    rating = duc.evaluations.get()
    url = delete_url(duc, "danh-gia", rating)
    confirm = staff.get(url)
    assert confirm.status_code == 200
    assert "Xóa xếp loại <strong>năm 2024: Hoàn thành xuất sắc nhiệm vụ</strong> khỏi hồ sơ?" in body(confirm)
    assert Evaluation.objects.filter(pk=rating.pk).exists()
    response = staff.post(url, {"version": "1"})
    assert response.status_code == 302
    assert not Evaluation.objects.filter(pk=rating.pk).exists()
    entry = ChangeRecord.objects.get()
    assert (entry.entity, entry.key, entry.action, entry.official, entry.after) == (
        "DanhGia", "A1 | 2024", "delete", duc, None)
    assert entry.before == {"official": "A1", "year": 2024, "rating": "HTXSNV"}


def test_deleting_each_record_kind(staff, duc):
    add_position(duc, duc.positions.get().organization, "UV_BCH_XA", dt.date(2020, 1, 1))  # keeps duc in scope
    for kind, records in (("chuc-vu", PositionRecord.objects.filter(title__code="BT_DU")),
                          ("trinh-do", QualificationRecord.objects.all()), ("su-kien", CareerEvent.objects.all()),
                          ("quy-hoach", PlanningEntry.objects.all())):
        record = records.get(official=duc)
        assert staff.post(delete_url(duc, kind, record), {"version": "1"}).status_code == 302, kind
        assert not records.filter(pk=record.pk).exists(), kind
    deleted = {entry.entity: entry.before for entry in ChangeRecord.objects.filter(action="delete")}
    assert deleted["ChucVu"] == {"official": "A1", "title": "BT_DU", "organization": "LC.A.X1",
                                 "start_date": "2020-01-01", "end_date": None}
    assert deleted["QuyHoach"]["term"] == "2025-2030" and deleted["TrinhDo"]["level"] == "DAI_HOC"
    assert deleted["SuKien"]["note"] == "QĐ 12"


def test_a_stale_delete_is_refused(staff, duc):
    rating = duc.evaluations.get()
    Evaluation.objects.filter(pk=rating.pk).update(version=2)
    response = staff.post(delete_url(duc, "danh-gia", rating), {"version": "1"})
    assert response.status_code == 200
    assert "Thay đổi của bạn chưa được lưu" in body(response) and 'name="version" value="2"' in body(response)
    assert Evaluation.objects.filter(pk=rating.pk).exists()
    assert staff.post(delete_url(duc, "danh-gia", rating), {"version": "2"}).status_code == 302
    assert not Evaluation.objects.filter(pk=rating.pk).exists()


def test_ending_a_position(staff, duc):
    position = duc.positions.get()
    url = reverse("cadre:position_end", args=[duc.pk, position.pk])
    too_early = staff.post(url, {"end_date": "31/12/2019", "version": "1"})
    assert "Ngày kết thúc không được trước ngày bắt đầu giữ chức vụ (01/01/2020)." in body(too_early)
    assert staff.post(url, {"end_date": "30/06/2025", "version": "1"}).status_code == 302
    position.refresh_from_db()
    assert position.end_date == dt.date(2025, 6, 30)
    entry = ChangeRecord.objects.get()
    assert (entry.action, entry.before, entry.after) == ("update", {"end_date": None}, {"end_date": "2025-06-30"})


def test_reviewers_are_refused_and_other_districts_get_404(tree, duc):
    reviewer = logged_in(make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER))
    other = logged_in(make_user("staff_b", tree["LC.B"]))
    position, rating = duc.positions.get(), duc.evaluations.get()
    urls = [edit_url(duc, "chuc-vu", position), delete_url(duc, "danh-gia", rating),
            reverse("cadre:position_end", args=[duc.pk, position.pk])]
    for url in urls:
        assert reviewer.get(url).status_code == 403
        assert reviewer.post(url, {"end_date": "01/01/2025", "version": "1"}).status_code == 403
        assert other.get(url).status_code == 404
        assert other.post(url, {"end_date": "01/01/2025", "version": "1"}).status_code == 404
    position.refresh_from_db()
    assert position.end_date is None and Evaluation.objects.filter(pk=rating.pk).exists()
    assert not ChangeRecord.objects.exists()


def test_a_record_of_another_official_or_kind_is_404(staff, duc, tree):
    hoa = make_official("A2", full_name="Lò Thị Hoa")
    add_position(hoa, tree["LC.A.X2"], "CC_VPTK", dt.date(2019, 1, 1))
    rating = duc.evaluations.get()
    assert staff.get(reverse("cadre:record_edit", args=[hoa.pk, "danh-gia", rating.pk])).status_code == 404
    assert staff.get(reverse("cadre:record_edit", args=[duc.pk, "khong-co", rating.pk])).status_code == 404
    # A position of a district A official held in district B is not district A's to change.
    outside = add_position(duc, tree["LC.B.X1"], "UV_BCH_XA", dt.date(2022, 1, 1))
    assert staff.post(delete_url(duc, "chuc-vu", outside), {"version": "1"}).status_code == 404
    assert PositionRecord.objects.filter(pk=outside.pk).exists()


def test_the_last_position_in_scope_is_ended_not_deleted(staff, duc):
    position = duc.positions.get()
    response = staff.post(delete_url(duc, "chuc-vu", position), {"version": "1"})
    assert response.status_code == 200
    assert "Đây là chức vụ duy nhất của cán bộ trong phạm vi của bạn" in body(response)
    assert PositionRecord.objects.filter(pk=position.pk).exists()
    assert not ChangeRecord.objects.exists()


# --- position rules (cadre.position_rules): forms and the import ------------------------------------------------


def add_position_url(official):
    return reverse("cadre:record_add", args=[official.pk, "chuc-vu"])


def position_data(title, organization, start, end=""):
    return {"title": PositionTitle.objects.get(code=title).pk, "organization": organization.pk, "start_date": start,
            "end_date": end}


def test_an_overlapping_duplicate_position_is_refused(staff, duc, tree):
    response = staff.post(add_position_url(duc), position_data("BT_DU", tree["LC.A.X1"], "01/06/2021"))
    assert response.status_code == 200
    assert ("Cán bộ đã có chức vụ Bí thư Đảng ủy xã tại " + tree["LC.A.X1"].name
            + " từ 01/01/2020: trùng thời gian với chức vụ này.") in body(response)
    assert duc.positions.count() == 1
    # Not overlapping: an earlier, ended term is fine.
    earlier = staff.post(add_position_url(duc), position_data("BT_DU", tree["LC.A.X1"], "01/01/2010", "31/12/2014"))
    assert earlier.status_code == 302 and duc.positions.count() == 2


def test_a_second_holder_of_a_one_person_title_needs_a_confirmation_then_saves(staff, duc, tree):
    hoa = make_official("A2", full_name="Lò Thị Hoa")
    add_position(hoa, tree["LC.A.X2"], "CC_VPTK", dt.date(2019, 1, 1))
    data = position_data("BT_DU", tree["LC.A.X1"], "01/03/2024")
    asked = staff.post(add_position_url(hoa), data)
    page = body(asked)
    assert asked.status_code == 200
    assert f"{tree['LC.A.X1'].name} đã có Bí thư Đảng ủy xã Nguyễn Văn Đức từ 01/01/2020; vẫn lưu?" in page
    assert 'type="checkbox" name="confirmed"' in page and "Tôi đã kiểm tra, vẫn lưu" in page
    assert not hoa.positions.filter(title__code="BT_DU").exists()
    confirmed = staff.post(add_position_url(hoa), {**data, "confirmed": "on"})
    assert confirmed.status_code == 302
    assert hoa.positions.filter(title__code="BT_DU", start_date=dt.date(2024, 3, 1)).exists()


def test_a_title_that_several_hold_needs_no_confirmation(staff, duc, tree):
    add_position(duc, tree["LC.A.X1"], "PCT_UBND_XA", dt.date(2021, 1, 1))
    hoa = make_official("A2", full_name="Lò Thị Hoa")
    add_position(hoa, tree["LC.A.X2"], "CC_VPTK", dt.date(2019, 1, 1))
    response = staff.post(add_position_url(hoa), position_data("PCT_UBND_XA", tree["LC.A.X1"], "01/03/2024"))
    assert response.status_code == 302


def test_the_same_title_at_two_units_at_once_needs_a_confirmation(staff, duc, tree):
    response = staff.post(add_position_url(duc), position_data("BT_DU", tree["LC.A.X2"], "01/06/2021"))
    assert ("Cán bộ cũng giữ chức vụ Bí thư Đảng ủy xã tại " + tree["LC.A.X1"].name
            + " từ 01/01/2020, trùng thời gian; vẫn lưu?") in body(response)
    assert duc.positions.count() == 1


def test_editing_a_position_does_not_collide_with_itself(staff, duc):
    position = duc.positions.get()
    url = edit_url(duc, "chuc-vu", position)
    assert staff.post(url, {**form_values(staff.get(url)), "start_date": "01/02/2020"}).status_code == 302


def test_the_import_refuses_an_overlapping_duplicate_and_notes_a_second_holder(tree, duc):
    from cadre.exchange.workbook_import import import_workbook
    from tests.cadre.test_workbook_import import workbook_bytes

    importer = make_user("importer", tree["LC.A"])
    canbo = [["A9", "Hoàng Văn Chín", "Nam", "01/01/1985", "Kinh", None, None, None]]
    duplicate = {"ToChuc": [], "CanBo": canbo, "ChucVu": [
        ["A9", "LC.A.X2", "CC_VPTK", "01/01/2021", None],
        ["A9", "LC.A.X2", "CC_VPTK", "01/06/2022", None],
    ]}
    result = import_workbook(workbook_bytes(duplicate), user=importer)
    assert [(p.sheet, p.row, p.message) for p in result.problems] == [
        ("ChucVu", 3, "Cán bộ đã có chức vụ CC_VPTK tại LC.A.X2 từ 01/01/2021: trùng thời gian với chức vụ này. "
                      "(dòng 2 của tệp)"),
    ]
    assert not PositionRecord.objects.filter(official__code="A9").exists()

    second_holder = {"ToChuc": [], "CanBo": canbo, "ChucVu": [["A9", "LC.A.X1", "BT_DU", "01/01/2024", None]]}
    dry_run = import_workbook(workbook_bytes(second_holder), user=importer, dry_run=True)
    assert dry_run.problems == []
    assert [(p.sheet, p.row, p.message) for p in dry_run.warnings] == [
        ("ChucVu", 2, f"{tree['LC.A.X1'].name} đã có Bí thư Đảng ủy xã Nguyễn Văn Đức từ 01/01/2020; hãy kiểm tra lại."),
    ]
    assert not PositionRecord.objects.filter(official__code="A9").exists()


def test_the_import_page_writes_a_file_with_notices_only_once_the_user_says_they_read_them(tree, duc, staff, settings):
    from tests.cadre.test_workbook_import import workbook_bytes

    settings.IMPORT_IN_BACKGROUND = False
    canbo = [["A9", "Hoàng Văn Chín", "Nam", "01/01/1985", "Kinh", None, None, None]]
    second_holder = {"ToChuc": [], "CanBo": canbo, "ChucVu": [["A9", "LC.A.X1", "BT_DU", "01/01/2024", None]]}
    upload = workbook_bytes(second_holder)
    upload.name = "bi-thu-thu-hai.xlsx"
    page = staff.post(reverse("cadre:import_upload"), {"workbook": upload}, follow=True)
    token = page.context["job"].token
    assert 'name="da_xem_luu_y"' in body(page) and "Tôi đã xem 1 lưu ý ở trên" in body(page)

    refused = staff.post(reverse("cadre:import_commit", args=[token]), follow=True)
    assert "Tệp có lưu ý: hãy đọc các lưu ý rồi đánh dấu “Tôi đã xem … lưu ý” trước khi ghi." in body(refused)
    assert not PositionRecord.objects.filter(official__code="A9").exists()

    staff.post(reverse("cadre:import_commit", args=[token]), {"da_xem_luu_y": "1"})
    assert PositionRecord.objects.filter(official__code="A9", title__code="BT_DU").count() == 1


def test_a_training_event_takes_a_programme_and_another_event_is_told_it_does_not(duc, staff):
    add_url = reverse("cadre:record_add", args=[duc.pk, "su-kien"])
    refused = staff.post(add_url, {"kind": "KHEN_THUONG", "date": "01/09/2019", "programme": "DAI_HOC"})
    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "Chương trình chỉ ghi cho sự kiện Cử đi học." in page
    assert 'value="01/09/2019"' in page  # what was typed is kept
    assert staff.post(add_url, {"kind": "CU_DI_HOC", "date": "01/09/2019", "programme": "LLCT_CAO_CAP",
                                "to_text": "Học viện Chính trị khu vực I"}).status_code == 302
    training = duc.events.get(kind="CU_DI_HOC")
    assert (training.programme, training.to_text) == ("LLCT_CAO_CAP", "Học viện Chính trị khu vực I")
    profile = html.unescape(staff.get(reverse("cadre:official_detail", args=[duc.pk])).content.decode())
    assert "Cử đi học</strong> (Cao cấp lý luận chính trị)" in profile
    assert ChangeRecord.objects.filter(entity="SuKien", action="create").get().after["programme"] == "LLCT_CAO_CAP"
