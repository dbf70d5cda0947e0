"""What the OpenAPI schema says of our authentication (drf-spectacular extensions, loaded by ApiConfig.ready)."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


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
