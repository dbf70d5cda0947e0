"""Who may do what through the API: the roles of the pages (accounts.User)."""
from rest_framework.permissions import SAFE_METHODS, BasePermission

from cadre.audit_log import may_read_audit

READ_ONLY_ACCOUNT = "Tài khoản của bạn chỉ có quyền xem."


class EditorsWrite(BasePermission):
    """Everybody logged in reads; only staff and administrators write (reviewers get 403 before any lookup)."""

    message = READ_ONLY_ACCOUNT

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or bool(getattr(user, "can_edit", False))


class Editors(EditorsWrite):
    """Only users who enter data, for reading too (the import: reviewers do not upload)."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) and bool(getattr(request.user, "can_edit", False))


class AuditReaders(BasePermission):
    """The audit trail is read by system administrators only, as on the page (cadre.views.audit)."""

    message = "Chỉ quản trị hệ thống xem được nhật ký thay đổi."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and may_read_audit(user))
