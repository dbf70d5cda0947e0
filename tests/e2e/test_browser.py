"""A district officer's day in a real browser: log in, find, read, create, import, dashboard, report."""
import datetime as dt
import re
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect

from cadre.models import ImportBatch, Official, PositionRecord
from planning.services import plan_import
from tests.e2e.conftest import log_in
from tests.web.workbooks import broken_workbook, corrected_workbook


def test_logging_in_shows_the_users_organization_in_the_navigation(page, district):
    log_in(page)
    expect(page.locator(".who")).to_contain_text("Huyện ủy A")
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_contain_text("Cán bộ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Huyện ủy A")


def test_searching_without_diacritics_finds_the_official_and_opens_the_profile(page, district):
    log_in(page)
    page.get_by_role("link", name="Cán bộ", exact=True).click()
    page.get_by_role("searchbox", name="Tìm cán bộ").fill("nguyen van duc")
    results = page.locator("#results tbody tr")
    expect(results).to_have_count(1)  # htmx replaced the results while typing
    expect(results.first).to_contain_text("Nguyễn Văn Đức")
    expect(page.locator("#results")).not_to_contain_text("Nguyễn Văn Đông")  # another district
    expect(page).to_have_url(re.compile(r"/can-bo/\?q=nguyen%20van%20duc&so_dong=50$"))  # filled fields only: shareable
    page.get_by_role("link", name="Nguyễn Văn Đức").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn Đức")
    career = page.locator("section", has=page.get_by_role("heading", name="Quá trình công tác"))
    expect(career).to_contain_text("02/01/2020 – nay")
    expect(career).to_contain_text("01/01/2015 – 31/12/2019")
    expect(page.locator("body")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")


def test_creating_an_official_shows_the_error_next_to_the_field_keeps_the_input_then_saves(page, district):
    log_in(page)
    page.goto("/can-bo/")
    page.get_by_role("link", name="+ Thêm cán bộ").click()
    page.get_by_label("Mã cán bộ").fill("N900")
    page.get_by_label("Họ và tên").fill("Hoàng Thị Lan")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Ngày sinh").fill("15/08/1990")
    page.get_by_label("Dân tộc").select_option(label="Tày")
    page.get_by_label("Số CCCD").fill("01234567890")  # 11 digits
    page.get_by_label("Chức vụ").select_option(label="Chủ tịch Hội Liên hiệp Phụ nữ xã")
    # The organization is searched (without diacritics) and chosen with the keyboard.
    organization = page.get_by_role("combobox", name="Tổ chức")
    organization.fill("xa x1")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text(["Xã X1 A (LC.A.X1)Huyện ủy A"])
    organization.press("ArrowDown")
    expect(organization).to_have_attribute("aria-activedescendant", re.compile("organization-results-"))
    organization.press("Enter")  # chooses; does not submit
    expect(organization).to_have_value("Xã X1 A (LC.A.X1)")
    expect(page.get_by_role("listbox")).to_be_hidden()
    page.get_by_label("Từ ngày").fill("01/07/2021")
    page.get_by_role("button", name="Lưu").click()

    error = page.locator(".field.has-error", has=page.get_by_label("Số CCCD"))
    expect(error).to_contain_text("Số CCCD phải gồm đúng 12 chữ số")
    expect(page.get_by_label("Họ và tên")).to_have_value("Hoàng Thị Lan")
    expect(page.get_by_label("Ngày sinh")).to_have_value("15/08/1990")
    assert not Official.objects.filter(code="N900").exists()

    page.get_by_label("Số CCCD").fill("012345678901")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoàng Thị Lan")
    expect(page.locator(".messages")).to_contain_text("Đã thêm cán bộ Hoàng Thị Lan")
    official = Official.objects.get(code="N900")
    assert (official.citizen_id, official.birth_date) == ("012345678901", dt.date(1990, 8, 15))
    assert PositionRecord.objects.filter(official=official, title__code="CT_HLHPN_XA").exists()


def test_importing_a_workbook_with_an_error_then_the_corrected_one(page, district, tmp_path):
    log_in(page)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Nhập dữ liệu").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(broken_workbook(tmp_path / "loi.xlsx")))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    problems = page.locator("table.problems tbody tr")
    expect(problems.first).to_be_visible()
    expect(page.locator("table.problems")).to_contain_text("Ngày sinh")
    expect(page.locator("table.problems")).to_contain_text("CHU_TICH_VU_TRU")
    expect(page.get_by_role("alert")).to_contain_text("chưa có dữ liệu nào được ghi")
    assert not Official.objects.filter(code="N100").exists()

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(corrected_workbook(tmp_path / "dung.xlsx")))
    page.get_by_role("button", name="Tải lên và kiểm tra lại").click()
    expect(page.locator("table.summary")).to_contain_text("Cán bộ")
    expect(page.locator("body")).to_contain_text("Tệp hợp lệ, không có lỗi")
    assert not Official.objects.filter(code="N100").exists()
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    expect(page.locator(".success")).to_contain_text("Đã ghi dữ liệu vào cơ sở dữ liệu")
    assert sorted(Official.objects.filter(code__in=["N100", "N101"]).values_list("code", flat=True)) == ["N100", "N101"]
    assert ImportBatch.objects.get().file_name == "dung.xlsx"


