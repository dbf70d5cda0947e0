"""Creating and editing officials and adding dated records: Vietnamese messages, no data lost, history."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from cadre.models import (
    CareerEvent,
    ChangeRecord,
    EthnicGroup,
    Evaluation,
    Official,
    PlanningEntry,
    PositionRecord,
    PositionTitle,
    QualificationLevel,
    QualificationRecord,
    QualificationType,
)

CREATE = reverse("cadre:official_create")


def new_official(tree, **changes):
    data = {
        "code": "N001",
        "full_name": "  Hoàng   Thị  Lan ",
        "gender": "NU",
        "birth_date": "15/08/1990",
        "ethnic_group": EthnicGroup.objects.get(name="Tày").pk,
        "citizen_id": "012345678901",
        "hometown_organization": "",
        "hometown_text": "Bản Nà Củng",
        "party_joined_on": "03/02/2015",
        "position-title": PositionTitle.objects.get(code="CT_HLHPN_XA").pk,
        "position-organization": tree["LC.A.X1"].pk,
        "position-start_date": "01/07/2021",
    }
    data.update(changes)
    return data


def test_creating_an_official_stores_them_with_their_position_and_history(staff_client, tree):
    response = staff_client.post(CREATE, new_official(tree))
    official = Official.objects.get(code="N001")
    assert response.status_code == 302
    assert response["Location"] == reverse("cadre:official_detail", args=[official.pk])
    assert official.full_name == "Hoàng Thị Lan"
    assert official.birth_date == dt.date(1990, 8, 15)
    assert official.party_joined_on == dt.date(2015, 2, 3)
    position = PositionRecord.objects.get(official=official)
    assert (position.title.code, position.organization.code, position.start_date) == ("CT_HLHPN_XA", "LC.A.X1", dt.date(2021, 7, 1))
    history = list(ChangeRecord.objects.order_by("id").values_list("entity", "key", "action"))
    assert history == [("CanBo", "N001", "create"), ("ChucVu", "N001 | LC.A.X1 | CT_HLHPN_XA | 2021-07-01", "create")]


def test_errors_are_shown_next_to_each_field_in_vietnamese_and_nothing_typed_is_lost(staff_client, tree):
    data = new_official(tree, citizen_id="12345", birth_date="31/02/1990", **{"position-start_date": ""})
    response = staff_client.post(CREATE, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert not Official.objects.exists()
    assert "Số CCCD phải gồm đúng 12 chữ số" in body
    assert "Ngày không tồn tại: “31/02/1990”." in body
    assert "Trường này là bắt buộc" in body or "bắt buộc" in body
    assert 'value="N001"' in body and "Hoàng   Thị  Lan" in body and 'value="Bản Nà Củng"' in body
    assert 'value="03/02/2015"' in body
    form = response.context["form"]
    assert set(form.errors) == {"citizen_id", "birth_date"}
    assert set(response.context["position_form"].errors) == {"start_date"}


def test_a_badly_shaped_date_asks_for_dd_mm_yyyy(staff_client, tree):
    response = staff_client.post(CREATE, new_official(tree, birth_date="1990/31/12"))
    assert response.context["form"].errors["birth_date"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/09/1985."]
    assert not Official.objects.exists()


def test_the_rules_of_the_import_apply_to_the_form(staff_client, tree, people):
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    cases = {
        "citizen_id": ({"citizen_id": "001080000123"}, "Số CCCD này đã được dùng"),
        "birth_date": ({"birth_date": "01/01/2015"}, "Chưa đủ 16 tuổi"),
        "party_joined_on": ({"party_joined_on": future}, "Ngày ở tương lai"),
        "code": ({"code": "A1"}, "Mã cán bộ này đã có"),
    }
    for field, (changes, message) in cases.items():
        response = staff_client.post(CREATE, new_official(tree, **changes))
        assert field in response.context["form"].errors, field
        assert message in response.content.decode(), field
    joined_before_birth = staff_client.post(CREATE, new_official(tree, party_joined_on="01/01/1989"))
    assert "phải sau ngày sinh" in joined_before_birth.content.decode()
    assert Official.objects.filter(code="N001").count() == 0


def test_a_position_must_be_inside_the_users_scope(staff_client, tree):
    response = staff_client.post(CREATE, new_official(tree, **{"position-organization": tree["LC.B.X1"].pk}))
    assert "organization" in response.context["position_form"].errors
    assert not Official.objects.filter(code="N001").exists()


def test_editing_personal_data_records_what_changed(staff_client, people):
    duc = people["duc"]
    url = reverse("cadre:official_update", args=[duc.pk])
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(birth_date="01/01/1980", party_joined_on="02/03/2005", full_name="Nguyễn Văn Đức Anh", code="HACKED")
    response = staff_client.post(url, data)
    assert response.status_code == 302
    duc.refresh_from_db()
    assert duc.full_name == "Nguyễn Văn Đức Anh"
    assert duc.code == "A1"  # the key of re-imports is not editable
    change = ChangeRecord.objects.get(entity="CanBo", action="update")
    assert change.key == "A1"
    assert change.before == {"full_name": "Nguyễn Văn Đức"}
    assert change.after == {"full_name": "Nguyễn Văn Đức Anh"}


def test_saving_an_unchanged_form_writes_no_history(staff_client, people):
    duc = people["duc"]
    url = reverse("cadre:official_update", args=[duc.pk])
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(birth_date="01/01/1980", party_joined_on="02/03/2005")
    assert staff_client.post(url, data).status_code == 302
    assert not ChangeRecord.objects.exists()


def record_url(official, kind):
    return reverse("cadre:record_add", args=[official.pk, kind])


def test_adding_a_position_checks_that_it_ends_after_it_starts(staff_client, people, tree):
    hoa = people["hoa"]
    data = {"title": PositionTitle.objects.get(code="TRUONG_PHONG").pk, "organization": tree["LC.A.PNV"].pk,
            "start_date": "01/01/2024", "end_date": "01/01/2023"}
    response = staff_client.post(record_url(hoa, "chuc-vu"), data)
    assert "Đến ngày không được trước Từ ngày" in response.content.decode()
    assert 'value="01/01/2024"' in response.content.decode()
    data["end_date"] = ""
    assert staff_client.post(record_url(hoa, "chuc-vu"), data).status_code == 302
    assert PositionRecord.objects.filter(official=hoa, title__code="TRUONG_PHONG", end_date=None).exists()
    assert ChangeRecord.objects.get(entity="ChucVu").key == "A2 | LC.A.PNV | TRUONG_PHONG | 2024-01-01"


def test_one_rating_per_year(staff_client, people):
    duc = people["duc"]
    response = staff_client.post(record_url(duc, "danh-gia"), {"year": 2024, "rating": "HTNV"})
    assert "mỗi năm chỉ một xếp loại" in response.content.decode()
    assert staff_client.post(record_url(duc, "danh-gia"), {"year": 2025, "rating": "HTNV"}).status_code == 302
    assert list(Evaluation.objects.filter(official=duc).order_by("year").values_list("year", "rating")) == [
        (2023, "HTTNV"), (2024, "HTXSNV"), (2025, "HTNV"),
    ]


def test_adding_a_qualification_needs_a_level_of_its_type(staff_client, people):
    hoa = people["hoa"]
    professional = QualificationType.objects.get(code="CHUYEN_MON")
    theory_level = QualificationLevel.objects.get(qualification_type__code="LY_LUAN", code="CAO_CAP")
    data = {"qualification_type": professional.pk, "level": theory_level.pk, "obtained_on": "01/06/2017", "major": "Luật"}
    response = staff_client.post(record_url(hoa, "trinh-do"), data)
    assert "không thuộc loại" in response.content.decode()
    data["level"] = QualificationLevel.objects.get(qualification_type=professional, code="DAI_HOC").pk
    assert staff_client.post(record_url(hoa, "trinh-do"), data).status_code == 302
    record = QualificationRecord.objects.get(official=hoa)
    assert (record.level.code, record.major, record.obtained_on) == ("DAI_HOC", "Luật", dt.date(2017, 6, 1))


def test_adding_an_event_and_a_planning_entry(staff_client, people, tree):
    hoa = people["hoa"]
    event = {"kind": "BO_NHIEM", "date": "01/01/2022", "to_organization": tree["LC.A.PNV"].pk, "note": "Quyết định 12-QĐ/HU"}
    assert staff_client.post(record_url(hoa, "su-kien"), event).status_code == 302
    assert CareerEvent.objects.get(official=hoa).to_organization == tree["LC.A.PNV"]
    planning = {"title": PositionTitle.objects.get(code="TRUONG_PHONG").pk, "organization": tree["LC.A.PNV"].pk,
                "term": "2030-2025", "approved_on": "", "removed_on": ""}
    response = staff_client.post(record_url(hoa, "quy-hoach"), planning)
    assert "Nhiệm kỳ phải có dạng" in response.content.decode()
    planning["term"] = "2025-2030"
    assert staff_client.post(record_url(hoa, "quy-hoach"), planning).status_code == 302
    assert PlanningEntry.objects.get(official=hoa).term == "2025-2030"


def test_an_unknown_record_kind_is_404(staff_client, people):
    assert staff_client.get(record_url(people["duc"], "khong-co")).status_code == 404


def test_the_services_refuse_reviewers_and_organizations_outside_the_scope(reviewer, staff_a, people, tree):
    import pytest
    from django.core.exceptions import PermissionDenied

    from cadre.services.officials import evaluation_add, position_add

    with pytest.raises(PermissionDenied):
        evaluation_add(user=reviewer, official=people["duc"], year=2025, rating="HTNV")
    with pytest.raises(PermissionDenied):
        position_add(user=staff_a, official=people["duc"], title=PositionTitle.objects.get(code="CT_UBND_XA"),
                     organization=tree["LC.B.X1"], start_date=dt.date(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        evaluation_add(user=staff_a, official=people["chu"], year=2025, rating="HTNV")
    assert not Evaluation.objects.filter(year=2025).exists()
    assert not ChangeRecord.objects.exists()


def test_a_cccd_used_in_another_district_is_refused_without_naming_anyone(staff_client, tree, people):
    from cadre.exchange.workbook_validation import CITIZEN_ID_USED_ELSEWHERE

    Official.objects.filter(code="B1").update(citizen_id="001080000999")
    response = staff_client.post(CREATE, new_official(tree, citizen_id="001080000999"))
    body = response.content.decode()
    assert response.context["form"].errors["citizen_id"] == [CITIZEN_ID_USED_ELSEWHERE]
    assert CITIZEN_ID_USED_ELSEWHERE in body
    assert "Vàng A Chư" not in body
    assert not Official.objects.filter(code="N001").exists()
    own = staff_client.post(CREATE, new_official(tree, citizen_id="001080000123"))
    assert own.context["form"].errors["citizen_id"] == ["Số CCCD này đã được dùng cho cán bộ “Nguyễn Văn Đức” (mã A1)."]


def test_a_new_official_in_a_one_person_title_already_held_needs_the_confirmation(staff_client, tree, people):
    """Xã X1 A has its Bí thư (Đức, since 02/01/2020): a second one is saved only once the user confirms."""
    data = new_official(tree, **{"position-title": PositionTitle.objects.get(code="BT_DU").pk})
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    errors = response.context["position_form"].errors["confirmed"]
    assert errors == [f"{tree['LC.A.X1'].name} đã có Bí thư Đảng ủy xã Nguyễn Văn Đức từ 02/01/2020; vẫn lưu?"]
    assert 'type="checkbox" name="position-confirmed"' in response.content.decode()
    assert not Official.objects.filter(code="N001").exists()

    response = staff_client.post(CREATE, {**data, "position-confirmed": "on"})
    assert response.status_code == 302
    assert Official.objects.get(code="N001").positions.get().title.code == "BT_DU"


@pytest.mark.parametrize("kind, field, prompt", [
    ("chuc-vu", "title", "— Chọn chức vụ —"),
    ("quy-hoach", "title", "— Chọn chức vụ —"), ("danh-gia", "rating", "— Chọn xếp loại —"),
])
def test_every_record_form_prompts_with_choose_like_the_others(staff_client, people, kind, field, prompt):
    response = staff_client.get(reverse("cadre:record_add", args=[people["duc"].pk, kind]))
    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["form"].fields[field].choices)[0] == ("", prompt)
    assert f'<option value="" selected>{prompt}</option>' in body or f'<option value="">{prompt}</option>' in body
    assert "---------" not in body


def test_the_organization_of_a_record_is_a_searched_field_with_its_own_prompt(staff_client, people):
    """No select of the subtree (cadre.forms.OrganizationCodeField): a text field that says what to type."""
    body = staff_client.get(reverse("cadre:record_add", args=[people["duc"].pk, "chuc-vu"])).content.decode()
    field = re.search(r'<input[^>]*name="organization"[^>]*>', body).group(0)
    assert 'placeholder="Gõ tên hoặc mã tổ chức"' in field and 'data-search-url="/to-chuc/tim/"' in field
    assert "---------" not in body
