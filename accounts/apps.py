import axes.apps
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Người dùng"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_refreshed_at_login

        user_logged_in.connect(session_refreshed_at_login, dispatch_uid="accounts.session_refreshed_at_login")


class AxesConfig(axes.apps.AppConfig):
    """django-axes, named in Vietnamese in the admin."""
    default = False  # not a candidate for the accounts app itself
    verbose_name = "Chống dò mật khẩu"
