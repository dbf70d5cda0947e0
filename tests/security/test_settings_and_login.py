"""Safe defaults, Vietnamese error pages, login lockout, password rules and sessions (issue items 6 and 8)."""
import base64
import datetime as dt
import os
import stat
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import REFRESHED_KEY
from accounts.models import User
from config.env import MISSING_MESSAGE, env_int, resolve_secret_key
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "pw-test-123"  # tests.factories.make_user
LOCKED_3 = (
    "Tài khoản tạm thời bị khóa vì đăng nhập sai mật khẩu 3 lần. Hãy thử lại sau 30 phút "
    "(mỗi lần thử trong lúc bị khóa sẽ tính lại thời gian chờ), hoặc liên hệ quản trị hệ thống để được mở khóa ngay."
)


def _login(client, password, username="staff1", ip="10.0.0.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


# --- lockout on the login page -------------------------------------------------------------------

@override_settings(AXES_FAILURE_LIMIT=3)
def test_after_the_configured_failures_even_the_right_password_is_refused(client):
    make_user("staff1", None)
    for _ in range(2):
        response = _login(client, "sai-mat-khau")
        assert response.status_code == 200
        assert "mật khẩu chính xác" in response.content.decode()
    third = _login(client, "sai-mat-khau")
    assert third.status_code == 429
    assert LOCKED_3 in third.content.decode()

    right = _login(client, PASSWORD)
    body = right.content.decode()
    assert right.status_code == 429
    assert LOCKED_3 in body and '<html lang="vi">' in body
    assert not _signed_in(client)
    attempt = AccessAttempt.objects.get(username="staff1", ip_address="10.0.0.7")
    assert attempt.failures_since_start == 4
    # What axes stores of the form masks the password.
    assert "sai-mat-khau" not in attempt.post_data and PASSWORD not in attempt.post_data


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lock_is_for_that_user_name_from_that_address_only(client):
    make_user("staff1", None)
    for _ in range(3):
        _login(client, "sai-mat-khau", ip="10.0.0.7")
    other_place = Client()
    assert _login(other_place, PASSWORD, ip="10.0.0.8").status_code == 302
    assert _signed_in(other_place)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_unlock_command_lets_the_user_in_again(client):
    make_user("staff1", None)
    for _ in range(3):
        _login(client, "sai-mat-khau")
    assert _login(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "staff1", stdout=open(os.devnull, "w"))
    assert AccessAttempt.objects.count() == 0
    response = _login(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_admin_unlocks_by_deleting_the_attempt(client):
    make_user("staff1", None)
    for _ in range(3):
        _login(client, "sai-mat-khau")
    attempt = AccessAttempt.objects.get(username="staff1")
    admin = User.objects.create_superuser("quantri", password="quan-tri-2026")
    admin_client = Client()
    admin_client.force_login(admin)
    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    listing_body = listing.content.decode()
    assert listing.status_code == 200 and "staff1" in listing_body
    assert "Chống dò mật khẩu" in listing_body and "lần đăng nhập sai (xóa để mở khóa)" in listing_body
    assert "Số lần sai" in listing_body and "Địa chỉ IP" in listing_body
    response = admin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _login(client, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_a_successful_login_clears_earlier_failures(client):
    make_user("staff1", None)
    _login(client, "sai-mat-khau")
    assert AccessAttempt.objects.filter(username="staff1").exists()
    assert _login(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="staff1").exists()


def test_the_limit_and_wait_come_from_the_environment_with_safe_defaults():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == dt.timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


# --- lockout through the API's HTTP Basic ---------------------------------------------------------

def _basic(password, username="staff1"):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}", "REMOTE_ADDR": "10.0.0.9"}


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_basic_credentials_count_and_a_locked_account_gets_429_in_vietnamese(client):
    make_user("staff1", None)
    url = "/api/ke-hoach/"
    assert client.get(url, **_basic(PASSWORD)).status_code == 200
    for _ in range(2):
        response = client.get(url, **_basic("sai-mat-khau"))
        assert response.status_code == 401
        assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.", "errors": {}}
    third = client.get(url, **_basic("sai-mat-khau"))
    assert third.status_code == 429
    assert third.json() == {"detail": LOCKED_3, "errors": {}}

    right = client.get(url, **_basic(PASSWORD))
    assert right.status_code == 429
    assert right["Content-Type"] == "application/json"
    assert right.json() == {"detail": LOCKED_3, "errors": {}}
    assert AccessAttempt.objects.get(username="staff1", ip_address="10.0.0.9").failures_since_start == 4


# --- passwords ------------------------------------------------------------------------------------

def test_the_password_change_page_needs_login_and_is_linked_from_the_user_menu(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(make_user("staff1", None))
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("password_change")}">Đổi mật khẩu</a>' in home
    page = client.get(reverse("password_change")).content.decode()
    assert "<h1 id=\"password-title\">Đổi mật khẩu</h1>" in page
    assert "Mật khẩu cũ" in page and "Mật khẩu mới" in page


def test_a_numeric_common_short_password_is_refused_in_vietnamese(client):
    user = make_user("staff1", None)
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chưa đổi được mật khẩu" in body
    assert "Mật khẩu quá ngắn. Nó phải chứa ít nhất 10 ký tự." in body
    assert "Mật khẩu này quá phổ biến." in body
    assert "Mật khẩu này hoàn toàn là số." in body
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_old_password_is_required(client):
    user = make_user("staff1", None)
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": "khong-dung-123", "new_password1": "Lai-Chau-mua-xuan-7", "new_password2": "Lai-Chau-mua-xuan-7",
    })
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_good_new_password_is_saved_and_the_session_goes_on(client):
    user = make_user("staff1", None)
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Lai-Chau-mua-xuan-7", "new_password2": "Lai-Chau-mua-xuan-7",
    }, follow=True)
    assert response.redirect_chain == [(reverse("password_change_done"), 302)]
    assert "Mật khẩu của bạn đã được đổi" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Lai-Chau-mua-xuan-7")
    assert _signed_in(client)


