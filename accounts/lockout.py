"""What a user locked out by django-axes is told, on a page or in the API's JSON."""
import math

from django.conf import settings
from django.shortcuts import render


def lockout_message() -> str:
    """The reason and the way out, with the configured limit and wait."""
    text = f"Tài khoản tạm thời bị khóa vì đăng nhập sai mật khẩu {settings.AXES_FAILURE_LIMIT} lần."
    cool_off = settings.AXES_COOLOFF_TIME
    if cool_off:
        minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
        return (f"{text} Hãy thử lại sau {minutes} phút (mỗi lần thử trong lúc bị khóa sẽ tính lại thời gian chờ), "
                "hoặc liên hệ quản trị hệ thống để được mở khóa ngay.")
    return f"{text} Hãy liên hệ quản trị hệ thống để được mở khóa."


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Vietnamese page, status 429 (Too Many Requests)."""
    return render(request, "registration/locked.html", {"message": lockout_message()}, status=429)
