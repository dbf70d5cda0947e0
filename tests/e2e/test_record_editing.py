"""Correcting records on the profile in a real browser: change a position's end date, delete a rating."""
import datetime as dt
import os

from playwright.sync_api import expect

from cadre.models import ChangeRecord, Evaluation, Organization, PositionRecord
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


def test_the_restructuring_page_adds_old_units_from_the_search_and_checks_them(page, district):
    log_in(page)
    page.goto("/to-chuc/sap-xep/")
    search = page.locator("#old-search")
    for typed, chosen in [("x1 a", "Xã X1 A (LC.A.X1)"), ("x2 a", "Xã X2 A (LC.A.X2)"), ("x1 a", None)]:
        search.fill(typed)
        results = page.locator("#organization-results-1")
        results.locator("[role=option]").first.wait_for()
        assert "Xã X1 B" not in results.inner_text()  # never outside the scope
        search.press("ArrowDown")
        search.press("Enter")
        assert search.input_value() == ""
    # Each unit once, in the order chosen.
    assert page.locator("#id_old").input_value() == "Xã X1 A (LC.A.X1)\nXã X2 A (LC.A.X2)"
    page.locator("#id_new_code").fill("LC.A.M")
    page.locator("#id_new_name").fill("Đảng bộ xã M")
    page.locator("#id_parent").fill("LC.A")
    page.locator("#id_date").fill("01/07/2025")
    page.get_by_role("button", name="Kiểm tra").click()
    assert "Các thay đổi sẽ thực hiện" in page.locator("#plan-title").inner_text()
    assert "kế thừa từ Xã X1 A (LC.A.X1), Xã X2 A (LC.A.X2)" in page.content()
    if os.environ.get("CSP_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["CSP_SCREENSHOTS"], "sap-xep-to-chuc.png"), full_page=True)
    page.get_by_role("button", name="Thực hiện").click()  # the checked request, resent from hidden fields
    page.wait_for_url("**/to-chuc/?goc=*")
    merged = Organization.objects.get(code="LC.A.M")
    assert sorted(merged.predecessors.values_list("code", flat=True)) == ["LC.A.X1", "LC.A.X2"]
