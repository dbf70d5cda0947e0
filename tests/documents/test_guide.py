"""The help page is made from the definitions: the workbook format, the indicators, the populations."""
import pytest
from django.urls import reverse

from cadre.exchange.workbook_format import SHEETS
from planning.models import Indicator
from tests.factories import make_district_tree, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    tree = make_district_tree()
    client.force_login(make_user("staff", tree["LC.A"]))
    return client


def test_the_guide_lists_every_sheet_and_column_of_the_workbook_format(staff):
    body = staff.get(reverse("guide")).content.decode()
    for sheet in SHEETS:
        assert f"Trang “{sheet.name}” — {sheet.title}" in body
        for column in sheet.columns:
            assert f'<td class="nowrap">{column.header}</td>' in body
    assert "<td>bắt buộc; tối đa 40 ký tự; cũng nhận tiêu đề “Mã CB”</td>" in body


def test_the_guide_explains_each_indicator_from_its_definition_and_follows_a_change(staff):
    indicator = Indicator.objects.order_by("sort_order", "code").first()
    assert indicator is not None  # the catalog migration's indicators
    body = staff.get(reverse("guide")).content.decode()
    assert f'<td class="code">{indicator.code}</td><td>{indicator.name}</td>' in body
    indicator.name = "Chỉ tiêu đã đổi tên để kiểm tra"
    indicator.save()
    assert "<td>Chỉ tiêu đã đổi tên để kiểm tra</td>" in staff.get(reverse("guide")).content.decode()


def test_indicator_texts_follow_the_kind_and_condition():
    from documents.guide import indicator_text

    texts = {i.code: indicator_text(i) for i in Indicator.objects.with_definitions()}
    female = [code for code, i in ((i.code, i) for i in Indicator.objects.all()) if i.condition == "NU"
              and i.kind == "NGUOI"]
    assert female and texts[female[0]] == "Số người giới tính nữ, trên tổng số người của đối tượng"
    for indicator in Indicator.objects.with_definitions().filter(condition="TRINH_DO_TU", kind="NGUOI"):
        assert texts[indicator.code] == (
            f"Số người có trình độ {indicator.qualification_type.name.lower()} từ bậc {indicator.min_level.name} "
            "trở lên, trên tổng số người của đối tượng")


def test_the_guide_names_the_states_of_a_sent_report_and_is_in_the_menu(staff):
    body = staff.get(reverse("guide")).content.decode()
    assert '<span class="state state-tra_lai">Trả lại</span>' in body
    assert '<a href="/huong-dan/" aria-current="page">Hướng dẫn</a>' in body


def test_the_guide_asks_for_a_login(client):
    response = client.get(reverse("guide"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
