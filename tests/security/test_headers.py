"""Browser security headers: a strict Content-Security-Policy on every response, nothing inline
in any page, and `Cache-Control: no-store` on every page and download (they carry personal data).

The pages are every named address that needs no argument (the URL resolver's list, admin
included) and the pages of one official, one organization, one plan's reports and one document.
"""
import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from config.middleware import NoStoreMiddleware
from documents.models import ReportDocument
from documents.pdf_render import document_css
from planning.services import plan_import
from accounts.models import Role
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db

REPORT = {"org": "LC.A", "plan": "01-ĐA/HU", "as_of": "15/05/2023", "rating_years": "2022", "baseline": "31/12/2020"}
EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# An official's name as an attacker would type it into the admin or an import.
HOSTILE_NAME = 'Nguyễn Văn Tà<img src=x onerror="alert(1)"><script>alert(2)</script><b style="color:red">'


@pytest.fixture
def data():
    tree = make_district_tree("LC")
    duc = make_official("A1", full_name="Nguyễn Văn Đức", gender="NU", citizen_id="001080000123")
    add_position(duc, tree["LC.A.X1"], "BT_DU", dt.date(2019, 1, 1))
    add_qualification(duc, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
    add_rating(duc, 2022, "HTXSNV")
    hostile = make_official("A9", full_name=HOSTILE_NAME)
    add_position(hostile, tree["LC.A.X2"], "CT_UBND_XA", dt.date(2019, 1, 1))
    plan = plan_import(data={
        "code": "01-ĐA/HU", "title": "Đề án xây dựng đội ngũ cán bộ cấp xã", "organization": "LC.A",
        "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA", "rows": [
            {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
             "targets": [{"year": 2025, "value": 50}]},
            {"label": "Tỷ lệ cán bộ nữ", "indicator": "NU", "targets": [{"year": 2025, "value": 20}]},
        ]}],
    }).plan
    document = ReportDocument.objects.create(
        organization=tree["LC.A"], plan=plan, as_of=dt.date(2023, 5, 15), baseline_as_of=dt.date(2020, 12, 31),
        issued_on=dt.date(2023, 7, 12), number="408-BC/HU", subject="Sơ kết đề án",
    )
    return {"tree": tree, "duc": duc, "hostile": hostile, "plan": plan, "document": document}


