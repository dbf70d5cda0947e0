"""Correcting records on the profile in a real browser: change a position's end date, delete a rating."""
import datetime as dt

from playwright.sync_api import expect

from cadre.models import ChangeRecord, Evaluation, PositionRecord
from tests.e2e.conftest import log_in


def test_staff_change_a_positions_end_date_and_delete_a_rating_on_the_profile(page, district):
    duc = district["duc"]
    log_in(page)
    page.goto(f"/can-bo/{duc.pk}/")
    career = page.locator("section", has=page.get_by_role("heading", name="Quá trình công tác"))
    ended = career.locator("li", has_text="01/01/2015 – 31/12/2019")
    ended.get_by_role("link", name="Sửa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sửa chức vụ")
    expect(page.get_by_label("Đến ngày")).to_have_value("31/12/2019")
    page.get_by_label("Đến ngày").fill("30/06/2020")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("Đã lưu chức vụ.")
    expect(career).to_contain_text("01/01/2015 – 30/06/2020")
    assert PositionRecord.objects.get(official=duc, title__code="PCT_UBND_XA").end_date == dt.date(2020, 6, 30)

    ratings = page.locator("section", has=page.get_by_role("heading", name="Đánh giá, xếp loại"))
    ratings.locator("li", has_text="2024").get_by_role("link", name="Xóa").click()
    expect(page.locator("form.form-card")).to_contain_text("Xóa xếp loại năm 2024: Hoàn thành xuất sắc nhiệm vụ khỏi hồ sơ?")
    page.get_by_role("button", name="Xóa").click()
    expect(page.locator("body")).to_contain_text("Đã xóa xếp loại.")
    expect(ratings).to_contain_text("Chưa có đánh giá.")
    assert not Evaluation.objects.filter(official=duc).exists()
    assert list(ChangeRecord.objects.order_by("id").values_list("entity", "action", "username")) == [
        ("ChucVu", "update", "staff_a"), ("DanhGia", "delete", "staff_a"),
    ]
