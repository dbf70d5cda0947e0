"""What the OpenAPI schema says of our authentication (drf-spectacular extensions, loaded by ApiConfig.ready),
and of the error answers every operation may give (AutoSchema, settings DEFAULT_SCHEMA_CLASS)."""
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "khoaAPI"

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Bearer")
        scheme["description"] = "Khóa API tạo tại trang “Khóa API” (/khoa-api/): Authorization: Bearer cadre_…"
        return scheme


class BasicScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.LockoutAwareBasicAuthentication"
    name = "basicAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "basic",
                "description": "Tên đăng nhập và mật khẩu (HTTP Basic); sai nhiều lần thì tài khoản bị khóa tạm thời."}


class ErrorSerializer(serializers.Serializer):
    """The one error body (api/errors.py), as the schema documents it."""

    detail = serializers.CharField(help_text="Điều gì không đúng, bằng tiếng Việt.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Lỗi theo từng trường ({tên trường: [thông báo]}); lỗi của cả yêu cầu ở “non_field_errors”.",
    )
    current_version = serializers.IntegerField(
        required=False, help_text="Chỉ với 409: phiên bản hiện tại của bản ghi (đọc lại rồi gửi lại với phiên bản này).")


# The answers every operation may give besides its own (the exception handler's one body).
ERROR_RESPONSES = {
    "400": "Dữ liệu gửi lên hoặc tham số chưa hợp lệ (lỗi theo từng trường trong “errors”).",
    "401": "Chưa xác thực, hoặc khóa API, mật khẩu không đúng.",
    "403": "Không có quyền (ví dụ tài khoản chỉ xem mà gửi thao tác ghi).",
    "404": "Không tìm thấy, hoặc ngoài phạm vi quản lý của người dùng.",
    "429": "Quá nhiều yêu cầu, hoặc tài khoản tạm thời bị khóa.",
}
WRITE_ERROR_RESPONSES = {
    "409": "Xung đột: bản ghi đã được người khác sửa sau khi bạn đọc (kèm “current_version”), "
           "hoặc trạng thái hiện tại không cho phép thao tác.",
}
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, documenting the error answers of every operation (ERROR_RESPONSES) in
    the one error body, so that the schema says every status the API may answer."""

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        errors = dict(ERROR_RESPONSES)
        if self.method in UNSAFE_METHODS:
            errors.update(WRITE_ERROR_RESPONSES)
        for code, description in errors.items():
            if code not in bodies:
                bodies[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, ("application/json",), direction)
        return bodies
