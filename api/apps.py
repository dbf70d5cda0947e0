from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API cho phần mềm khác"

    def ready(self):
        from api import schema  # noqa: F401 (registers the schema's authentication extensions)
