"""Create, find and revoke API tokens.

A token reads "cadre_<prefix>_<secret>": the prefix (public, unique) finds the
row, the SHA-256 of the whole token is compared in constant time. The token
itself is never stored, so a copy of the database gives no access.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from cadre import audit
from cadre.models import ChangeAction

TOKEN_START = "cadre_"
MAX_ACTIVE_TOKENS = 20  # per user
# last_used_at is written at most this often, so a busy script does not write on every request.
LAST_USED_RESOLUTION_SECONDS = 60


class TokenError(ValueError):
    """A token cannot be created; the message is for the user (Vietnamese)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token of the user: (the row, the token text, shown once)."""
    name = " ".join((name or "").split())
    if not name:
        raise TokenError("Hãy đặt tên gợi nhớ cho khóa (ví dụ: “Đồng bộ với CSDL đảng viên”).")
    if len(name) > 100:
        raise TokenError("Tên gợi nhớ dài tối đa 100 ký tự.")
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(f"Mỗi người dùng có tối đa {MAX_ACTIVE_TOKENS} khóa đang dùng; hãy thu hồi khóa không dùng nữa.")
    prefix = secrets.token_hex(6)
    token = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=_digest(token))
    audit.record(entity="NguoiDung", key=user.username, action=ChangeAction.CREATE,
                 after={"khoa_api": f"{name} ({prefix}…)"})
    return row, token


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> None:
    """Revoke one of the user's own tokens (a revoked token stays listed, unusable)."""
    if token.user_id != user.pk:
        raise ApiToken.DoesNotExist
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(entity="NguoiDung", key=user.username, action=ChangeAction.UPDATE,
                     before={"khoa_api": f"{token.name} ({token.prefix}…)"}, after={"khoa_api": "(đã thu hồi)"})


def token_user(text: str):
    """The active user a token stands for, or None (unknown, malformed, revoked or inactive user)."""
    if not text.startswith(TOKEN_START):
        return None
    prefix, _, secret = text[len(TOKEN_START):].partition("_")
    if not prefix or not secret or len(text) > 200:
        return None
    row = ApiToken.objects.active().select_related("user", "user__organization").filter(prefix=prefix).first()
    if row is None or not hmac.compare_digest(row.digest, _digest(text)) or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    row.user.api_token = row
    return row.user