@pytest.fixture
def staff(client, data):
    """A district's administrator: the application's pages and the admin, scoped to the district."""
    user = make_user("staff_a", data["tree"]["LC.A"], role=Role.ADMIN, is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    return client


def named_patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from named_patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def addresses_without_arguments() -> list[str]:
    found = set()
    for name in named_patterns(get_resolver().url_patterns):
        try:
            found.add(reverse(name))
        except NoReverseMatch:  # needs arguments
            continue
    return sorted(found)


def object_pages(data) -> list[str]:
    duc, tree, document = data["duc"], data["tree"], data["document"]
    table = data["plan"].tables.get()
    report = "?" + "&".join(f"{key}={value}" for key, value in REPORT.items())
    counted = report + f"&table={table.pk}&row=tong-so&column=thuc-hien&part=tu-so"
    return [
        reverse("cadre:official_detail", args=[duc.pk]),
        reverse("cadre:official_detail", args=[data["hostile"].pk]),
        reverse("cadre:official_update", args=[duc.pk]),
        *(reverse("cadre:record_add", args=[duc.pk, kind])
          for kind in ("chuc-vu", "trinh-do", "danh-gia", "su-kien", "quy-hoach")),
        reverse("cadre:official_list") + "?q=Ta",
        reverse("cadre:organization_cells", args=[tree["LC.A"].pk]),
        reverse("dashboard") + "?ngay=01/06/2024",
        reverse("reports:report") + report,
        reverse("reports:comparison") + report,
        reverse("reports:counted") + counted,
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:edit", args=[document.pk]),
        reverse("admin:cadre_official_change", args=[duc.pk]),
        reverse("admin:cadre_official_change", args=[data["hostile"].pk]),
        reverse("admin:cadre_organization_change", args=[tree["LC.A.X1"].pk]),
        reverse("admin:documents_reportdocument_change", args=[document.pk]),
    ]


def downloads(data) -> list[str]:
    document = data["document"]
    report = "?" + "&".join(f"{key}={value}" for key, value in REPORT.items())
    return [
        *(reverse("reports:download", args=[kind]) + report for kind in ("json", "xlsx", "docx", "pdf")),
        reverse("reports:comparison_download") + report,
        *(reverse("documents:download", args=[document.pk, kind]) for kind in ("docx", "pdf")),
        reverse("cadre:official_list_xlsx"),
        reverse("cadre:official_exchange_workbook"),
        reverse("api:report") + report.replace("15/05/2023", "2023-05-15").replace("31/12/2020", "2020-12-31"),
        reverse("api:organizations"),
    ]


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineFinder(HTMLParser):
    """Everything in a page that a strict Content-Security-Policy would block."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append(f"<script> without src: {self.get_starttag_text()}")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or re.fullmatch(r"on[a-z]+", name):
                self.found.append(f"{name}= in {self.get_starttag_text()}")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: in {self.get_starttag_text()}")


def inline_content(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    found = finder.found
    # The plain patterns too, as the brief states them (a parser quirk must not hide one).
    found += [f"regex: {m.group(0)}" for m in re.finditer(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>', html)]
    found += [f"regex: {m.group(0)}" for m in re.finditer(r'<[^>]*\s(style|on[a-z]+)\s*=\s*["\'][^>]*>', html)]
    return found


def is_no_store(response) -> bool:
    """no-store among the Cache-Control directives (the admin's never_cache sends more of them)."""
    return "no-store" in [part.strip() for part in response.get("Cache-Control", "").split(",")]


def assert_safe_page(response, url):
    assert response.status_code == 200, url
    csp = policy(response)
    assert csp["script-src"] == ["'self'"], url
    assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
    assert "'unsafe-eval'" not in response["Content-Security-Policy"], url
    assert is_no_store(response), url
    if response["Content-Type"].startswith("text/html"):
        assert inline_content(response.content.decode()) == [], url


def test_the_policy_is_exactly_the_strict_one(staff):
    response = staff.get(reverse("home"))
    assert response.status_code == 200
    assert policy(response) == EXPECTED_POLICY


def test_the_headers_present_before_stay(staff):
    response = staff.get(reverse("cadre:official_list"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Pragma"] == "no-cache"


def test_every_page_without_arguments_has_the_policy_no_store_and_nothing_inline(staff, data):
    urls = addresses_without_arguments()
    for expected in ("/", "/tong-quan/", "/can-bo/", "/can-bo/them/", "/to-chuc/", "/nhap-du-lieu/", "/bao-cao/",
                     "/bao-cao/so-sanh/", "/van-ban/", "/van-ban/moi/", "/van-ban/da-gui/", "/van-ban/mau/",
                     "/admin/", "/admin/cadre/official/", "/admin/cadre/official/add/", "/admin/cadre/organization/"):
        assert expected in urls
    html_pages = 0
    for url in urls:
        response = staff.get(url)
        # Every answer carries the policy and no-store, whatever its status (logout refuses GET, the API wants
        # parameters, the admin's autocomplete its own).
        assert "Content-Security-Policy" in response, url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert is_no_store(response), url
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            html_pages += 1
            assert_safe_page(response, url)
    assert html_pages >= 40


def test_the_pages_of_an_official_an_organization_a_report_and_a_document_have_nothing_inline(staff, data):
    for url in object_pages(data):
        assert_safe_page(staff.get(url), url)


def test_the_login_page_and_the_anonymous_redirect_carry_the_headers(client, data):
    response = client.get(reverse("login"))
    assert_safe_page(response, "login")
    response = client.get(reverse("cadre:official_list"))
    assert response.status_code == 302 and response["Cache-Control"] == "no-store"
    assert policy(response) == EXPECTED_POLICY


def test_a_hostile_name_is_text_and_the_page_may_run_only_its_own_scripts(staff, data):
    for url in (reverse("cadre:official_detail", args=[data["hostile"].pk]), reverse("cadre:official_list"),
                reverse("admin:cadre_official_changelist")):
        response = staff.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert "&lt;img src=x onerror=" in body, url
        assert "<script>alert(2)" not in body and 'onerror="alert' not in body, url
        assert inline_content(body) == [], url
        assert policy(response)["script-src"] == ["'self'"], url


def test_every_download_is_no_store(staff, data):
    for url in downloads(data):
        response = staff.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response["Cache-Control"] == "no-store", url
        assert response["Pragma"] == "no-cache", url
    pdf = staff.get(reverse("documents:download", args=[data["document"].pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert json.loads(staff.get(reverse("api:organizations")).content)


@pytest.mark.urls("tests.security.static_urls")
def test_static_files_keep_their_caching(staff):
    response = staff.get("/static/css/app.css")
    assert response.status_code == 200
    assert b".htmx-indicator" in b"".join(response.streaming_content)
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Pragma" not in response
    # The page itself, through the same address book, is no-store.
    assert staff.get(reverse("home"))["Cache-Control"] == "no-store"


def test_a_response_with_its_own_cache_control_is_left_alone():
    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "public, max-age=60"
        return response

    response = NoStoreMiddleware(view)(RequestFactory().get("/tong-quan/"))
    assert response["Cache-Control"] == "public, max-age=60" and "Pragma" not in response
    response = NoStoreMiddleware(lambda request: HttpResponse("x"))(RequestFactory().get("/static/css/app.css"))
    assert "Cache-Control" not in response and "Pragma" not in response
    response = NoStoreMiddleware(lambda request: HttpResponse("x"))(RequestFactory().get("/statics/x"))
    assert response["Cache-Control"] == "no-store"


def test_the_document_preview_takes_its_layout_from_a_stylesheet(staff, data):
    page = staff.get(reverse("documents:detail", args=[data["document"].pk])).content.decode()
    assert f'<link rel="stylesheet" href="{reverse("documents:stylesheet")}">' in page
    assert "".join(f'<col class="vb-col-{n}">' for n in range(1, 11)) in page
    response = staff.get(reverse("documents:stylesheet"))
    assert response.status_code == 200 and response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert css == document_css(None)
    assert ".van-ban table.vb-table col.vb-col-1 { width: 4.5%; }" in css
    assert ".van-ban table.vb-table col.vb-col-10 { width: 8.5%; }" in css
    assert "@page" not in css and "@font-face" not in css


def test_indentation_is_a_data_attribute_with_a_rule_for_every_level(staff, data):
    tree_page = staff.get(reverse("cadre:organization_cells", args=[data["tree"]["LC.A"].pk])).content.decode()
    assert 'class="indent" data-depth="1"' in tree_page
    admin_page = staff.get(reverse("admin:cadre_organization_changelist")).content.decode()
    assert 'class="tree-name" data-depth="1"' in admin_page and "/static/css/admin.css" in admin_page
    from django.contrib.staticfiles import finders

    app_css = open(finders.find("css/app.css"), encoding="utf-8").read()
    admin_css = open(finders.find("css/admin.css"), encoding="utf-8").read()
    for depth in range(1, 13):
        assert f'.indent[data-depth="{depth}"] {{ padding-left:{depth * 1.4:g}rem; }}' in app_css
        assert f'.tree-name[data-depth="{depth}"] {{ padding-left: {depth * 1.5:g}em; }}' in admin_css
