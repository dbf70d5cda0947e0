from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm

from accounts.models import User
from cadre.admin_audit import AuditedAdminMixin, audit_password_changed


class VietnamesePasswordChangeForm(AdminPasswordChangeForm):
    # Django writes this warning in English, outside its translations.
    usable_password_help_text = (
        "Người dùng có được đăng nhập bằng mật khẩu hay không. Khi tắt, người dùng vẫn có thể đăng nhập bằng "
        "cách khác (đăng nhập một lần, LDAP)."
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "Khi tắt, mật khẩu hiện tại của người dùng này sẽ bị xóa.</li></ul>"
    )


@admin.register(User)
class CadreUserAdmin(AuditedAdminMixin, UserAdmin):
    """Only superusers manage accounts: an admin limited to a subtree could otherwise make a
    superuser or move an account into another scope."""

    change_password_form = VietnamesePasswordChangeForm
    list_display = ["username", "get_full_name", "role", "organization", "is_active", "is_superuser"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Phạm vi dữ liệu", {"fields": ["role", "organization"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Phạm vi dữ liệu", {"fields": ["role", "organization"]}),
    ]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            audit_password_changed(self.get_object(request, id))
        return response
