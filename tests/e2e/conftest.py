"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

They run in the normal `pytest` run (marker `e2e`) and are skipped, with the
reason, only where /usr/bin/chromium is missing; CI installs it (.ci/run).
"""
import datetime as dt
import os
from pathlib import Path

import pytest

from accounts.models import Role
from tests.web.catalog_seed import ensure_catalogs
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 900}
PASSWORD = "mat-khau-thu-123"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason="Chromium không có tại /usr/bin/chromium (apt-get install chromium)"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own
    # ORM calls (building data, checking rows) are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", accept_downloads=True, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def district(transactional_db, settings):
    """District A with a few officials, and a staff user of it."""
    ensure_catalogs()
    tree = make_district_tree("LC")
    duc = make_official("A1", full_name="Nguyễn Văn Đức", citizen_id="001080000123", party_joined_on=dt.date(2005, 3, 2))
    add_position(duc, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 2))
    add_position(duc, tree["LC.A.X2"], "PCT_UBND_XA", dt.date(2015, 1, 1), dt.date(2019, 12, 31))
    add_qualification(duc, "CHUYEN_MON", "DAI_HOC", dt.date(2012, 6, 1))
    add_rating(duc, 2024, "HTXSNV")
    hoa = make_official("A2", full_name="Lò Thị Hoa", gender="NU", ethnicity="Thái", birth_date=dt.date(1995, 5, 5))
    add_position(hoa, tree["LC.A.X2"], "CT_HLHPN_XA", dt.date(2022, 1, 1))
    other = make_official("B1", full_name="Nguyễn Văn Đông")
    add_position(other, tree["LC.B.X1"], "CT_UBND_XA", dt.date(2019, 1, 1))
    user = make_user("staff_a", tree["LC.A"], first_name="Minh", last_name="Hà")
    user.set_password(PASSWORD)
    user.save()
    reviewer = make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER)
    reviewer.set_password(PASSWORD)
    reviewer.save()
    return {"tree": tree, "duc": duc, "hoa": hoa, "user": user}


def log_in(page, username="staff_a"):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")
