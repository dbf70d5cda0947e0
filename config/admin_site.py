"""The admin site is for system administrators only.

Admitted: active superusers, and active staff accounts with the role
"Quản trị hệ thống" (accounts.Role.ADMIN). Committee staff and provincial
reviewers work in the application's pages, whatever their is_staff flag or
permissions. A non-superuser admin is still limited to their organization's
subtree by each ModelAdmin (cadre.admin.ScopedAdminMixin).
"""
from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm


def admitted(user) -> bool:
    return bool(getattr(user, "can_use_admin", False))


class CadreAdminAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not admitted(user):
            raise forms.ValidationError(
                "Trang quản trị chỉ dành cho quản trị hệ thống. Hãy dùng các trang nghiệp vụ của ứng dụng.",
                code="not_admin",
            )


class CadreAdminSite(admin.AdminSite):
    site_header = "Hồ sơ cán bộ - Quản trị hệ thống"
    site_title = "Hồ sơ cán bộ"
    index_title = "Quản trị dữ liệu"
    login_form = CadreAdminAuthenticationForm

    def each_context(self, request):
        """The header names the administrator's own committee ("Hồ sơ cán bộ - Ban Tổ chức Tỉnh ủy Lai Châu")."""
        from cadre.context_processors import committee

        context = super().each_context(request)
        if getattr(getattr(request, "user", None), "organization", None) is not None:
            context["site_header"] = f"Hồ sơ cán bộ - {committee(request)['committee_name']}"
        return context

    def has_permission(self, request):
        return request.user.is_active and admitted(request.user)
