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
    page.get_by_role("checkbox", name="Tự động cập nhật").uncheck()  # each step below asks for its preview
    page.get_by_label("Số hiệu").fill("05-ĐA/HU")
    page.get_by_label("Trích yếu").fill("Đề án cán bộ nữ, trẻ cấp xã")
    key(page, "t0.title").fill("CÁN BỘ CẤP XÃ")

    key(page, "t0.addrow").click()
    key(page, "t0.r0.label").fill(f"Cán bộ nữ dưới 35 tuổi {ATTACK}")
    # Without a population the preview lists the problem, in Vietnamese.
    page.get_by_role("button", name="Xem trước", exact=True).click()
    expect(page.locator("#preview-result")).to_contain_text("thiếu mã đối tượng (“population”)")
    expect(page.locator("#preview-result")).to_contain_text("thiếu mã chỉ tiêu (“indicator”)")
    # A table's population is a catalog code or an object (positions, planning): the code's list.
    expect(key(page, "t0.population.mode")).to_have_value("code")
    key(page, "t0.population.code").select_option("CB_XA")

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
        page.screenshot(path=path.replace(".png", "-moi.png"), full_page=True)

    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu kế hoạch 05-ĐA/HU: 1 biểu, 1 dòng chỉ tiêu, 1 mục tiêu.")
    # The saved plan's page previews it by itself: the test reads the database once that is done (SQLite's
    # in-memory database is shared with the server, whose preview writes in a transaction it rolls back).
    expect(page.locator("#preview-result tbody tr")).to_have_count(2)
    plan = Plan.objects.get(code="05-ĐA/HU")
    row = PlanRow.objects.get(table__plan=plan)
    assert (row.label, row.indicator, row.condition) == (
        f"Cán bộ nữ dưới 35 tuổi {ATTACK}", None, {"all": [{"gender": "NU"}, {"age": {"lt": 35}}]})
    assert [(t.year, str(t.value)) for t in row.targets.all()] == [(2030, "30.50")]
    assert page.evaluate("window.hacked") is None
    page.goto("/bao-cao/ke-hoach/")
    expect(page.locator("table.plan-list")).to_contain_text("05-ĐA/HU")
    if path:
        page.screenshot(path=path.replace(".png", "-danh-sach.png"))
    assert console.refused == [] and console.errors == []


