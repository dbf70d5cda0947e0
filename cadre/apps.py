from django.apps import AppConfig


class CadreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cadre"
    verbose_name = "Hồ sơ cán bộ"
