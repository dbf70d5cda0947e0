"""Take the documentation screenshots (PNG, 1366x900) with Playwright and Debian's Chromium.

Against a running server with the demo data (which brings its demo plans), for example:

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python manage.py generate_demo
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python manage.py runserver 127.0.0.1:8765
    python docs/screenshots/take_screenshots.py http://127.0.0.1:8765

The import screenshots upload a small workbook made here: first with two
mistakes, then corrected (the corrected one is checked, not committed).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ARGS = ["--lang=vi", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
USER, PASSWORD = "staff1", "demo-2026"


def workbook(path: Path, *, broken: bool) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "ToChuc"
    sheet.append(["Mã", "Tên", "Loại", "Mã cấp trên", "Hình thức"])
    sheet.append(["LC.PT.MS", "Xã Mường So", "XA", "LC.PT", "DANG_BO"])
    officials = book.create_sheet("CanBo")
    officials.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Quê quán", "Ngày vào Đảng"])
    officials.append(["MS-9001", "Lò Văn Thắng", "Nam", "31/02/1988" if broken else "28/02/1988", "Thái", "01208800912" if broken else "012088009121", "LC.PT.MS", "19/05/2012"])
    officials.append(["MS-9002", "Tẩn Thị Mẩy", "Nữ", "14/09/1996", "Dao" if not broken else "Dao Đỏ Xanh", None, None, None])
    officials.append(["MS-9003", "Vàng A Sáng", "Nam", "02/01/1990", "Mông", None, None, "03/02/2035" if broken else "03/02/2015"])
    positions = book.create_sheet("ChucVu")
    positions.append(["Mã cán bộ", "Mã tổ chức", "Chức vụ", "Từ ngày", "Đến ngày"])
    positions.append(["MS-9001", "LC.PT.MS", "CT_HND_XA", "01/07/2021", None])
    positions.append(["MS-9002", "LC.PT.MS", "BT_DOAN" if broken else "BT_DOAN_XA", "15/03/2022", None])
    positions.append(["MS-9003", "LC.PT.MS", "CC_DC", "01/01/2020", "01/01/2019" if broken else None])
    ratings = book.create_sheet("DanhGia")
    ratings.append(["Mã cán bộ", "Năm", "Xếp loại"])
    ratings.append(["MS-9001", 2024, "HTT" if broken else "HTTNV"])
    book.save(path)
    return path


def main(base: str) -> None:
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page.goto(f"{base}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(USER)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{base}/")

        def shot(name: str) -> None:
            page.wait_for_timeout(400)
            page.screenshot(path=str(HERE / f"{name}.png"))
            print(f"docs/screenshots/{name}.png")

        page.goto(f"{base}/can-bo/")
        page.get_by_role("searchbox", name="Tìm cán bộ").fill("nguyen van")
        page.locator("#results").get_by_text("khớp với").wait_for()
        shot("danh-sach-can-bo")

        # An official with a long career (the default demo, seed 2026): positions, events, qualifications.
        page.goto(f"{base}/can-bo/?q=dang+van+chieu")
        page.locator("#results tbody a.name").first.click()
        page.get_by_role("heading", name="Quá trình công tác").wait_for()
        shot("ho-so-can-bo")

        page.goto(f"{base}/nhap-du-lieu/")
        page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(workbook(Path(folder) / "danh-sach-moi.xlsx", broken=True)))
        page.get_by_role("button", name="Tải lên và kiểm tra").click()
        page.locator("table.problems").wait_for()
        shot("nhap-du-lieu-loi")
        page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(workbook(Path(folder) / "danh-sach-moi.xlsx", broken=False)))
        page.get_by_role("button", name="Tải lên và kiểm tra lại").click()
        page.locator("table.summary").wait_for()
        shot("nhap-du-lieu-xem-truoc")

        page.goto(f"{base}/tong-quan/")
        page.locator("canvas").first.wait_for()
        shot("tong-quan-chi-tieu")
        page.evaluate("document.getElementById('mix').closest('section').scrollIntoView({block: 'start'})")
        shot("tong-quan-co-cau")

        page.goto(f"{base}/to-chuc/")
        shot("cay-to-chuc")

        # The provincial reviewer compares the districts on the province's resolution.
        page.get_by_role("button", name="Đăng xuất").click()
        page.goto(f"{base}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("reviewer")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/bao-cao/so-sanh/?org=LC&plan=15-NQ/TU&as_of=30/06/2024&rating_years=2023"
                  "&baseline=31/12/2020&target_year=2025")
        page.locator("table.compare-table").first.wait_for()
        page.evaluate("document.querySelector('section.compare').scrollIntoView({block: 'start'})")
        shot("so-sanh-cac-huyen")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8765")
