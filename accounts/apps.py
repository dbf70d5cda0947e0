import axes.apps
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Người dùng"


class AxesConfig(axes.apps.AppConfig):
    """django-axes, named in Vietnamese in the admin."""
    default = False  # not a candidate for the accounts app itself
    verbose_name = "Chống dò mật khẩu"
