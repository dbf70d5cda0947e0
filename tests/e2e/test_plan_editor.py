"""The plan editor in a real browser: a row with a condition built from the lists, previewed, its persons
listed, then saved. Set PLAN_EDITOR_SCREENSHOT=/some/file.png to keep a screenshot of the editor."""
import os

from playwright.sync_api import expect

from planning.models import Plan, PlanRow
from tests.e2e.conftest import log_in
from tests.e2e.test_csp import Console

ATTACK = '<img src="x" onerror="window.hacked = 1">'


def key(page, name):
    return page.locator(f'[data-key="{name}"]')


def test_staff_build_a_row_with_a_condition_preview_it_and_save(page, district):
    console = Console(page)
    log_in(page)
    page.goto("/bao-cao/ke-hoach/")
    page.get_by_role("link", name="Tạo mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Soạn nghị quyết, đề án mới")
    expect(page.get_by_label("Cấp ủy ban hành")).to_have_value("Huyện ủy A (LC.A)")
    page.get_by_label("Số hiệu").fill("05-ĐA/HU")
    page.get_by_label("Trích yếu").fill("Đề án cán bộ nữ, trẻ cấp xã")
    key(page, "t0.title").fill("CÁN BỘ CẤP XÃ")
    page.get_by_role("checkbox", name="Tự động cập nhật").uncheck()

    key(page, "t0.addrow").click()
    key(page, "t0.r0.label").fill(f"Cán bộ nữ dưới 35 tuổi {ATTACK}")
    # Without a population the preview lists the problem, in Vietnamese.
    page.get_by_role("button", name="Xem trước", exact=True).click()
    expect(page.locator("#preview-result")).to_contain_text("thiếu mã đối tượng (“population”)")
    expect(page.locator("#preview-result")).to_contain_text("thiếu mã chỉ tiêu (“indicator”)")
    key(page, "t0.population").select_option("CB_XA")

    page.locator(".row-conditions > summary").click()
    key(page, "t0.r0.where.add").click()
    expect(key(page, "t0.r0.where.gender")).to_have_value("NU")
    key(page, "t0.r0.where.and").click()
    key(page, "t0.r0.where.all1.kind").select_option("age")
    expect(key(page, "t0.r0.where.all1.age.lt")).to_have_value("35")
    key(page, "t0.r0.target.add").click()
    key(page, "t0.r0.target0.year").fill("2030")
    key(page, "t0.r0.target0.value").fill("30,5")

    page.get_by_role("button", name="Xem trước", exact=True).click()
    rows = page.locator("#preview-result tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Tổng số")
    expect(rows.nth(0)).to_contain_text("2 / 2")
    # Hoa (a woman born in 1995) of the two commune cadres: 50% against 30,5%.
    expect(rows.nth(1)).to_contain_text("1 / 2")
    expect(rows.nth(1)).to_contain_text("50,00")
    expect(rows.nth(1)).to_contain_text("30,50")
    expect(rows.nth(1)).to_contain_text("Vượt")
    expect(rows.nth(1)).to_contain_text(ATTACK)  # shown as text
    assert page.locator("#preview-result img, #plan-tables img").count() == 0
    rows.nth(1).get_by_role("button", name="1", exact=True).click()
    counted = page.locator("#preview-counted")
    expect(counted).to_contain_text("được tính (tử số): 1 người")
    expect(counted.get_by_role("link")).to_have_text(["Lò Thị Hoa (A2, 05/05/1995)"])
    path = os.environ.get("PLAN_EDITOR_SCREENSHOT")
    if path:
        page.screenshot(path=path, full_page=True)

    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu kế hoạch 05-ĐA/HU: 1 biểu, 1 dòng chỉ tiêu, 1 mục tiêu.")
    plan = Plan.objects.get(code="05-ĐA/HU")
    row = PlanRow.objects.get(table__plan=plan)
    assert (row.label, row.indicator, row.condition) == (
        f"Cán bộ nữ dưới 35 tuổi {ATTACK}", None, {"all": [{"gender": "NU"}, {"age": {"lt": 35}}]})
    assert [(t.year, str(t.value)) for t in row.targets.all()] == [(2030, "30.50")]
    assert page.evaluate("window.hacked") is None
    assert console.refused == [] and console.errors == []
