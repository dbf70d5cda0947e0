"""The roles of the pages, as REST framework permissions (accounts.models.User.can_edit / can_review).

Checked before any object is looked up, as the pages' editor_required: a reviewer sending a write is
refused (403) whatever the object; an object outside the scope is then 404 for everybody else.
"""
from rest_framework.permissions import SAFE_METHODS, BasePermission

READ_ONLY = "Tài khoản của bạn chỉ có quyền xem."


class EditorsWrite(BasePermission):
    """Everybody signed in reads; only users who enter data (staff, administrators) write."""

    message = READ_ONLY

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or bool(getattr(user, "can_edit", False))


class Editors(EditorsWrite):
    """Only users who enter data, for reading too (the import: reviewers do not upload)."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) and bool(getattr(request.user, "can_edit", False))
