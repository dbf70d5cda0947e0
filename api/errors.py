"""One error body for every API answer that is not a success:

    {"detail": "<what went wrong, in Vietnamese>", "errors": {"<field>": ["<message>", …]}}

`errors` is empty unless fields were wrong; a problem of the whole request is
under "non_field_errors". A refused stale write (409) adds "current_version"; another 409 (the state
forbids the action: a report already sent) has none.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.authentication import INVALID_TOKEN
from cadre.services.versions import RowGone, StaleVersion

INVALID = "Dữ liệu gửi lên chưa hợp lệ; xem từng trường trong “errors”."
# REST framework's own messages, in Vietnamese (its translation lacks them).
MESSAGES = {
    exceptions.NotAuthenticated: "Chưa đăng nhập: hãy gửi khóa API (Authorization: Bearer …), tên đăng nhập và "
                                 "mật khẩu (HTTP Basic), hoặc đăng nhập trên trang web.",
    exceptions.AuthenticationFailed: "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.",
    exceptions.PermissionDenied: "Bạn không có quyền thực hiện thao tác này.",
    exceptions.NotFound: "Không tìm thấy (hoặc ngoài phạm vi quản lý của bạn).",
    exceptions.MethodNotAllowed: "Phương thức HTTP này không dùng được ở địa chỉ này.",
    exceptions.NotAcceptable: "Không trả được định dạng được yêu cầu (Accept); API trả JSON.",
    exceptions.UnsupportedMediaType: "Kiểu nội dung (Content-Type) không được hỗ trợ; hãy gửi JSON hoặc multipart/form-data.",
    exceptions.ParseError: "Nội dung gửi lên không đọc được (JSON sai cú pháp?).",
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, message: str, current_version: int | None = None):
        super().__init__(message)
        self.current_version = current_version


def field_errors(detail) -> dict[str, list[str]]:
    """A ValidationError's detail as {field: [messages]}; nested details joined with dots."""
    if isinstance(detail, dict):
        result: dict[str, list[str]] = {}
        for name, value in detail.items():
            nested = field_errors(value)
            for key, messages in nested.items():
                full = str(name) if key == "non_field_errors" else f"{name}.{key}"
                result.setdefault(full, []).extend(messages)
        return result
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return {"non_field_errors": [str(item) for item in detail]}
        result = {}
        for index, item in enumerate(detail):
            for key, messages in field_errors(item).items():
                full = str(index) if key == "non_field_errors" else f"{index}.{key}"
                result.setdefault(full, []).extend(messages)
        return result
    return {"non_field_errors": [str(detail)]}


def error_body(detail: str, errors: dict | None = None, **extra) -> dict:
    return {"detail": detail, "errors": errors or {}, **extra}


def exception_handler(exc, context):
    """REST framework's handler, answering in the one body above."""
    if isinstance(exc, StaleVersion):
        exc = Conflict(exc.message, exc.current_version)
    elif isinstance(exc, RowGone):
        exc = exceptions.NotFound(exc.message)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(MESSAGES[exceptions.NotFound])
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(MESSAGES[exceptions.PermissionDenied])
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(INVALID, field_errors(exc.detail))
        return response
    message = next((text for kind, text in MESSAGES.items() if type(exc) is kind), None)
    own = str(getattr(exc, "detail", ""))
    if isinstance(exc, (exceptions.NotFound, exceptions.PermissionDenied)) and own != str(type(exc).default_detail):
        message = own  # our own Vietnamese message; REST framework's defaults are replaced
    if isinstance(exc, exceptions.AuthenticationFailed) and own == INVALID_TOKEN:
        message = own
    if isinstance(exc, exceptions.Throttled):
        message = f"Quá nhiều yêu cầu; hãy thử lại sau {exc.wait:.0f} giây." if exc.wait else "Quá nhiều yêu cầu."
    # A stale write says which version is current; a conflict of state (a report already sent) has none.
    extra = {"current_version": exc.current_version} if isinstance(exc, Conflict) and exc.current_version is not None else {}
    response.data = error_body(message or str(exc.detail), **extra)
    return response


def bad_request(errors: dict[str, list[str]]) -> Response:
    """400 with the field errors of a Django form or a service (the same body as a serializer's)."""
    return Response(error_body(INVALID, errors), status=status.HTTP_400_BAD_REQUEST)


# --- answers Django gives before any API view runs (no route matched, a crash) -------------------------

SERVER_ERROR = "Lỗi máy chủ; chưa có gì được ghi thêm. Hãy thử lại hoặc báo quản trị viên."


def not_found(request, exception=None):
    """handler404: under /api/ the one error body (a path that matches no route, such as /officials/abc/);
    elsewhere the page."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse(error_body(MESSAGES[exceptions.NotFound]), status=404,
                            json_dumps_params={"ensure_ascii": False})
    return page_not_found(request, exception)


def server_error(request):
    """handler500: under /api/ the one error body; elsewhere the page."""
    from django.http import JsonResponse
    from django.views.defaults import server_error as page_server_error

    if request.path.startswith("/api/"):
        return JsonResponse(error_body(SERVER_ERROR), status=500, json_dumps_params={"ensure_ascii": False})
    return page_server_error(request)
