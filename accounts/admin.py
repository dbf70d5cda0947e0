from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class CadreUserAdmin(UserAdmin):
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