RICH_PLAN = {
    "code": "09-ĐA/HU", "title": "Đề án nâng cao chất lượng cán bộ cấp xã", "organization": "LC.A",
    "issued_on": "2021-06-15",
    "tables": [
        {"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ CẤP XÃ", "population": "CB_XA", "rows": [
            {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
             "targets": [{"year": 2025, "value": 70}, {"year": 2030, "value": 90}]},
            {"label": "Trong đó nữ", "indicator": "NU", "parent": 1, "targets": [{"year": 2025, "min": 30}]},
            {"label": "Cán bộ trẻ", "indicator": "TRE", "params": {"age_under": 40},
             "targets": [{"year": 2025, "min": 15, "max": 25.5}]},
            {"label": "Lý luận chính trị Sơ cấp hoặc Trung cấp, không là Bí thư",
             "where": {"all": [{"qual": {"type": "LY_LUAN", "in": ["SO_CAP", "TRUNG_CAP"]}},
                               {"not": {"holds": {"positions": ["BT_DU"], "at": "scope"}}}]},
             "compare": ["delta_points"]},
            {"label": "Xã có bí thư đồng thời là Chủ tịch HĐND", "unit": True,
             "population": {"positions": ["BT_DU"], "unit_kind": "XA"},
             "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}},
            {"label": "Nữ, người dân tộc thiểu số hoặc dưới 35 tuổi",
             "where": {"any": [{"gender": "NU"}, {"ethnicity": {"ne": "Kinh"}}, {"age": {"lt": 35}}]},
             "targets": [{"year": 2030, "max": 80}]},
        ]},
    ],
}


def test_an_existing_plan_with_conditions_is_shown_as_stored_and_saved_unchanged(page, district):
    """Everything the plan holds comes back in the form; saving without a change writes the same plan."""
    from planning.plan_writer import plan_as_file
    from planning.services import plan_import

    plan = plan_import(data=RICH_PLAN).plan
    console = Console(page)
    log_in(page)
    page.goto(f"/bao-cao/ke-hoach/{plan.pk}/sua/")
    expect(page.get_by_label("Số hiệu")).to_have_value("09-ĐA/HU")
    expect(page.get_by_label("Ngày ban hành")).to_have_value("15/06/2021")
    expect(key(page, "t0.r1.parent")).to_have_value("1")
    expect(key(page, "t0.r2.params.age_under")).to_have_value("40")
    expect(key(page, "t0.r2.target0.max")).to_have_value("25,5")
    expect(key(page, "t0.r3.where.all0.type")).to_have_value("LY_LUAN")
    expect(key(page, "t0.r3.where.all0.comparison")).to_have_value("in")
    expect(key(page, "t0.r3.where.all1.not")).to_be_checked()
    expect(key(page, "t0.r4.population.mode")).to_have_value("positions")
    expect(key(page, "t0.r4.unit")).to_be_checked()
    expect(key(page, "t0.r5.where.kind")).to_have_value("any")
    # The levels offered are the LY_LUAN scale's, and only those.
    options = key(page, "t0.r3.where.all0.in").locator("option").all_text_contents()
    assert "Đại học" not in " ".join(options)
    # The preview starts by itself for a plan with rows.
    rows = page.locator("#preview-result tbody tr")
    expect(rows).to_have_count(7)
    expect(rows.nth(6)).to_contain_text("Nữ, người dân tộc thiểu số hoặc dưới 35 tuổi")
    expect(rows.nth(6)).to_contain_text("1 / 2")  # Hoa
    rows.nth(0).get_by_role("button", name="2").last.click()
    expect(page.locator("#preview-counted")).to_contain_text("mẫu số: 2 người")
    path = os.environ.get("PLAN_EDITOR_SCREENSHOT")
    if path:
        # The rows with conditions, beside the preview (which stays in view) and the list of a figure.
        page.set_viewport_size({"width": 1400, "height": 1800})
        page.evaluate("document.querySelector('[data-key=\"t0.r3.label\"]').closest('li').scrollIntoView()")
        page.evaluate("window.scrollBy(0, -60)")
        page.screenshot(path=path)
    before = plan_as_file(Plan.objects.for_report().get(pk=plan.pk))
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu kế hoạch 09-ĐA/HU: 1 biểu, 6 dòng chỉ tiêu, 5 mục tiêu.")
    expect(page.locator("#preview-result tbody tr")).to_have_count(7)  # the page's own preview is done
    assert plan_as_file(Plan.objects.for_report().get(pk=plan.pk)) == before == RICH_PLAN
    assert Plan.objects.get(pk=plan.pk).version == plan.version + 1
    assert console.refused == [] and console.errors == []


def test_a_plan_file_opened_in_the_editor_is_shown_then_saved_as_it_is(page, district, tmp_path):
    import json

    from planning.plan_writer import plan_as_file

    data = {**RICH_PLAN, "code": "10-ĐA/HU"}
    path = tmp_path / "ke-hoach.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    log_in(page)
    page.goto("/bao-cao/ke-hoach/moi/")
    page.get_by_role("checkbox", name="Tự động cập nhật").uncheck()
    page.get_by_text("Xem JSON (tệp kế hoạch), dán hoặc mở tệp").click()
    page.locator("#plan-upload").set_input_files(str(path))
    expect(page.locator("#plan-json-message")).to_have_text("Đã áp dụng JSON vào trình soạn.")
    expect(page.get_by_label("Số hiệu")).to_have_value("10-ĐA/HU")
    expect(key(page, "t0.r5.label")).to_have_value("Nữ, người dân tộc thiểu số hoặc dưới 35 tuổi")
    # Text that is no JSON is not applied, and says why.
    page.locator("#plan-json").fill('{"code": ')
    page.get_by_role("button", name="Áp dụng JSON vào trình soạn").click()
    expect(page.locator("#plan-json-message")).to_contain_text("Chưa áp dụng được: nội dung không phải JSON hợp lệ")
    expect(key(page, "t0.r5.label")).to_have_value("Nữ, người dân tộc thiểu số hoặc dưới 35 tuổi")
    key(page, "t0.r0.label").fill("Trình độ chuyên môn Đại học trở lên (sửa)")  # a change in the form wins again
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu kế hoạch 10-ĐA/HU: 1 biểu, 6 dòng chỉ tiêu, 5 mục tiêu.")
    expect(page.locator("#preview-result tbody tr")).to_have_count(7)
    data["tables"][0]["rows"][0]["label"] = "Trình độ chuyên môn Đại học trở lên (sửa)"
    assert plan_as_file(Plan.objects.for_report().get(code="10-ĐA/HU")) == data
