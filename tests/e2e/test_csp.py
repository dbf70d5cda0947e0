"""The Content-Security-Policy in a real browser: no page, script (htmx, Chart.js, the admin's) or style is refused.

Chromium reports every refusal on the console ("… violates the following Content Security Policy
directive …"). Set CSP_SCREENSHOTS=/some/folder to keep screenshots of the dashboard and a document preview.
"""
import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from planning.services import plan_import
from tests.e2e.conftest import PASSWORD, log_in
from tests.factories import make_user

REPORT = "org=LC.A&plan=15-NQ/TU&as_of=30/06/2024&rating_years=2023&baseline=31/12/2020"


class Console:
    """Collects what the browser refused, and the pages' script errors."""

    def __init__(self, page):
        self.page, self.refused, self.errors = page, [], []
        page.on("console", self._message)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _message(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.refused.append(f"{self.page.url}: {message.text}")


def settle(page):
    page.wait_for_load_state("networkidle")


def screenshot(page, name):
    folder = os.environ.get("CSP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def documents_and_plan(district):
    from documents.models import ReportDocument

    plan = plan_import(data={
        "code": "15-NQ/TU", "title": "Nghị quyết cán bộ cấp xã", "organization": "LC", "issued_on": "2021-03-10",
        "tables": [{"number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "CB_XA", "rows": [
            {"label": "Cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "min": 30}]},
            {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
             "targets": [{"year": 2025, "value": 80}]},
        ]}],
    }).plan
    document = ReportDocument.objects.create(
        organization=district["tree"]["LC.A"], plan=plan, as_of=dt.date(2024, 6, 30),
        baseline_as_of=dt.date(2020, 12, 31), issued_on=dt.date(2024, 7, 12), number="215-BC/HU",
        subject="Sơ kết Nghị quyết 15-NQ/TU",
    )
    return {"plan": plan, "document": document}


def test_the_detector_sees_a_refused_inline_style(page, district):
    """The check below can fail: an inline style put into a page is refused and reported."""
    console = Console(page)
    page.goto("/dang-nhap/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert console.refused and "style-src" in console.refused[0]


def test_no_page_of_the_application_is_refused_anything(page, district, documents_and_plan):
    console = Console(page)
    document = documents_and_plan["document"]
    page.goto("/dang-nhap/")
    settle(page)
    log_in(page)
    pages = [
        "/", "/can-bo/", f"/can-bo/{district['duc'].pk}/", "/can-bo/them/", "/to-chuc/", "/tong-quan/",
        f"/bao-cao/?{REPORT}", f"/bao-cao/so-sanh/?{REPORT}", "/van-ban/", f"/van-ban/{document.pk}/",
        "/nhap-du-lieu/",
    ]
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        settle(page)
        if url == "/tong-quan/":
            # Chart.js drew the charts (it sizes the canvases through the CSSOM, which the policy allows).
            canvases = page.locator("canvas[id^=chart-]")
            expect(canvases.first).to_be_visible()
            assert page.evaluate("Array.from(document.querySelectorAll('canvas')).every(c => Chart.getChart(c))")
            screenshot(page, "dashboard")
        if url == f"/van-ban/{document.pk}/":
            # The document's own stylesheet applies: the font, and the Biểu column widths.
            assert "Times New Roman" in page.evaluate("getComputedStyle(document.querySelector('.van-ban')).fontFamily")
            share = page.evaluate("""() => {
                const table = document.querySelector('table.vb-table');
                const cell = table.querySelector('tbody tr td:nth-child(2)');
                return cell.getBoundingClientRect().width / table.getBoundingClientRect().width; }""")
            assert 0.25 < share < 0.27
            screenshot(page, "document")
        if url == "/to-chuc/":
            # htmx brings a unit's rows; its indicator styles are in app.css, not a <style> it would add.
            assert page.locator("head style").count() == 0
            depth = page.evaluate("getComputedStyle(document.querySelector('.indent[data-depth=\"1\"]')).paddingLeft")
            assert depth == "22.4px"
    page.goto("/can-bo/")
    page.get_by_role("searchbox", name="Tìm cán bộ").fill("nguyen van duc")
    expect(page.locator("#results tbody tr")).to_have_count(1)  # htmx with allowEval off still searches
    settle(page)
    assert console.refused == []
    assert console.errors == []


def test_the_admin_works_under_the_policy(page, district, documents_and_plan):
    admin = make_user("quantri", None, role=Role.ADMIN, is_superuser=True, is_staff=True)
    admin.set_password(PASSWORD)
    admin.save()
    console = Console(page)
    log_in(page, "quantri")
    for url in ("/admin/", "/admin/cadre/organization/", "/admin/cadre/official/"):
        assert page.goto(url).status == 200, url
        settle(page)
    page.goto("/admin/cadre/organization/")
    # The organizations' list is indented by static/css/admin.css: 1.5em a level.
    padding, font_size = page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector('.tree-name[data-depth="1"]'));
        return [parseFloat(style.paddingLeft), parseFloat(style.fontSize)]; }""")
    assert padding == pytest.approx(1.5 * font_size) and padding > 0

    page.goto(f"/admin/cadre/official/{district['duc'].pk}/change/")
    settle(page)
    positions = page.locator("#positions-group, [id$=positions-group], .inline-group").first
    rows_before = positions.locator("tbody tr.form-row:not(.empty-form)").count()
    positions.locator("tr.add-row a").click()  # the inline's "add another" (admin/js/inlines.js)
    expect(positions.locator("tbody tr.form-row:not(.empty-form)")).to_have_count(rows_before + 1)
    new_row = positions.locator("tbody tr.form-row:not(.empty-form)").last

    # Autocomplete (select2 with jQuery) on the new row's organization.
    new_row.locator("td.field-organization .select2-selection").click()
    page.locator(".select2-search__field").fill("X1")
    expect(page.locator(".select2-results__option").first).to_contain_text("X1")
    page.locator(".select2-results__option").first.click()
    expect(new_row.locator("td.field-organization .select2-selection__rendered")).to_contain_text("X1")

    # The calendar of a date field (admin/js/admin/DateTimeShortcuts.js).
    link = new_row.locator("td.field-start_date .datetimeshortcuts a[id^=calendarlink]")
    number = link.get_attribute("id").removeprefix("calendarlink")
    link.click()
    calendar = page.locator(f"#calendarbox{number}")
    expect(calendar).to_be_visible()
    calendar.locator("td a").first.click()
    expect(new_row.locator("td.field-start_date input")).not_to_have_value("")
    settle(page)
    assert console.refused == []
    assert console.errors == []
