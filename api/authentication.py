"""Who is calling: a token (programs), HTTP Basic (the first API's scripts) or the browser's session.

Every way ends at the same user object, so the scope (cadre.scoping), the role
and the audit trail are those of the pages.
"""
from __future__ import annotations

from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication, SessionAuthentication, get_authorization_header

from accounts.lockout import lockout_message
from api.tokens import token_user

INVALID_TOKEN = "Khóa API không đúng, đã bị thu hồi, hoặc tài khoản đã bị khóa."


class AccountLocked(exceptions.APIException):
    status_code = 429
    default_code = "account_locked"


class TokenAuthentication:
    """`Authorization: Bearer cadre_…` (or `Token cadre_…`): a token created on the page /tai-khoan/khoa-api/."""

    keywords = (b"bearer", b"token")

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        try:
            text = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from None
        user = token_user(text)
        if user is None:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        return user, user.api_token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class LockoutAwareBasicAuthentication(BasicAuthentication):
    """HTTP Basic whose failures count towards django-axes' lockout (the request reaches authenticate()),
    and whose locked-out callers are told so: 429 with the Vietnamese reason, not “wrong password”."""

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            # axes marks the (REST framework) request it was given when the limit is reached or already was.
            if request is not None and getattr(request, "axes_locked_out", False):
                raise AccountLocked(lockout_message()) from None
            raise


# Tokens and Basic first: a script with wrong credentials is told 401 (with WWW-Authenticate), not 403.
AUTHENTICATION_CLASSES = [TokenAuthentication, LockoutAwareBasicAuthentication, SessionAuthentication]
