"""A working day in the browser: sorted and paged list, the phone width, sending with confirmation, a
returned report on the home page, the reviewer reading it, the help page. Screenshots of these pages
(desktop and phone) are written to docs/screenshots/ when SCREENSHOTS=1."""
import datetime as dt
import os
from pathlib import Path

from playwright.sync_api import expect

from documents.models import ReportDocument, Submission
from planning.models import Plan
from planning.services import plan_import
from tests.e2e.conftest import log_in
from tests.factories import add_position, make_official

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    if os.environ.get("SCREENSHOTS") == "1":
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def many_officials(tree, count=60):
    for number in range(count):
        official = make_official(f"P{number:03d}", full_name=f"Lường Văn Thử {number:02d}",
                                 birth_date=dt.date(1970 + number % 30, 1 + number % 12, 1))
        add_position(official, tree["LC.A.X1"], "CC_VPTK", dt.date(2020, 1, 1))


def test_the_list_sorts_by_a_column_and_jumps_to_the_last_page(page, district):
    many_officials(district["tree"])
    log_in(page)
    page.goto("/can-bo/?so_dong=25")
    page.get_by_role("link", name="Ngày sinh").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Ngày sinh")
    first = page.locator("#results tbody tr").first.locator("td.date")
    expect(first).to_have_text("01/01/1970")
    page.get_by_role("link", name="Ngày sinh").click()  # the other way
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Ngày sinh")
    page.get_by_role("link", name="Trang cuối »").click()
    expect(page.locator(".pager-current")).to_have_text("3")
    expect(page.locator("#results tbody tr")).to_have_count(12)  # 62 officials: 25 + 25 + 12
    page.get_by_role("link", name="Trang 2", exact=True).click()
    expect(page.locator(".pager-current")).to_have_text("2")
    shot(page, "danh-sach-sap-xep-phan-trang")


def test_on_a_phone_the_table_scrolls_inside_its_wrapper_and_the_menu_collapses(browser, live_server, district):
    many_officials(district["tree"], 10)
    context = browser.new_context(viewport=PHONE, locale="vi-VN", base_url=live_server.url, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        log_in(page)
        page.goto("/can-bo/")
        nav = page.get_by_role("navigation", name="Điều hướng chính")
        toggle = page.get_by_role("button", name="☰ Trình đơn")
        expect(nav).to_be_hidden()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        # The page itself is no wider than the phone; the table's wrapper scrolls sideways.
        wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *')).filter(el => el.getBoundingClientRect().right > 391 && !el.closest('tbody')).slice(0, 12).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right) + ' ' + getComputedStyle(el).overflowX)""")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wide
        wrapper = page.locator("#results .table-wrap")
        assert wrapper.evaluate("el => el.scrollWidth > el.clientWidth")
        assert wrapper.evaluate("el => getComputedStyle(el).overflowX") == "auto"
        shot(page, "dien-thoai-danh-sach")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(nav).to_be_visible()
        shot(page, "dien-thoai-trinh-don")
        page.keyboard.press("Escape")
        expect(nav).to_be_hidden()
        expect(toggle).to_be_focused()
        toggle.click()
        nav.get_by_role("link", name="Hướng dẫn").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Hướng dẫn sử dụng")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_sending_confirming_returning_and_reading_the_report(page, district):
    plan_import(data={
        "code": "15-NQ/TU", "title": "Nghị quyết cán bộ cấp xã", "organization": "LC", "issued_on": "2021-03-10",
        "tables": [{"number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "CB_XA", "rows": [
            {"label": "Cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "min": 30}]},
        ]}],
    })
    document = ReportDocument.objects.create(
        organization=district["tree"]["LC.A"], plan=Plan.objects.get(), as_of=dt.date(2024, 6, 30),
        baseline_as_of=dt.date(2020, 12, 31), issued_on=dt.date(2024, 7, 12), number="215-BC/HU",
        subject="Sơ kết Nghị quyết 15-NQ/TU",
    )
    draft = ReportDocument.objects.create(
        organization=district["tree"]["LC.A"], plan=Plan.objects.get(), as_of=dt.date(2024, 6, 30),
        baseline_as_of=dt.date(2020, 12, 31), subject="Dự thảo chưa có số",
    )
    log_in(page)
    page.goto(f"/van-ban/{draft.pk}/")
    disabled = page.get_by_role("button", name="Gửi Ban Tổ chức Tỉnh ủy")
    expect(disabled).to_be_disabled()
    assert disabled.evaluate("el => getComputedStyle(el).cursor") == "not-allowed"

    page.goto(f"/van-ban/{document.pk}/")
    page.get_by_role("link", name="Gửi Ban Tổ chức Tỉnh ủy…").click()
    shot(page, "gui-bao-cao-xac-nhan")
    page.get_by_role("link", name="Chưa gửi, quay lại").click()
    assert not Submission.objects.exists()
    page.get_by_role("link", name="Gửi Ban Tổ chức Tỉnh ủy…").click()
    page.get_by_role("button", name="Xác nhận gửi").click()
    expect(page.locator("body")).to_contain_text("Đã gửi báo cáo lên Ban Tổ chức Tỉnh ủy (lần 1)")
    expect(page.locator(".who-name")).to_have_text("Hà Minh")

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, "reviewer")
    page.goto("/van-ban/da-gui/")
    page.get_by_role("link", name="Báo cáo số 215-BC/HU").click()
    sent = page.locator(".sent-report")
    expect(sent).to_contain_text("BÁO CÁO")
    expect(sent).to_contain_text("Sơ kết Nghị quyết 15-NQ/TU")
    page.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill("Bổ sung phần kiến nghị.")
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.locator("body")).to_contain_text("Đã trả lại báo cáo cho đơn vị.")

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page)
    panel = page.locator(".alert-panel")
    expect(panel).to_contain_text("Báo cáo bị trả lại, cần sửa và gửi lại (1)")
    expect(panel).to_contain_text("Bổ sung phần kiến nghị.")
    shot(page, "trang-chu-bao-cao-bi-tra-lai")
    panel.get_by_role("link", name="Báo cáo số 215-BC/HU: Sơ kết Nghị quyết 15-NQ/TU").click()
    page.get_by_role("link", name="Gửi Ban Tổ chức Tỉnh ủy…").click()
    page.get_by_role("button", name="Xác nhận gửi").click()
    expect(page.locator("body")).to_contain_text("(lần 2)")
    expect(page.locator("#earlier-returns + ul")).to_contain_text("Bổ sung phần kiến nghị.")
    shot(page, "bao-cao-da-gui-doc-tren-trang")
    page.goto("/")
    expect(page.locator(".alert-panel")).to_have_count(0)


def test_the_help_page_explains_import_indicators_and_sending(page, district):
    log_in(page)
    page.get_by_role("link", name="Hướng dẫn").click()
    expect(page.get_by_role("heading", name="Trang “CanBo” — Cán bộ")).to_be_visible()
    expect(page.locator("#chi-tieu")).to_contain_text("trên tổng số người của đối tượng")
    expect(page.locator("#gui-bao-cao")).to_contain_text("Xác nhận gửi")
    shot(page, "huong-dan")