# --- sessions -------------------------------------------------------------------------------------

def test_the_session_ends_with_the_browser_and_after_the_idle_time(client):
    make_user("staff1", None)
    response = _login(client, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    session = Session.objects.get(session_key=cookie.value)
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert 30 * 60 - 60 < remaining <= 30 * 60


def test_activity_moves_the_expiry_on_at_most_once_a_minute(client):
    make_user("staff1", None)
    _login(client, PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    old = timezone.now() + dt.timedelta(minutes=5)
    Session.objects.filter(session_key=key).update(expire_date=old)
    client.get(reverse("home"))  # login saved the session: no write within the minute
    assert Session.objects.get(session_key=key).expire_date == old

    session = client.session
    session[REFRESHED_KEY] = 0
    session.save()
    client.get(reverse("home"))
    remaining = (Session.objects.get(session_key=key).expire_date - timezone.now()).total_seconds()
    assert remaining > 29 * 60


def test_an_idle_session_has_expired(client):
    make_user("staff1", None)
    _login(client, PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- error pages (DEBUG is off in tests, as in production) ----------------------------------------

def _assert_nothing_internal(body):
    for leak in ("Traceback", "internal detail", "SECRET_KEY", "DATABASE_URL", "PATH", "settings.py", "Django"):
        assert leak not in body


def test_debug_is_off():
    assert settings.DEBUG is False


def test_404_in_vietnamese(client):
    client.force_login(make_user("staff1", None))
    response = client.get("/khong-co-trang-nay/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Không tìm thấy trang hoặc dữ liệu</h1>" in body and '<html lang="vi">' in body
    _assert_nothing_internal(body)


@override_settings(ROOT_URLCONF="tests.security.urls")
def test_500_in_vietnamese_without_details(client):
    client.force_login(make_user("staff1", None))
    client.raise_request_exception = False
    response = client.get("/loi-thu/500/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Hệ thống gặp lỗi, chưa thực hiện được yêu cầu</h1>" in body and '<html lang="vi">' in body
    _assert_nothing_internal(body)


@override_settings(ROOT_URLCONF="tests.security.urls")
def test_400_in_vietnamese_without_details(client):
    response = client.get("/loi-thu/400/")
    body = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Yêu cầu không hợp lệ</h1>" in body
    _assert_nothing_internal(body)


def test_an_unknown_host_gets_the_vietnamese_400(client):
    response = client.get(reverse("login"), HTTP_HOST="tan-cong.example")
    assert response.status_code == 400
    assert "<h1>Yêu cầu không hợp lệ</h1>" in response.content.decode()


def test_a_form_without_its_csrf_token_gets_the_vietnamese_page():
    make_user("staff1", None)
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "staff1", "password": PASSWORD})
    body = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Không gửi được biểu mẫu: phiên làm việc đã hết hạn</h1>" in body
    _assert_nothing_internal(body)
    assert not _signed_in(client)


@pytest.mark.parametrize("template", ["400.html", "403_csrf.html", "500.html"])
def test_error_pages_render_without_a_request(template):
    body = render_to_string(template)
    assert '<html lang="vi">' in body and "Về trang chủ" in body


def test_static_files_are_served_with_debug_off(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert b".topbar" in b"".join(response.streaming_content)


# --- the secret key and production settings -------------------------------------------------------

def _manage(args, tmp_path, **env):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_documented_production_variables(tmp_path):
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, DEBUG="0", SECRET_KEY=get_random_secret_key(),
                     ALLOWED_HOSTS="example.vn", HTTPS="1")
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_without_a_secret_key_a_server_refuses_to_start(tmp_path):
    result = _manage(["check"], tmp_path, DEBUG="0")
    assert result.returncode == 1
    assert result.stderr == MISSING_MESSAGE + "\n"  # the message alone, no traceback


def test_commands_that_sign_nothing_run_without_a_secret_key_and_leave_no_key_file(tmp_path):
    result = _manage(["makemigrations", "--check", "--dry-run"], tmp_path, DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No changes detected\n"
    assert _manage(["showmigrations", "cadre"], tmp_path, DEBUG="0").returncode == 0
    key_file = tmp_path / ".secret_key"
    first = resolve_secret_key({"CADRE_KEY_FREE_COMMAND": "1"}, key_file, local_run=False)
    second = resolve_secret_key({"CADRE_KEY_FREE_COMMAND": "1"}, key_file, local_run=False)
    assert len(first) == 50 and first != second  # a throwaway key each time, never stored
    assert not key_file.exists()


def test_the_embedded_demo_keeps_a_private_key_file(tmp_path):
    key_file = tmp_path / ".secret_key"
    key = resolve_secret_key({}, key_file, local_run=True)
    assert len(key) == 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert resolve_secret_key({}, key_file, local_run=True) == key
    assert resolve_secret_key({"SECRET_KEY": "given"}, key_file, local_run=True) == "given"
    assert [p.name for p in tmp_path.iterdir()] == [".secret_key"]


def test_without_the_local_flag_no_key_file_is_made(tmp_path):
    with pytest.raises(ImproperlyConfigured) as error:
        resolve_secret_key({}, tmp_path / ".secret_key", local_run=False)
    assert str(error.value) == MISSING_MESSAGE
    assert not (tmp_path / ".secret_key").exists()


def test_a_bad_number_in_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "năm")
    with pytest.raises(ImproperlyConfigured) as error:
        env_int("LOGIN_FAILURE_LIMIT", 5)
    assert str(error.value) == "Biến môi trường LOGIN_FAILURE_LIMIT phải là số nguyên dương, đang là “năm”."
    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "8")
    assert env_int("LOGIN_FAILURE_LIMIT", 5) == 8


def test_403_in_vietnamese_for_any_refusal(client):
    from accounts.models import Role
    client.force_login(make_user("reviewer", None, role=Role.PROVINCIAL_REVIEWER))
    response = client.get(reverse("cadre:import_upload"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Bạn không có quyền thực hiện thao tác này</h1>" in body
    assert ("Thao tác này không thuộc quyền của tài khoản (vai trò: Chuyên viên Ban Tổ chức Tỉnh ủy), "
            "hoặc dữ liệu nằm ngoài phạm vi tổ chức của bạn.") in body
    _assert_nothing_internal(body)