def test_the_dashboard_draws_the_targets_and_the_report_downloads(page, district):
    plan_import(data={
        "code": "01-ĐA/HU", "title": "Đề án cán bộ cấp xã", "organization": "LC", "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA", "rows": [
            {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC", "targets": [{"year": 2030, "value": 80}]},
            {"label": "Cán bộ nữ", "indicator": "NU", "targets": [{"year": 2030, "min": 30}]},
        ]}],
    })
    log_in(page)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Tổng quan", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Biểu 01"))).to_be_visible()
    table = page.locator("table.report")
    expect(table).to_contain_text("Trình độ chuyên môn Đại học trở lên")
    # Commune cadres today: Đức (a degree) and Hoa (none): 50% against 80%.
    expect(table.locator("tbody tr").first).to_contain_text("50,00")
    expect(table.locator("tbody tr").first).to_contain_text("Chưa đạt")
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas')].filter(c => Chart.getChart(c)).length")
    assert drawn == 5  # one target chart and four composition charts

    page.get_by_role("link", name="Xem biểu đầy đủ, tải báo cáo").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("XLSX|Excel", re.I)).first.click()
    download = download_info.value
    content = open(download.path(), "rb").read()
    workbook = load_workbook(BytesIO(content))
    cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any("Trình độ chuyên môn Đại học trở lên" in text for text in cells)


def test_a_reviewer_sees_no_buttons_that_write(page, district):
    log_in(page, "reviewer")
    expect(page.get_by_role("navigation", name="Điều hướng chính")).not_to_contain_text("Nhập dữ liệu")
    page.goto("/can-bo/")
    expect(page.get_by_role("link", name="+ Thêm cán bộ")).to_have_count(0)
    response = page.goto("/can-bo/them/")
    assert response.status == 403


def test_the_organization_tree_opens_a_communes_party_cells_on_demand(page, district):
    from tests.factories import make_organization

    cell = make_organization("LC.A.X1.B1", "CHI_BO", district["tree"]["LC.A.X1"], form="AP", name="Chi bộ bản Nà Củng")
    log_in(page)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Tổ chức").click()
    expect(page.locator("table.tree")).to_contain_text("Xã X1 A")
    expect(page.locator("table.tree")).not_to_contain_text("Chi bộ bản Nà Củng")
    toggle = page.get_by_role("button", name="▸ 1 chi bộ")
    toggle.click()
    expect(page.locator("table.tree")).to_contain_text("Chi bộ bản Nà Củng")
    expect(page.get_by_role("button", name="▾ 1 chi bộ")).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="▾ 1 chi bộ").click()
    expect(page.locator(f'tr[data-parent="{district["tree"]["LC.A.X1"].pk}"]')).to_be_hidden()
    assert cell.pk


def test_the_district_sends_a_report_the_province_compares_and_returns_it(page, district):
    from documents.models import ReportDocument, Submission
    from planning.models import Plan

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
    log_in(page)
    page.goto(f"/van-ban/{document.pk}/")
    page.get_by_role("link", name="Gửi Ban Tổ chức Tỉnh ủy…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi báo cáo lên Ban Tổ chức Tỉnh ủy?")
    page.get_by_role("button", name="Xác nhận gửi").click()
    expect(page.locator("body")).to_contain_text("Đã gửi báo cáo lên Ban Tổ chức Tỉnh ủy (lần 1)")
    expect(page.locator("body")).to_contain_text("Chờ tiếp nhận")

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, "reviewer")
    page.goto("/bao-cao/so-sanh/?org=LC&plan=15-NQ/TU&as_of=30/06/2024&rating_years=2023&baseline=31/12/2020")
    rows = page.locator("table.compare-table tbody tr")
    expect(rows).to_have_count(3)  # the province, district A (Đức, Hoa), district B (Đông)
    expect(rows.nth(1)).to_contain_text("Huyện ủy A")
    expect(rows.nth(1)).to_contain_text("50,00")  # Hoa of two commune cadres
    expect(rows.nth(2)).to_contain_text("0,00")

    page.goto("/van-ban/da-gui/")
    page.get_by_role("link", name="Báo cáo số 215-BC/HU").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    assert open(download_info.value.path(), "rb").read(5) == b"%PDF-"
    page.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill("Bổ sung phần kiến nghị.")
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.locator("body")).to_contain_text("Đã trả lại báo cáo cho đơn vị.")
    submission = Submission.objects.get()
    assert (submission.state, submission.review_note) == ("tra_lai", "Bổ sung phần kiến nghị.")
