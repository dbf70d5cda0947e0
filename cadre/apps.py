from django.apps import AppConfig


class CadreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cadre"
    verbose_name = "Hồ sơ cán bộ"

    def ready(self):
        from django.core import checks
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from cadre import db_maintenance

        # Planner statistics after migrations (once: for this app's post_migrate only); WAL for a SQLite file.
        post_migrate.connect(db_maintenance.analyze_after_migrate, sender=self,
                             dispatch_uid="cadre.analyze_after_migrate")
        connection_created.connect(db_maintenance.configure_connection, dispatch_uid="cadre.configure_connection")
        checks.register(db_maintenance.check_sqlite_library, checks.Tags.database)
